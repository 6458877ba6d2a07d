"""An accounts ledger whose balances are guarded by thread locks shared with a sync admin API."""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Awaitable, Callable

Persist = Callable[[str, int], Awaitable[None]]
_ACCOUNT_LOCKS: dict[str, threading.Lock] = {}
_REGISTRY_LOCK = threading.Lock()


def account_lock(account: str) -> threading.Lock:  # expect: clean
    with _REGISTRY_LOCK:
        return _ACCOUNT_LOCKS.setdefault(account, threading.Lock())


async def credit(account: str, amount: int, balances: dict[str, int], persist: Persist) -> None:  # expect: lock-across-await
    with account_lock(account):
        balances[account] = balances.get(account, 0) + amount
        await persist(account, balances[account])


async def credit_then_persist(account: str, amount: int, balances: dict[str, int], persist: Persist) -> None:  # expect: clean  # near: lock-across-await
    with account_lock(account):
        balances[account] = balances.get(account, 0) + amount
        new = balances[account]
    await persist(account, new)


@dataclass
class Ledger:  # expect: lock-across-await
    persist: Persist
    balances: dict[str, int] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    async def transfer(self, src: str, dst: str, amount: int) -> None:
        with self.lock:
            self.balances[src] -= amount
            self.balances[dst] = self.balances.get(dst, 0) + amount
            await asyncio.gather(self.persist(src, self.balances[src]), self.persist(dst, self.balances[dst]))


async def move(lock_a: threading.Lock, lock_b: threading.Lock, persist: Persist) -> None:  # expect: lock-across-await
    with lock_a, lock_b:
        await persist("a", 0)


def guarded_total(balances: dict[str, int], lock: threading.Lock) -> int:  # expect: clean
    with lock:
        return sum(balances.values())


async def report(balances: dict[str, int], lock: threading.Lock, send: Callable[[int], Awaitable[None]]) -> None:  # expect: clean  # near: lock-across-await
    total = guarded_total(balances, lock)
    await send(total)


class Session:  # expect: ?lock-across-await
    """`async with Session(lock): ...` holds a thread lock for the whole block."""

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock

    async def __aenter__(self) -> "Session":
        self.lock.acquire()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.lock.release()


async def batch_post(lock: threading.Lock, entries: list[tuple[str, int]], persist: Persist) -> None:  # expect: lock-across-await
    async with Session(lock):
        for account, amount in entries:
            await persist(account, amount)


async def deferred(lock: threading.Lock, persist: Persist) -> Callable[[], Awaitable[None]]:  # expect: clean  # near: lock-across-await
    with lock:
        async def later() -> None:
            await persist("deferred", 1)
    return later
