"""A reporting service: scheduled jobs that pull data, render reports and ship them."""
from __future__ import annotations

import asyncio
import contextlib
import csv
import functools
import io
import json
import logging
import os
import queue
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterator

import httpx
import redis
import requests

log = logging.getLogger(__name__)
OUT = Path(os.environ.get("REPORT_DIR", "/tmp/reports"))
_pool = ThreadPoolExecutor(max_workers=4)
_cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost"))


def _rows(db: str, query: str) -> list[tuple]:  # expect: clean  # near: blocking-call
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(query).fetchall()


async def rows_offloaded(db: str, query: str) -> list[tuple]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, functools.partial(_rows, db, query))


async def rows_inline(db: str, query: str) -> list[tuple]:  # expect: blocking-call
    fetch = functools.partial(_rows, db, query)
    return fetch()


async def render_csv(rows: list[tuple], name: str) -> Path:  # expect: blocking-call
    path = OUT / f"{name}.csv"
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


async def render_csv_buffer(rows: list[tuple]) -> bytes:  # expect: clean  # near: blocking-call
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


async def cached_totals(key: str) -> dict[str, Any]:  # expect: blocking-call
    raw = _cache.get(f"totals:{key}")
    return json.loads(raw) if raw else {}


class Shipper:  # expect: blocking-call
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.session = requests.Session()

    async def ship(self, path: Path) -> None:
        data = await asyncio.to_thread(path.read_bytes)
        self.session.post(self.endpoint, data=data, timeout=30).raise_for_status()


class AsyncShipper:  # expect: clean  # near: blocking-call
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.client = httpx.AsyncClient(timeout=30)

    async def ship(self, path: Path) -> None:
        data = await asyncio.to_thread(path.read_bytes)
        (await self.client.post(self.endpoint, content=data)).raise_for_status()


def retrying(fn: Callable[..., Any]) -> Callable[..., Any]:  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(3):
            try:
                return await fn(*args, **kwargs)
            except httpx.HTTPError:
                await asyncio.sleep(2 ** attempt)
        return await fn(*args, **kwargs)
    return wrapper


def retrying_blindly(fn: Callable[..., Any]) -> Callable[..., Any]:  # expect: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        while True:
            try:
                return await fn(*args, **kwargs)
            except BaseException:
                log.exception("retrying %s", fn.__name__)
                time_to_wait = 1.0
            await asyncio.sleep(time_to_wait)
    return wrapper


@retrying
async def fetch_metrics(client: httpx.AsyncClient, url: str) -> dict[str, Any]:  # expect: clean
    return (await client.get(url)).json()


async def wait_until_ready(path: Path, timeout: float = 30.0) -> bool:  # expect: blocking-call
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


async def wait_until_ready_async(path: Path, timeout: float = 30.0) -> bool:  # expect: clean  # near: blocking-call
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(path.exists):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.5)
    return True


class JobBoard:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.running: dict[str, float] = {}

    @contextlib.contextmanager
    def claim(self, name: str) -> Iterator[None]:
        with self._lock:
            self.running[name] = time.time()
            yield
            del self.running[name]

    async def run(self, name: str, job: Callable[[], Any]) -> None:
        with self.claim(name):
            await job()


class SafeJobBoard:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.running: dict[str, float] = {}

    @contextlib.contextmanager
    def claim(self, name: str) -> Iterator[None]:
        with self._lock:
            self.running[name] = time.time()
        try:
            yield
        finally:
            with self._lock:
                del self.running[name]

    async def run(self, name: str, job: Callable[[], Any]) -> None:
        with self.claim(name):
            await job()


class Scheduler:  # expect: dangling-task, unawaited-coroutine
    def __init__(self) -> None:
        self.jobs: list[Callable[[], Any]] = []

    def every(self, seconds: float) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
        def register(job: Callable[[], Any]) -> Callable[[], Any]:
            self.jobs.append(job)
            return job
        return register

    async def tick(self) -> None:
        for job in self.jobs:
            asyncio.create_task(job())
        self.flush()

    async def flush(self) -> None:
        await asyncio.sleep(0)


class ResultsFeed:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.done = asyncio.Queue(maxsize=100)

    def start(self, jobs: list[Callable[[], Any]]) -> None:
        def work() -> None:
            for job in jobs:
                self.done.put_nowait(job())

        threading.Thread(target=work, daemon=True).start()


class SafeResultsFeed:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.done: queue.Queue[Any] = queue.Queue(maxsize=100)

    def start(self, jobs: list[Callable[[], Any]]) -> None:
        def work() -> None:
            for job in jobs:
                self.done.put(job())

        threading.Thread(target=work, daemon=True).start()

    async def next(self) -> Any:
        return await asyncio.to_thread(self.done.get)


async def stream_lines(path: Path) -> AsyncIterator[str]:  # expect: blocking-call
    with open(path) as fh:
        for line in fh:
            yield line.rstrip("\n")
            await asyncio.sleep(0)


async def collect(sources: list[Callable[[], Any]]) -> list[Any]:  # expect: ?unbounded-queue
    results: asyncio.Queue[Any] = asyncio.Queue()

    async def one(src: Callable[[], Any]) -> None:
        results.put_nowait(await src())

    await asyncio.gather(*(one(s) for s in sources))
    return [results.get_nowait() for _ in range(results.qsize())]
