"""Channels of a crawler and a notification service: queues built in helpers, fields and from settings."""
from __future__ import annotations

import asyncio
import os
import queue
from asyncio import LifoQueue, Queue
from dataclasses import dataclass, field
from typing import Optional

import janus

DEFAULT_CAPACITY = 500
UNLIMITED = 0


def make_channel() -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue()


def make_channel_sized(size: int = 256) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=size)


@dataclass
class CrawlState:  # expect: unbounded-queue
    seen: set = field(default_factory=set)
    frontier: asyncio.Queue = field(default_factory=asyncio.Queue)


@dataclass
class CrawlStateBounded:  # expect: clean  # near: unbounded-queue
    seen: set = field(default_factory=set)
    frontier: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=DEFAULT_CAPACITY))


@dataclass
class Mailbox:  # expect: unbounded-queue
    owner: str
    inbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=0))


class Crawler:  # expect: unbounded-queue
    def __init__(self, fetch, max_depth: int = 3):
        self.fetch = fetch
        self.max_depth = max_depth
        self.todo: Queue[tuple[str, int]] = Queue(maxsize=-1)

    async def worker(self) -> None:
        while True:
            url, depth = await self.todo.get()
            for link in await self.fetch(url):
                if depth < self.max_depth:
                    await self.todo.put((link, depth + 1))
            self.todo.task_done()


class CrawlerBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, fetch, max_depth: int = 3, capacity: int = DEFAULT_CAPACITY):
        self.fetch = fetch
        self.max_depth = max_depth
        self.todo: Queue[tuple[str, int]] = Queue(capacity)

    async def worker(self) -> None:
        while True:
            url, depth = await self.todo.get()
            for link in await self.fetch(url):
                if depth < self.max_depth:
                    await self.todo.put((link, depth + 1))
            self.todo.task_done()


class Notifier:  # expect: unbounded-queue
    def __init__(self, sender):
        self.sender = sender
        self.pending = asyncio.Queue(UNLIMITED)

    async def notify(self, user, text) -> None:
        await self.pending.put((user, text))


class UndoStack:  # expect: unbounded-queue
    def __init__(self):
        self._ops: LifoQueue = LifoQueue()

    async def push(self, op) -> None:
        await self._ops.put(op)

    async def pop(self):
        return await self._ops.get()


class Settings:  # expect: clean
    queue_size: int = int(os.environ.get("QUEUE_SIZE", "1000"))


class Dispatcher:  # expect: clean  # near: unbounded-queue
    def __init__(self, settings: Settings):
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=settings.queue_size)


class DispatcherOptional:  # expect: ?unbounded-queue
    def __init__(self, maxsize: Optional[int] = None):
        # None means "no limit" to the caller, 0 to asyncio
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=maxsize or 0)


class DispatcherDefaultZero:  # expect: unbounded-queue
    def __init__(self, config: dict):
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=config.get("max_jobs", 0))


class DispatcherDefaultSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, config: dict):
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=config.get("max_jobs", 1000))


class EventBus:  # expect: unbounded-queue
    def __init__(self):
        self._subscribers: dict[str, list[asyncio.Queue]] = {}

    def subscribe(self, topic: str) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self._subscribers.setdefault(topic, []).append(q)
        return q

    def publish(self, topic: str, event) -> None:
        for q in self._subscribers.get(topic, []):
            q.put_nowait(event)


class EventBusBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, per_subscriber: int = 100):
        self.per_subscriber = per_subscriber
        self._subscribers: dict[str, list[asyncio.Queue]] = {}

    def subscribe(self, topic: str) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(self.per_subscriber)
        self._subscribers.setdefault(topic, []).append(q)
        return q


async def per_user_queues(users) -> dict:  # expect: unbounded-queue
    return {u: asyncio.PriorityQueue() for u in users}


async def per_user_queues_bounded(users) -> dict:  # expect: clean  # near: unbounded-queue
    return {u: asyncio.PriorityQueue(maxsize=50) for u in users}


class SyncBridge:  # expect: ?unbounded-queue
    def __init__(self):
        # janus is unbounded unless told otherwise, like asyncio.Queue
        self.q: janus.Queue = janus.Queue()


class ThreadWorkQueue:  # expect: clean  # near: unbounded-queue
    def __init__(self):
        self.q: queue.Queue = queue.Queue()
        self.results: queue.SimpleQueue = queue.SimpleQueue()


class ResultsChannel(asyncio.Queue):  # expect: unbounded-queue
    """Adds a closed flag; keeps asyncio.Queue's default (no limit)."""

    def __init__(self):
        super().__init__()
        self.closed = False


class ResultsChannelBounded(asyncio.Queue):  # expect: clean  # near: unbounded-queue
    def __init__(self, limit: int = 64):
        super().__init__(limit)
        self.closed = False


async def single_slot_handoff(producer) -> object:  # expect: clean  # near: unbounded-queue
    slot: asyncio.Queue = asyncio.Queue(1)
    asyncio.get_running_loop()
    await slot.put(await producer())
    return await slot.get()
