"""Websocket fan-out hub and the channels between its stages."""
from __future__ import annotations

import asyncio
import os
import queue
import multiprocessing
from asyncio import LifoQueue
from asyncio import Queue as AsyncQueue
from collections import defaultdict
from dataclasses import dataclass, field

import janus

MAX_PENDING = 0  # 0: no limit, the consumer keeps up in practice
ROOM_BUFFER = 256


class Hub:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.rooms: dict[str, set] = defaultdict(set)
        self.outboxes: dict[object, asyncio.Queue] = defaultdict(asyncio.Queue)

    async def broadcast(self, room: str, msg: str) -> None:
        for ws in self.rooms[room]:
            await self.outboxes[ws].put(msg)


class BoundedHub:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.rooms: dict[str, set] = defaultdict(set)
        self.outboxes: dict[object, asyncio.Queue] = defaultdict(lambda: asyncio.Queue(maxsize=ROOM_BUFFER))

    def broadcast(self, room: str, msg: str) -> None:
        for ws in self.rooms[room]:
            box = self.outboxes[ws]
            if box.full():
                box.get_nowait()  # drop the oldest frame for a slow reader
            box.put_nowait(msg)


class Client:  # expect: unbounded-queue
    def __init__(self, ws) -> None:
        self.ws = ws
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=0)

    async def writer(self) -> None:
        while True:
            await self.ws.send_str(await self.outbox.get())


class ClientBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, ws, buffer: int = ROOM_BUFFER) -> None:
        self.ws = ws
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=buffer)

    async def writer(self) -> None:
        while True:
            await self.ws.send_str(await self.outbox.get())


@dataclass
class Subscription:  # expect: unbounded-queue
    topic: str
    inbox: asyncio.Queue = field(default_factory=asyncio.Queue)


@dataclass
class BoundedSubscription:  # expect: clean  # near: unbounded-queue
    topic: str
    inbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=64))


def new_channel() -> asyncio.Queue:  # expect: unbounded-queue
    return AsyncQueue()


def new_bounded_channel(size: int = 128) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return AsyncQueue(size)


class UndoStack:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.ops: LifoQueue = LifoQueue()

    async def push(self, op) -> None:
        await self.ops.put(op)

    async def pop(self):
        return await self.ops.get()


class RetryScheduler:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.due: asyncio.PriorityQueue = asyncio.PriorityQueue(maxsize=10_000)

    async def add(self, when: float, job) -> None:
        await self.due.put((when, job))


class PendingWrites:  # expect: unbounded-queue
    def __init__(self, db) -> None:
        self.db = db
        self.queue: asyncio.Queue = asyncio.Queue(MAX_PENDING)

    async def writer(self) -> None:
        while True:
            stmt = await self.queue.get()
            await self.db.execute(stmt)


def shard_queues(n: int) -> list[asyncio.Queue]:  # expect: unbounded-queue
    return [asyncio.Queue() for _ in range(n)]


def shard_queues_bounded(n: int, per_shard: int = 1024) -> list[asyncio.Queue]:  # expect: clean  # near: unbounded-queue
    return [asyncio.Queue(maxsize=per_shard) for _ in range(n)]


class EnvSizedQueue:  # expect: clean, ?unbounded-queue  # near: unbounded-queue
    def __init__(self) -> None:
        self.events = asyncio.Queue(maxsize=int(os.environ.get("EVENT_QUEUE_SIZE", "0")))


class ThreadBridge:  # expect: ?unbounded-queue
    """Sync SDK threads feed the async side through a janus queue."""

    def __init__(self) -> None:
        self.q: janus.Queue[dict] = janus.Queue()

    def from_thread(self, item: dict) -> None:
        self.q.sync_q.put(item)

    async def next(self) -> dict:
        return await self.q.async_q.get()


class BoundedThreadBridge:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.q: janus.Queue[dict] = janus.Queue(maxsize=1000)

    def from_thread(self, item: dict) -> None:
        self.q.sync_q.put(item)

    async def next(self) -> dict:
        return await self.q.async_q.get()


class Telemetry:  # expect: unbounded-queue
    samples = asyncio.Queue()

    @classmethod
    async def record(cls, sample: dict) -> None:
        await cls.samples.put(sample)


def worker_results() -> multiprocessing.Queue:  # expect: clean  # near: unbounded-queue
    return multiprocessing.Queue()


def parser_thread_inbox() -> queue.SimpleQueue:  # expect: clean  # near: unbounded-queue
    return queue.SimpleQueue()


class FrameQueue(asyncio.Queue):  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        super().__init__(maxsize=ROOM_BUFFER)

    def put_latest(self, frame: bytes) -> None:
        if self.full():
            self.get_nowait()
        self.put_nowait(frame)


class AuditTrail:  # expect: unbounded-queue
    def __init__(self, sink, batch: int = 100) -> None:
        self.sink = sink
        self.batch = batch
        self.entries: asyncio.Queue[dict] = asyncio.Queue(-1)

    async def flush_forever(self) -> None:
        while True:
            items = [await self.entries.get()]
            while not self.entries.empty() and len(items) < self.batch:
                items.append(self.entries.get_nowait())
            await self.sink.write_many(items)


class Presence:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.latest: asyncio.Queue[dict] = asyncio.Queue(1)

    def publish(self, state: dict) -> None:
        if self.latest.full():
            self.latest.get_nowait()
        self.latest.put_nowait(state)
