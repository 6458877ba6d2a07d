"""The ingest pipeline: syslog over UDP and HTTP, through the stages, into the sinks."""
from __future__ import annotations

import asyncio
import logging

from .queues import Stage, make_inbox, make_outbox
from .sinks import HttpSink
from .spawn import announce, fire_and_forget, keeper, log_failure, spawn_returning

log = logging.getLogger("ingest.pipeline")


class SyslogProtocol(asyncio.DatagramProtocol):  # expect: unbounded-queue
    def __init__(self) -> None:
        self.lines: asyncio.Queue[bytes] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr) -> None:
        self.lines.put_nowait(data)

    async def next_line(self) -> bytes:
        return await self.lines.get()


class SheddingSyslogProtocol(asyncio.DatagramProtocol):  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.lines: asyncio.Queue[bytes] = asyncio.Queue(maxsize=10_000)
        self.dropped = 0

    def datagram_received(self, data: bytes, addr) -> None:
        try:
            self.lines.put_nowait(data)
        except asyncio.QueueFull:
            self.dropped += 1


async def tail_into(source, sink: HttpSink) -> None:  # expect: ?unbounded-queue
    outbox = make_outbox()

    async def drain() -> None:
        while True:
            await sink.write(await outbox.get())

    async with asyncio.TaskGroup() as tg:
        tg.create_task(drain())
        async for record in source:
            outbox.put_nowait(record)


async def tail_into_bounded(source, sink: HttpSink) -> None:  # expect: clean  # near: unbounded-queue
    inbox = make_inbox(1_000)

    async def drain() -> None:
        while True:
            await sink.write(await inbox.get())

    async with asyncio.TaskGroup() as tg:
        tg.create_task(drain())
        async for record in source:
            await inbox.put(record)


class Pipeline:  # expect: dangling-task
    def __init__(self, stages: list[Stage], sink: HttpSink) -> None:
        self.stages = stages
        self.sink = sink
        self.dirty = False

    async def start(self, source) -> None:
        announce(asyncio.create_task(self.stages[0].feed(source)))
        for stage in self.stages:
            keeper.spawn(stage.run(self.sink.write))


class PipelineKept:  # expect: clean  # near: dangling-task
    def __init__(self, stages: list[Stage], sink: HttpSink) -> None:
        self.stages = stages
        self.sink = sink

    async def start(self, source) -> None:
        keeper.keep(asyncio.create_task(self.stages[0].feed(source)))
        for stage in self.stages:
            keeper.spawn(stage.run(self.sink.write))


async def start_reporters(reporters) -> None:  # expect: ?dangling-task
    for reporter in reporters:
        fire_and_forget(reporter.run())


async def start_reporters_logged(reporters) -> list[asyncio.Task]:  # expect: clean  # near: dangling-task
    return [spawn_returning(r.run(), name=f"reporter-{r.name}") for r in reporters]


async def fan_out(sinks: list[HttpSink], record: dict) -> None:  # expect: dangling-task
    [asyncio.create_task(s.write(record)) for s in sinks]


async def fan_out_awaited(sinks: list[HttpSink], record: dict) -> None:  # expect: clean  # near: dangling-task
    writes = [asyncio.create_task(s.write(record)) for s in sinks]
    await asyncio.gather(*writes)


class FlushTimer:  # expect: dangling-task
    def __init__(self, sink: HttpSink, every: float = 2.0) -> None:
        self.sink = sink
        self.every = every
        self.dirty = False

    async def tick(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            asyncio.create_task(self.sink.flush()) if self.dirty else None
            self.dirty = False


class Reconnector:  # expect: dangling-task
    def __init__(self, connect) -> None:
        self.connect = connect
        self.attempts = 0

    async def reconnect(self) -> None:
        self.attempts += 1
        task = asyncio.create_task(self.connect())
        log.info("reconnecting, attempt %d", self.attempts)


class ReconnectorWaits:  # expect: clean  # near: dangling-task
    def __init__(self, connect) -> None:
        self.connect = connect
        self.attempts = 0

    async def reconnect(self) -> bool:
        self.attempts += 1
        task = asyncio.create_task(self.connect())
        log.info("reconnecting, attempt %d", self.attempts)
        try:
            await asyncio.wait_for(task, timeout=5)
        except asyncio.TimeoutError:
            return False
        return True


async def warm_caches(loaders) -> None:  # expect: dangling-task
    for loader in loaders:
        asyncio.create_task(loader.load(), name=f"warm-{loader.name}").add_done_callback(log_failure)


async def close_sinks(sinks: list[HttpSink]) -> None:  # expect: dangling-task
    asyncio.gather(*(s.close() for s in sinks), return_exceptions=True)
    log.info("sinks closed")
