"""A device fleet manager: per-device state shared by poller threads and the asyncio API."""
from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import logging
import signal
import threading
from dataclasses import dataclass, field
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


@dataclass
class DeviceState:  # expect: clean
    name: str
    online: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class Registry:  # expect: lock-across-await
    def __init__(self, store) -> None:
        self._locks: collections.defaultdict[str, threading.Lock] = collections.defaultdict(threading.Lock)
        self.store = store

    async def rename(self, old: str, new: str) -> None:
        with self._locks[old]:
            await self.store.move(old, new)


class SnapshotRegistry:  # expect: clean  # near: lock-across-await
    def __init__(self, store) -> None:
        self._locks: collections.defaultdict[str, threading.Lock] = collections.defaultdict(threading.Lock)
        self._names: dict[str, str] = {}
        self.store = store

    async def rename(self, old: str, new: str) -> None:
        with self._locks[old]:
            self._names[new] = self._names.pop(old)
        await self.store.move(old, new)


async def mark_online(state: DeviceState, notify: Callable[[str], Awaitable[None]]) -> None:  # expect: lock-across-await
    with state.lock:
        state.online = True
        await notify(state.name)


async def mark_offline(state: DeviceState, notify: Callable[[str], Awaitable[None]]) -> None:  # expect: clean  # near: lock-across-await
    with state.lock:
        state.online = False
    await notify(state.name)


class Firmware:  # expect: lock-across-await
    _flash_guard = threading.BoundedSemaphore(2)

    def __init__(self, uploader) -> None:
        self.uploader = uploader

    async def flash(self, device: str, image: bytes) -> None:
        with contextlib.ExitStack() as stack:
            stack.enter_context(self._flash_guard)
            async for chunk_ack in self.uploader.stream(device, image):
                log.debug("ack %s", chunk_ack)


class Telemetry:  # expect: lock-across-await
    def __init__(self, sink) -> None:
        self._cond = threading.Condition()
        self._pending: list[dict] = []
        self.sink = sink

    def push(self, sample: dict) -> None:
        with self._cond:
            self._pending.append(sample)
            self._cond.notify()

    async def drain(self) -> None:
        with self._cond:
            batch = [await self.sink.encode(s) for s in self._pending]
            self._pending.clear()
        await self.sink.send(batch)


class Poller:  # expect: thread-unsafe-capture, blocking-call
    def __init__(self, devices: list[str], read) -> None:
        self.devices = devices
        self.read = read
        self.results: asyncio.Queue[tuple[str, dict]] = asyncio.Queue(maxsize=500)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=8)

    def _poll_one(self, device: str) -> None:
        self.results.put_nowait((device, self.read(device)))

    async def poll_all(self) -> None:
        list(self._pool.map(self._poll_one, self.devices))


class SafePoller:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, devices: list[str], read) -> None:
        self.devices = devices
        self.read = read
        self.results: asyncio.Queue[tuple[str, dict]] = asyncio.Queue(maxsize=500)

    async def poll_all(self) -> None:
        loop = asyncio.get_running_loop()
        for device in self.devices:
            reading = await loop.run_in_executor(None, self.read, device)
            await self.results.put((device, reading))


class Watch:  # expect: thread-unsafe-capture
    def __init__(self, timeout: float) -> None:
        self.expired = asyncio.Event()
        self.timeout = timeout
        self._timer: threading.Timer | None = None

    def arm(self) -> None:
        self._timer = threading.Timer(self.timeout, self.expired.set)
        self._timer.start()


class LoopWatch:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, timeout: float) -> None:
        self.expired = asyncio.Event()
        self.timeout = timeout
        self._handle: asyncio.TimerHandle | None = None

    def arm(self) -> None:
        loop = asyncio.get_running_loop()
        self._handle = loop.call_later(self.timeout, self.expired.set)


async def probe_in_pool(pool: concurrent.futures.Executor, device: str, probe) -> dict:  # expect: thread-unsafe-capture
    done: asyncio.Future[dict] = asyncio.get_running_loop().create_future()
    job = pool.submit(probe, device)
    job.add_done_callback(lambda f: done.set_result(f.result()))
    return await done


async def probe_wrapped(pool: concurrent.futures.Executor, device: str, probe) -> dict:  # expect: clean  # near: thread-unsafe-capture
    job = pool.submit(probe, device)
    return await asyncio.wrap_future(job)


def install_reload(reload_requested: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGHUP, lambda signum, frame: reload_requested.set())


class Supervisor:  # expect: cancellation-swallowed
    def __init__(self, check) -> None:
        self.check = check

    async def run(self) -> None:
        while True:
            try:
                await self.check()
                await asyncio.sleep(5)
            except BaseException:
                log.exception("health check failed; retrying")
                await asyncio.sleep(1)


class CarefulSupervisor:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, check) -> None:
        self.check = check

    async def run(self) -> None:
        while True:
            try:
                await self.check()
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                log.info("supervisor stopping")
                raise
            except BaseException:
                log.exception("health check failed; retrying")
                await asyncio.sleep(1)


async def read_with_default(read, default: dict) -> dict:  # expect: cancellation-swallowed
    try:
        return await read()
    except (asyncio.TimeoutError, asyncio.CancelledError):
        return default


async def read_with_timeout(read, default: dict) -> dict:  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wait_for(read(), timeout=3)
    except asyncio.TimeoutError:
        return default


async def close_session(session) -> None:  # expect: cancellation-swallowed
    try:
        await session.goodbye()
    finally:
        await session.close()
        return


async def stop_reader(reader: asyncio.Task) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    reader.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await reader


async def each_device(devices: list[str], ping) -> dict[str, bool]:  # expect: cancellation-swallowed
    alive: dict[str, bool] = {}
    for device in devices:
        try:
            await ping(device)
            alive[device] = True
        except:  # noqa: E722
            alive[device] = False
    return alive
