"""A media transcoder's job service: thread pools, decorators and loop bridges that are mostly right."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import queue
import subprocess
import threading
import time
from typing import Any, Awaitable, Callable, ParamSpec, TypeVar

import requests

P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def offloaded(fn: Callable[P, R]) -> Callable[P, Awaitable[R]]:  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return await asyncio.to_thread(fn, *args, **kwargs)

    return wrapper


@offloaded
def probe_media(path: str) -> str:  # expect: clean  # near: blocking-call
    return subprocess.run(["ffprobe", "-v", "quiet", "-show_format", path], capture_output=True, text=True, check=True).stdout


async def describe(path: str) -> str:  # expect: clean  # near: blocking-call
    return await probe_media(path)


def transcode(src: str, dst: str) -> None:  # expect: clean
    subprocess.run(["ffmpeg", "-y", "-i", src, dst], check=True)


async def transcode_job(src: str, dst: str) -> None:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, functools.partial(transcode, src, dst))


async def transcode_inline(src: str, dst: str) -> None:  # expect: blocking-call
    job = functools.partial(transcode, src, dst)
    job()


async def fetch_manifest(url: str) -> dict[str, Any]:  # expect: clean  # near: blocking-call
    def get() -> dict[str, Any]:
        resp = requests.get(url, timeout=10)
        resp.raise_for_status()
        return resp.json()

    return await asyncio.get_running_loop().run_in_executor(None, get)


async def fetch_manifest_inline(url: str) -> dict[str, Any]:  # expect: blocking-call
    def get() -> dict[str, Any]:
        resp = requests.get(url, timeout=10)
        resp.raise_for_status()
        return resp.json()

    return get()


class Progress:  # expect: clean  # near: thread-unsafe-capture
    """ffmpeg's progress is read on a thread and handed to the loop the safe way."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.updates: asyncio.Queue[float] = asyncio.Queue(maxsize=50)
        self.done: asyncio.Future[int] = loop.create_future()

    def _read(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(b"out_time_ms="):
                value = int(line.split(b"=")[1]) / 1e6
                self.loop.call_soon_threadsafe(self._offer, value)
        self.loop.call_soon_threadsafe(self.done.set_result, proc.wait())

    def _offer(self, value: float) -> None:
        if not self.updates.full():
            self.updates.put_nowait(value)

    def follow(self, proc: subprocess.Popen) -> threading.Thread:
        reader = threading.Thread(target=self._read, args=(proc,), daemon=True)
        reader.start()
        return reader


class RacyProgress:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.done: asyncio.Future[int] = loop.create_future()

    def _read(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for _ in proc.stdout:
            pass
        self.done.set_result(proc.wait())

    def follow(self, proc: subprocess.Popen) -> None:
        threading.Thread(target=self._read, args=(proc,), daemon=True).start()


def submit_thumbnail(pool: concurrent.futures.ThreadPoolExecutor, results: "concurrent.futures.Future[bytes]", render) -> None:  # expect: clean  # near: thread-unsafe-capture
    job = pool.submit(render)
    job.add_done_callback(lambda f: results.set_result(f.result()))


class JobTable:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._running: dict[str, asyncio.Future[None]] = {}

    def start(self, job_id: str, run: Callable[[], Awaitable[None]]) -> None:
        self._running[job_id] = asyncio.ensure_future(run())

    async def wait(self, job_id: str) -> None:
        await self._running.pop(job_id)


def schedule_cleanup(delay: float, cleanup: Callable[[], Awaitable[None]]) -> asyncio.Task[None]:  # expect: clean  # near: dangling-task
    async def later() -> None:
        await asyncio.sleep(delay)
        await cleanup()

    task = asyncio.create_task(later())
    return task


async def retry_transient(op: Callable[[], Awaitable[R]], attempts: int = 3) -> R:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(attempts):
        try:
            return await op()
        except Exception:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(2**attempt)
    raise AssertionError("unreachable")


async def guarded(op: Callable[[], Awaitable[None]]) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await op()
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
        log.warning("inner operation cancelled itself; carrying on")


async def cleanup_then_reraise(op: Callable[[], Awaitable[None]], scratch: list[str]) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await op()
    except BaseException:
        scratch.clear()
        raise


async def shielded_flush(flush: Callable[[], Awaitable[None]]) -> None:  # expect: cancellation-swallowed
    try:
        await asyncio.shield(flush())
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        log.error("flush interrupted: %r", exc)


def drain_thread_queue(inbox: queue.Queue[bytes]) -> list[bytes]:  # expect: clean  # near: blocking-call
    items = []
    while True:
        try:
            items.append(inbox.get_nowait())
        except queue.Empty:
            return items


async def poll_inbox(inbox: queue.Queue[bytes], handle: Callable[[bytes], Awaitable[None]]) -> None:  # expect: clean  # near: blocking-call
    while True:
        for item in drain_thread_queue(inbox):
            await handle(item)
        await asyncio.sleep(0.05)


async def poll_inbox_blocking(inbox: queue.Queue[bytes], handle: Callable[[bytes], Awaitable[None]]) -> None:  # expect: blocking-call
    while True:
        item = inbox.get(timeout=1)
        await handle(item)


class Clock:  # expect: clean  # near: blocking-call
    def __init__(self, speedup: float = 1.0) -> None:
        self.speedup = speedup
        self.elapsed = 0.0

    def sleep(self, seconds: float) -> None:
        self.elapsed += seconds * self.speedup

    async def simulate(self, frames: int, render: Callable[[float], Awaitable[None]]) -> None:
        for _ in range(frames):
            self.sleep(1 / 30)
            await render(self.elapsed)


async def wait_both(a: threading.Event, b: asyncio.Event) -> None:  # expect: blocking-call
    await b.wait()
    a.wait(5)


async def wait_both_offloaded(a: threading.Event, b: asyncio.Event) -> None:  # expect: clean  # near: blocking-call
    await b.wait()
    await asyncio.to_thread(a.wait, 5)


@contextlib.asynccontextmanager
async def timed(label: str):  # expect: clean  # near: blocking-call
    start = time.perf_counter()
    try:
        yield
    finally:
        log.info("%s took %.3fs", label, time.perf_counter() - start)
