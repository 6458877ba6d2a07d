"""A small ETL runner: extract from Postgres, transform in a process pool, load to S3; an asyncio scheduler on top."""
from __future__ import annotations

import asyncio
import atexit
import csv
import gzip
import io
import logging
import multiprocessing
import queue
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Iterable

import boto3
import psycopg2

log = logging.getLogger("etl")


def _transform_rows(rows: list[tuple]) -> bytes:  # expect: clean
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerows(rows)
    return gzip.compress(buf.getvalue().encode())


class Extractor:  # expect: clean
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    def fetch(self, table: str, since: str) -> list[tuple]:
        with psycopg2.connect(self.dsn) as conn, conn.cursor() as cur:
            cur.execute(f"SELECT * FROM {table} WHERE updated_at > %s", (since,))
            return cur.fetchall()


async def extract(extractor: Extractor, table: str, since: str) -> list[tuple]:  # expect: blocking-call
    rows = extractor.fetch(table, since)
    log.info("%s: %d rows", table, len(rows))
    return rows


async def extract_offloaded(extractor: Extractor, table: str, since: str) -> list[tuple]:  # expect: clean  # near: blocking-call
    rows = await asyncio.to_thread(extractor.fetch, table, since)
    log.info("%s: %d rows", table, len(rows))
    return rows


async def transform(pool: multiprocessing.pool.Pool, batches: list[list[tuple]]) -> list[bytes]:  # expect: blocking-call
    return pool.map(_transform_rows, batches)


async def transform_in_executor(pool: ProcessPoolExecutor, batches: list[list[tuple]]) -> list[bytes]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, _transform_rows, b) for b in batches))


class Loader:  # expect: blocking-call
    def __init__(self, bucket: str) -> None:
        self.s3 = boto3.client("s3")
        self.bucket = bucket

    async def load(self, key: str, blob: bytes) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=blob)


class ThreadedLoader:  # expect: clean  # near: blocking-call
    def __init__(self, bucket: str) -> None:
        self.s3 = boto3.client("s3")
        self.bucket = bucket

    async def load(self, key: str, blob: bytes) -> None:
        await asyncio.to_thread(self.s3.put_object, Bucket=self.bucket, Key=key, Body=blob)


class Scheduler:  # expect: thread-unsafe-capture
    """Stops on SIGTERM; the handler is installed with the signal module."""

    def __init__(self) -> None:
        self.stopping = asyncio.Event()

    def install(self) -> None:
        signal.signal(signal.SIGTERM, lambda signum, frame: self.stopping.set())

    async def run(self, jobs: Iterable[Any]) -> None:
        for job in jobs:
            if self.stopping.is_set():
                break
            await job()


class LoopScheduler:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.stopping = asyncio.Event()

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.add_signal_handler(signal.SIGTERM, self.stopping.set)


class FlushOnExit:  # expect: ?thread-unsafe-capture
    def __init__(self, pending: asyncio.Queue) -> None:
        self.pending = pending
        atexit.register(self._drain)

    def _drain(self) -> None:
        while not self.pending.empty():
            log.info("dropping %s", self.pending.get_nowait())


class ResultBridge:  # expect: clean  # near: unbounded-queue
    """Workers hand results to the loop through a thread-safe queue; the loop polls it."""

    def __init__(self) -> None:
        self.results: queue.Queue[bytes] = queue.Queue(maxsize=100)

    async def poll(self) -> list[bytes]:
        out = []
        while True:
            try:
                out.append(self.results.get_nowait())
            except queue.Empty:
                return out


class BlockingBridge:  # expect: blocking-call
    def __init__(self) -> None:
        self.results: queue.Queue[bytes] = queue.Queue(maxsize=100)

    async def next_result(self) -> bytes:
        return self.results.get(timeout=30)


class Pipeline:  # expect: unbounded-queue
    def __init__(self, stages: int) -> None:
        self.stages = [asyncio.Queue() for _ in range(stages)]

    async def feed(self, item: Any) -> None:
        await self.stages[0].put(item)


class BoundedPipeline:  # expect: clean  # near: unbounded-queue
    def __init__(self, stages: int, depth: int = 32) -> None:
        self.stages = [asyncio.Queue(maxsize=depth) for _ in range(stages)]

    async def feed(self, item: Any) -> None:
        await self.stages[0].put(item)


_progress_lock = threading.Lock()
_progress: dict[str, int] = {}


async def record_progress(table: str, n: int, sink) -> None:  # expect: lock-across-await
    with _progress_lock:
        _progress[table] = _progress.get(table, 0) + n
        await sink.publish(dict(_progress))


async def record_progress_snapshot(table: str, n: int, sink) -> None:  # expect: clean  # near: lock-across-await
    with _progress_lock:
        _progress[table] = _progress.get(table, 0) + n
        snapshot = dict(_progress)
    await sink.publish(snapshot)


async def run_tables(extractor: Extractor, tables: list[str], since: str) -> None:  # expect: cancellation-swallowed
    for table in tables:
        try:
            await extract_offloaded(extractor, table, since)
        except Exception:
            log.exception("table %s failed", table)
        except asyncio.CancelledError:
            log.warning("stopping at %s", table)
            break


async def run_tables_reraising(extractor: Extractor, tables: list[str], since: str) -> None:  # expect: clean  # near: cancellation-swallowed
    for table in tables:
        try:
            await extract_offloaded(extractor, table, since)
        except Exception:
            log.exception("table %s failed", table)
        except asyncio.CancelledError:
            log.warning("stopping at %s", table)
            raise


async def kick_off(tables: list[str], extractor: Extractor) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    for table in tables:
        loop.create_task(extract_offloaded(extractor, table, "1970-01-01"))


async def kick_off_grouped(tables: list[str], extractor: Extractor) -> None:  # expect: clean  # near: dangling-task
    async with asyncio.TaskGroup() as group:
        for table in tables:
            group.create_task(extract_offloaded(extractor, table, "1970-01-01"))


async def audit(extractor: Extractor, table: str) -> None:  # expect: unawaited-coroutine
    rows = extract_offloaded(extractor, table, "1970-01-01")
    log.info("audit of %s: %s", table, rows)


def audit_sync(extractor: Extractor, table: str) -> None:  # expect: clean  # near: unawaited-coroutine
    rows = extractor.fetch(table, "1970-01-01")
    log.info("audit of %s: %s", table, rows)
