"""A grab-bag service: executors, cached helpers, qualified exception names, anyio, cross-module bases."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import json
import logging
import threading
import time

import anyio
import requests

log = logging.getLogger("misc")
_pool = concurrent.futures.ThreadPoolExecutor(8)


async def fetch_in_executor_wrong(url: str) -> bytes:  # expect: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, requests.get(url).content)


async def sleep_in_thread_wrong() -> None:  # expect: blocking-call
    await asyncio.to_thread(time.sleep(2))


@functools.lru_cache(maxsize=1)
def load_settings(path: str = "settings.json") -> dict:  # expect: clean
    with open(path) as fh:
        return json.load(fh)


async def handler_with_cached_settings(request) -> dict:  # expect: blocking-call
    return {"debug": load_settings()["debug"]}


async def map_in_pool(items: list) -> list:  # expect: blocking-call
    return list(_pool.map(str.upper, items))


async def map_in_pool_ok(items: list) -> list:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(_pool, str.upper, i) for i in items))


async def put_from_executor(q: asyncio.Queue, item) -> None:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, q.put_nowait, item)


async def swallow_anyio(stream, handle) -> None:  # expect: cancellation-swallowed
    try:
        async for item in stream:
            await handle(item)
    except anyio.get_cancelled_exc_class():
        log.info("stopped")


async def futures_cancelled(fut: concurrent.futures.Future) -> object:  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wrap_future(fut)
    except concurrent.futures.CancelledError:
        return None


async def qualified_cancel(conn) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await conn.pump()
        except asyncio.exceptions.CancelledError:
            log.debug("pump cancelled, retrying")


async def system_exits(conn) -> None:  # expect: cancellation-swallowed
    try:
        await conn.serve()
    except (KeyboardInterrupt, SystemExit, asyncio.CancelledError):
        log.info("bye")
    await conn.close()


async def cleanup_then_raise(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await conn.serve()
    except BaseException:
        await asyncio.shield(conn.close())
        raise


async def spawn_with_callback(coro_fn, on_done) -> None:  # expect: dangling-task
    asyncio.ensure_future(coro_fn()).add_done_callback(on_done)


async def forgot_wait_for(coro) -> None:  # expect: unawaited-coroutine
    asyncio.wait_for(coro, timeout=5)


async def gather_dropped(a, b) -> None:  # expect: ?dangling-task, ?unawaited-coroutine
    asyncio.gather(a(), b())


async def anyio_spawn_per_message(stream, handle) -> None:  # expect: unbounded-spawn
    async with anyio.create_task_group() as tg:
        async for msg in stream:
            tg.start_soon(handle, msg)


async def anyio_bounded(stream, handle) -> None:  # expect: clean  # near: unbounded-spawn
    limiter = anyio.CapacityLimiter(10)

    async def run(msg) -> None:
        async with limiter:
            await handle(msg)

    async with anyio.create_task_group() as tg:
        async for msg in stream:
            tg.start_soon(run, msg)


class Cache:  # expect: lock-across-await
    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}

    async def get_or_load(self, key: str, load) -> object:
        lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            return await load(key)


class FileCache:  # expect: lock-across-await, blocking-call
    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self.path = path

    async def append(self, fetch) -> None:
        with self._lock, open(self.path, "a") as fh:
            fh.write(await fetch())


def thread_event_clear(ev: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    def worker() -> None:
        time.sleep(1)
        ev.clear()

    threading.Thread(target=worker).start()


def thread_future_exception(loop: asyncio.AbstractEventLoop, fut: asyncio.Future) -> None:  # expect: thread-unsafe-capture
    def worker() -> None:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            fut.set_exception(exc)

    threading.Thread(target=worker, daemon=True).start()


def thread_future_exception_ok(loop: asyncio.AbstractEventLoop, fut: asyncio.Future) -> None:  # expect: clean  # near: thread-unsafe-capture
    def worker() -> None:
        loop.call_soon_threadsafe(fut.set_exception, RuntimeError("boom"))

    threading.Thread(target=worker, daemon=True).start()
