"""A realtime quote service: thread locks reached in roundabout ways and coroutines that never run."""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, Optional

import aioredis
import httpx
from redis import asyncio as aredis

_state_locks: Dict[str, threading.Lock] = {"quotes": threading.Lock(), "orders": threading.Lock()}
_sem = threading.Semaphore(3)


class LockRegistry:  # expect: clean
    def __init__(self) -> None:
        self._locks: Dict[str, threading.RLock] = {}

    def get(self, name: str) -> threading.RLock:
        return self._locks.setdefault(name, threading.RLock())


REGISTRY = LockRegistry()


async def store_quote(name: str, client, quote) -> None:  # expect: lock-across-await
    with REGISTRY.get(name):
        await client.save(quote)


async def store_quote_snapshot(name: str, client, quote) -> None:  # expect: clean  # near: lock-across-await
    with REGISTRY.get(name):
        payload = dict(quote)
    await client.save(payload)


async def update_quotes(client) -> None:  # expect: lock-across-await
    with _state_locks["quotes"]:
        await client.refresh()


async def gated(fetch) -> Any:  # expect: lock-across-await
    _sem.acquire()
    try:
        return await fetch()
    finally:
        _sem.release()


@dataclass
class Book:  # expect: lock-across-await
    bids: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    async def apply(self, feed) -> None:
        async for tick in feed:
            with self._lock:
                self.bids.append(tick)
                await feed.ack(tick)


class Engine:  # expect: lock-across-await
    def __init__(self, lock: Optional[threading.Lock] = None) -> None:
        self.lock = lock or threading.Lock()

    async def match(self, orders) -> None:
        self.lock.acquire()
        for o in orders:
            await o.fill()
        self.lock.release()


class EngineSync:  # expect: clean  # near: lock-across-await
    def __init__(self, lock: Optional[threading.Lock] = None) -> None:
        self.lock = lock or threading.Lock()

    def match(self, orders) -> None:
        with self.lock:
            for o in orders:
                o.fill_now()

    async def match_async(self, orders) -> None:
        await asyncio.to_thread(self.match, orders)


class Throttle:  # expect: lock-across-await
    def __init__(self) -> None:
        self.cv = threading.Condition(threading.Lock())

    async def wait_turn(self, slot) -> None:
        with self.cv:
            while not slot.ready():
                await asyncio.sleep(0.01)


class Cache:  # expect: unawaited-coroutine
    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis

    async def put(self, key: str, value: str) -> None:
        self.redis.set(key, value, ex=60)


class Cache2:  # expect: unawaited-coroutine
    def __init__(self, url: str) -> None:
        self.redis = aredis.from_url(url)

    async def invalidate(self, key: str) -> None:
        self.redis.delete(key)


class Cache2Awaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, url: str) -> None:
        self.redis = aredis.from_url(url)

    async def invalidate(self, key: str) -> None:
        await self.redis.delete(key)


Handler = Callable[[dict], Awaitable[None]]


class Bus:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.handlers: list[Handler] = []

    def subscribe(self, h: Handler) -> None:
        self.handlers.append(h)

    def emit(self, event: dict) -> None:
        for h in self.handlers:
            h(event)


class AsyncBus:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.handlers: list[Handler] = []

    async def emit(self, event: dict) -> None:
        for h in self.handlers:
            await h(event)


class QuoteClient:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.http = httpx.AsyncClient(base_url="https://quotes.invalid")

    async def quote(self, sym: str) -> dict:
        r = await self.http.get(f"/q/{sym}")
        return r.json()

    def __del__(self) -> None:
        self.http.aclose()


class Poller:  # expect: ?unawaited-coroutine
    def __init__(self, client: QuoteClient) -> None:
        self.client = client
        self.pending = self.client.quote("SPY")

    async def first(self) -> None:
        await asyncio.sleep(0)


class PollerOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, client: QuoteClient) -> None:
        self.client = client
        self.pending = self.client.quote("SPY")

    async def first(self) -> dict:
        return await self.pending


async def warm(client: QuoteClient, syms: list[str]) -> None:  # expect: unawaited-coroutine
    for s in syms:
        asyncio.wait_for(client.quote(s), timeout=1)


async def warm_ok(client: QuoteClient, syms: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    for s in syms:
        await asyncio.wait_for(client.quote(s), timeout=1)


async def shielded(client: QuoteClient) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    asyncio.shield(client.quote("SPY"))
    await asyncio.sleep(0)


def schedule(loop: asyncio.AbstractEventLoop, client: QuoteClient) -> None:  # expect: unawaited-coroutine
    loop.call_later(5, client.quote, "SPY")


def schedule_ok(loop: asyncio.AbstractEventLoop, client: QuoteClient) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    loop.call_later(5, lambda: loop.create_task(client.quote("SPY")))
