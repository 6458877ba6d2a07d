"""A service using the generic helpers."""
from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import deque
from typing import Deque, Mapping, Optional

import httpx
import redis
import redis.asyncio
import requests

from lib.generic import Cache, Lease, Pipeline, Slot


class PropertyUser:  # expect: blocking-call
    def __init__(self, lease: Lease[sqlite3.Connection]) -> None:
        self.lease = lease

    async def count(self) -> int:
        return self.lease.conn.execute("select 1").fetchone()[0]


class AwaitedAcquire:  # expect: blocking-call
    def __init__(self, lease: Lease[redis.Redis]) -> None:
        self.lease = lease

    async def get(self, key: str):
        conn = await self.lease.acquire()
        return conn.get(key)


class AwaitedAcquireAsync:  # expect: clean  # near: blocking-call
    def __init__(self, lease: Lease[redis.asyncio.Redis]) -> None:
        self.lease = lease

    async def get(self, key: str):
        conn = await self.lease.acquire()
        return await conn.get(key)


class SlotFieldUser:  # expect: blocking-call
    def __init__(self) -> None:
        self.slots: list[Slot[requests.Session]] = []

    async def fetch(self, url: str):
        for slot in self.slots:
            slot.client.get(url)


class SlotFieldAsync:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.slots: list[Slot[httpx.AsyncClient]] = []

    async def fetch(self, url: str):
        for slot in self.slots:
            await slot.client.get(url)


class Pep695User:  # expect: blocking-call
    def __init__(self, pipe: Pipeline[httpx.Client]) -> None:
        self.pipe = pipe

    async def run(self, url: str):
        return self.pipe.head().get(url)


class OptionalGeneric:  # expect: blocking-call
    def __init__(self) -> None:
        self.cache: Optional[Cache[requests.Session]] = None

    async def fetch(self, url: str):
        if self.cache is None:
            return None
        session = self.cache.pick()
        if session is not None:
            return session.get(url)
        return None


class NestedMapping:  # expect: blocking-call
    def __init__(self, leases: Mapping[str, list[Lease[requests.Session]]]) -> None:
        self.leases = leases

    async def fetch(self, host: str, url: str):
        return self.leases[host][0].conn.get(url)


class DequeOfLocks:  # expect: lock-across-await
    def __init__(self) -> None:
        self.locks: Deque[threading.Lock] = deque()

    async def run(self, sink) -> None:
        with self.locks[0]:
            await sink.flush()


class DequeOfAsyncLocks:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.locks: Deque[asyncio.Lock] = deque()

    async def run(self, sink) -> None:
        async with self.locks[0]:
            await sink.flush()


class ItemsOfGenerics:  # expect: blocking-call
    def __init__(self) -> None:
        self.caches: dict[str, Cache[requests.Session]] = {}

    async def warm(self, url: str) -> None:
        for _name, cache in self.caches.items():
            for session in cache.entries.values():
                session.get(url)


class LeaseEventFromThread:  # expect: thread-unsafe-capture
    def __init__(self, lease: Lease[asyncio.Event]) -> None:
        self.lease = lease

    def _worker(self) -> None:
        self.lease.conn.set()

    def start(self) -> None:
        threading.Thread(target=self._worker, daemon=True).start()


class LeaseThreadEventFromThread:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, lease: Lease[threading.Event]) -> None:
        self.lease = lease

    def _worker(self) -> None:
        self.lease.conn.set()

    def start(self) -> None:
        threading.Thread(target=self._worker, daemon=True).start()


async def loop_from_lease(lease: Lease[asyncio.AbstractEventLoop], coro) -> None:  # expect: dangling-task
    lease.conn.create_task(coro)
