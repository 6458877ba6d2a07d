"""Async API of the inventory service."""
from __future__ import annotations

import asyncio

import pymongo
import redis
import redis.asyncio as aioredis

from .containers import Pooled, Ref, Registry


async def stock_level(pool: Pooled[pymongo.MongoClient], sku: str) -> int:  # expect: blocking-call
    client = pool.acquire()
    try:
        doc = client.inv.stock.find_one({"sku": sku})
        return doc["qty"] if doc else 0
    finally:
        pool.release(client)


async def stock_level_threaded(pool: Pooled[pymongo.MongoClient], sku: str) -> int:  # expect: clean  # near: blocking-call
    def read() -> int:
        client = pool.acquire()
        doc = client.inv.stock.find_one({"sku": sku})
        pool.release(client)
        return doc["qty"] if doc else 0

    return await asyncio.to_thread(read)


async def cached(reg: Registry[str, redis.Redis], name: str, key: str) -> bytes | None:  # expect: blocking-call
    r = reg.lookup(name)
    return r.get(key) if r is not None else None


async def cached_async(reg: Registry[str, aioredis.Redis], name: str, key: str) -> bytes | None:  # expect: clean  # near: blocking-call
    r = reg.lookup(name)
    return await r.get(key) if r is not None else None


async def via_ref(ref: Ref[redis.Redis], key: str) -> None:  # expect: blocking-call
    ref.target.delete(key)


async def guarded(pool: Pooled[aioredis.Redis], key: str) -> None:  # expect: lock-across-await
    with pool.guard:
        conn = pool.acquire()
        await conn.delete(key)
        pool.release(conn)


async def forgot(pool: Pooled[aioredis.Redis], key: str) -> None:  # expect: unawaited-coroutine
    conn = pool.acquire()
    conn.delete(key)
