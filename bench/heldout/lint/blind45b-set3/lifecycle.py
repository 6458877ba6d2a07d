"""Start-up, shutdown and background work of a notification gateway (written after reading parts of the linter)."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import signal
import threading
import weakref
from asyncio import Queue

import anyio

log = logging.getLogger("gateway")


class Gateway:  # expect: dangling-task
    def __init__(self, transport) -> None:
        self.transport = transport
        self._pollers: dict[str, asyncio.Task] = {}

    async def __aenter__(self) -> "Gateway":
        asyncio.ensure_future(self.transport.keepalive())
        return self

    async def __aexit__(self, *exc) -> None:
        await self.transport.close()


class GatewayKept:  # expect: clean  # near: dangling-task
    def __init__(self, transport) -> None:
        self.transport = transport
        self._pollers: dict[str, asyncio.Task] = {}

    async def __aenter__(self) -> "GatewayKept":
        self._pollers["keepalive"] = asyncio.ensure_future(self.transport.keepalive())
        return self

    async def __aexit__(self, *exc) -> None:
        for task in self._pollers.values():
            task.cancel()
        await self.transport.close()


async def start_channel(channel) -> None:  # expect: dangling-task
    asyncio.Task(channel.pump())
    log.info("channel %s pumping", channel.name)


async def start_named(channel) -> None:  # expect: dangling-task
    asyncio.create_task(channel.pump()).set_name(f"pump-{channel.name}")


async def start_weakly(channel, registry: dict) -> None:  # expect: dangling-task
    registry[channel.name] = weakref.ref(asyncio.create_task(channel.pump()))


async def notify_all(channels, message) -> None:  # expect: dangling-task
    pending = []
    for channel in channels:
        pending.append(asyncio.create_task(channel.send(message)))
    log.info("sent to %d channels", len(pending))


async def notify_all_waited(channels, message) -> None:  # expect: clean  # near: dangling-task
    pending = []
    for channel in channels:
        pending.append(asyncio.create_task(channel.send(message)))
    await asyncio.wait(pending)


async def close_with_lock(lock: asyncio.Lock, channel) -> None:  # expect: dangling-task
    async with lock:
        asyncio.create_task(channel.drain())
    await channel.close()


async def shutdown_hooks(hooks) -> None:  # expect: dangling-task
    try:
        for hook in hooks:
            await hook.before_stop()
    finally:
        asyncio.create_task(hooks.final_flush())


async def kick_off(group) -> None:  # expect: clean  # near: dangling-task
    async with anyio.create_task_group() as tg:
        tg.start_soon(group.run)


async def worker(queue: asyncio.Queue, send) -> None:  # expect: cancellation-swallowed
    try:
        while True:
            message = await queue.get()
            await send(message)
            queue.task_done()
    except asyncio.CancelledError:
        pass


async def worker_reraises(queue: asyncio.Queue, send) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while True:
            message = await queue.get()
            await send(message)
            queue.task_done()
    except asyncio.CancelledError:
        log.info("worker stopping with %d queued", queue.qsize())
        raise


async def retry_send(send, message, attempts: int = 5) -> bool:  # expect: cancellation-swallowed
    for attempt in range(attempts):
        try:
            await send(message)
            return True
        except asyncio.exceptions.CancelledError:
            log.warning("send %d interrupted", attempt)
        except OSError:
            await asyncio.sleep(attempt)
    return False


async def tick(interval: float, on_tick) -> None:  # expect: cancellation-swallowed
    while True:
        await on_tick()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.sleep(interval)


async def tick_with_timeout(interval: float, on_tick) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            async with asyncio.timeout(interval):
                await on_tick()
        except TimeoutError:
            log.warning("tick took longer than %.1fs", interval)
        await asyncio.sleep(interval)


async def read_loop(ws, handle) -> None:  # expect: cancellation-swallowed
    async for raw in ws:
        try:
            await handle(raw)
        except:
            continue


async def delayed_close(channel, delay: float) -> None:  # expect: cancellation-swallowed
    cancelled = False
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        cancelled = True
    await channel.close(reason="cancelled" if cancelled else "idle")


async def transactional(conn, work) -> None:  # expect: clean  # near: cancellation-swallowed
    tx = await conn.begin()
    try:
        await work(conn)
    except BaseException:
        await tx.rollback()
        raise
    else:
        await tx.commit()


async def checked_base(conn, work) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await work(conn)
    except BaseException as exc:
        if not isinstance(exc, Exception):
            raise
        log.exception("work failed")


async def graceful_close(channel) -> None:  # expect: cancellation-swallowed
    try:
        await channel.flush()
    except asyncio.CancelledError:
        await channel.close()
        return


async def run_until_shutdown(server) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    try:
        await server.serve_forever()
    except asyncio.CancelledError as exc:
        raise RuntimeError("server cancelled") from exc


def topic_queues(topics: list[str]) -> dict[str, asyncio.Queue]:  # expect: unbounded-queue
    return {topic: asyncio.Queue() for topic in topics}


class Outbox:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.queue: Queue | None = None

    async def start(self) -> None:
        self.queue = Queue(0)


class RetryHeap(asyncio.PriorityQueue):  # expect: clean
    """Orders retries by due time."""


def make_retry_heap() -> RetryHeap:  # expect: unbounded-queue
    return RetryHeap()


def make_bounded_retry_heap() -> RetryHeap:  # expect: clean  # near: unbounded-queue
    return RetryHeap(maxsize=5000)


class SizedFromWorkers:  # expect: clean  # near: unbounded-queue
    def __init__(self, workers: int) -> None:
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=workers * 2)


def memory_channel():  # expect: ?unbounded-queue
    return anyio.create_memory_object_stream(float("inf"))


class Pipeline:  # expect: thread-unsafe-capture
    def __init__(self, pool: concurrent.futures.Executor, results: asyncio.Queue) -> None:
        self.pool = pool
        self.results = results

    def _work(self, out: asyncio.Queue, item) -> None:
        out.put_nowait(item * 2)

    async def feed(self, items) -> None:
        loop = asyncio.get_running_loop()
        for item in items:
            await loop.run_in_executor(self.pool, functools.partial(self._work, self.results, item))


class Resolver:  # expect: thread-unsafe-capture
    def __init__(self, lookup) -> None:
        self.lookup = lookup

    def _resolve(self, fut: asyncio.Future, name: str) -> None:
        fut.set_result(self.lookup(name))

    async def resolve(self, name: str):
        fut = asyncio.get_running_loop().create_future()
        threading.Thread(target=self._resolve, args=(fut, name), daemon=True).start()
        return await fut


async def mark_done_in_pool(done: asyncio.Event) -> None:  # expect: thread-unsafe-capture, blocking-call
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: done.set())


def on_interrupt(stop: asyncio.Event, signum, frame) -> None:  # expect: thread-unsafe-capture
    stop.set()


def install_interrupt(stop: asyncio.Event) -> None:  # expect: clean, ?thread-unsafe-capture
    signal.signal(signal.SIGINT, functools.partial(on_interrupt, stop))


def install_interrupt_loop(stop: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stop.set)
