"""The caching proxy itself."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
from typing import Awaitable, Callable

from .base import Guarded

log = logging.getLogger(__name__)
Fetch = Callable[[str], Awaitable[bytes]]


class Proxy(Guarded):  # expect: lock-across-await
    def __init__(self, fetch: Fetch) -> None:
        super().__init__()
        self.fetch = fetch
        self.cache: dict[str, bytes] = {}

    async def get(self, key: str) -> bytes:
        with self.key_lock(key):
            if key not in self.cache:
                self.cache[key] = await self.fetch(key)
            return self.cache[key]


class SafeProxy(Guarded):  # expect: clean  # near: lock-across-await
    def __init__(self, fetch: Fetch) -> None:
        super().__init__()
        self.fetch = fetch
        self.cache: dict[str, bytes] = {}
        self.inflight: dict[str, asyncio.Future[bytes]] = {}

    async def get(self, key: str) -> bytes:
        with self.key_lock(key):
            cached = self.cache.get(key)
        if cached is not None:
            return cached
        value = await self.fetch(key)
        with self.key_lock(key):
            self.cache[key] = value
        return value


class MutexProxy(Guarded):  # expect: lock-across-await
    def __init__(self, fetch: Fetch) -> None:
        super().__init__()
        self.fetch = fetch
        self.cache: dict[str, bytes] = {}

    async def refresh_all(self) -> None:
        with self._mutex:
            for key in list(self.cache):
                self.cache[key] = await self.fetch(key)


class Throttled:  # expect: lock-across-await
    def __init__(self, fetch: Fetch, slots: int = 4) -> None:
        self.fetch = fetch
        self.slots = threading.BoundedSemaphore(slots)

    async def get(self, key: str) -> bytes:
        with self.slots:
            return await self.fetch(key)


class AsyncThrottled:  # expect: clean  # near: lock-across-await
    def __init__(self, fetch: Fetch, slots: int = 4) -> None:
        self.fetch = fetch
        self.slots = asyncio.Semaphore(slots)

    async def get(self, key: str) -> bytes:
        async with self.slots:
            return await self.fetch(key)


class CrossProcess:  # expect: lock-across-await, ?blocking-call
    def __init__(self, fetch: Fetch) -> None:
        self.fetch = fetch
        self.lock = multiprocessing.Lock()

    async def get(self, key: str) -> bytes:
        with contextlib.ExitStack() as stack:
            stack.enter_context(self.lock)
            return await self.fetch(key)


class Warmup:  # expect: clean  # near: lock-across-await
    def __init__(self, fetch: Fetch) -> None:
        self.fetch = fetch
        self.done = threading.Condition()
        self.ready = False

    async def warm(self, keys: list[str]) -> None:
        for key in keys:
            await self.fetch(key)
        with self.done:
            self.ready = True
            self.done.notify_all()
