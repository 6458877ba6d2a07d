"""The event bus between the fleet's pollers and its web API."""
from __future__ import annotations

import asyncio
import logging
import queue
import threading
from typing import Any


class Bus:  # expect: unbounded-queue
    def __init__(self) -> None:
        self._subscribers: list[asyncio.Queue[dict[str, Any]]] = []

    def subscribe(self) -> asyncio.Queue[dict[str, Any]]:
        q: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._subscribers.append(q)
        return q

    def publish(self, event: dict[str, Any]) -> None:
        for q in self._subscribers:
            q.put_nowait(event)


class BoundedBus:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 100) -> None:
        self.depth = depth
        self._subscribers: list[asyncio.Queue[dict[str, Any]]] = []

    def subscribe(self) -> asyncio.Queue[dict[str, Any]]:
        q: asyncio.Queue[dict[str, Any]] = asyncio.Queue(self.depth)
        self._subscribers.append(q)
        return q

    def publish(self, event: dict[str, Any]) -> None:
        for q in self._subscribers:
            if q.full():
                q.get_nowait()
            q.put_nowait(event)


class LogForwarder(logging.Handler):  # expect: thread-unsafe-capture
    def __init__(self, out: asyncio.Queue[str]) -> None:
        super().__init__()
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.put_nowait(self.format(record))


class ThreadSafeLogForwarder(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, out: asyncio.Queue[str], loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.out = out
        self.loop = loop

    def emit(self, record: logging.LogRecord) -> None:
        self.loop.call_soon_threadsafe(self.out.put_nowait, self.format(record))


class Bridge:  # expect: clean  # near: unbounded-queue
    """Thread-side buffer drained by one coroutine: a plain queue.Queue is the right tool there."""

    def __init__(self) -> None:
        self.inbox: queue.Queue[bytes] = queue.Queue(maxsize=1000)

    def feed(self, frame: bytes) -> None:
        self.inbox.put(frame)

    async def drain(self, handle) -> None:
        while True:
            frame = await asyncio.to_thread(self.inbox.get)
            await handle(frame)


async def fan_in(sources: list, sink) -> None:  # expect: unbounded-queue
    merged: asyncio.Queue[bytes] = asyncio.Queue(maxsize=0)

    async def pump(src) -> None:
        async for item in src:
            await merged.put(item)

    async with asyncio.TaskGroup() as tg:
        for src in sources:
            tg.create_task(pump(src))
        while True:
            await sink(await merged.get())


async def fixed_work(items: list[str], handle) -> None:  # expect: clean  # near: unbounded-queue
    todo: asyncio.Queue[str] = asyncio.Queue()
    for item in items:
        todo.put_nowait(item)

    async def worker() -> None:
        while not todo.empty():
            await handle(todo.get_nowait())

    await asyncio.gather(*(worker() for _ in range(4)))


class Heartbeat:  # expect: thread-unsafe-capture
    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.beats: asyncio.Queue[float] = asyncio.Queue(maxsize=10)
        self._stop = threading.Event()

    def _run(self) -> None:
        import time

        while not self._stop.wait(self.interval):
            if not self.beats.full():
                self.beats.put_nowait(time.monotonic())

    def start(self) -> None:
        threading.Thread(target=self._run, name="heartbeat", daemon=True).start()
