"""The consumers: one aiokafka loop per topic, and the two legacy bridges still polling the old clusters."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from typing import Awaitable, Callable, Protocol, TypeVar

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord
from typing_extensions import ParamSpec

from . import BOOK, OffsetBook, make_async_consumer, make_async_producer, make_audit_producer, make_confluent_consumer
from . import make_legacy_consumer
from .frames import WindowFrame

log = logging.getLogger("streamstats.consume")
P = ParamSpec("P")
R = TypeVar("R")
Handler = Callable[[dict], Awaitable[None]]


class EventSink(Protocol):  # expect: clean
    async def write(self, rows: list[dict]) -> None: ...

    def mark_flushed(self, count: int) -> None: ...


async def consume_clicks(handle: Handler) -> None:  # expect: clean  # near: blocking-call
    consumer = make_async_consumer("clicks", group="stats")
    await consumer.start()
    try:
        async for record in consumer:
            await handle(json.loads(record.value))
            await consumer.commit()
    finally:
        await consumer.stop()


async def consume_orders_legacy(handle: Handler) -> None:  # expect: blocking-call
    consumer = make_legacy_consumer("orders", group="stats")
    while True:
        batch = consumer.poll(timeout_ms=500)
        for records in batch.values():
            for record in records:
                await handle(json.loads(record.value))


async def consume_payments(handle: Handler) -> None:  # expect: blocking-call
    consumer = make_confluent_consumer("stats")
    consumer.subscribe(["payments"])
    while True:
        msg = consumer.poll(1.0)
        if msg is None or msg.error():
            await asyncio.sleep(0)
            continue
        await handle(json.loads(msg.value()))


async def consume_payments_offloaded(handle: Handler) -> None:  # expect: clean  # near: blocking-call
    consumer = make_confluent_consumer("stats-2")
    consumer.subscribe(["payments"])
    while True:
        msg = await asyncio.to_thread(consumer.poll, 1.0)
        if msg is None or msg.error():
            continue
        await handle(json.loads(msg.value()))


class Republisher:  # expect: unawaited-coroutine
    """Reads enriched events and forwards them to the aggregates topic."""

    def __init__(self) -> None:
        self.producer = make_async_producer()
        self.sent = 0

    async def start(self) -> None:
        await self.producer.start()

    async def forward(self, record: ConsumerRecord) -> None:
        self.producer.send("aggregates", record.value, key=record.key)
        self.sent += 1


class RepublisherOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.producer = make_async_producer()
        self.pending: list[asyncio.Future] = []

    async def forward(self, record: ConsumerRecord) -> None:
        delivery = await self.producer.send("aggregates", record.value, key=record.key)
        self.pending.append(delivery)

    async def drain(self) -> None:
        await asyncio.gather(*self.pending)
        self.pending.clear()


class AuditTrail:  # expect: blocking-call
    """Every decision also goes to the compliance cluster, still on kafka-python."""

    def __init__(self, enabled: bool) -> None:
        self._producer = make_audit_producer(enabled)

    async def record(self, decision: dict) -> None:
        if self._producer is None:
            return
        self._producer.send("audit", json.dumps(decision).encode()).get(timeout=10)


class AuditTrailOk:  # expect: clean  # near: blocking-call
    def __init__(self, enabled: bool) -> None:
        self._producer = make_audit_producer(enabled)

    def _record_sync(self, payload: bytes) -> None:
        self._producer.send("audit", payload).get(timeout=10)

    async def record(self, decision: dict) -> None:
        if self._producer is not None:
            await asyncio.to_thread(self._record_sync, json.dumps(decision).encode())


async def flush_window(sink: EventSink, frame: WindowFrame) -> None:  # expect: unawaited-coroutine
    rows = frame.to_rows()
    if rows:
        sink.write(rows)
    frame.reset()


async def flush_window_ok(sink: EventSink, frame: WindowFrame) -> None:  # expect: clean  # near: unawaited-coroutine
    rows = frame.to_rows()
    if rows:
        await sink.write(rows)
        sink.mark_flushed(len(rows))
    frame.reset()


async def consume_forever(topic: str, handle: Handler) -> None:  # expect: cancellation-swallowed
    consumer = make_async_consumer(topic, group="stats-forever")
    await consumer.start()
    while True:
        try:
            batch = await consumer.getmany(timeout_ms=1000)
            for records in batch.values():
                for record in records:
                    await handle(json.loads(record.value))
        except BaseException:
            log.exception("batch failed on %s, retrying", topic)
            await asyncio.sleep(1)


async def consume_resilient(topic: str, handle: Handler) -> None:  # expect: clean  # near: cancellation-swallowed
    consumer = make_async_consumer(topic, group="stats-resilient")
    await consumer.start()
    try:
        while True:
            try:
                batch = await consumer.getmany(timeout_ms=1000)
                for records in batch.values():
                    for record in records:
                        await handle(json.loads(record.value))
            except Exception:
                log.exception("batch failed on %s, retrying", topic)
                await asyncio.sleep(1)
    finally:
        await consumer.stop()


async def poll_lag(consumer: AIOKafkaConsumer, every: float) -> None:  # expect: cancellation-swallowed
    while True:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            ends = await consumer.end_offsets(list(consumer.assignment()))
            log.debug("end offsets %s", ends)
        await asyncio.sleep(every)


async def stop_poller(task: asyncio.Task) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


@contextlib.asynccontextmanager
async def step_guard(name: str):  # expect: cancellation-swallowed
    try:
        yield
    except BaseException:
        log.exception("step %s failed, the pipeline goes on", name)


@contextlib.asynccontextmanager
async def step_timer(name: str):  # expect: clean  # near: cancellation-swallowed
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        log.warning("step %s aborted after %.1fs", name, time.perf_counter() - started)
        raise


async def commit_tracked(consumer: AIOKafkaConsumer, record: ConsumerRecord) -> None:  # expect: lock-across-await
    with BOOK.editing() as offsets:
        offsets[(record.topic, record.partition)] = record.offset + 1
        await consumer.commit({TopicPartition(record.topic, record.partition): record.offset + 1})


async def commit_tracked_ok(consumer: AIOKafkaConsumer, record: ConsumerRecord) -> None:  # expect: clean  # near: lock-across-await
    with BOOK.editing() as offsets:
        offsets[(record.topic, record.partition)] = record.offset + 1
    await consumer.commit({TopicPartition(record.topic, record.partition): record.offset + 1})


class LagReporter:  # expect: lock-across-await
    def __init__(self, consumer: AIOKafkaConsumer, book: OffsetBook) -> None:
        self.consumer = consumer
        self.book = book

    async def lag(self) -> dict:
        with self.book.lock:
            ends = await self.consumer.end_offsets(list(self.consumer.assignment()))
            return {tp: end - self.book.offsets.get((tp.topic, tp.partition), 0) for tp, end in ends.items()}


class LagReporterOk:  # expect: clean  # near: lock-across-await
    def __init__(self, consumer: AIOKafkaConsumer, book: OffsetBook) -> None:
        self.consumer = consumer
        self.book = book

    async def lag(self) -> dict:
        ends = await self.consumer.end_offsets(list(self.consumer.assignment()))
        done = self.book.snapshot()
        return {tp: end - done.get((tp.topic, tp.partition), 0) for tp, end in ends.items()}


async def stop_all(consumers: list[AIOKafkaConsumer]) -> None:  # expect: unawaited-coroutine
    stops = [c.stop() for c in consumers]
    log.info("stopping %d consumers", len(stops))


async def stop_all_ok(consumers: list[AIOKafkaConsumer]) -> None:  # expect: clean  # near: unawaited-coroutine
    stops = [c.stop() for c in consumers]
    log.info("stopping %d consumers", len(stops))
    await asyncio.gather(*stops, return_exceptions=True)


def timed(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.debug("%s took %.3fs", fn.__name__, time.perf_counter() - started)

    return wrapper


@timed
async def enrich(record: ConsumerRecord) -> dict:  # expect: clean
    event = json.loads(record.value)
    event["partition"] = record.partition
    return event


async def prewarm(records: list[ConsumerRecord]) -> None:  # expect: unawaited-coroutine
    for record in records[:10]:
        enrich(record)


async def prewarm_ok(records: list[ConsumerRecord]) -> list[dict]:  # expect: clean  # near: unawaited-coroutine
    return [await enrich(record) for record in records[:10]]
