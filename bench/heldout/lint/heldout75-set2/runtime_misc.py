"""Assorted coroutines of a notification worker."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import threading
from typing import Awaitable, Callable

import smtplib

log = logging.getLogger("worker")
_tasks: set[asyncio.Task] = set()


async def send_mail(host: str, msg) -> None:  # expect: blocking-call
    with smtplib.SMTP_SSL(host) as smtp:
        smtp.send_message(msg)


async def rotate(path: str) -> None:  # expect: blocking-call
    shutil.copy2(path, path + ".1")


async def rotate_offloaded(path: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(shutil.copy2, path, path + ".1")


async def deliver_all(msgs, deliver) -> None:  # expect: dangling-task
    for m in msgs:
        t = asyncio.create_task(deliver(m))
    log.info("queued %d", len(msgs))


async def deliver_tracked(msgs, deliver) -> None:  # expect: clean, ?unbounded-spawn  # near: dangling-task
    for m in msgs:
        t = asyncio.create_task(deliver(m))
        _tasks.add(t)
        t.add_done_callback(_tasks.discard)


async def worker(q: asyncio.Queue, deliver) -> None:  # expect: cancellation-swallowed
    while True:
        msg = await q.get()
        try:
            await deliver(msg)
        except BaseException:
            log.exception("delivery failed")
        finally:
            q.task_done()


async def worker_ok(q: asyncio.Queue, deliver) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        msg = await q.get()
        try:
            await deliver(msg)
        except Exception:
            log.exception("delivery failed")
        finally:
            q.task_done()


class Inbox:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.q: asyncio.Queue[dict] = asyncio.Queue()

    async def pump(self, ws) -> None:
        async for frame in ws:
            self.q.put_nowait(frame)


class Ticker:  # expect: thread-unsafe-capture
    def __init__(self, fut: asyncio.Future) -> None:
        self.fut = fut
        threading.Timer(1.0, self._fire).start()

    def _fire(self) -> None:
        self.fut.set_result(True)


async def stop(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def send_later(deliver: Callable[[dict], Awaitable[None]], msg: dict) -> None:  # expect: unawaited-coroutine
    asyncio.get_running_loop().call_soon(deliver, msg)


async def archive_dir(src: str, dst: str) -> str:  # expect: blocking-call
    return shutil.make_archive(dst, "zip", src)


def blocking_cli(path: str) -> None:  # expect: clean  # near: blocking-call
    shutil.rmtree(path)


async def join_reader(t: threading.Thread) -> None:  # expect: blocking-call
    t.join()
