"""Workers that move records through the stages."""
from __future__ import annotations

import asyncio
import logging

from .sinks import BeaconSink, FileSink, HttpSink

log = logging.getLogger("ingest.workers")


async def consume(queue: asyncio.Queue, handle) -> None:  # expect: cancellation-swallowed
    while True:
        record = await queue.get()
        try:
            await handle(record)
        except BaseException:
            log.exception("record %r failed", record)
        finally:
            queue.task_done()


async def consume_resilient(queue: asyncio.Queue, handle) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        record = await queue.get()
        try:
            await handle(record)
        except Exception:
            log.exception("record %r failed", record)
        finally:
            queue.task_done()


class Heartbeat:  # expect: cancellation-swallowed
    def __init__(self, client, interval: float = 5.0) -> None:
        self.client = client
        self.interval = interval
        self.stopped = False

    async def run(self) -> None:
        while not self.stopped:
            try:
                await self.client.ping()
                await asyncio.sleep(self.interval)
            except asyncio.CancelledError:
                break
        await self.client.close()


class HeartbeatReraises:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, client, interval: float = 5.0) -> None:
        self.client = client
        self.interval = interval

    async def run(self) -> None:
        try:
            while True:
                await self.client.ping()
                await asyncio.sleep(self.interval)
        except asyncio.CancelledError:
            await self.client.close()
            raise


async def drain(queue: asyncio.Queue, timeout: float) -> bool:  # expect: cancellation-swallowed
    try:
        await asyncio.wait_for(queue.join(), timeout)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        log.warning("%d records left undrained", queue.qsize())
        return False
    return True


async def flush_all(sinks: list[HttpSink]) -> None:  # expect: unawaited-coroutine
    for sink in sinks:
        sink.flush()
    log.info("flushed %d sinks", len(sinks))


async def flush_files(sinks: list[FileSink]) -> None:  # expect: blocking-call  # near: unawaited-coroutine
    for sink in sinks:
        sink.flush()
    log.info("flushed %d files", len(sinks))


async def record_batch(beacon: BeaconSink, batch: list[dict]) -> None:  # expect: unawaited-coroutine
    if not batch:
        return
    beacon.beat(len(batch))


def sync_shutdown(sink: HttpSink) -> None:  # expect: clean  # near: unawaited-coroutine
    asyncio.run(sink.close())


async def checkpoint(sink: HttpSink, every: int, counter: int) -> int:  # expect: unawaited-coroutine
    counter += 1
    if counter % every == 0:
        asyncio.get_running_loop().call_soon(sink.flush)
    return counter
