"""A job runner whose state is guarded by thread locks shared with a legacy worker pool."""
from __future__ import annotations

import asyncio
import contextlib
import threading
import typing
from threading import Lock, RLock
from typing import ClassVar, Optional

if typing.TYPE_CHECKING:
    from threading import Semaphore


class Runner:  # expect: lock-across-await
    _global: ClassVar[Lock] = Lock()

    async def run(self, job) -> None:
        with Runner._global:
            await job.start()


class Runner2:  # expect: lock-across-await
    _global = threading.Lock()

    async def run(self, job) -> None:
        with type(self)._global:
            await job.start()


class Runner3:  # expect: lock-across-await
    def __init__(self) -> None:
        self._locks = [RLock() for _ in range(4)]

    async def run(self, idx: int, job) -> None:
        with self._locks[idx % 4]:
            await job.start()


async def run_with(sem: "Semaphore", job) -> None:  # expect: lock-across-await
    with sem:
        await job.start()


async def run_many(lock: Lock, jobs) -> None:  # expect: lock-across-await
    with lock:
        await asyncio.gather(*(j.start() for j in jobs))


async def run_many_released(lock: Lock, jobs) -> None:  # expect: clean  # near: lock-across-await
    with lock:
        starts = [j.start() for j in jobs]
    await asyncio.gather(*starts)


async def run_timeout(lock: Lock, job) -> bool:  # expect: lock-across-await
    if lock.acquire(timeout=1):
        try:
            await job.start()
        finally:
            lock.release()
        return True
    return False


class Ctx:  # expect: lock-across-await
    def __init__(self) -> None:
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def guard(self):
        with self.lock:
            yield

    async def step(self, job) -> None:
        with self.guard():
            await job.start()


class CtxAsync:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def guard(self):
        async with self.lock:
            yield

    async def step(self, job) -> None:
        async with self.guard():
            await job.start()


class Holder:  # expect: lock-across-await
    def __init__(self, lock: Optional[RLock] = None) -> None:
        self._lock = lock if lock is not None else RLock()

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()

    async def do(self, job) -> None:
        with self:
            await job.start()


async def yields_under_lock(lock: Lock, items):  # expect: lock-across-await
    with lock:
        for it in items:
            yield it


async def async_for_under_lock(lock: Lock, stream) -> int:  # expect: lock-across-await
    n = 0
    with lock:
        async for _ in stream:
            n += 1
    return n


async def async_with_under_lock(lock: Lock, pool) -> None:  # expect: lock-across-await
    with lock:
        async with pool.acquire() as conn:
            conn.touch()


async def nested_sync_fn(lock: Lock, job) -> None:  # expect: clean  # near: lock-across-await
    def locked_step() -> None:
        with lock:
            job.mark()

    locked_step()
    await job.start()


async def lock_in_walrus(locks: dict, key: str, job) -> None:  # expect: ?lock-across-await
    if (lk := locks.get(key)) is not None:
        with lk:
            await job.start()


class MultiLock:  # expect: lock-across-await
    def __init__(self) -> None:
        self.a = threading.Lock()
        self.b = threading.Lock()

    async def both(self, job) -> None:
        with self.a, self.b:
            await job.start()


class Sync:  # expect: clean  # near: lock-across-await
    lock = threading.Lock()

    def run(self, job) -> None:
        with self.lock:
            job.run_sync()
