"""Channels of hubs, pools and pipelines, sized from config or not at all."""
from __future__ import annotations

import asyncio
import os
from asyncio import LifoQueue
from dataclasses import dataclass, field

import janus

SETTINGS = {"fanout_buffer": 0}
QUEUE_LIMIT = 512


class WsHub:  # expect: unbounded-queue
    def __init__(self):
        self.clients: dict[str, asyncio.Queue] = {}

    def join(self, client_id: str) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.clients[client_id] = q
        return q


class WsHubBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, per_client: int = 128):
        self.per_client = per_client
        self.clients: dict[str, asyncio.Queue] = {}

    def join(self, client_id: str) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(maxsize=self.per_client)
        self.clients[client_id] = q
        return q


def make_fanout_queue() -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue(maxsize=int(os.environ.get("FANOUT_BUFFER", "0")))


def make_fanout_queue_default() -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=int(os.environ.get("FANOUT_BUFFER", "1000")))


def from_settings() -> asyncio.Queue:  # expect: ?unbounded-queue
    return asyncio.Queue(SETTINGS["fanout_buffer"])


def make_backlog() -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue(maxsize=-1)


def make_bounded_backlog() -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=QUEUE_LIMIT)


class UndoStack:  # expect: unbounded-queue
    def __init__(self):
        self.ops: LifoQueue = LifoQueue()


class UndoStackBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 100):
        self.ops: LifoQueue = LifoQueue(depth)


class Scheduler:  # expect: unbounded-queue
    def __init__(self):
        self.due: asyncio.PriorityQueue[tuple[float, str]] = asyncio.PriorityQueue(maxsize=0)


class SchedulerBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self):
        self.due: asyncio.PriorityQueue[tuple[float, str]] = asyncio.PriorityQueue(maxsize=10_000)


def bridge_queue() -> janus.Queue:  # expect: unbounded-queue
    return janus.Queue()


def bridge_queue_bounded() -> janus.Queue:  # expect: clean  # near: unbounded-queue
    return janus.Queue(maxsize=1024)


@dataclass
class Mailbox:  # expect: unbounded-queue
    owner: str
    inbox: asyncio.Queue = field(default_factory=asyncio.Queue)


@dataclass
class MailboxBounded:  # expect: clean  # near: unbounded-queue
    owner: str
    inbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=256))


class ConnPool:  # expect: unbounded-queue
    def __init__(self, factory, size: int):
        self.factory = factory
        self.size = size
        self.idle: asyncio.Queue = asyncio.Queue()
        self.waiters: asyncio.Queue = asyncio.Queue(maxsize=size)


class ConnPoolBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, factory, size: int):
        self.factory = factory
        self.idle: asyncio.Queue = asyncio.Queue(maxsize=size)


async def pipeline(stages) -> list:  # expect: unbounded-queue
    channels = [asyncio.Queue() for _ in range(len(stages) + 1)]
    return channels


async def pipeline_bounded(stages, depth: int = 32) -> list:  # expect: clean  # near: unbounded-queue
    channels = [asyncio.Queue(depth) for _ in range(len(stages) + 1)]
    return channels


def cfg_queue(cfg) -> asyncio.Queue:  # expect: ?unbounded-queue
    return asyncio.Queue(maxsize=cfg.get("queue_size", 0))


class EventLog:  # expect: clean  # near: unbounded-queue
    def __init__(self, capacity: int):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.events: asyncio.Queue = asyncio.Queue(capacity)


class StatsQueue(asyncio.Queue):  # expect: unbounded-queue
    def __init__(self):
        super().__init__()
        self.dropped = 0


class TopicBus:  # expect: unbounded-queue
    def __init__(self):
        self.topics = {}

    def subscribe(self, topic: str) -> asyncio.Queue:
        return self.topics.setdefault(topic, asyncio.Queue(0))
