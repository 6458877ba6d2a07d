"""An apiary monitor: hive scales and microphones read by threads, an asyncio dashboard that shows them."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import queue
import signal
import threading
from dataclasses import dataclass, field
from typing import Annotated, NamedTuple, Optional, TypeAlias, TypedDict

import attrs

log = logging.getLogger("apiary")

SampleQueue: TypeAlias = queue.Queue

READERS = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="hive")


@dataclass
class ScaleReader:  # expect: thread-unsafe-capture
    port: object
    swarm_alarm: asyncio.Event = field(default_factory=asyncio.Event)

    def _poll(self) -> None:
        while True:
            grams = float(self.port.readline())
            if grams < 0:
                self.swarm_alarm.set()

    def start(self) -> None:
        threading.Thread(target=self._poll, daemon=True).start()


@dataclass
class ThreadSafeScaleReader:  # expect: clean  # near: thread-unsafe-capture
    port: object
    swarm_alarm: threading.Event = field(default_factory=threading.Event)

    def _poll(self) -> None:
        while True:
            grams = float(self.port.readline())
            if grams < 0:
                self.swarm_alarm.set()

    def start(self) -> None:
        threading.Thread(target=self._poll, daemon=True).start()


class AcousticSensor:  # expect: thread-unsafe-capture
    buzz: asyncio.Queue[float]

    def __init__(self, mic) -> None:
        self.mic = mic

    async def start(self) -> None:
        self.buzz = asyncio.Queue(maxsize=128)
        READERS.submit(self._listen)

    def _listen(self) -> None:
        while True:
            level = self.mic.rms()
            self.buzz.put_nowait(level)


class LoopAwareAcousticSensor:  # expect: clean  # near: thread-unsafe-capture
    buzz: asyncio.Queue[float]
    loop: asyncio.AbstractEventLoop

    def __init__(self, mic) -> None:
        self.mic = mic

    async def start(self) -> None:
        self.buzz = asyncio.Queue(maxsize=128)
        self.loop = asyncio.get_running_loop()
        READERS.submit(self._listen)

    def _listen(self) -> None:
        while True:
            level = self.mic.rms()
            self.loop.call_soon_threadsafe(self.buzz.put_nowait, level)


class HiveProbe(NamedTuple):  # expect: clean
    hive: str
    reply: asyncio.Future[bytes]


class ProbeBus:  # expect: thread-unsafe-capture
    """A serial bus that answers probes in order; a reader thread pairs replies with the waiting futures."""

    def __init__(self, port) -> None:
        self.port = port
        self.waiting: list[HiveProbe] = []
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self) -> None:
        while True:
            data = self.port.read(64)
            if self.waiting:
                probe = self.waiting.pop(0)
                probe.reply.set_result(data)

    async def ask(self, hive: str) -> bytes:
        fut: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.waiting.append(HiveProbe(hive, fut))
        self.port.write(hive.encode())
        return await fut


class ThreadSafeProbeBus:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, port, loop: asyncio.AbstractEventLoop) -> None:
        self.port = port
        self.loop = loop
        self.waiting: list[HiveProbe] = []
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self) -> None:
        while True:
            data = self.port.read(64)
            if self.waiting:
                probe = self.waiting.pop(0)
                self.loop.call_soon_threadsafe(probe.reply.set_result, data)

    async def ask(self, hive: str) -> bytes:
        fut: asyncio.Future[bytes] = self.loop.create_future()
        self.waiting.append(HiveProbe(hive, fut))
        self.port.write(hive.encode())
        return await fut


class Signals(TypedDict):  # expect: clean
    stop: asyncio.Event
    rotate_logs: threading.Event


def install_handlers(sig: Signals) -> None:  # expect: thread-unsafe-capture
    def on_term(signum, frame) -> None:
        sig["stop"].set()

    signal.signal(signal.SIGTERM, on_term)


def install_rotate_handler(sig: Signals) -> None:  # expect: clean  # near: thread-unsafe-capture
    def on_hup(signum, frame) -> None:
        sig["rotate_logs"].set()

    signal.signal(signal.SIGHUP, on_hup)


class WeightLogger:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.latest: dict[str, float] = {}

    async def attach(self) -> None:
        self.loop = asyncio.get_running_loop()

    def on_sample(self, hive: str, grams: float) -> None:
        """Called by the scale SDK's own thread."""
        self.latest[hive] = grams
        if self.loop is not None:
            self.loop.call_soon(log.info, "hive %s: %.0f g", hive, grams)

    def watch(self, sdk) -> None:
        threading.Thread(target=sdk.run, args=(self.on_sample,), daemon=True).start()


class ThreadSafeWeightLogger:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.latest: dict[str, float] = {}

    async def attach(self) -> None:
        self.loop = asyncio.get_running_loop()

    def on_sample(self, hive: str, grams: float) -> None:
        self.latest[hive] = grams
        if self.loop is not None:
            self.loop.call_soon_threadsafe(log.info, "hive %s: %.0f g", hive, grams)

    def watch(self, sdk) -> None:
        threading.Thread(target=sdk.run, args=(self.on_sample,), daemon=True).start()


class Dashboard:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self._refresh = asyncio.Event()

    @property
    def refresh(self) -> asyncio.Event:
        return self._refresh

    def schedule_snapshot(self, hive: str) -> None:
        fut = READERS.submit(self._snapshot, hive)
        fut.add_done_callback(lambda _f: self.refresh.set())

    def _snapshot(self, hive: str) -> bytes:
        return hive.encode()


class WrappedDashboard:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self._refresh = asyncio.Event()

    @property
    def refresh(self) -> asyncio.Event:
        return self._refresh

    async def snapshot(self, hive: str) -> None:
        fut = asyncio.wrap_future(READERS.submit(self._snapshot, hive))
        fut.add_done_callback(lambda _f: self.refresh.set())
        await fut

    def _snapshot(self, hive: str) -> bytes:
        return hive.encode()


class Waiters:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.pending: dict[str, list[asyncio.Future[float]]] = {}
        self.lock = threading.Lock()

    async def wait_weight(self, hive: str) -> float:
        fut = asyncio.get_running_loop().create_future()
        with self.lock:
            self.pending.setdefault(hive, []).append(fut)
        return await fut

    def feed(self, hive: str, grams: float) -> None:
        with self.lock:
            futures = self.pending.pop(hive, [])
        for fut in futures:
            fut.set_result(grams)

    def start(self, scale) -> None:
        threading.Thread(target=scale.stream, args=(self.feed,), daemon=True).start()


class SyncWaiters:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.pending: dict[str, list[concurrent.futures.Future[float]]] = {}
        self.lock = threading.Lock()

    async def wait_weight(self, hive: str) -> float:
        fut: concurrent.futures.Future[float] = concurrent.futures.Future()
        with self.lock:
            self.pending.setdefault(hive, []).append(fut)
        return await asyncio.wrap_future(fut)

    def feed(self, hive: str, grams: float) -> None:
        with self.lock:
            futures = self.pending.pop(hive, [])
        for fut in futures:
            fut.set_result(grams)

    def start(self, scale) -> None:
        threading.Thread(target=scale.stream, args=(self.feed,), daemon=True).start()


def drain_to_thread_queue(samples: queue.Queue[float], out: list[float]) -> None:  # expect: clean
    while not samples.empty():
        out.append(samples.get_nowait())


class HiveFeed:  # expect: unbounded-queue
    def __init__(self, gateway) -> None:
        self.gateway = gateway

    @functools.cached_property
    def readings(self) -> asyncio.Queue[dict]:
        return asyncio.Queue()

    async def pump(self) -> None:
        while True:
            reading = await self.gateway.next_reading()
            await self.readings.put(reading)


class BoundedHiveFeed:  # expect: clean  # near: unbounded-queue
    def __init__(self, gateway) -> None:
        self.gateway = gateway

    @functools.cached_property
    def readings(self) -> asyncio.Queue[dict]:
        return asyncio.Queue(maxsize=256)

    async def pump(self) -> None:
        while True:
            reading = await self.gateway.next_reading()
            await self.readings.put(reading)


class HiveInbox(asyncio.Queue[dict]):  # expect: unbounded-queue
    def __init__(self) -> None:
        super().__init__()
        self.received = 0


class BoundedHiveInbox(asyncio.Queue[dict]):  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        super().__init__(maxsize=1000)
        self.received = 0


class InboxReader:  # expect: clean, ?unbounded-queue
    def __init__(self) -> None:
        self.inbox = HiveInbox()

    async def pump(self, messages) -> None:
        async for msg in messages:
            self.inbox.put_nowait(msg)
            self.inbox.received += 1


class BoundedInboxReader:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.inbox = BoundedHiveInbox()

    async def pump(self, messages) -> None:
        async for msg in messages:
            await self.inbox.put(msg)
            self.inbox.received += 1


@attrs.define
class GatewayProtocol(asyncio.Protocol):  # expect: unbounded-queue
    frames: asyncio.Queue[bytes] = attrs.field(factory=asyncio.Queue)

    def data_received(self, data: bytes) -> None:
        self.frames.put_nowait(data)


@dataclass
class LogTail:  # expect: unbounded-queue
    path: str
    lines: Annotated[asyncio.Queue[str], "tail output"] = field(default_factory=asyncio.Queue)

    async def follow(self, reader: asyncio.StreamReader) -> None:
        async for raw in reader:
            await self.lines.put(raw.decode())


class SampleSpool:  # expect: clean  # near: unbounded-queue
    """A hand-over to the sync uploader thread: a thread queue, not an asyncio channel."""

    def __init__(self) -> None:
        self.samples: SampleQueue = SampleQueue()

    async def collect(self, stream) -> None:
        async for sample in stream:
            self.samples.put(sample)
