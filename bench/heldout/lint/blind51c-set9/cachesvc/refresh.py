"""Background refreshing of hot keys."""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


class Refresher:  # expect: unbounded-queue
    def __init__(self, refresh: Callable[[str], Awaitable[None]]) -> None:
        self.refresh = refresh
        self.todo: asyncio.Queue[str] = asyncio.Queue()

    def on_hit(self, key: str) -> None:
        self.todo.put_nowait(key)

    async def run(self) -> None:
        while True:
            key = await self.todo.get()
            await self.refresh(key)


class DedupRefresher:  # expect: clean  # near: unbounded-queue
    def __init__(self, refresh: Callable[[str], Awaitable[None]], keys: int = 10_000) -> None:
        self.refresh = refresh
        self.todo: asyncio.Queue[str] = asyncio.Queue(maxsize=keys)

    def on_hit(self, key: str) -> None:
        if not self.todo.full():
            self.todo.put_nowait(key)

    async def run(self) -> None:
        while True:
            key = await self.todo.get()
            await self.refresh(key)


class Expirer:  # expect: dangling-task
    def __init__(self) -> None:
        self.cache: dict[str, bytes] = {}

    def put(self, key: str, value: bytes, ttl: float) -> None:
        self.cache[key] = value
        asyncio.get_running_loop().create_task(self._expire(key, ttl))

    async def _expire(self, key: str, ttl: float) -> None:
        await asyncio.sleep(ttl)
        self.cache.pop(key, None)


class TimerExpirer:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.cache: dict[str, bytes] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}

    def put(self, key: str, value: bytes, ttl: float) -> None:
        self.cache[key] = value
        old = self.timers.pop(key, None)
        if old is not None:
            old.cancel()
        self.timers[key] = asyncio.get_running_loop().call_later(ttl, self.cache.pop, key, None)


async def prefetch(keys: list[str], fetch: Callable[[str], Awaitable[bytes]]) -> None:  # expect: ?unbounded-spawn
    tasks = [asyncio.create_task(fetch(k)) for k in keys]
    await asyncio.gather(*tasks)


async def prefetch_bounded(keys: list[str], fetch: Callable[[str], Awaitable[bytes]]) -> None:  # expect: clean  # near: unbounded-spawn
    sem = asyncio.Semaphore(20)

    async def one(k: str) -> bytes:
        async with sem:
            return await fetch(k)

    await asyncio.gather(*(one(k) for k in keys))
