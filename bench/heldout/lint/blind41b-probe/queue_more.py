"""More channels (post-read probe)."""
from __future__ import annotations

import asyncio
import collections
import math
import os

import anyio



def events_channel() -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue()


class Router:  # expect: unbounded-queue
    def __init__(self):
        self.per_room: collections.defaultdict = collections.defaultdict(asyncio.Queue)

    async def publish(self, room, msg) -> None:
        await self.per_room[room].put(msg)


class RouterBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self):
        self.per_room: collections.defaultdict = collections.defaultdict(lambda: asyncio.Queue(100))


class EnvSized:  # expect: unbounded-queue
    def __init__(self):
        self.jobs = asyncio.Queue(maxsize=int(os.getenv("JOB_QUEUE_SIZE", "0")))


class EnvSizedDefault:  # expect: clean  # near: unbounded-queue
    def __init__(self):
        self.jobs = asyncio.Queue(maxsize=int(os.getenv("JOB_QUEUE_SIZE", "500")))


class Outbox:  # expect: unbounded-queue
    pending: asyncio.Queue = asyncio.Queue()

    async def send(self, msg) -> None:
        await self.pending.put(msg)


def open_stream():  # expect: ?unbounded-queue
    return anyio.create_memory_object_stream(math.inf)


async def sized_to_batch(items) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    q: asyncio.Queue = asyncio.Queue(maxsize=len(items))
    for item in items:
        q.put_nowait(item)
    return q
