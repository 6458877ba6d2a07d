"""Caches, rate limiters and file-backed stores shared between worker threads and the asyncio API."""
from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Awaitable, Callable

import fasteners
import portalocker
from filelock import FileLock

_token_lock = threading.Lock()
_token: str | None = None


class ModelCache:  # expect: lock-across-await
    def __init__(self, loader):
        self._loader = loader
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._models: dict[str, object] = {}

    async def get(self, name: str):
        with self._locks[name]:
            if name not in self._models:
                self._models[name] = await self._loader(name)
            return self._models[name]


class ModelCacheAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, loader):
        self._loader = loader
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._models: dict[str, object] = {}

    async def get(self, name: str):
        async with self._locks[name]:
            if name not in self._models:
                self._models[name] = await self._loader(name)
            return self._models[name]


async def refresh_token(fetch: Callable[[], Awaitable[str]]) -> str:  # expect: lock-across-await
    global _token
    _token_lock.acquire()
    if _token is None:
        _token = await fetch()
    _token_lock.release()
    return _token


async def current_token(fetch: Callable[[], Awaitable[str]]) -> str:  # expect: clean  # near: lock-across-await
    global _token
    with _token_lock:
        cached = _token
    if cached is not None:
        return cached
    fresh = await fetch()
    with _token_lock:
        _token = fresh
    return fresh


@dataclass
class Limiter:  # expect: lock-across-await
    per_second: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0

    async def run(self, job: Callable[[], Awaitable[None]]) -> None:
        with self.lock:
            self.sent += 1
            if self.sent >= self.per_second:
                await asyncio.sleep(1)
                self.sent = 0
        await job()


class Ledger:  # expect: lock-across-await
    def __init__(self, db):
        self.db = db
        self._lock = threading.RLock()

    @contextlib.contextmanager
    def _exclusive(self):
        with self._lock:
            yield

    async def transfer(self, src: str, dst: str, amount: int) -> None:
        with self._exclusive():
            await self.db.debit(src, amount)
            await self.db.credit(dst, amount)


class LedgerSnapshot:  # expect: clean  # near: lock-across-await
    def __init__(self, db):
        self.db = db
        self._lock = threading.RLock()
        self._balances: dict[str, int] = {}

    @contextlib.contextmanager
    def _exclusive(self):
        with self._lock:
            yield

    async def balance(self, account: str) -> int:
        with self._exclusive():
            cached = self._balances.get(account)
        if cached is None:
            cached = await self.db.balance(account)
        return cached


async def download_once(url: str, dest: str, http) -> None:  # expect: blocking-call, ?lock-across-await
    with FileLock(dest + ".lock", timeout=60):
        resp = await http.get(url)
        with open(dest, "wb") as fh:
            fh.write(resp.content)


def _write_locked(dest: str, data: bytes) -> None:  # expect: clean  # near: lock-across-await
    with FileLock(dest + ".lock", timeout=60):
        with open(dest, "wb") as fh:
            fh.write(data)


async def download_once_offloaded(url: str, dest: str, http) -> None:  # expect: clean  # near: lock-across-await
    resp = await http.get(url)
    await asyncio.to_thread(_write_locked, dest, resp.content)


async def append_audit(path: str, make_line: Callable[[], Awaitable[str]]) -> None:  # expect: blocking-call, ?lock-across-await
    with portalocker.Lock(path, "a", timeout=5) as fh:
        fh.write(await make_line() + "\n")


async def append_audit_prepared(path: str, make_line: Callable[[], Awaitable[str]]) -> None:  # expect: blocking-call  # near: lock-across-await
    line = await make_line()
    with portalocker.Lock(path, "a", timeout=5) as fh:
        fh.write(line + "\n")


class SharedCounter:  # expect: lock-across-await
    """Counts jobs across the worker processes of a multiprocessing pool."""

    def __init__(self, manager: multiprocessing.managers.SyncManager):
        self._lock = manager.Lock()
        self._value = manager.Value("i", 0)

    async def bump_and_report(self, report: Callable[[int], Awaitable[None]]) -> None:
        with self._lock:
            self._value.value += 1
            await report(self._value.value)


class PidGuard:  # expect: ?lock-across-await
    def __init__(self, path: str):
        self._lock = fasteners.InterProcessLock(path)

    async def run_exclusive(self, job: Callable[[], Awaitable[None]]) -> bool:
        if not self._lock.acquire(blocking=False):
            return False
        try:
            await job()
        finally:
            self._lock.release()
        return True


async def publish_batch(lock: threading.Lock, batch: list, send) -> None:  # expect: lock-across-await
    with lock:
        for item in batch:
            await send(item)


async def publish_batch_copy(lock: threading.Lock, batch: list, send) -> None:  # expect: clean  # near: lock-across-await
    with lock:
        pending = list(batch)
        batch.clear()
    for item in pending:
        await send(item)


class StreamFanout:  # expect: lock-across-await
    def __init__(self):
        self._subs_lock = threading.Lock()
        self._subs: list[asyncio.Queue] = []

    async def pump(self, source) -> None:
        with self._subs_lock:
            async for msg in source:
                for q in self._subs:
                    q.put_nowait(msg)


class Poster:  # expect: lock-across-await
    def __init__(self, session_factory):
        self._lock = threading.Lock()
        self._session_factory = session_factory

    async def post(self, url: str, body: dict) -> int:
        with self._lock:
            async with self._session_factory() as session:
                resp = await session.post(url, json=body)
                return resp.status


class ThreadBridge:  # expect: clean  # near: lock-across-await
    """Threads hand results to the loop; the lock only guards the list, never an await."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._lock = threading.Lock()
        self._results: list = []
        self._ready = asyncio.Event()

    def push(self, item) -> None:
        with self._lock:
            self._results.append(item)
        self._loop.call_soon_threadsafe(self._ready.set)

    async def next_batch(self) -> list:
        await self._ready.wait()
        with self._lock:
            out, self._results = self._results, []
            self._ready.clear()
        return out


class Scheduler:  # expect: clean  # near: lock-across-await
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs: dict[str, asyncio.Task] = {}

    async def submit(self, name: str, make) -> None:
        # defines a coroutine function under the lock; nothing is awaited while it is held
        with self._lock:
            async def runner():
                await make()
                self._jobs.pop(name, None)

            self._jobs[name] = asyncio.get_running_loop().create_task(runner())


class Throttle:  # expect: lock-across-await, blocking-call
    def __init__(self, limit: int):
        self._cond = threading.Condition()
        self._in_flight = 0
        self._limit = limit

    async def call(self, fn):
        with self._cond:
            while self._in_flight >= self._limit:
                self._cond.wait(0.1)
            self._in_flight += 1
            try:
                return await fn()
            finally:
                self._in_flight -= 1
                self._cond.notify()


async def with_exit_stack(locks: list[threading.Lock], action) -> None:  # expect: lock-across-await
    with contextlib.ExitStack() as stack:
        for lk in locks:
            stack.enter_context(lk)
        await action()


class AsyncRateGate:  # expect: clean  # near: lock-across-await
    def __init__(self, permits: int):
        self._sem = asyncio.BoundedSemaphore(permits)
        self._stats_lock = threading.Lock()
        self.calls = 0

    async def call(self, fn):
        async with self._sem:
            with self._stats_lock:
                self.calls += 1
            return await fn()
