"""Shared caches of a feature-flag service: state touched from worker threads and from coroutines."""
from __future__ import annotations

import asyncio
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from threading import BoundedSemaphore, Condition, RLock
from typing import Optional

_locks: dict[str, threading.Lock] = {}
_flags_lock = threading.RLock()
_cond = Condition()
_upload_slots = BoundedSemaphore(4)


async def refresh_flags(store) -> dict:  # expect: lock-across-await
    with _flags_lock:
        return await store.load_all()


async def wait_for_flags(store) -> None:  # expect: lock-across-await
    with _cond:
        await store.changed()
        _cond.notify_all()


async def upload(client, blob) -> None:  # expect: lock-across-await
    with _upload_slots:
        await client.put(blob)


async def upload_bounded(client, blob) -> None:  # expect: clean  # near: lock-across-await
    async with asyncio.BoundedSemaphore(4):
        await client.put(blob)


def _lock_for(key: str) -> threading.Lock:  # expect: clean
    return _locks.setdefault(key, threading.Lock())


async def update_key(key: str, store, value) -> None:  # expect: lock-across-await
    with _lock_for(key):
        await store.set(key, value)


async def update_key_via_dict(key: str, store, value) -> None:  # expect: lock-across-await
    lock = _locks[key]
    with lock:
        await store.set(key, value)


async def update_key_snapshot(key: str, store, value) -> None:  # expect: clean  # near: lock-across-await
    with _lock_for(key):
        pending = {key: value}
    await store.set_many(pending)


class FlagCache:  # expect: lock-across-await
    def __init__(self) -> None:
        self._rlock = RLock()
        self._data: dict = {}

    @property
    def lock(self) -> RLock:
        return self._rlock

    async def reload(self, source) -> None:
        with self.lock:
            self._data = await source.fetch()


class FlagCacheSync:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._rlock = RLock()
        self._data: dict = {}

    def set(self, k, v) -> None:
        with self._rlock:
            self._data[k] = v

    async def reload(self, source) -> None:
        data = await source.fetch()
        with self._rlock:
            self._data = data


async def publish_locked(lock: threading.Lock, bus, event) -> None:  # expect: lock-across-await
    with lock:
        await bus.publish(event)


async def publish_locked_async(lock: asyncio.Lock, bus, event) -> None:  # expect: clean  # near: lock-across-await
    async with lock:
        await bus.publish(event)


async def publish_optional(lock: Optional[threading.RLock], bus, event) -> None:  # expect: lock-across-await
    assert lock is not None
    with lock:
        await bus.publish(event)


async def publish_str_annot(lock: "threading.Lock", bus, event) -> None:  # expect: lock-across-await
    lock.acquire()
    try:
        await bus.publish(event)
    finally:
        lock.release()


async def conditional_acquire(lock: threading.Lock, store, urgent: bool) -> None:  # expect: lock-across-await
    if urgent:
        lock.acquire()
    try:
        await store.flush()
    finally:
        if urgent:
            lock.release()


async def try_acquire(lock: threading.Lock, store) -> bool:  # expect: lock-across-await
    if not lock.acquire(blocking=False):
        return False
    try:
        await store.flush()
    finally:
        lock.release()
    return True


@dataclass
class Ledger:  # expect: lock-across-await
    entries: list = field(default_factory=list)
    mu: threading.Lock = field(default_factory=threading.Lock)

    async def commit(self, db) -> None:
        with self.mu:
            await db.write(self.entries)
            self.entries.clear()


@dataclass
class AsyncLedger:  # expect: clean  # near: lock-across-await
    entries: list = field(default_factory=list)
    mu: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def commit(self, db) -> None:
        async with self.mu:
            await db.write(self.entries)
            self.entries.clear()


class Base:  # expect: clean
    def __init__(self) -> None:
        self._state_lock = threading.Lock()


class Child(Base):  # expect: lock-across-await
    async def save(self, store) -> None:
        with self._state_lock:
            await store.save(self)


@contextmanager
def locked(lock: threading.Lock):  # expect: clean
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


async def save_with_helper(lock: threading.Lock, store) -> None:  # expect: lock-across-await
    with locked(lock):
        await store.save()


class Worker:  # expect: lock-across-await
    locks = {"io": threading.Lock(), "cpu": threading.Lock()}

    async def run(self, job) -> None:
        with self.locks["io"]:
            await job.fetch()


class Counters:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._n = 0

    def bump(self) -> int:
        with self._lock:
            self._n += 1
            return self._n

    async def bump_and_report(self, sink) -> None:
        n = self.bump()
        await sink.send(n)


async def drain_with_thread_lock(q: asyncio.Queue, lock: threading.Lock) -> list:  # expect: lock-across-await
    out = []
    with lock:
        while not q.empty():
            out.append(await q.get())
    return out


async def lock_in_thread(lock: threading.Lock, fn) -> None:  # expect: clean  # near: lock-across-await
    def guarded():
        with lock:
            fn()

    await asyncio.to_thread(guarded)


class RegistryHolder:  # expect: lock-across-await
    def __init__(self) -> None:
        self._guards = {"flags": threading.RLock()}

    def guard(self, name: str) -> threading.RLock:
        return self._guards[name]

    async def swap(self, loader) -> None:
        with self.guard("flags"):
            await loader()
