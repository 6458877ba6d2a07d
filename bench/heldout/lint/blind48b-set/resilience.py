"""Calling a flaky partner API politely: retries with backoff, rate limits, a circuit breaker and response caches."""
from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
import weakref
from typing import Any, Awaitable, Callable, TypeVar

import httpx
from aiocache import Cache
from aiolimiter import AsyncLimiter
from cachetools import TTLCache
from tenacity import AsyncRetrying, retry, retry_if_exception_type, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRYABLE = (httpx.TransportError, httpx.HTTPStatusError)
SEND_BACKLOG = 2_000


@retry(stop=stop_after_attempt(4), wait=wait_exponential(multiplier=0.5, max=8), retry=retry_if_exception_type(RETRYABLE))
async def fetch_rates(client: httpx.AsyncClient, base: str) -> dict:  # expect: clean
    response = await client.get("/rates", params={"base": base})
    response.raise_for_status()
    return response.json()


async def with_backoff(call: Callable[[], Awaitable[T]], attempts: int = 5) -> T:  # expect: cancellation-swallowed
    delay = 0.2
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except:  # noqa: E722
            if attempt == attempts:
                raise
            log.warning("attempt %d failed, retrying in %.1fs", attempt, delay)
            await asyncio.sleep(delay + random.random() * delay)
            delay *= 2
    raise AssertionError("unreachable")


async def with_backoff_narrow(call: Callable[[], Awaitable[T]], attempts: int = 5) -> T:  # expect: clean  # near: cancellation-swallowed
    delay = 0.2
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RETRYABLE:
            if attempt == attempts:
                raise
            await asyncio.sleep(delay + random.random() * delay)
            delay *= 2
    raise AssertionError("unreachable")


async def fetch_with_tenacity(client: httpx.AsyncClient, path: str) -> dict:  # expect: clean
    async for attempt in AsyncRetrying(stop=stop_after_attempt(3), retry=retry_if_exception_type(RETRYABLE)):
        with attempt:
            response = await client.get(path)
            response.raise_for_status()
    return response.json()


class CircuitBreaker:  # expect: cancellation-swallowed
    def __init__(self, threshold: int = 5, reset_after: float = 30.0) -> None:
        self.threshold = threshold
        self.reset_after = reset_after
        self.failures = 0
        self.opened_at: float | None = None

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T | None:
        if self.opened_at and time.monotonic() - self.opened_at < self.reset_after:
            return None
        try:
            result = await fn()
        except (Exception, asyncio.CancelledError):
            self.failures += 1
            if self.failures >= self.threshold:
                self.opened_at = time.monotonic()
            return None
        self.failures = 0
        self.opened_at = None
        return result


class CircuitBreakerPassThrough:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, threshold: int = 5, reset_after: float = 30.0) -> None:
        self.threshold = threshold
        self.reset_after = reset_after
        self.failures = 0
        self.opened_at: float | None = None

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T | None:
        if self.opened_at and time.monotonic() - self.opened_at < self.reset_after:
            return None
        try:
            result = await fn()
        except Exception:
            self.failures += 1
            if self.failures >= self.threshold:
                self.opened_at = time.monotonic()
            return None
        self.failures = 0
        return result


class PartnerClient:  # expect: unawaited-coroutine
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.limiter = AsyncLimiter(10, 1)

    async def get_order(self, order_id: str) -> dict:
        self.limiter.acquire()
        response = await self.client.get(f"/orders/{order_id}")
        return response.json()


class PartnerClientLimited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.limiter = AsyncLimiter(10, 1)

    async def get_order(self, order_id: str) -> dict:
        if not self.limiter.has_capacity():
            log.debug("rate limit reached, waiting")
        async with self.limiter:
            response = await self.client.get(f"/orders/{order_id}")
        return response.json()


class TokenBucket:  # expect: thread-unsafe-capture
    """Refilled by a timer thread so the refill keeps going while the loop is busy."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.tokens = asyncio.Semaphore(rate)
        self._timer: threading.Timer | None = None

    def _refill(self) -> None:
        for _ in range(self.rate):
            self.tokens.release()
        self._timer = threading.Timer(1.0, self._refill)
        self._timer.start()

    def start(self) -> None:
        self._refill()

    async def take(self) -> None:
        await self.tokens.acquire()


class TokenBucketOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.tokens = asyncio.Semaphore(rate)
        self._handle: asyncio.TimerHandle | None = None

    def _refill(self) -> None:
        for _ in range(self.rate - self.tokens._value):
            self.tokens.release()
        self._handle = asyncio.get_running_loop().call_later(1.0, self._refill)

    def start(self) -> None:
        self._refill()

    def stop(self) -> None:
        if self._handle:
            self._handle.cancel()

    async def take(self) -> None:
        await self.tokens.acquire()


class PacedSender:  # expect: unbounded-queue
    """Callers enqueue; a drain task sends at most `per_second` messages each second."""

    def __init__(self, client: httpx.AsyncClient, per_second: int) -> None:
        self.client = client
        self.per_second = per_second
        self._queue: asyncio.Queue[dict] = asyncio.Queue()
        self._drain: asyncio.Task | None = None

    async def send(self, message: dict) -> None:
        await self._queue.put(message)

    def start(self) -> None:
        self._drain = asyncio.create_task(self._drain_forever())

    async def _drain_forever(self) -> None:
        while True:
            message = await self._queue.get()
            await self.client.post("/messages", json=message)
            await asyncio.sleep(1 / self.per_second)


class PacedSenderBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, client: httpx.AsyncClient, per_second: int) -> None:
        self.client = client
        self.per_second = per_second
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=SEND_BACKLOG)
        self._drain: asyncio.Task | None = None

    async def send(self, message: dict) -> None:
        await self._queue.put(message)

    def start(self) -> None:
        self._drain = asyncio.create_task(self._drain_forever())

    async def _drain_forever(self) -> None:
        while True:
            message = await self._queue.get()
            await self.client.post("/messages", json=message)
            await asyncio.sleep(1 / self.per_second)


class RefreshAheadCache:  # expect: dangling-task
    def __init__(self, loader: Callable[[str], Awaitable[Any]], ttl: float) -> None:
        self.loader = loader
        self.ttl = ttl
        self._entries: dict[str, tuple[float, Any]] = {}

    async def get(self, key: str) -> Any:
        entry = self._entries.get(key)
        if entry is None:
            value = await self.loader(key)
            self._entries[key] = (time.monotonic(), value)
            return value
        stored_at, value = entry
        if time.monotonic() - stored_at > self.ttl * 0.8:
            asyncio.create_task(self._reload(key))
        return value

    async def _reload(self, key: str) -> None:
        self._entries[key] = (time.monotonic(), await self.loader(key))


class RefreshAheadCacheTracked:  # expect: clean  # near: dangling-task
    def __init__(self, loader: Callable[[str], Awaitable[Any]], ttl: float) -> None:
        self.loader = loader
        self.ttl = ttl
        self._entries: dict[str, tuple[float, Any]] = {}
        self._reloading: dict[str, asyncio.Task] = {}

    async def get(self, key: str) -> Any:
        entry = self._entries.get(key)
        if entry is None:
            value = await self.loader(key)
            self._entries[key] = (time.monotonic(), value)
            return value
        stored_at, value = entry
        if time.monotonic() - stored_at > self.ttl * 0.8 and key not in self._reloading:
            task = self._reloading[key] = asyncio.create_task(self._reload(key))
            task.add_done_callback(lambda t, k=key: self._reloading.pop(k, None))
        return value

    async def _reload(self, key: str) -> None:
        self._entries[key] = (time.monotonic(), await self.loader(key))


class Prefetcher:  # expect: dangling-task
    """Handlers prefetch what the next page will need; load() joins a prefetch still running."""

    def __init__(self, loader: Callable[[str], Awaitable[Any]]) -> None:
        self.loader = loader
        self._inflight: weakref.WeakValueDictionary[str, asyncio.Task] = weakref.WeakValueDictionary()

    def prefetch(self, key: str) -> None:
        if key not in self._inflight:
            self._inflight[key] = asyncio.ensure_future(self.loader(key))

    async def load(self, key: str) -> Any:
        task = self._inflight.get(key)
        if task is None:
            return await self.loader(key)
        return await task


class SingleFlightStrong:  # expect: clean  # near: dangling-task
    def __init__(self, loader: Callable[[str], Awaitable[Any]]) -> None:
        self.loader = loader
        self._inflight: dict[str, asyncio.Task] = {}

    async def load(self, key: str) -> Any:
        task = self._inflight.get(key)
        if task is None:
            task = self._inflight[key] = asyncio.ensure_future(self.loader(key))
            task.add_done_callback(lambda t, k=key: self._inflight.pop(k, None))
        return await task


class ProfileCache:  # expect: lock-across-await
    """A TTL cache shared with the sync admin views, hence a threading lock."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._cache: TTLCache = TTLCache(maxsize=10_000, ttl=300)
        self._lock = threading.Lock()

    async def profile(self, user_id: str) -> dict:
        with self._lock:
            if user_id not in self._cache:
                response = await self.client.get(f"/profiles/{user_id}")
                self._cache[user_id] = response.json()
            return self._cache[user_id]


class ProfileCacheAsyncLock:  # expect: clean  # near: lock-across-await
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._cache: TTLCache = TTLCache(maxsize=10_000, ttl=300)
        self._lock = threading.Lock()
        self._fill = asyncio.Lock()

    async def profile(self, user_id: str) -> dict:
        with self._lock:
            cached = self._cache.get(user_id)
        if cached is not None:
            return cached
        async with self._fill:
            response = await self.client.get(f"/profiles/{user_id}")
        with self._lock:
            self._cache[user_id] = response.json()
            return self._cache[user_id]


class RateCache:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.cache = Cache(Cache.REDIS, endpoint="redis", namespace="rates")

    async def rates(self, client: httpx.AsyncClient, base: str) -> dict:
        cached = await self.cache.get(base)
        if cached is not None:
            return cached
        fresh = await fetch_rates(client, base)
        self.cache.set(base, fresh, ttl=60)
        return fresh


class RateCacheLocal:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.cache: TTLCache = TTLCache(maxsize=256, ttl=60)

    async def rates(self, client: httpx.AsyncClient, base: str) -> dict:
        cached = self.cache.get(base)
        if cached is not None:
            return cached
        fresh = await fetch_rates(client, base)
        self.cache.setdefault(base, fresh)
        return fresh


async def fan_out_limited(client: httpx.AsyncClient, ids: list[str], limit: int = 8) -> list[dict]:  # expect: clean
    slots = asyncio.Semaphore(limit)

    async def one(order_id: str) -> dict:
        async with slots:
            response = await client.get(f"/orders/{order_id}")
            return response.json()

    return await asyncio.gather(*(one(i) for i in ids))


async def fan_out_fire_and_forget(client: httpx.AsyncClient, ids: list[str]) -> None:  # expect: dangling-task
    slots = asyncio.Semaphore(8)

    async def touch(order_id: str) -> None:
        async with slots:
            await client.post(f"/orders/{order_id}/touch")

    {asyncio.create_task(touch(i)) for i in ids}
