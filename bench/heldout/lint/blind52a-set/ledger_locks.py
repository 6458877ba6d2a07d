"""A ledger service: account balances shared by the API's coroutines and a reconciliation thread."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

import redis


class Account:  # expect: lock-across-await
    def __init__(self, number: str, store) -> None:
        self.number = number
        self.store = store
        self._mutex = threading.Lock()
        self.balance = 0

    @property
    def lock(self) -> threading.Lock:
        return self._mutex

    def credit_sync(self, amount: int) -> None:  # called by the reconciliation thread
        with self.lock:
            self.balance += amount

    async def credit(self, amount: int) -> None:
        with self.lock:
            self.balance += amount
            await self.store.save_balance(self.number, self.balance)


class AsyncAccount:  # expect: clean  # near: lock-across-await
    def __init__(self, number: str, store) -> None:
        self.number = number
        self.store = store
        self._mutex = asyncio.Lock()
        self.balance = 0

    @property
    def lock(self) -> asyncio.Lock:
        return self._mutex

    async def credit(self, amount: int) -> None:
        async with self.lock:
            self.balance += amount
            await self.store.save_balance(self.number, self.balance)


class PerAccountLocks:  # expect: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)

    async def transfer(self, src: str, dst: str, amount: int) -> None:
        with self._locks[src]:
            await self.store.debit(src, amount)
            await self.store.credit(dst, amount)


class PerAccountAsyncLocks:  # expect: clean  # near: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def transfer(self, src: str, dst: str, amount: int) -> None:
        async with self._locks[src]:
            await self.store.debit(src, amount)
            await self.store.credit(dst, amount)


_journal_locks: dict[str, threading.RLock] = {}


def journal_lock(name: str) -> threading.RLock:  # expect: clean
    return _journal_locks.setdefault(name, threading.RLock())


async def append_journal(name: str, entry: dict, sink) -> None:  # expect: lock-across-await
    with journal_lock(name):
        await sink.append(name, entry)


async def append_journal_after(name: str, entry: dict, sink) -> None:  # expect: clean  # near: lock-across-await
    with journal_lock(name):
        line = dict(entry, seq=len(_journal_locks))
    await sink.append(name, line)


class Batcher:  # expect: lock-across-await
    def __init__(self, sink) -> None:
        self.sink = sink
        self._lock = threading.Lock()
        self._rows: list[dict] = []

    async def flush(self) -> None:
        with contextlib.ExitStack() as stack:
            stack.enter_context(self._lock)
            rows, self._rows = self._rows, []
            await self.sink.write_many(rows)


class BatcherStackClosed:  # expect: clean  # near: lock-across-await
    def __init__(self, sink) -> None:
        self.sink = sink
        self._lock = threading.Lock()
        self._rows: list[dict] = []

    async def flush(self) -> None:
        with contextlib.ExitStack() as stack:
            stack.enter_context(self._lock)
            rows, self._rows = self._rows, []
        await self.sink.write_many(rows)


class TwoPhaseCommit:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._commit_lock = threading.Lock()

    def _begin(self) -> None:
        self._commit_lock.acquire()

    def _end(self) -> None:
        self._commit_lock.release()

    async def commit(self, batch: list) -> None:
        self._begin()
        try:
            await self.db.prepare(batch)
            await self.db.commit()
        finally:
            self._end()


class TwoPhaseCommitSyncSide:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._commit_lock = threading.Lock()

    def _begin(self) -> None:
        self._commit_lock.acquire()

    def _end(self) -> None:
        self._commit_lock.release()

    def _commit_sync(self, batch: list) -> None:
        self._begin()
        try:
            self.db.prepare_sync(batch)
        finally:
            self._end()

    async def commit(self, batch: list) -> None:
        await asyncio.to_thread(self._commit_sync, batch)


class Settlement:  # expect: lock-across-await
    def __init__(self, bank) -> None:
        self.bank = bank
        self._cond = threading.Condition()
        self.pending: list = []

    def add(self, item) -> None:
        with self._cond:
            self.pending.append(item)
            self._cond.notify()

    async def settle(self) -> None:
        with self._cond:
            while self.pending:
                await self.bank.settle(self.pending.pop())


class SettlementNotifyOnly:  # expect: clean  # near: lock-across-await
    def __init__(self, bank) -> None:
        self.bank = bank
        self._cond = threading.Condition()
        self.pending: list = []

    async def settle(self) -> None:
        with self._cond:
            batch, self.pending = self.pending, []
            self._cond.notify_all()
        for item in batch:
            await self.bank.settle(item)


@dataclass
class Shard:  # expect: clean
    name: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    rows: list = field(default_factory=list)


async def write_shard(shard: Shard, db) -> None:  # expect: lock-across-await
    with shard.lock:
        await db.insert_many(shard.name, shard.rows)
        shard.rows.clear()


class Limits(NamedTuple):  # expect: clean
    sem: threading.BoundedSemaphore
    name: str


async def call_limited(limits: Limits, rpc, request):  # expect: lock-across-await
    with limits.sem:
        return await rpc(request)


class Statement:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db

    @functools.cached_property
    def _render_lock(self) -> threading.Lock:
        return threading.Lock()

    async def render(self, account: str) -> list:
        with self._render_lock:
            return [row async for row in self.db.stream_rows(account)]


class StatementThreadRender:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._render_lock = threading.Lock()

    def _render_sync(self, rows: list) -> list:
        with self._render_lock:
            return sorted(rows, key=lambda r: r["ts"])

    async def render(self, account: str) -> list:
        rows = [row async for row in self.db.stream_rows(account)]
        return await asyncio.to_thread(self._render_sync, rows)


async def rebuild_index(lock: threading.Lock | None, index) -> None:  # expect: lock-across-await
    if lock is None:
        await index.rebuild()
        return
    with lock:
        await index.rebuild()


class Reconciler:  # expect: lock-across-await
    def __init__(self, source) -> None:
        self.source = source
        self._lock = threading.RLock()
        self.matched = 0

    async def reconcile(self) -> None:
        with self._lock:
            async with self.source.snapshot() as snap:
                self.matched += len(snap)


class Callbacks:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list = []

    def register(self, notifier, account: str) -> None:
        with self._lock:
            async def notify() -> None:
                await notifier.send(account)

            self._pending.append(notify)

    async def run_all(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        for fn in pending:
            await fn()


class RedisLocked:  # expect: clean  # near: lock-across-await
    """redis-py's Lock is a lease in Redis, not a thread lock: its blocking acquire is on the network."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _locked_sync(self, fn) -> None:
        client = redis.Redis.from_url(self.url)
        with client.lock("ledger:rebuild", timeout=30):
            fn()

    async def rebuild(self, fn) -> None:
        await asyncio.to_thread(self._locked_sync, fn)


@contextlib.contextmanager
def frozen(account: Account) -> Iterator[Account]:  # expect: clean
    with account.lock:
        yield account


async def audit(account: Account, auditor) -> None:  # expect: lock-across-await
    with frozen(account) as acct:
        await auditor.check(acct.number, acct.balance)
