"""A chat bot, its job worker and test helpers: coroutines that get created and dropped in different ways."""
from __future__ import annotations

import asyncio
import atexit
import functools
import signal
import threading
from asyncio import sleep as nap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Awaitable, Callable

import aiohttp
import anyio
import asyncpg
import httpx
import redis.asyncio as aioredis
from asgiref.sync import async_to_sync


async def post_message(channel: str, text: str) -> None:  # expect: clean
    await nap(0)


async def refresh_cache() -> None:  # expect: clean
    await nap(0)


class Bot:  # expect: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop

    async def refresh(self) -> None:
        await refresh_cache()

    def start(self) -> None:
        # call_later invokes the function; an async one only produces a coroutine that nobody awaits
        self.loop.call_later(300, self.refresh)


class BotScheduled:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self._tasks: set[asyncio.Task] = set()

    async def refresh(self) -> None:
        await refresh_cache()

    def _spawn_refresh(self) -> None:
        task = self.loop.create_task(self.refresh())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def start(self) -> None:
        self.loop.call_later(300, self._spawn_refresh)


async def handle_command(cmd: str, channel: str) -> None:  # expect: unawaited-coroutine
    if cmd == "ping":
        await post_message(channel, "pong")
    else:
        post_message(channel, f"unknown command {cmd!r}") if cmd else None


async def announce(channels: list[str], text: str) -> None:  # expect: unawaited-coroutine
    [post_message(c, text) for c in channels]


async def announce_all(channels: list[str], text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(post_message(c, text) for c in channels))


async def announce_mapped(channels: list[str], text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*map(functools.partial(post_message, text=text), channels))


class JobWorker:  # expect: unawaited-coroutine
    def __init__(self, dsn: str):
        self.dsn = dsn
        self.pool: asyncpg.Pool | None = None

    async def start(self) -> None:
        self.pool = await asyncpg.create_pool(self.dsn)

    async def mark_done(self, job_id: int) -> None:
        async with self.pool.acquire() as conn:
            conn.execute("UPDATE jobs SET done = true WHERE id = $1", job_id)


async def close_clients(http: httpx.AsyncClient, session: aiohttp.ClientSession) -> None:  # expect: unawaited-coroutine
    await http.aclose()
    session.close()


async def close_clients_ok(http: httpx.AsyncClient, session: aiohttp.ClientSession) -> None:  # expect: clean  # near: unawaited-coroutine
    await http.aclose()
    await session.close()


def install_shutdown(client: httpx.AsyncClient) -> None:  # expect: unawaited-coroutine
    atexit.register(lambda: client.aclose())


def install_signal_handlers(stop: Callable[[], Awaitable[None]]) -> None:  # expect: unawaited-coroutine
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop())


def install_signal_handlers_ok(loop: asyncio.AbstractEventLoop, stop: Callable[[], Awaitable[None]]) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(stop()))


class Presence:  # expect: unawaited-coroutine
    def __init__(self, redis_url: str):
        self.r = aioredis.from_url(redis_url)

    async def heartbeat(self, user_id: str) -> None:
        self.r.set(f"presence:{user_id}", "1", ex=30)


class Inbox:  # expect: unawaited-coroutine
    def __init__(self):
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=100)

    async def deliver(self, msg: str) -> None:
        self.queue.put(msg)


class InboxNowait:  # expect: clean  # near: unawaited-coroutine
    def __init__(self):
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=100)

    async def deliver(self, msg: str) -> None:
        self.queue.put_nowait(msg)


async def stream_to_peer(writer: asyncio.StreamWriter, chunks: list[bytes]) -> None:  # expect: unawaited-coroutine
    for chunk in chunks:
        writer.write(chunk)
        writer.drain()
    writer.close()
    await writer.wait_closed()


class Repository:  # expect: clean
    async def save(self, obj: dict) -> None:
        await nap(0)

    def save_sync(self, obj: dict) -> None:
        pass


class AuditedRepository(Repository):  # expect: unawaited-coroutine
    async def save(self, obj: dict) -> None:
        obj["audited"] = True
        super().save(obj)


class SyncAuditedRepository(Repository):  # expect: clean  # near: unawaited-coroutine
    def save_sync(self, obj: dict) -> None:
        obj["audited"] = True
        super().save_sync(obj)


@dataclass
class Hooks:  # expect: unawaited-coroutine
    on_message: Callable[[str], Awaitable[None]]
    on_error: Callable[[Exception], None]

    async def dispatch(self, msg: str) -> None:
        try:
            self.on_message(msg)
        except Exception as exc:
            self.on_error(exc)


async def maybe_wait(ready: asyncio.Event, urgent: bool) -> None:  # expect: unawaited-coroutine
    if not urgent:
        asyncio.wait_for(ready.wait(), timeout=5)


def poll_in_thread(poll: Callable[[], Awaitable[None]]) -> threading.Thread:  # expect: unawaited-coroutine
    t = threading.Thread(target=poll, daemon=True)
    t.start()
    return t


def poll_in_thread_ok(poll: Callable[[], Awaitable[None]]) -> threading.Thread:  # expect: clean  # near: unawaited-coroutine
    t = threading.Thread(target=asyncio.run, args=(poll(),), daemon=True)
    t.start()
    return t


def submit_all(pool: ThreadPoolExecutor, channels: list[str]) -> None:  # expect: unawaited-coroutine
    for c in channels:
        pool.submit(post_message, c, "maintenance at 22:00")


class Cache:  # expect: unawaited-coroutine
    def __init__(self, fetch: Callable[[str], Awaitable[bytes]]):
        self._fetch = fetch
        self._data: dict[str, bytes] = {}

    async def is_fresh(self, key: str) -> bool:
        await nap(0)
        return key in self._data

    async def get(self, key: str) -> bytes:
        if not self.is_fresh(key):
            self._data[key] = await self._fetch(key)
        return self._data[key]


class LazyClient:  # expect: clean  # near: unawaited-coroutine
    """A sync method that returns the coroutine for the caller to await (a coroutine factory)."""

    def __init__(self, http: httpx.AsyncClient):
        self.http = http

    def fetch(self, path: str) -> Awaitable[httpx.Response]:
        return self.http.get(path)

    async def fetch_json(self, path: str) -> dict:
        resp = await self.fetch(path)
        return resp.json()


async def lock_then_notify(lock: asyncio.Lock, channel: str) -> None:  # expect: unawaited-coroutine
    lock.acquire()
    try:
        await post_message(channel, "locked")
    finally:
        lock.release()


def sync_post(channel: str, text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    # asgiref wraps the coroutine function into a blocking callable for sync Django views
    async_to_sync(post_message)(channel, text)


async def run_group(channels: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    async with anyio.create_task_group() as tg:
        for c in channels:
            tg.start_soon(post_message, c, "hello")


async def retry_post(channel: str, text: str, attempts: int = 3) -> None:  # expect: unawaited-coroutine
    for i in range(attempts):
        try:
            return await post_message(channel, text)
        except ConnectionError:
            nap(0.5 * 2**i)


def on_webhook(payload: dict) -> dict:  # expect: unawaited-coroutine
    """Called by the sync Flask view; the port to async forgot this caller."""
    post_message(payload["channel"], payload["text"])
    return {"ok": True}


def on_webhook_bridged(payload: dict, loop: asyncio.AbstractEventLoop) -> dict:  # expect: clean  # near: unawaited-coroutine
    fut = asyncio.run_coroutine_threadsafe(post_message(payload["channel"], payload["text"]), loop)
    fut.result(timeout=10)
    return {"ok": True}


async def save_later(repo: Repository, obj: dict) -> None:  # expect: unawaited-coroutine
    pending = repo.save(obj)
    if obj.get("dry_run"):
        return
    await pending


async def save_timed(repo: Repository, obj: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    pending = repo.save(obj)
    await asyncio.wait_for(pending, timeout=3)
