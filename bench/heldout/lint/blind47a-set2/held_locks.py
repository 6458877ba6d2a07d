"""Thread locks an inference gateway and a sync agent share with their worker threads, reached in roundabout ways."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple, Optional

import anyio

log = logging.getLogger("gateway")
_REGISTRY_LOCK = threading.RLock()
_registry: dict[str, object] = {}


@contextmanager
def registry_locked() -> Iterator[dict]:  # expect: clean
    with _REGISTRY_LOCK:
        yield _registry


async def register_model(name: str, loader) -> None:  # expect: lock-across-await
    with registry_locked() as reg:
        reg[name] = await loader(name)


async def register_model_ok(name: str, loader) -> None:  # expect: clean  # near: lock-across-await
    model = await loader(name)
    with registry_locked() as reg:
        reg[name] = model


@dataclass
class GatewayState:  # expect: clean
    lock: threading.Lock = field(default_factory=threading.Lock)
    inflight: int = 0


STATE = GatewayState()


async def admit(request, handler):  # expect: lock-across-await
    with STATE.lock:
        STATE.inflight += 1
        try:
            return await handler(request)
        finally:
            STATE.inflight -= 1


async def admit_ok(request, handler):  # expect: clean  # near: lock-across-await
    with STATE.lock:
        STATE.inflight += 1
    try:
        return await handler(request)
    finally:
        with STATE.lock:
            STATE.inflight -= 1


class Slot(NamedTuple):  # expect: clean
    lock: threading.Lock
    device: str


async def run_on_slot(slot: Slot, batch, infer) -> list:  # expect: lock-across-await
    with slot.lock:
        return await infer(slot.device, batch)


async def run_on_slot_threaded(slot: Slot, batch, infer_sync) -> list:  # expect: clean  # near: lock-across-await
    def locked() -> list:
        with slot.lock:
            return infer_sync(slot.device, batch)

    return await asyncio.to_thread(locked)


class BaseWorker:  # expect: clean
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done: list[str] = []


class UploadWorker(BaseWorker):  # expect: lock-across-await
    async def finish(self, key: str, store) -> None:
        with self._lock:
            self.done.append(key)
            await store.mark_done(key)


class AsyncBaseWorker:  # expect: clean
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.done: list[str] = []


class UploadWorkerAsync(AsyncBaseWorker):  # expect: clean  # near: lock-across-await
    async def finish(self, key: str, store) -> None:
        async with self._lock:
            self.done.append(key)
            await store.mark_done(key)


class Spooler:  # expect: lock-across-await
    _lock: Optional[threading.Lock] = None

    def start(self) -> None:
        self._lock = threading.Lock()

    async def spool(self, chunks, buffer: list) -> None:
        assert self._lock is not None
        with self._lock:
            async for chunk in chunks:
                buffer.append(chunk)


class CondFeeder:  # expect: lock-across-await
    def __init__(self) -> None:
        self._mu = threading.Lock()
        self._ready = threading.Condition(self._mu)
        self.items: list = []

    async def feed(self, source) -> None:
        with self._ready:
            self.items.extend(await source.fetch())
            self._ready.notify_all()


class CondFeederOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._mu = threading.Lock()
        self._ready = threading.Condition(self._mu)
        self.items: list = []

    async def feed(self, source) -> None:
        fresh = await source.fetch()
        with self._ready:
            self.items.extend(fresh)
            self._ready.notify_all()


class TimedAcquire:  # expect: lock-across-await, ?blocking-call
    def __init__(self) -> None:
        self._lock = threading.Lock()

    async def exclusive(self, job) -> bool:
        if not self._lock.acquire(timeout=5):
            return False
        try:
            await job()
            return True
        finally:
            self._lock.release()


class TryAcquire:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.pending: list = []

    async def maybe_flush(self, sink) -> None:
        if not self._lock.acquire(blocking=False):
            return
        try:
            batch, self.pending = self.pending, []
        finally:
            self._lock.release()
        await sink.write(batch)


class Scheduler:  # expect: clean  # near: lock-across-await
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Task] = set()

    async def spawn(self, coro) -> asyncio.Task:
        with self._lock:
            task = asyncio.create_task(coro)
            self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task


async def anyio_guarded(lock: anyio.Lock, work) -> None:  # expect: clean  # near: lock-across-await
    async with lock:
        await work()


class Cache:  # expect: lock-across-await
    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._values: dict[str, bytes] = {}

    def _lock_for(self, key: str) -> threading.Lock:
        return self._locks.setdefault(key, threading.Lock())

    async def get_or_fetch(self, key: str, fetch) -> bytes:
        lock = self._lock_for(key)
        with lock:
            if key not in self._values:
                self._values[key] = await fetch(key)
            return self._values[key]


class Snapshotter:  # expect: ?lock-across-await
    """An async generator that yields while holding a thread lock: the consumer's awaits run in between."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.rows: list[dict] = []

    async def stream(self):
        with self._lock:
            for row in self.rows:
                yield row


async def guarded_by_suppress(lock: threading.Lock, job) -> None:  # expect: lock-across-await
    with contextlib.suppress(TimeoutError), lock:
        await asyncio.wait_for(job(), 5)
