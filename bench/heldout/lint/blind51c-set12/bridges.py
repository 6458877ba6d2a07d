"""A print-shop controller: worker threads, timers and executors talking to the asyncio side."""
from __future__ import annotations

import asyncio
import concurrent.futures
import socketserver
import threading
import time
from typing import Any, Callable

import janus

_pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)


def render(job: dict[str, Any]) -> bytes:  # expect: clean
    time.sleep(0.1)
    return repr(job).encode()


async def render_and_wait(job: dict[str, Any]) -> bytes:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    done: asyncio.Future[bytes] = loop.create_future()

    def work() -> None:
        done.set_result(render(job))

    _pool.submit(work)
    return await done


async def render_and_wait_safe(job: dict[str, Any]) -> bytes:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    done: asyncio.Future[bytes] = loop.create_future()

    def work() -> None:
        data = render(job)
        loop.call_soon_threadsafe(done.set_result, data)

    _pool.submit(work)
    return await done


async def cooldown(seconds: float) -> None:  # expect: thread-unsafe-capture
    ready = asyncio.Event()
    threading.Timer(seconds, ready.set).start()
    await ready.wait()


async def cooldown_safe(seconds: float) -> None:  # expect: clean  # near: thread-unsafe-capture
    ready = asyncio.Event()
    asyncio.get_running_loop().call_later(seconds, ready.set)
    await ready.wait()


async def on_rendered(job: dict[str, Any], finished: asyncio.Queue[bytes]) -> None:  # expect: thread-unsafe-capture
    fut = _pool.submit(render, job)
    fut.add_done_callback(lambda f: finished.put_nowait(f.result()))


async def on_rendered_safe(job: dict[str, Any], finished: asyncio.Queue[bytes]) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    fut = _pool.submit(render, job)
    fut.add_done_callback(lambda f: loop.call_soon_threadsafe(finished.put_nowait, f.result()))


class JobIntake(socketserver.StreamRequestHandler):  # expect: thread-unsafe-capture
    jobs: asyncio.Queue[bytes]

    def handle(self) -> None:
        for line in self.rfile:
            self.jobs.put_nowait(line.strip())


def serve_intake(jobs: asyncio.Queue[bytes], port: int = 9100) -> threading.Thread:  # expect: clean
    JobIntake.jobs = jobs
    server = socketserver.ThreadingTCPServer(("0.0.0.0", port), JobIntake)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    return t


class Spooler:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, submit: Callable[[bytes], Any]) -> None:
        self.loop = loop
        self.submit = submit

    def start(self, paths: list[str]) -> None:
        threading.Thread(target=self._scan, args=(paths,), daemon=True).start()

    def _scan(self, paths: list[str]) -> None:
        for p in paths:
            with open(p, "rb") as fh:
                self.loop.call_soon(self.submit, fh.read())


class SafeSpooler:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, submit: Callable[[bytes], Any]) -> None:
        self.loop = loop
        self.submit = submit

    def start(self, paths: list[str]) -> None:
        threading.Thread(target=self._scan, args=(paths,), daemon=True).start()

    def _scan(self, paths: list[str]) -> None:
        for p in paths:
            with open(p, "rb") as fh:
                self.loop.call_soon_threadsafe(self.submit, fh.read())


class Canceller:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.current: asyncio.Task[Any] | None = None

    def watchdog(self, limit: float) -> None:
        time.sleep(limit)
        if self.current is not None:
            self.current.cancel()

    async def run(self, coro: Any, limit: float) -> Any:
        self.current = asyncio.ensure_future(coro)
        threading.Thread(target=self.watchdog, args=(limit,), daemon=True).start()
        return await self.current


async def janus_bridge(produce: Callable[[janus.SyncQueue[int]], None]) -> list[int]:  # expect: clean  # near: thread-unsafe-capture
    q: janus.Queue[int] = janus.Queue(maxsize=100)
    t = threading.Thread(target=produce, args=(q.sync_q,))
    t.start()
    out = [await q.async_q.get() for _ in range(10)]
    await asyncio.to_thread(t.join)
    return out


def side_loop() -> None:  # expect: clean  # near: thread-unsafe-capture
    async def main() -> None:
        ev = asyncio.Event()
        asyncio.get_running_loop().call_later(0.1, ev.set)
        await ev.wait()

    threading.Thread(target=asyncio.run, args=(main(),), daemon=True).start()
