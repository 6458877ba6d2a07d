"""Web crawler and feed ingester: channels between stages, tasks per URL."""
from __future__ import annotations

import asyncio
import logging
from asyncio import Queue as AQueue
from dataclasses import dataclass, field

import aiohttp

log = logging.getLogger("crawler")
CONCURRENCY = 16


@dataclass
class Frontier:  # expect: unbounded-queue
    urls: asyncio.Queue[str] = field(default_factory=asyncio.Queue)
    seen: set[str] = field(default_factory=set)

    async def add_links(self, links: list[str]) -> None:
        for link in links:
            if link not in self.seen:
                self.seen.add(link)
                self.urls.put_nowait(link)


@dataclass
class BoundedFrontier:  # expect: clean  # near: unbounded-queue
    urls: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=10_000))

    async def add_links(self, links: list[str]) -> None:
        for link in links:
            await self.urls.put(link)


async def pump_feed(feed, sink: asyncio.Queue) -> None:  # expect: clean  # near: unbounded-queue
    async for item in feed:
        await sink.put(item)


async def build_pipeline(feed) -> asyncio.Queue:  # expect: unbounded-queue, dangling-task
    q: AQueue[dict] = AQueue()

    async def producer() -> None:
        async for item in feed:
            q.put_nowait(item)

    asyncio.get_running_loop().create_task(producer())
    return q


async def build_pipeline_bounded(feed) -> asyncio.Queue:  # expect: clean, ?dangling-task  # near: unbounded-queue
    q: AQueue[dict] = AQueue(maxsize=CONCURRENCY * 4)

    async def producer() -> None:
        async for item in feed:
            await q.put(item)

    task = asyncio.create_task(producer())
    q.producer = task  # type: ignore[attr-defined]
    return q


class Results:  # expect: clean  # near: unbounded-queue
    """A one-shot mailbox: at most one item per request, so no bound is needed."""

    def __init__(self) -> None:
        self.reply: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1)

    async def wait(self) -> bytes:
        return await self.reply.get()


class EventBus:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.subscribers: list[asyncio.Queue] = []

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.subscribers.append(q)
        return q

    async def publish(self, event: dict) -> None:
        for q in self.subscribers:
            q.put_nowait(event)


class LifoStack:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.pending = asyncio.LifoQueue()

    async def push_all(self, source) -> None:
        async for job in source:
            await self.pending.put(job)


async def crawl(urls: list[str]) -> list[bytes]:  # expect: clean, ?unbounded-spawn  # near: unbounded-spawn
    async with aiohttp.ClientSession() as session:

        async def fetch(url: str) -> bytes:
            async with session.get(url) as resp:
                return await resp.read()

        tasks = []
        for url in urls:
            tasks.append(asyncio.create_task(fetch(url)))
        return await asyncio.gather(*tasks)


async def crawl_bounded(urls: list[str]) -> list[bytes]:  # expect: clean  # near: unbounded-spawn
    sem = asyncio.Semaphore(CONCURRENCY)
    async with aiohttp.ClientSession() as session:

        async def fetch(url: str) -> bytes:
            async with sem:
                async with session.get(url) as resp:
                    return await resp.read()

        return await asyncio.gather(*(fetch(u) for u in urls))


async def follow_stream(stream, handle) -> None:  # expect: unbounded-spawn
    async with asyncio.TaskGroup() as tg:
        async for event in stream:
            tg.create_task(handle(event))


async def follow_stream_workers(stream, handle) -> None:  # expect: clean  # near: unbounded-spawn
    q: asyncio.Queue = asyncio.Queue(maxsize=100)

    async def worker() -> None:
        while True:
            ev = await q.get()
            await handle(ev)
            q.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(CONCURRENCY)]
    async for event in stream:
        await q.put(event)
    await q.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)


class Server:  # expect: unbounded-spawn
    def __init__(self, handler) -> None:
        self.handler = handler
        self.tasks: dict[int, asyncio.Task] = {}

    async def serve(self, sock) -> None:
        loop = asyncio.get_running_loop()
        n = 0
        while True:
            conn, _ = await loop.sock_accept(sock)
            n += 1
            self.tasks[n] = asyncio.create_task(self.handler(conn))
            self.tasks[n].add_done_callback(lambda t, n=n: self.tasks.pop(n, None))


async def retry_all(failed: list, resend) -> None:  # expect: clean, ?unbounded-spawn  # near: unbounded-spawn
    batch = [asyncio.ensure_future(resend(m)) for m in failed[:50]]
    await asyncio.wait(batch)


async def listen(ws, on_message) -> None:  # expect: unbounded-spawn, dangling-task
    async for msg in ws:
        asyncio.create_task(on_message(msg))
