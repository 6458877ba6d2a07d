"""Locks, queues, coroutine functions, tasks and loop objects reached through typed containers."""
from __future__ import annotations

import asyncio
import collections
import threading
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Optional


@dataclass
class Guard:
    name: str
    lock: threading.RLock


@dataclass
class AsyncGuard:
    name: str
    lock: asyncio.Lock


class KeyedLocks:  # expect: lock-across-await
    def __init__(self) -> None:
        self.locks: dict[str, threading.Lock] = {}

    async def update(self, key: str, sink) -> None:
        with self.locks[key]:
            await sink.write(key)


class AsyncKeyedLocks:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.locks: dict[str, asyncio.Lock] = {}

    async def update(self, key: str, sink) -> None:
        async with self.locks[key]:
            await sink.write(key)


class GuardList:  # expect: lock-across-await
    def __init__(self) -> None:
        self.guards: list[Guard] = []

    async def update(self, sink) -> None:
        with self.guards[0].lock:
            await sink.write("x")


class AsyncGuardList:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.guards: list[AsyncGuard] = []

    async def update(self, sink) -> None:
        async with self.guards[0].lock:
            await sink.write("x")


class LockByGet:  # expect: lock-across-await
    def __init__(self) -> None:
        self.locks: dict[str, threading.Lock] = {}

    async def update(self, key: str, sink) -> None:
        lock = self.locks.get(key)
        if lock is None:
            return
        lock.acquire()
        try:
            await sink.write(key)
        finally:
            lock.release()


class HandlerTable:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[bytes], Awaitable[None]]] = {}

    async def on_message(self, kind: str, body: bytes) -> None:
        self.handlers[kind](body)


class SyncHandlerTable:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[bytes], None]] = {}

    async def on_message(self, kind: str, body: bytes) -> None:
        self.handlers[kind](body)


@dataclass
class Route:
    path: str
    handler: Callable[[dict], Awaitable[dict]]


class Router:  # expect: ?unawaited-coroutine
    def __init__(self) -> None:
        self.routes: list[Route] = []

    async def dispatch(self, path: str, req: dict) -> None:
        for r in self.routes:
            if r.path == path:
                r.handler(req)


class TaskTable:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.tasks: dict[str, asyncio.Task] = {}

    async def start(self, name: str, coro) -> None:
        self.tasks[name] = asyncio.create_task(coro)

    async def stop(self, name: str) -> None:
        self.tasks[name].cancel()


class LoopPerShard:  # expect: dangling-task
    def __init__(self) -> None:
        self.loops: dict[str, asyncio.AbstractEventLoop] = {}

    async def kick(self, shard: str, coro) -> None:
        self.loops[shard].create_task(coro)


class GroupPerShard:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.groups: dict[str, asyncio.TaskGroup] = {}

    async def kick(self, shard: str, coro) -> None:
        self.groups[shard].create_task(coro)


@dataclass
class Waiter:
    event: asyncio.Event
    fut: Optional[asyncio.Future] = None


class ThreadNotifier:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.waiters: list[Waiter] = []

    def _pump(self) -> None:
        for w in self.waiters:
            w.event.set()

    def start(self) -> None:
        threading.Thread(target=self._pump, daemon=True).start()


class SafeThreadNotifier:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.waiters: list[Waiter] = []

    def _pump(self) -> None:
        for w in self.waiters:
            self.loop.call_soon_threadsafe(w.event.set)

    def start(self) -> None:
        threading.Thread(target=self._pump, daemon=True).start()


class ThreadLoops:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.loops: dict[str, asyncio.AbstractEventLoop] = {}

    def _pump(self, name: str, cb) -> None:
        self.loops[name].call_soon(cb)

    def start(self, name: str, cb) -> None:
        threading.Thread(target=self._pump, args=(name, cb), daemon=True).start()


class ThreadQueues:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.queues: dict[str, asyncio.Queue] = {}

    def _feed(self, name: str, item) -> None:
        self.queues[name].put_nowait(item)

    def start(self, name: str, item) -> None:
        threading.Thread(target=self._feed, args=(name, item), daemon=True).start()


class ThreadStdQueues:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        import queue
        self.queues: dict[str, "queue.Queue[bytes]"] = {}

    def _feed(self, name: str, item) -> None:
        self.queues[name].put_nowait(item)

    def start(self, name: str, item) -> None:
        threading.Thread(target=self._feed, args=(name, item), daemon=True).start()


@dataclass
class Channel:  # expect: unbounded-queue
    name: str
    inbox: asyncio.Queue = field(default_factory=asyncio.Queue)


class ChannelHub:  # expect: clean
    def __init__(self) -> None:
        self.channels: dict[str, Channel] = {}

    async def pump(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await reader.readline()
            name, _, body = line.partition(b" ")
            self.channels[name.decode()].inbox.put_nowait(body)


@dataclass
class BoundedChannel:
    name: str
    inbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=100))


class BoundedChannelHub:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.channels: dict[str, BoundedChannel] = {}

    async def pump(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await reader.readline()
            name, _, body = line.partition(b" ")
            await self.channels[name.decode()].inbox.put(body)


class DefaultLocks:  # expect: lock-across-await
    def __init__(self) -> None:
        self.locks: collections.defaultdict[str, threading.Lock] = collections.defaultdict(threading.Lock)

    async def update(self, key: str, sink) -> None:
        with self.locks[key]:
            await sink.write(key)
