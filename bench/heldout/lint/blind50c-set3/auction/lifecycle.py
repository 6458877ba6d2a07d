"""Starting, stopping and supervising the auction's background work."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from typing import Any, Awaitable, Callable, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def forever(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:  # expect: cancellation-swallowed
    """Restart the wrapped coroutine function whatever happens to it."""

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        while True:
            try:
                return await fn(*args, **kwargs)
            except BaseException:
                log.exception("%s died, restarting", fn.__name__)
                await asyncio.sleep(1)

    return wrapper


def logged(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:  # expect: clean  # near: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return await fn(*args, **kwargs)
        except BaseException:
            log.exception("%s failed", fn.__name__)
            raise

    return wrapper


class Quietly:  # expect: cancellation-swallowed
    """`async with Quietly("closing feed"):` logs and drops whatever the block raises."""

    def __init__(self, what: str) -> None:
        self.what = what

    async def __aenter__(self) -> "Quietly":
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if exc is not None:
            log.warning("%s: %r", self.what, exc)
        return True


class QuietlyErrors:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, what: str) -> None:
        self.what = what

    async def __aenter__(self) -> "QuietlyErrors":
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if exc_type is not None and issubclass(exc_type, Exception):
            log.warning("%s: %r", self.what, exc)
            return True
        return False


async def close_feed(feed) -> None:  # expect: cancellation-swallowed
    async with Quietly("closing feed"):
        await feed.close()


async def stop_worker(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def drain(queue: asyncio.Queue, handle) -> None:  # expect: cancellation-swallowed
    while True:
        item = await queue.get()
        try:
            await handle(item)
        except* asyncio.CancelledError:
            log.info("handler cancelled, moving on")
        finally:
            queue.task_done()


async def drain_errors(queue: asyncio.Queue, handle) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        item = await queue.get()
        try:
            await handle(item)
        except* ValueError as group:
            log.warning("bad items: %s", group.exceptions)
        finally:
            queue.task_done()


async def flush_on_exit(buffer, sink) -> None:  # expect: cancellation-swallowed
    try:
        while True:
            await asyncio.sleep(5)
            await sink.write(buffer.take())
    finally:
        await sink.write(buffer.take())
        return


async def flush_then_reraise(buffer, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while True:
            await asyncio.sleep(5)
            await sink.write(buffer.take())
    finally:
        await sink.write(buffer.take())
