"""A notification fan-out service ported from sync code: coroutine functions called like functions."""
from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import aiohttp
import aiosqlite
import asyncpg
from motor.motor_asyncio import AsyncIOMotorClient
from redis.asyncio import Redis


class Notifier:  # expect: clean
    async def send(self, user: str, text: str) -> bool:
        await asyncio.sleep(0)
        return True


@dataclass
class Fanout:  # expect: unawaited-coroutine
    notifier: Notifier
    sent: int = 0

    async def broadcast(self, users: list[str], text: str) -> None:
        for u in users:
            if self.notifier.send(u, text):
                self.sent += 1


@dataclass
class FanoutOk:  # expect: clean  # near: unawaited-coroutine
    notifier: Notifier
    sent: int = 0

    async def broadcast(self, users: list[str], text: str) -> None:
        for u in users:
            if await self.notifier.send(u, text):
                self.sent += 1


async def record(pool: asyncpg.Pool, user: str) -> None:  # expect: unawaited-coroutine
    async with pool.acquire() as conn:
        conn.execute("insert into sent(user) values($1)", user)


async def record_ok(pool: asyncpg.Pool, user: str) -> None:  # expect: clean  # near: unawaited-coroutine
    async with pool.acquire() as conn:
        await conn.execute("insert into sent(user) values($1)", user)


async def mark(db: aiosqlite.Connection, user: str) -> None:  # expect: unawaited-coroutine
    await db.execute("update users set notified=1 where id=?", (user,))
    db.commit()


async def remember(redis: Redis, user: str) -> None:  # expect: unawaited-coroutine
    redis.sadd("notified", user)


async def remember_pipeline(redis: Redis, users: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    pipe = redis.pipeline()
    for u in users:
        pipe.sadd("notified", u)
    await pipe.execute()


async def log_mongo(client: AsyncIOMotorClient, event: dict) -> None:  # expect: unawaited-coroutine
    client.app.events.insert_one(event)


async def post_hook(session: aiohttp.ClientSession, url: str, body: dict) -> None:  # expect: unawaited-coroutine
    resp = session.post(url, json=body)
    print(resp)


async def post_hook_ok(session: aiohttp.ClientSession, url: str, body: dict) -> int:  # expect: clean  # near: unawaited-coroutine
    async with session.post(url, json=body) as resp:
        return resp.status


class Service:  # expect: unawaited-coroutine
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    async def _send_all(self, users: list[str]) -> None:
        for u in users:
            await self.notifier.send(u, "hi")

    def trigger(self, users: list[str]) -> None:
        self._send_all(users)


class ServiceOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier
        self._tasks: set[asyncio.Task] = set()

    async def _send_all(self, users: list[str]) -> None:
        for u in users:
            await self.notifier.send(u, "hi")

    def trigger(self, users: list[str]) -> None:
        t = asyncio.get_running_loop().create_task(self._send_all(users))
        self._tasks.add(t)
        t.add_done_callback(self._tasks.discard)


async def close_all(sessions: list[aiohttp.ClientSession]) -> None:  # expect: unawaited-coroutine
    for s in sessions:
        s.close()


async def with_timeout(notifier: Notifier) -> None:  # expect: unawaited-coroutine
    async with asyncio.timeout(1):
        notifier.send("u", "t")


async def suppressed(notifier: Notifier) -> None:  # expect: unawaited-coroutine
    with contextlib.suppress(Exception):
        notifier.send("u", "t")


async def ok_value(notifier: Notifier) -> bool:  # expect: unawaited-coroutine
    ok = notifier.send("u", "t")
    return bool(ok)


async def awaited_later(notifier: Notifier) -> bool:  # expect: clean  # near: unawaited-coroutine
    pending = notifier.send("u", "t")
    await asyncio.sleep(0)
    return await pending


async def to_task(notifier: Notifier) -> asyncio.Task:  # expect: clean  # near: unawaited-coroutine
    return asyncio.create_task(notifier.send("u", "t"))


def sync_entry(notifier: Notifier) -> None:  # expect: unawaited-coroutine
    result = notifier.send("u", "t")
    if not result:
        raise RuntimeError("failed")


def sync_entry_ok(notifier: Notifier) -> None:  # expect: clean  # near: unawaited-coroutine
    if not asyncio.run(notifier.send("u", "t")):
        raise RuntimeError("failed")


class Retry:  # expect: unawaited-coroutine
    def __init__(self, notifier: Notifier, tries: int = 3) -> None:
        self.notifier = notifier
        self.tries = tries

    async def send(self, user: str) -> bool:
        for _ in range(self.tries):
            try:
                return self.notifier.send(user, "hi")
            except Exception:
                asyncio.sleep(1)
        return False
