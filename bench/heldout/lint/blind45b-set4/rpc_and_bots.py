"""An RPC client with a reader thread, a chat bot and a web app's start-up (semi-blind: written after reading parts
of the linter)."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import signal
import threading
import typing

import discord
from fastapi import FastAPI

log = logging.getLogger("rpc")
app = FastAPI()


class RpcClient:  # expect: thread-unsafe-capture
    def __init__(self, sock) -> None:
        self.sock = sock
        self._pending: dict[int, asyncio.Future] = {}
        self._next_id = 0
        threading.Thread(target=self._read_responses, daemon=True).start()

    def _read_responses(self) -> None:
        for line in self.sock.makefile():
            msg_id, _, body = line.partition(" ")
            fut = self._pending.pop(int(msg_id), None)
            if fut is not None:
                fut.set_result(body)

    async def call(self, body: str) -> str:
        self._next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = fut
        await asyncio.to_thread(self.sock.sendall, f"{self._next_id} {body}\n".encode())
        return await fut


class RpcClientSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sock, loop: asyncio.AbstractEventLoop) -> None:
        self.sock = sock
        self.loop = loop
        self._pending: dict[int, asyncio.Future] = {}
        threading.Thread(target=self._read_responses, daemon=True).start()

    def _read_responses(self) -> None:
        for line in self.sock.makefile():
            msg_id, _, body = line.partition(" ")
            fut = self._pending.pop(int(msg_id), None)
            if fut is not None:
                self.loop.call_soon_threadsafe(fut.set_result, body)


class Poller:  # expect: thread-unsafe-capture, ?unbounded-spawn
    def __init__(self, loop: asyncio.AbstractEventLoop, source, handle) -> None:
        self._loop = loop
        self.source = source
        self.handle = handle
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    def _poll(self) -> None:
        while True:
            for item in self.source.fetch():
                self._loop.create_task(self.handle(item))

    def start(self) -> None:
        self._pool.submit(self._poll)


class Supervisor:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.tasks: list[asyncio.Task] = []
        signal.signal(signal.SIGTERM, self._graceful)

    def _graceful(self, signum, frame) -> None:
        for task in self.tasks:
            task.cancel()


class SupervisorLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.tasks: list[asyncio.Task] = []

    def _graceful(self) -> None:
        for task in self.tasks:
            task.cancel()

    async def install(self) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._graceful)


class Downloads:  # expect: thread-unsafe-capture
    def __init__(self, pool: concurrent.futures.ThreadPoolExecutor) -> None:
        self.pool = pool
        self.idle = asyncio.Event()
        self.inflight: dict[str, concurrent.futures.Future] = {}

    def _finished(self, url: str, _fut) -> None:
        self.inflight.pop(url, None)
        if not self.inflight:
            self.idle.set()

    def start(self, url: str, fetch) -> None:
        fut = self.pool.submit(fetch, url)
        self.inflight[url] = fut
        fut.add_done_callback(functools.partial(self._finished, url))


@app.on_event("startup")
async def warm_caches() -> None:  # expect: dangling-task
    asyncio.create_task(app.state.cache.warm())


@app.on_event("startup")
async def warm_caches_kept() -> None:  # expect: clean  # near: dangling-task
    app.state.warmup = asyncio.create_task(app.state.cache.warm())


def schedule_on(loop: asyncio.AbstractEventLoop, coro) -> None:  # expect: dangling-task
    asyncio.ensure_future(coro, loop=loop)


async def close_all(conns) -> None:  # expect: dangling-task
    list(map(lambda c: asyncio.create_task(c.close()), conns))


class Refresher:  # expect: dangling-task
    def __init__(self) -> None:
        self.loop = asyncio.get_event_loop()

    def refresh_soon(self, source) -> None:
        self.loop.create_task(source.refresh())


class Bot(discord.Client):  # expect: dangling-task
    async def on_ready(self) -> None:
        self.loop.create_task(self.status_rotation())

    async def status_rotation(self) -> None:
        while True:
            await self.change_presence(activity=discord.Game("ready"))
            await asyncio.sleep(60)


async def fire_all(handlers, event) -> None:  # expect: dangling-task
    started = set()
    for h in handlers:
        started.add(asyncio.create_task(h(event)))


async def record_outcome(job, results: dict) -> None:  # expect: cancellation-swallowed
    try:
        results[job.id] = await job.run()
    except asyncio.CancelledError:
        results[job.id] = "cancelled"


async def process_all(jobs) -> None:  # expect: cancellation-swallowed
    for job in jobs:
        try:
            await job.run()
        except (asyncio.CancelledError, Exception) as exc:
            log.warning("job %s: %r", job.id, exc)


async def with_fallback(primary, fallback):  # expect: cancellation-swallowed
    try:
        return await primary()
    except asyncio.CancelledError:
        return await fallback()


class Suppressing:  # expect: cancellation-swallowed
    def __init__(self, conn) -> None:
        self.conn = conn

    async def __aenter__(self):
        return self.conn

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        await self.conn.close()
        return True


class SuppressingErrors:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, conn) -> None:
        self.conn = conn

    async def __aenter__(self):
        return self.conn

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        await self.conn.close()
        return exc_type is not None and issubclass(exc_type, ConnectionError)


def on_job_done(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        exc = task.exception()
    except asyncio.CancelledError:
        return
    if exc is not None:
        log.error("job failed", exc_info=exc)


class Mailbox:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.inbox = asyncio.Queue[dict]()


class MailboxBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.inbox = asyncio.Queue[dict](maxsize=100)


def cast_queue() -> asyncio.Queue:  # expect: unbounded-queue
    return typing.cast(asyncio.Queue, asyncio.Queue())


BoundedQueue = functools.partial(asyncio.Queue, maxsize=100)


def bounded_from_partial() -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return BoundedQueue()


def from_settings(settings: dict) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=settings.get("queue_size", 1000))
