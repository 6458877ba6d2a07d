"""Shared state of a metrics exporter: threads scrape, coroutines serve."""
from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field
from threading import RLock as ReentrantLock

_registry_lock = threading.RLock()
_registry: dict[str, float] = {}


class Registry:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.values: dict[str, float] = {}

    async def refresh(self, source) -> None:
        with self._lock:
            self.values = await source.read_all()


class ShortRegistry:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.values: dict[str, float] = {}

    async def refresh(self, source) -> None:
        fresh = await source.read_all()
        with self._lock:
            self.values = fresh


class AsyncRegistry:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.values: dict[str, float] = {}

    async def refresh(self, source) -> None:
        async with self._lock:
            self.values = await source.read_all()


async def publish_snapshot(sink) -> None:  # expect: lock-across-await
    with _registry_lock:
        snapshot = dict(_registry)
        await sink.send(snapshot)


async def publish_copy(sink) -> None:  # expect: clean  # near: lock-across-await
    with _registry_lock:
        snapshot = dict(_registry)
    await sink.send(snapshot)


class Gauge:  # expect: lock-across-await
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.value = 0.0

    async def set_from(self, probe) -> None:
        with self._cond:
            self.value = await probe()
            self._cond.notify_all()


@dataclass
class Limiter:  # expect: lock-across-await
    slots: threading.Semaphore = field(default_factory=lambda: threading.BoundedSemaphore(4))

    async def call(self, fn, *args):
        with self.slots:
            return await fn(*args)


class Pool:  # expect: lock-across-await
    def __init__(self) -> None:
        self._guard = ReentrantLock()
        self.conns: list = []

    @property
    def guard(self) -> threading.RLock:
        return self._guard

    async def grow(self, connect) -> None:
        with self.guard:
            self.conns.append(await connect())


class ThreadPoolGuard:  # expect: clean  # near: lock-across-await
    """`lock` is only taken in the sync worker, handed to a thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def _bump(self) -> None:
        with self.lock:
            self.count += 1

    async def bump(self) -> None:
        await asyncio.to_thread(self._bump)
        await asyncio.sleep(0)


@contextlib.contextmanager
def locked_registry():  # expect: clean
    with _registry_lock:
        yield _registry


async def export(sink) -> None:  # expect: lock-across-await
    with locked_registry() as reg:
        await sink.send(dict(reg))


async def export_copy(sink) -> None:  # expect: clean  # near: lock-across-await
    with locked_registry() as reg:
        snapshot = dict(reg)
    await sink.send(snapshot)


async def timed_acquire(lock: threading.Lock, work) -> bool:  # expect: lock-across-await, ?blocking-call
    if not lock.acquire(timeout=0.5):
        return False
    try:
        await work()
        return True
    finally:
        lock.release()


async def try_acquire(lock: threading.Lock, work) -> bool:  # expect: clean, ?lock-across-await  # near: lock-across-await
    if not lock.acquire(blocking=False):
        return False
    try:
        work()
    finally:
        lock.release()
    await asyncio.sleep(0)
    return True


class Counter:  # expect: clean  # near: lock-across-await
    """A Lock named like a threading one, but from asyncio."""

    def __init__(self) -> None:
        self.lock = asyncio.Semaphore(1)

    async def incr(self, store) -> None:
        async with self.lock:
            await store.incr("n")
