"""Workers, supervisors and SDK wrappers of a job runner: what they do when they are cancelled."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
from asyncio import CancelledError as Cancelled

log = logging.getLogger("runner")


async def pump(source, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            item = await source.next()
            await sink.write(item)
        except asyncio.CancelledError:
            log.info("pump interrupted; continuing")
            continue


async def pump_errors(source, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            item = await source.next()
            await sink.write(item)
        except:  # noqa: E722
            log.exception("pump step failed")
            await asyncio.sleep(1)


async def pump_exceptions_only(source, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            item = await source.next()
            await sink.write(item)
        except Exception:
            log.exception("pump step failed")
            await asyncio.sleep(1)


async def supervise(child_factory, backoff: float = 2.0) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await child_factory()
        except BaseException as exc:
            log.error("child died: %r; restarting", exc)
        await asyncio.sleep(backoff)


async def supervise_reraise(child_factory, backoff: float = 2.0) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await child_factory()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            log.error("child died: %r; restarting", exc)
        await asyncio.sleep(backoff)


async def upload_part(session, part) -> bool:  # expect: cancellation-swallowed
    ok = False
    try:
        await session.put(part)
        ok = True
    finally:
        return ok


async def upload_part_cleanup(session, part) -> bool:  # expect: clean  # near: cancellation-swallowed
    try:
        await session.put(part)
        return True
    finally:
        await session.release(part)


class RequestHandler:  # expect: cancellation-swallowed
    def __init__(self, app):
        self.app = app

    async def __call__(self, request):
        with contextlib.suppress(asyncio.CancelledError):
            return await self.app.dispatch(request)
        return None


class WorkerPool:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    def __init__(self, n: int, work):
        self._workers = [asyncio.ensure_future(work()) for _ in range(n)]

    async def close(self) -> None:
        for w in self._workers:
            w.cancel()
        for w in self._workers:
            with contextlib.suppress(asyncio.CancelledError):
                await w


def retry(times: int = 3, delay: float = 0.5):  # expect: cancellation-swallowed
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await fn(*args, **kwargs)
                except BaseException:
                    log.warning("attempt %d of %s failed", attempt + 1, fn.__name__)
                    await asyncio.sleep(delay)
            return None
        return wrapper
    return deco


def retry_errors(times: int = 3, delay: float = 0.5):  # expect: clean  # near: cancellation-swallowed
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await fn(*args, **kwargs)
                except (ConnectionError, TimeoutError):
                    log.warning("attempt %d of %s failed", attempt + 1, fn.__name__)
                    await asyncio.sleep(delay)
            return None
        return wrapper
    return deco


class Ledger:  # expect: cancellation-swallowed
    def __init__(self, db):
        self.db = db

    async def commit(self, entry) -> bool:
        try:
            await asyncio.shield(self.db.insert(entry))
        except asyncio.CancelledError:
            log.info("caller went away; insert continues in background")
            return False
        return True


class LedgerShieldReraise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, db):
        self.db = db

    async def commit(self, entry) -> bool:
        insert = asyncio.ensure_future(self.db.insert(entry))
        try:
            await asyncio.shield(insert)
        except asyncio.CancelledError:
            await insert
            raise
        return True


async def fetch_with_deadline(client, url, seconds: float = 5.0):  # expect: cancellation-swallowed
    try:
        return await asyncio.wait_for(client.get(url), seconds)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        return None


async def fetch_with_deadline_timeout_only(client, url, seconds: float = 5.0):  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.timeout(seconds):
            return await client.get(url)
    except TimeoutError:
        return None


async def read_frame(reader) -> bytes | None:  # expect: cancellation-swallowed
    try:
        header = await reader.readexactly(4)
        return await reader.readexactly(int.from_bytes(header, "big"))
    except Cancelled:
        return None


async def read_frame_qualified(reader) -> bytes | None:  # expect: cancellation-swallowed
    try:
        header = await reader.readexactly(4)
        return await reader.readexactly(int.from_bytes(header, "big"))
    except (asyncio.IncompleteReadError, asyncio.exceptions.CancelledError):
        return None


async def wait_pool_result(cfut: concurrent.futures.Future):  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wrap_future(cfut)
    except concurrent.futures.CancelledError:
        # the *pool* job was cancelled (an Exception subclass), not this task
        return None


async def converse(session, prompt):  # expect: ?cancellation-swallowed
    try:
        return await session.ask(prompt)
    except asyncio.CancelledError as exc:
        raise RuntimeError("conversation aborted") from exc


class StreamConsumer:  # expect: ?cancellation-swallowed
    def __init__(self, stream):
        self.stream = stream
        self._closing = False

    async def run(self) -> None:
        while True:
            try:
                await self.stream.consume_one()
            except asyncio.CancelledError:
                if self._closing:
                    raise
                log.warning("spurious cancel, resuming")


async def graceful_drain(queue: asyncio.Queue, handle) -> None:  # expect: cancellation-swallowed
    try:
        while True:
            await handle(await queue.get())
    except asyncio.CancelledError:
        log.info("draining %d leftover jobs", queue.qsize())
        while not queue.empty():
            await handle(queue.get_nowait())


async def graceful_drain_reraise(queue: asyncio.Queue, handle) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while True:
            await handle(await queue.get())
    except asyncio.CancelledError:
        log.info("dropping %d leftover jobs", queue.qsize())
        raise
