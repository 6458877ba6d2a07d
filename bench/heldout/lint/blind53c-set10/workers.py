"""A background-jobs worker pool: job leases, retries, a shared rate lock and graceful shutdown."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from typing import Any, Awaitable, Callable, Optional

log = logging.getLogger("workers")

Job = Callable[[], Awaitable[Any]]


def retrying(attempts: int) -> Callable[[Job], Job]:  # expect: cancellation-swallowed
    def wrap(job: Job) -> Job:
        async def run() -> Any:
            for attempt in range(attempts):
                try:
                    return await job()
                except BaseException as exc:
                    log.warning("attempt %d failed: %r", attempt, exc)
                    await asyncio.sleep(2 ** attempt)
            return None

        return run

    return wrap


def retrying_errors(attempts: int) -> Callable[[Job], Job]:  # expect: clean  # near: cancellation-swallowed
    def wrap(job: Job) -> Job:
        async def run() -> Any:
            for attempt in range(attempts):
                try:
                    return await job()
                except Exception as exc:
                    log.warning("attempt %d failed: %r", attempt, exc)
                    await asyncio.sleep(2 ** attempt)
            return None

        return run

    return wrap


async def lease_loop(renew: Job, every: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await renew()
            await asyncio.sleep(every)
        except asyncio.CancelledError as exc:
            log.info("lease renewal interrupted: %s", exc)
            continue


async def lease_loop_stopping(renew: Job, every: float) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await renew()
            await asyncio.sleep(every)
        except asyncio.CancelledError:
            log.info("lease renewal stopped")
            raise


async def run_with_deadline(job: Job, seconds: float) -> Optional[Any]:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.timeout(seconds):
            return await job()
    except TimeoutError:
        log.warning("job over its deadline")
        return None


async def drain(tasks: list[asyncio.Task]) -> None:  # expect: cancellation-swallowed
    for task in tasks:
        try:
            await task
        except:  # noqa: E722
            log.exception("task failed during drain")


async def drain_returning(tasks: list[asyncio.Task]) -> list[Any]:  # expect: clean  # near: cancellation-swallowed
    return await asyncio.gather(*tasks, return_exceptions=True)


class RateLock:  # expect: lock-across-await, ?blocking-call
    _shared = threading.Lock()

    async def call(self, job: Job) -> Any:
        if not self._shared.acquire(blocking=False):
            await asyncio.sleep(random.random())
            self._shared.acquire()
        try:
            return await job()
        finally:
            self._shared.release()


class Pool:  # expect: lock-across-await, blocking-call
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.idle = 4

    async def run(self, job: Job) -> Any:
        with self._cond:
            while self.idle == 0:
                self._cond.wait(0.1)
            self.idle -= 1
            result = await job()
            self.idle += 1
            self._cond.notify()
        return result


class AsyncPool:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._slots = asyncio.BoundedSemaphore(4)

    async def run(self, job: Job) -> Any:
        async with self._slots:
            return await job()


class ShutdownGuard:  # expect: clean  # near: lock-across-await
    """A thread lock used only in the sync part of shutdown; the awaits happen after it is released."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.stopping = False

    def begin(self) -> bool:
        with self._lock:
            first = not self.stopping
            self.stopping = True
        return first

    async def stop(self, tasks: list[asyncio.Task]) -> None:
        if not self.begin():
            return
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def heartbeat(beat: Job) -> None:  # expect: cancellation-swallowed
    with contextlib.suppress(asyncio.CancelledError):
        while True:
            await beat()
            await asyncio.sleep(5)
    log.info("heartbeat ended")
    await beat()


async def heartbeat_until_stopped(beat: Job, stop: asyncio.Event) -> None:  # expect: clean  # near: cancellation-swallowed
    while not stop.is_set():
        await beat()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), 5)
