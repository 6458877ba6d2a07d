"""Users of the generic containers of app.pools."""
from __future__ import annotations

import asyncio
import threading

import httpx
import redis
import redis.asyncio
import requests

from app.holders import AsyncClientHolder, LockHolder, SessionHolder
from app.pools import Box, Pool, Registry


class CacheFront:  # expect: blocking-call
    def __init__(self, pool: Pool[redis.Redis]) -> None:
        self.pool = pool

    async def lookup(self, key: str):
        return self.pool.take().get(key)


class AsyncCacheFront:  # expect: clean  # near: blocking-call
    def __init__(self, pool: Pool[redis.asyncio.Redis]) -> None:
        self.pool = pool

    async def lookup(self, key: str):
        return await self.pool.take().get(key)


class PerHostPools:  # expect: blocking-call
    def __init__(self) -> None:
        self.pools: dict[str, Pool[httpx.Client]] = {}

    async def fetch(self, host: str):
        return self.pools[host].take().get(f"https://{host}/")


async def cache_from_constructor(key: str):  # expect: blocking-call
    pool = Pool(redis.Redis())
    return pool.take().get(key)


async def session_in_box(url: str):  # expect: blocking-call
    box = Box[requests.Session](requests.Session)
    return box.get().get(url)


class LateSession:  # expect: blocking-call
    pool: Pool[requests.Session]

    def start(self) -> None:
        self.pool = Pool()

    async def fetch(self, url: str):
        return self.pool.take().get(url)


class DeepHolderUser:  # expect: blocking-call
    def __init__(self, holder: SessionHolder) -> None:
        self.holder = holder

    async def fetch(self, url: str):
        return self.holder.held().get(url)


class DeepAsyncHolderUser:  # expect: clean  # near: blocking-call
    def __init__(self, holder: AsyncClientHolder) -> None:
        self.holder = holder

    async def fetch(self, url: str):
        return await self.holder.held().get(url)


class RegistryUser:  # expect: blocking-call
    def __init__(self) -> None:
        self.sessions: Registry[requests.Session] = Registry()

    async def fetch(self, name: str, url: str):
        return self.sessions.lookup(name).get(url)


class RegistryByName:  # expect: blocking-call
    def __init__(self) -> None:
        self.sessions: Registry[requests.Session] = Registry()

    async def fetch(self, name: str, url: str):
        return self.sessions.by_name[name].get(url)


class GuardedByHolder:  # expect: lock-across-await
    def __init__(self, holder: LockHolder) -> None:
        self.holder = holder

    async def update(self, sink) -> None:
        with self.holder.held():
            await sink.flush()


class GuardedByPool:  # expect: lock-across-await
    def __init__(self) -> None:
        self.locks: Pool[threading.Lock] = Pool(threading.Lock())

    async def update(self, sink) -> None:
        with self.locks.take():
            await sink.flush()


class AsyncGuardedByPool:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.locks: Pool[asyncio.Lock] = Pool(asyncio.Lock())

    async def update(self, sink) -> None:
        async with self.locks.take():
            await sink.flush()


class SyncPoolUser:  # expect: clean  # near: blocking-call
    def __init__(self, pool: Pool[redis.Redis]) -> None:
        self.pool = pool

    def lookup(self, key: str):
        return self.pool.take().get(key)
