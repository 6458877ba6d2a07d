"""Feed workers of a market-data collector: retries, shutdown and error handling around the awaits."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from asyncio import CancelledError

import httpx

log = logging.getLogger("feeds")


def report(exc: BaseException) -> None:  # expect: clean
    """Every error goes to the log and the metrics, never back up."""
    log.error("feed error: %r", exc)


def reraise_cancel(exc: BaseException) -> None:  # expect: clean
    if isinstance(exc, (CancelledError, KeyboardInterrupt, SystemExit)):
        raise exc
    log.error("feed error: %r", exc)


async def poll_feed(client: httpx.AsyncClient, url: str, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            resp = await client.get(url)
            await sink.push(resp.json())
        except BaseException as exc:
            report(exc)
        await asyncio.sleep(5)


async def poll_feed_checked(client: httpx.AsyncClient, url: str, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            resp = await client.get(url)
            await sink.push(resp.json())
        except BaseException as exc:
            reraise_cancel(exc)
        await asyncio.sleep(5)


async def fetch_snapshot(client: httpx.AsyncClient, url: str) -> dict | None:  # expect: cancellation-swallowed
    for attempt in range(5):
        try:
            resp = await client.get(url, timeout=10)
            return resp.json()
        except:  # noqa: E722
            log.warning("snapshot attempt %d failed", attempt)
            await asyncio.sleep(2**attempt)
    return None


async def fetch_snapshot_transport(client: httpx.AsyncClient, url: str) -> dict | None:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(5):
        try:
            resp = await client.get(url, timeout=10)
            return resp.json()
        except (httpx.TransportError, httpx.HTTPStatusError):
            log.warning("snapshot attempt %d failed", attempt)
            await asyncio.sleep(2**attempt)
    return None


async def stream_quotes(client: httpx.AsyncClient, url: str, on_quote) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            async with client.stream("GET", url) as resp:
                async for line in resp.aiter_lines():
                    on_quote(line)
        except (Exception, CancelledError):
            log.exception("quote stream dropped, reconnecting")
        await asyncio.sleep(1)


async def stream_quotes_errors(client: httpx.AsyncClient, url: str, on_quote) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            async with client.stream("GET", url) as resp:
                async for line in resp.aiter_lines():
                    on_quote(line)
        except (httpx.StreamError, httpx.TransportError):
            log.exception("quote stream dropped, reconnecting")
        await asyncio.sleep(1)


class Ticker:  # expect: cancellation-swallowed
    def __init__(self, feed, interval: float = 1.0) -> None:
        self.feed = feed
        self.interval = interval
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(asyncio.CancelledError):
                await self.feed.tick()
            await asyncio.sleep(self.interval)


class TickerStop:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, feed, interval: float = 1.0) -> None:
        self.feed = feed
        self.interval = interval
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            await self.feed.tick()
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


async def drain_batches(queue: asyncio.Queue, store) -> None:  # expect: cancellation-swallowed
    while True:
        batch = await queue.get()
        try:
            await store.write(batch)
        finally:
            queue.task_done()
            if not batch:
                break
    await store.flush()


async def drain_batches_finally(queue: asyncio.Queue, store) -> None:  # expect: cancellation-swallowed
    while True:
        batch = await queue.get()
        try:
            await store.write(batch)
        finally:
            queue.task_done()
            continue


async def drain_batches_ok(queue: asyncio.Queue, store) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        batch = await queue.get()
        try:
            await store.write(batch)
        finally:
            queue.task_done()
        if not batch:
            break
    await store.flush()


async def fan_in(sources, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            async with asyncio.TaskGroup() as tg:
                for src in sources:
                    tg.create_task(src.pump(sink))
        except* asyncio.CancelledError:
            log.warning("a source was cancelled; restarting the group")
        except* Exception as group:
            log.error("sources failed: %r", group.exceptions)
        await asyncio.sleep(1)


async def fan_in_errors(sources, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            async with asyncio.TaskGroup() as tg:
                for src in sources:
                    tg.create_task(src.pump(sink))
        except* (OSError, httpx.TransportError) as group:
            log.error("sources failed: %r", group.exceptions)
        await asyncio.sleep(1)


async def refresh_symbols(client: httpx.AsyncClient, db: sqlite3.Connection) -> int:  # expect: cancellation-swallowed
    count = 0
    while True:
        try:
            resp = await client.get("/symbols")
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            log.warning("symbols refresh failed: %r", exc)
            await asyncio.sleep(30)
            continue
        count += len(resp.json())
        await asyncio.sleep(300)


async def refresh_symbols_nonerror(client: httpx.AsyncClient) -> int:  # expect: clean  # near: cancellation-swallowed
    count = 0
    while True:
        try:
            resp = await client.get("/symbols")
        except BaseException as exc:
            if not isinstance(exc, Exception):
                raise
            log.warning("symbols refresh failed: %r", exc)
            await asyncio.sleep(30)
            continue
        count += len(resp.json())
        await asyncio.sleep(300)


class Recorder:  # expect: cancellation-swallowed
    def __init__(self, feed, store) -> None:
        self.feed = feed
        self.store = store

    async def record_once(self) -> None:
        try:
            rows = await self.feed.read_batch()
            await self.store.save(rows)
        except asyncio.CancelledError:
            log.info("batch interrupted")
            return

    async def run_forever(self) -> None:
        while True:
            await self.record_once()
            await asyncio.sleep(10)


class RecorderReraise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, feed, store) -> None:
        self.feed = feed
        self.store = store

    async def record_once(self) -> None:
        try:
            rows = await self.feed.read_batch()
            await self.store.save(rows)
        except asyncio.CancelledError:
            log.info("batch interrupted")
            raise

    async def run_forever(self) -> None:
        while True:
            await self.record_once()
            await asyncio.sleep(10)


async def next_quote(reader: asyncio.StreamReader, last: dict) -> dict:  # expect: cancellation-swallowed
    try:
        line = await reader.readline()
        return {"raw": line}
    except asyncio.CancelledError:
        return last


class Waiters:  # expect: clean  # near: cancellation-swallowed
    def __init__(self) -> None:
        self._waiters: list[asyncio.Future] = []

    async def wait_next(self):
        fut = asyncio.get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            return await fut
        except asyncio.CancelledError:
            self._waiters.remove(fut)
            raise

    def wake_all(self, value) -> None:
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(value)
        self._waiters.clear()


def safe_parse(raw: bytes) -> dict | None:  # expect: clean  # near: cancellation-swallowed
    try:
        return {"len": len(raw), "head": raw[:8]}
    except BaseException:
        return None


async def flush_on_tick(buffer: list, sink, interval: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await asyncio.sleep(interval)
        except asyncio.CancelledError:
            break
        await sink.write(list(buffer))
        buffer.clear()
    await sink.write(list(buffer))
    await sink.close()


async def gather_quotes(sources) -> list:  # expect: clean  # near: cancellation-swallowed
    results = await asyncio.gather(*(s.quote() for s in sources), return_exceptions=True)
    return [r for r in results if not isinstance(r, BaseException)]


async def close_feed(client: httpx.AsyncClient) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await client.aclose()
    except BaseException:
        log.warning("feed client did not close cleanly")
        raise
