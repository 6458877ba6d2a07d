"""Event plumbing of an order system: RabbitMQ (aio-pika), Kafka (aiokafka, confluent) and NATS side by side."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from concurrent.futures import CancelledError as FutureCancelled
from typing import Optional

import aio_pika
import nats
import pika
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from confluent_kafka import Consumer, Producer
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext

log = logging.getLogger("events")


class OrderEvents:  # expect: unawaited-coroutine
    def __init__(self, channel: aio_pika.abc.AbstractChannel) -> None:
        self.channel = channel

    async def emitted(self, order: dict) -> None:
        body = json.dumps(order).encode()
        self.channel.default_exchange.publish(aio_pika.Message(body), routing_key="orders")
        log.debug("order %s emitted", order["id"])


class OrderEventsOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, channel: aio_pika.abc.AbstractChannel) -> None:
        self.channel = channel

    async def emitted(self, order: dict) -> None:
        body = json.dumps(order).encode()
        await self.channel.default_exchange.publish(aio_pika.Message(body), routing_key="orders")
        log.debug("order %s emitted", order["id"])


async def publish_legacy(order: dict) -> None:  # expect: blocking-call
    conn = pika.BlockingConnection(pika.ConnectionParameters("rabbit"))
    ch = conn.channel()
    ch.basic_publish(exchange="", routing_key="orders", body=json.dumps(order))
    conn.close()


async def consume_orders(queue: aio_pika.abc.AbstractQueue, handle) -> None:  # expect: cancellation-swallowed
    async with queue.iterator() as it:
        async for message in it:
            try:
                async with message.process():
                    await handle(json.loads(message.body))
            except BaseException:
                log.exception("order message failed; moving on")


async def consume_orders_ok(queue: aio_pika.abc.AbstractQueue, handle) -> None:  # expect: clean  # near: cancellation-swallowed
    async with queue.iterator() as it:
        async for message in it:
            try:
                async with message.process(requeue=True):
                    await handle(json.loads(message.body))
            except Exception:
                log.exception("order message failed; moving on")


class KafkaOutbox:  # expect: unawaited-coroutine
    def __init__(self, producer: AIOKafkaProducer, topic: str) -> None:
        self.producer = producer
        self.topic = topic

    async def send(self, key: str, value: dict) -> None:
        self.producer.send(self.topic, json.dumps(value).encode(), key=key.encode())

    async def close(self) -> None:
        await self.producer.flush()
        await self.producer.stop()


class KafkaOutboxOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, producer: AIOKafkaProducer, topic: str) -> None:
        self.producer = producer
        self.topic = topic

    async def send(self, key: str, value: dict) -> None:
        await self.producer.send_and_wait(self.topic, json.dumps(value).encode(), key=key.encode())


async def replay_from(consumer: AIOKafkaConsumer, tp: TopicPartition, offset: int, handle) -> None:  # expect: clean  # near: unawaited-coroutine
    consumer.assign([tp])
    consumer.seek(tp, offset)
    async for record in consumer:
        await handle(record)


async def commit_batch(consumer: AIOKafkaConsumer, records: list, handle) -> None:  # expect: unawaited-coroutine
    for record in records:
        await handle(record)
    consumer.commit()


async def drain_confluent(consumer: Consumer, handle) -> None:  # expect: blocking-call
    while True:
        msg = consumer.poll(1.0)
        if msg is None:
            await asyncio.sleep(0)
            continue
        await handle(msg.value())


async def drain_confluent_nonblocking(consumer: Consumer, handle) -> None:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    while True:
        msg = await loop.run_in_executor(None, consumer.poll, 1.0)
        if msg is not None:
            await handle(msg.value())


class ConfluentPublisher:  # expect: blocking-call
    def __init__(self, conf: dict) -> None:
        self._producer: Producer = Producer(conf)

    async def publish(self, topic: str, value: bytes) -> None:
        self._producer.produce(topic, value)
        self._producer.flush()


class ConfluentPublisherOk:  # expect: clean  # near: blocking-call
    def __init__(self, conf: dict) -> None:
        self._producer: Producer = Producer(conf)

    async def publish(self, topic: str, value: bytes) -> None:
        self._producer.produce(topic, value)
        self._producer.poll(0)


async def nats_notify(nc: NATS, subject: str, payload: dict) -> None:  # expect: unawaited-coroutine
    nc.publish(subject, json.dumps(payload).encode())
    await nc.flush(timeout=1)


async def nats_notify_ok(nc: NATS, subject: str, payload: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    await nc.publish(subject, json.dumps(payload).encode())
    await nc.flush(timeout=1)


class JetWorker:  # expect: unawaited-coroutine
    js: Optional[JetStreamContext] = None

    async def start(self, servers: list[str]) -> None:
        nc = await nats.connect(servers=servers)
        self.js = nc.jetstream()

    async def handle(self, msg) -> None:
        data = json.loads(msg.data)
        if self.js is not None:
            self.js.publish("orders.audit", json.dumps({"seen": data["id"]}).encode())
        await msg.ack()


async def request_reply(nc: NATS, subject: str, body: bytes) -> bytes:  # expect: cancellation-swallowed
    while True:
        try:
            reply = await nc.request(subject, body, timeout=2)
            return reply.data
        except (nats.errors.TimeoutError, asyncio.CancelledError):
            log.warning("no reply on %s, retrying", subject)
            await asyncio.sleep(0.5)


async def request_reply_ok(nc: NATS, subject: str, body: bytes) -> bytes:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            reply = await nc.request(subject, body, timeout=2)
            return reply.data
        except nats.errors.TimeoutError:
            log.warning("no reply on %s, retrying", subject)
            await asyncio.sleep(0.5)


async def bridge_future(fut) -> Optional[bytes]:  # expect: clean  # near: cancellation-swallowed
    # concurrent.futures' CancelledError is not asyncio's since 3.8: a cancel of this task passes through
    try:
        return await asyncio.wrap_future(fut)
    except FutureCancelled:
        return None


class Heartbeat:  # expect: cancellation-swallowed
    def __init__(self, nc: NATS, subject: str) -> None:
        self.nc = nc
        self.subject = subject

    async def run(self) -> None:
        while True:
            with contextlib.suppress(asyncio.CancelledError, nats.errors.ConnectionClosedError):
                await self.nc.publish(self.subject, b"beat")
                await asyncio.sleep(5)


class HeartbeatOk:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, nc: NATS, subject: str) -> None:
        self.nc = nc
        self.subject = subject

    async def run(self) -> None:
        while True:
            with contextlib.suppress(nats.errors.ConnectionClosedError):
                await self.nc.publish(self.subject, b"beat")
            await asyncio.sleep(5)


class OffsetTracker:  # expect: lock-across-await
    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self.consumer = consumer
        self.offsets: dict[TopicPartition, int] = {}
        self.lock = threading.Lock()

    async def flush(self) -> None:
        with self.lock:
            if self.offsets:
                await self.consumer.commit({tp: off + 1 for tp, off in self.offsets.items()})
                self.offsets.clear()


class OffsetTrackerOk:  # expect: clean  # near: lock-across-await
    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self.consumer = consumer
        self.offsets: dict[TopicPartition, int] = {}
        self.lock = threading.Lock()

    async def flush(self) -> None:
        with self.lock:
            pending, self.offsets = self.offsets, {}
        if pending:
            await self.consumer.commit({tp: off + 1 for tp, off in pending.items()})


async def fan_out(nc: NATS, subjects: list[str], payload: bytes) -> None:  # expect: dangling-task
    for s in subjects:
        asyncio.ensure_future(nc.publish(s, payload))


async def fan_out_ok(nc: NATS, subjects: list[str], payload: bytes) -> None:  # expect: clean  # near: dangling-task
    async with asyncio.TaskGroup() as tg:
        for s in subjects:
            tg.create_task(nc.publish(s, payload))


class Inbox:  # expect: unbounded-queue
    def __init__(self, nc: NATS) -> None:
        self.nc = nc
        self.pending: asyncio.Queue[bytes] = asyncio.Queue(maxsize=0)

    async def subscribe(self, subject: str) -> None:
        async def on_msg(msg) -> None:
            await self.pending.put(msg.data)

        await self.nc.subscribe(subject, cb=on_msg)
