"""A log-shipping pipeline: readers, parsers and shippers joined by queues, with a careful (mostly) shutdown."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Settings:  # expect: clean
    parse_queue: int = 1000
    ship_queue: int = 0
    batch: int = 100


class Stage:  # expect: unbounded-queue
    buffer_size = 0

    def __init__(self, work: Callable[[bytes], Awaitable[None]]) -> None:
        self.work = work
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(self.buffer_size)

    async def run(self) -> None:
        while True:
            item = await self.inbox.get()
            await self.work(item)
            self.inbox.task_done()


class BoundedStage:  # expect: clean  # near: unbounded-queue
    buffer_size = 256

    def __init__(self, work: Callable[[bytes], Awaitable[None]]) -> None:
        self.work = work
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(self.buffer_size)

    async def run(self) -> None:
        while True:
            item = await self.inbox.get()
            await self.work(item)
            self.inbox.task_done()


def make_ship_queue(settings: Settings) -> asyncio.Queue[list[bytes]]:  # expect: ?unbounded-queue  # near: unbounded-queue
    return asyncio.Queue(maxsize=settings.ship_queue)


def make_parse_queue(settings: Settings) -> asyncio.Queue[bytes]:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=settings.parse_queue)


async def undo_log(entries: list[str], undo: Callable[[str], Awaitable[None]]) -> None:  # expect: clean  # near: unbounded-queue
    stack: asyncio.LifoQueue[str] = asyncio.LifoQueue()
    for entry in entries:
        await stack.put(entry)

    async def unwinder() -> None:
        while True:
            await undo(await stack.get())

    asyncio.get_running_loop().call_later(0.1, lambda: None)
    await unwinder()


async def read_lines(reader: asyncio.StreamReader, out: asyncio.Queue[bytes]) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            line = await reader.readline()
        except asyncio.CancelledError:
            log.info("reader stopping")
            break
        if not line:
            break
        await out.put(line)


async def read_lines_reraise(reader: asyncio.StreamReader, out: asyncio.Queue[bytes]) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while line := await reader.readline():
            await out.put(line)
    except asyncio.CancelledError:
        log.info("reader stopping")
        raise


async def ship(batch: list[bytes], send: Callable[[list[bytes]], Awaitable[None]]) -> bool:  # expect: cancellation-swallowed
    for attempt in range(5):
        try:
            await send(batch)
            return True
        except (OSError, asyncio.CancelledError) as exc:
            log.warning("ship attempt %d failed: %r", attempt, exc)
            await asyncio.sleep(2**attempt)
    return False


async def ship_io_errors(batch: list[bytes], send: Callable[[list[bytes]], Awaitable[None]]) -> bool:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(5):
        try:
            await send(batch)
            return True
        except (OSError, asyncio.TimeoutError) as exc:
            log.warning("ship attempt %d failed: %r", attempt, exc)
            await asyncio.sleep(2**attempt)
    return False


def never_fails(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T | None]]:  # expect: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T | None:
        try:
            return await fn(*args, **kwargs)
        except BaseException:
            log.exception("%s failed", fn.__name__)
            return None

    return wrapper


def logs_failures(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:  # expect: clean  # near: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return await fn(*args, **kwargs)
        except Exception:
            log.exception("%s failed", fn.__name__)
            raise

    return wrapper


async def drain(queue: asyncio.Queue[bytes], flush: Callable[[list[bytes]], Awaitable[None]]) -> None:  # expect: cancellation-swallowed
    batch: list[bytes] = []
    with contextlib.suppress(BaseException):
        while True:
            batch.append(await queue.get())
            if len(batch) >= 100:
                await flush(batch)
                batch = []
    await flush(batch)


async def stop_stage(task: asyncio.Task[None]) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


def on_stage_done(task: asyncio.Task[None]) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        task.result()
    except asyncio.CancelledError:
        log.info("stage %s cancelled", task.get_name())
    except Exception:
        log.exception("stage %s crashed", task.get_name())


async def parse_forever(inbox: asyncio.Queue[bytes], parse: Callable[[bytes], dict]) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            raw = await inbox.get()
            parse(raw)
        except:  # noqa: E722
            log.exception("bad record")
            continue


async def flush_on_cancel(queue: asyncio.Queue[bytes], flush: Callable[[list[bytes]], Awaitable[None]]) -> None:  # expect: clean  # near: cancellation-swallowed
    batch: list[bytes] = []
    try:
        while True:
            batch.append(await queue.get())
    except asyncio.CancelledError:
        await asyncio.shield(flush(batch))
        raise
