"""Harder concurrency shapes: signal handlers, executor callbacks, defaultdict locks, explicit zero sizes."""
from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import logging
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from time import sleep as pause

import aiofiles
import asyncpg
import motor.motor_asyncio
import pymongo
import redis.asyncio as aioredis
from aiokafka import AIOKafkaProducer

log = logging.getLogger("svc")
_executor = concurrent.futures.ThreadPoolExecutor(4)


async def shutdown(loop) -> None:  # expect: clean
    for t in asyncio.all_tasks():
        if t is not asyncio.current_task():
            t.cancel()


def install(loop: asyncio.AbstractEventLoop) -> None:  # expect: dangling-task
    loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.create_task(shutdown(loop)))


_shutdown_tasks: set = set()


def install_kept(loop: asyncio.AbstractEventLoop) -> None:  # expect: clean  # near: dangling-task
    def on_term() -> None:
        t = loop.create_task(shutdown(loop))
        _shutdown_tasks.add(t)

    loop.add_signal_handler(signal.SIGTERM, on_term)


@dataclass
class Poller:  # expect: dangling-task
    interval: float

    def __post_init__(self) -> None:
        asyncio.get_event_loop().create_task(self.poll())

    async def poll(self) -> None:
        while True:
            await asyncio.sleep(self.interval)


async def throttled(step) -> None:  # expect: blocking-call
    for _ in range(10):
        await step()
        pause(0.1)


async def compute_in_pool(data: bytes) -> int:  # expect: blocking-call
    fut = _executor.submit(len, data)
    return fut.result()


async def compute_in_pool_ok(data: bytes) -> int:  # expect: clean  # near: blocking-call
    return await asyncio.wrap_future(_executor.submit(len, data))


async def next_event(events: queue.Queue) -> object:  # expect: blocking-call
    return events.get()


async def next_event_nowait(events: queue.Queue) -> object | None:  # expect: clean  # near: blocking-call
    try:
        return events.get_nowait()
    except queue.Empty:
        return None


async def wait_ready(ready: threading.Event) -> None:  # expect: blocking-call
    ready.wait(timeout=10)


async def wait_ready_ok(ready: threading.Event) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(ready.wait, 10)


async def nested(coro) -> object:  # expect: blocking-call
    return asyncio.get_event_loop().run_until_complete(coro)


async def bridge_result(fn) -> object:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    afut = loop.create_future()
    _executor.submit(fn).add_done_callback(lambda f: afut.set_result(f.result()))
    return await afut


async def bridge_result_ok(fn) -> object:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    afut = loop.create_future()
    _executor.submit(fn).add_done_callback(lambda f: loop.call_soon_threadsafe(afut.set_result, f.result()))
    return await afut


def arm_timer(loop: asyncio.AbstractEventLoop, cb) -> threading.Timer:  # expect: thread-unsafe-capture
    t = threading.Timer(5.0, lambda: loop.call_soon(cb))
    t.start()
    return t


def arm_timer_ok(loop: asyncio.AbstractEventLoop, cb) -> asyncio.TimerHandle:  # expect: clean  # near: thread-unsafe-capture
    return loop.call_later(5.0, cb)


def feed_from_thread(loop: asyncio.AbstractEventLoop, q: asyncio.Queue, items) -> None:  # expect: clean  # near: thread-unsafe-capture
    for item in items:
        asyncio.run_coroutine_threadsafe(q.put(item), loop).result()


def on_sigusr1(task: asyncio.Task) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGUSR1, lambda s, f: task.cancel())


class KeyedLocks:  # expect: lock-across-await
    def __init__(self) -> None:
        self._locks: collections.defaultdict[str, threading.Lock] = collections.defaultdict(threading.Lock)

    async def update(self, key: str, fetch) -> None:
        with self._locks[key]:
            await fetch(key)


class KeyedAsyncLocks:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._locks: collections.defaultdict[str, asyncio.Lock] = collections.defaultdict(asyncio.Lock)

    async def update(self, key: str, fetch) -> None:
        async with self._locks[key]:
            await fetch(key)


class Conn:  # expect: lock-across-await
    _write_lock = threading.Lock()

    async def send(self, writer, data: bytes) -> None:
        self._write_lock.acquire()
        writer.write(data)
        await writer.drain()
        self._write_lock.release()


class Outbox:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.q: asyncio.Queue[bytes] = asyncio.Queue(maxsize=0)

    async def feed(self, source) -> None:
        async for item in source:
            self.q.put_nowait(item)


class ConfiguredOutbox:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int) -> None:
        self.q: asyncio.Queue[bytes] = asyncio.Queue(depth)

    async def feed(self, source) -> None:
        async for item in source:
            await self.q.put(item)


async def record(r: aioredis.Redis, key: str) -> None:  # expect: unawaited-coroutine
    r.incr(key)
    await r.expire(key, 60)


async def record_sync(r, key: str) -> None:  # expect: clean  # near: unawaited-coroutine
    pipe = r.pipeline()
    pipe.incr(key)
    pipe.expire(key, 60)
    await pipe.execute()


async def append_log(path: str, line: str) -> None:  # expect: unawaited-coroutine
    async with aiofiles.open(path, "a") as fh:
        fh.write(line)


async def save_event(coll: motor.motor_asyncio.AsyncIOMotorCollection, ev: dict) -> None:  # expect: unawaited-coroutine
    coll.insert_one(ev)


def save_event_sync(coll: pymongo.collection.Collection, ev: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    coll.insert_one(ev)


async def emit(producer: AIOKafkaProducer, value: bytes) -> None:  # expect: clean  # near: unawaited-coroutine
    # send() returns a future after enqueueing; awaiting it here is the usual form
    fut = await producer.send("t", value)
    await fut


async def touch(pool: asyncpg.Pool, uid: int) -> None:  # expect: unawaited-coroutine
    async with pool.acquire() as conn:
        conn.execute("UPDATE users SET seen = now() WHERE id = $1", uid)


async def stream_forever(source, sink) -> None:  # expect: cancellation-swallowed
    async for item in source:
        try:
            await sink(item)
        except (asyncio.CancelledError, Exception):
            log.exception("sink failed")


async def stream_until_cancel(source, sink) -> None:  # expect: cancellation-swallowed
    try:
        async for item in source:
            await sink(item)
    except asyncio.CancelledError:
        log.info("stream stopped")


async def guarded(source, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async for item in source:
            await sink(item)
    except BaseException as exc:
        if not isinstance(exc, Exception):
            raise
        log.exception("stream failed")


async def guarded_isinstance(source, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async for item in source:
            await sink(item)
    except BaseException as exc:
        if isinstance(exc, asyncio.CancelledError):
            raise
        log.exception("stream failed")


async def legacy_wait_for(coro) -> object:  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wait_for(coro, 3)
    except asyncio.TimeoutError:
        return None


def sync_retry(fn) -> object:  # expect: clean  # near: blocking-call
    for _ in range(3):
        try:
            return fn()
        except OSError:
            time.sleep(1)
    return None


async def run_sync_retry(fn) -> object:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(sync_retry, fn)
