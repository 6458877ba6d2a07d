"""The queues between the ingest stages."""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from functools import partial


def make_outbox() -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue()


def make_inbox(maxsize: int = 2_000) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=maxsize)


@dataclass
class Stage:  # expect: unbounded-queue
    name: str
    inbox: asyncio.Queue = field(default_factory=asyncio.Queue)
    processed: int = 0

    async def feed(self, source) -> None:
        async for record in source:
            await self.inbox.put(record)

    async def run(self, handle) -> None:
        while True:
            record = await self.inbox.get()
            await handle(record)
            self.processed += 1
            self.inbox.task_done()


@dataclass
class BoundedStage:  # expect: clean  # near: unbounded-queue
    name: str
    inbox: asyncio.Queue = field(default_factory=partial(asyncio.Queue, maxsize=512))
    processed: int = 0

    async def feed(self, source) -> None:
        async for record in source:
            await self.inbox.put(record)

    async def run(self, handle) -> None:
        while True:
            record = await self.inbox.get()
            await handle(record)
            self.processed += 1
            self.inbox.task_done()


class Spool:  # expect: unbounded-queue
    """Lines from the HTTP intake waiting for the writer; size from INGEST_SPOOL_MAX."""

    def __init__(self) -> None:
        self.lines: asyncio.Queue[bytes] = asyncio.Queue(maxsize=int(os.environ.get("INGEST_SPOOL_MAX", "0")))

    async def accept(self, request) -> int:
        n = 0
        async for line in request.content:
            await self.lines.put(line)
            n += 1
        return n


class SpoolWithDefault:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.lines: asyncio.Queue[bytes] = asyncio.Queue(maxsize=int(os.environ.get("INGEST_SPOOL_MAX", "10000")))

    async def accept(self, request) -> int:
        n = 0
        async for line in request.content:
            await self.lines.put(line)
            n += 1
        return n
