"""A worker process's lifecycle: start-up, signal handling, background loops and shutdown."""
from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import signal
import threading
from typing import Awaitable, Callable, Optional

log = logging.getLogger(__name__)


class Worker:  # expect: clean
    def __init__(self) -> None:
        self.stopping = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    async def shutdown(self) -> None:
        self.stopping.set()
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def install_handlers(worker: Worker) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.shutdown)


def install_handlers_task(worker: Worker) -> None:  # expect: ?dangling-task  # near: unawaited-coroutine
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(worker.shutdown()))


def install_handlers_event(worker: Worker) -> None:  # expect: clean  # near: unawaited-coroutine
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stopping.set)


def register_exit(worker: Worker) -> None:  # expect: unawaited-coroutine
    atexit.register(worker.shutdown)


def start_in_thread(job: Callable[[], Awaitable[None]]) -> threading.Thread:  # expect: clean
    t = threading.Thread(target=asyncio.run, args=(job(),), daemon=True)
    t.start()
    return t


async def heartbeat(send: Callable[[], Awaitable[None]], every: float = 5.0) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await send()
            await asyncio.sleep(every)
        except asyncio.CancelledError:
            log.info("heartbeat cancelled; will try again")
        except Exception:
            log.exception("heartbeat failed")


async def heartbeat_stops(send: Callable[[], Awaitable[None]], every: float = 5.0) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while True:
            try:
                await send()
            except Exception:
                log.exception("heartbeat failed")
            await asyncio.sleep(every)
    except asyncio.CancelledError:
        log.info("heartbeat stopped")
        raise


async def stop_task(task: asyncio.Task[None]) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def drain(queue: asyncio.Queue[str], handle: Callable[[str], Awaitable[None]]) -> None:  # expect: cancellation-swallowed
    with contextlib.suppress(asyncio.CancelledError):
        while True:
            item = await queue.get()
            await handle(item)
    await handle("<flush>")


async def flush_on_exit(flush: Callable[[], Awaitable[None]], work: Callable[[], Awaitable[None]]) -> Optional[str]:  # expect: cancellation-swallowed
    try:
        await work()
    finally:
        await flush()
        return "flushed"


async def flush_on_exit_safe(flush: Callable[[], Awaitable[None]], work: Callable[[], Awaitable[None]]) -> str:  # expect: clean  # near: cancellation-swallowed
    try:
        await work()
    finally:
        await flush()
    return "flushed"


async def guarded(step: Callable[[], Awaitable[None]]) -> None:  # expect: cancellation-swallowed
    try:
        await step()
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        log.warning("step failed: %r", exc)


async def guarded_ok(step: Callable[[], Awaitable[None]]) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await step()
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, asyncio.CancelledError)):
            raise
        log.warning("step failed: %r", exc)


class Reporter:  # expect: unawaited-coroutine
    def __init__(self, publish: Callable[[str], Awaitable[None]]) -> None:
        self.publish = publish

    def report_sync(self, text: str) -> None:
        loop = asyncio.get_running_loop()
        loop.run_in_executor(None, self.publish, text)


class ThreadReporter:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, publish: Callable[[str], Awaitable[None]], loop: asyncio.AbstractEventLoop) -> None:
        self.publish = publish
        self.loop = loop

    def report_from_thread(self, text: str) -> None:
        asyncio.run_coroutine_threadsafe(self.publish(text), self.loop).result(timeout=5)


async def restart_later(worker: Worker, delay: float) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    loop.call_later(delay, worker.shutdown)


async def poll_once(fetch: Callable[[], Awaitable[bytes]]) -> bytes:  # expect: unawaited-coroutine
    result = asyncio.wait_for(fetch(), timeout=3)
    return b"" if result is None else b"ok"
