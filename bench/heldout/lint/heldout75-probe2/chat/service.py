"""Chat service built on the base classes."""
from __future__ import annotations

import asyncio

from .base import DB_LOCK, Broadcaster, Repository


class MessageRepo(Repository):  # expect: unawaited-coroutine
    async def store(self, msg: dict) -> None:
        if self.validate(msg):
            self.save(msg)


class MessageRepoOk(Repository):  # expect: clean  # near: unawaited-coroutine
    async def store(self, msg: dict) -> None:
        if self.validate(msg):
            await self.save(msg)


class Room(Broadcaster):  # expect: clean, ?unbounded-queue
    async def publish(self, text: str) -> None:
        for q in self.listeners:
            q.put_nowait(text)


async def write_row(db, row: dict) -> None:  # expect: lock-across-await
    with DB_LOCK:
        await db.insert(row)


async def write_row_ok(db, row: dict) -> None:  # expect: clean  # near: lock-across-await
    payload = dict(row)
    with DB_LOCK:
        payload["seq"] = len(payload)
    await db.insert(payload)


async def accept_loop(server, handle) -> None:  # expect: unbounded-spawn, dangling-task
    while True:
        conn = await server.accept()
        asyncio.create_task(handle(conn))
