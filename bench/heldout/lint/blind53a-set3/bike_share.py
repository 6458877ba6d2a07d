"""A city bike-share backend: docks, rides and the rebalancing vans, shared by the API's coroutines and the dock
gateway threads."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import queue
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace

log = logging.getLogger("bikes")

_LEDGER_LOCK = None
DEFAULTS = SimpleNamespace(backlog=0, vans=4)
IGNORED = (Exception, asyncio.CancelledError)


def ledger_lock():  # expect: clean
    global _LEDGER_LOCK
    if _LEDGER_LOCK is None:
        _LEDGER_LOCK = threading.Lock()
    return _LEDGER_LOCK


async def settle_ride(ride, ledger) -> None:  # expect: lock-across-await
    with ledger_lock():
        await ledger.charge(ride.user, ride.fare)


async def settle_ride_after(ride, ledger) -> None:  # expect: clean  # near: lock-across-await
    with ledger_lock():
        fare = ride.fare
    await ledger.charge(ride.user, fare)


class DockRegistry:  # expect: lock-across-await
    def __init__(self, api) -> None:
        self.api = api
        self._locks: dict[str, threading.Lock] = {}

    async def release_bike(self, dock: str) -> None:
        lock = self._locks.get(dock)
        if lock is None:
            return
        with lock:
            await self.api.unlock(dock)


class RideStream:  # expect: lock-across-await
    def __init__(self, source) -> None:
        self.source = source
        self._lock = threading.Lock()

    def __aiter__(self) -> "RideStream":
        return self

    async def __anext__(self) -> dict:
        with self._lock:
            ride = await self.source.next_ride()
        if ride is None:
            raise StopAsyncIteration
        return ride


class MapTiles:  # expect: lock-across-await
    def __init__(self, session) -> None:
        self.session = session
        self._cache_lock = threading.Lock()
        self.cache: dict[str, bytes] = {}

    async def tile(self, key: str) -> bytes:
        with self._cache_lock:
            if key not in self.cache:
                async with self.session.get(f"/tiles/{key}") as resp:
                    self.cache[key] = await resp.read()
            return self.cache[key]


class MapTilesDeferred:  # expect: clean  # near: lock-across-await
    def __init__(self, session) -> None:
        self.session = session
        self._cache_lock = threading.Lock()
        self.cache: dict[str, bytes] = {}

    async def tile(self, key: str) -> bytes:
        with self._cache_lock:
            cached = self.cache.get(key)
            pending = None if cached is not None else self.session.fetch(f"/tiles/{key}")
        if pending is not None:
            cached = await pending
            with self._cache_lock:
                self.cache[key] = cached
        return cached


async def sync_stations(stations, api) -> int:  # expect: cancellation-swallowed
    synced = 0
    for station in stations:
        with contextlib.suppress(*IGNORED):
            await api.push(station)
            synced += 1
    return synced


async def sync_stations_errors(stations, api) -> int:  # expect: clean  # near: cancellation-swallowed
    synced = 0
    for station in stations:
        with contextlib.suppress(Exception):
            await api.push(station)
            synced += 1
    return synced


class VanDispatcher:  # expect: cancellation-swallowed
    def __init__(self, vans) -> None:
        self.vans = vans
        self.failures = 0

    async def dispatch(self, job) -> None:
        while True:
            try:
                await self.vans.assign(job)
                return
            except BaseException:
                self.failures += 1
                if self.failures > 3:
                    raise
                await asyncio.sleep(2)


async def read_dock(dock) -> dict | None:  # expect: cancellation-swallowed
    try:
        return await dock.read_state()
    except BaseException as exc:
        if isinstance(exc, Exception):
            log.warning("dock %s failed: %r", dock, exc)
        else:
            log.info("dock %s read interrupted", dock)
    return None


async def read_dock_timeout(dock) -> dict | None:  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wait_for(dock.read_state(), 3)
    except (asyncio.TimeoutError, Exception) as exc:
        log.warning("dock %s failed: %r", dock, exc)
    return None


class Rebalancer:  # expect: cancellation-swallowed
    def __init__(self, planner) -> None:
        self.planner = planner
        self._stopped = False
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while not self._stopped:
            try:
                await self.planner.plan_round()
            except asyncio.CancelledError:
                log.info("round interrupted")
            await asyncio.sleep(60)

    async def stop(self) -> None:
        self._stopped = True
        if self._task is not None:
            self._task.cancel()


class DockGateway:  # expect: thread-unsafe-capture
    """Dock events are handled by a worker thread that runs whatever callables the gateway is handed."""

    def __init__(self) -> None:
        self.jobs: queue.Queue = queue.Queue()
        self.arrived = asyncio.Event()
        threading.Thread(target=self._work, daemon=True).start()

    def _work(self) -> None:
        while True:
            job = self.jobs.get()
            job()

    async def wait_arrival(self) -> None:
        self.jobs.put(self.arrived.set)
        await self.arrived.wait()


class DockGatewaySafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.jobs: queue.Queue = queue.Queue()
        self.arrived = asyncio.Event()
        threading.Thread(target=self._work, daemon=True).start()

    def _work(self) -> None:
        while True:
            job = self.jobs.get()
            job()

    async def wait_arrival(self) -> None:
        loop = asyncio.get_running_loop()
        self.jobs.put(functools.partial(loop.call_soon_threadsafe, self.arrived.set))
        await self.arrived.wait()


def poll_docks(gateway, on_event) -> None:  # expect: clean
    for event in gateway.events():
        on_event(event)


class DockFeed:  # expect: thread-unsafe-capture
    def __init__(self, gateway) -> None:
        self.gateway = gateway
        self.events: asyncio.Queue = asyncio.Queue(maxsize=500)

    async def start(self) -> None:
        threading.Thread(target=poll_docks, kwargs=dict(gateway=self.gateway, on_event=self.events.put_nowait),
                         daemon=True).start()


class DockFeedThreadQueue:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, gateway) -> None:
        self.gateway = gateway
        self.events: queue.Queue = queue.Queue(maxsize=500)

    async def start(self) -> None:
        threading.Thread(target=poll_docks, kwargs=dict(gateway=self.gateway, on_event=self.events.put),
                         daemon=True).start()

    async def next_event(self):
        return await asyncio.to_thread(self.events.get)


async def run_standalone(coro_factory) -> None:  # expect: clean  # near: thread-unsafe-capture
    t = threading.Thread(target=asyncio.run, args=(coro_factory(),), daemon=True)
    t.start()
    await asyncio.to_thread(t.join)


class Telemetry:  # expect: unbounded-queue
    def __init__(self, cfg: dict) -> None:
        self._cfg = cfg
        self.points: asyncio.Queue = asyncio.Queue(self.backlog)

    @property
    def backlog(self) -> int:
        return self._cfg.get("telemetry_backlog", 0)

    async def record(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            await self.points.put(line)


class TelemetryFloor:  # expect: clean  # near: unbounded-queue
    def __init__(self, cfg: dict) -> None:
        self._cfg = cfg
        self.points: asyncio.Queue = asyncio.Queue(self.backlog)

    @property
    def backlog(self) -> int:
        return max(1, self._cfg.get("telemetry_backlog", 1000))

    async def record(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            await self.points.put(line)


class VanChannel:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.orders: asyncio.Queue = asyncio.Queue(maxsize=DEFAULTS.backlog)

    async def order(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            await self.orders.put(line)


@dataclass
class FeedConfig:  # expect: clean
    backlog: int = field(default=0)
    name: str = "feed"


class PartnerFeed:  # expect: unbounded-queue
    def __init__(self) -> None:
        cfg = FeedConfig()
        self.updates: asyncio.Queue = asyncio.Queue(cfg.backlog)

    async def pump(self, ws) -> None:
        async for update in ws:
            await self.updates.put(update)


class PartnerFeedSized:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        cfg = FeedConfig(backlog=256)
        self.updates: asyncio.Queue = asyncio.Queue(cfg.backlog)

    async def pump(self, ws) -> None:
        async for update in ws:
            await self.updates.put(update)


class Archive:  # expect: unbounded-spawn
    def __init__(self, store) -> None:
        self.store = store
        self._tasks: set[asyncio.Task] = set()

    async def archive(self, resp) -> None:
        async for chunk in resp.aiter_bytes():
            t = asyncio.create_task(self.store.put(chunk))
            self._tasks.add(t)
            t.add_done_callback(self._tasks.discard)


class ArchiveLimited:  # expect: clean  # near: unbounded-spawn
    def __init__(self, store, limit: int = 8) -> None:
        self.store = store
        self._slots = asyncio.Semaphore(limit)

    async def _put(self, chunk: bytes) -> None:
        try:
            await self.store.put(chunk)
        finally:
            self._slots.release()

    async def archive(self, resp) -> None:
        async with asyncio.TaskGroup() as tg:
            async for chunk in resp.aiter_bytes():
                await self._slots.acquire()
                tg.create_task(self._put(chunk))
