"""Async jobs over the sync helpers."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import queue
import threading
import zipfile

import aiofiles
import aiofiles.os
import anyio
import pandas as pd
from aiofiles import open as aopen
from PIL import Image

from . import helpers
from .helpers import CONFIG, Config, convert, download


async def fetch_all(urls: list[str]) -> list[int]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return [await loop.run_in_executor(None, download, u, f"/tmp/{i}") for i, u in enumerate(urls)]


async def transcode(src: str, dst: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(helpers.convert, src, dst)


async def debug_flag() -> bool:  # expect: clean  # near: blocking-call
    return CONFIG.values.get("debug") == "1"


async def reload_config(path: str) -> Config:  # expect: blocking-call
    return Config(path)


async def read_async(path: str) -> str:  # expect: clean  # near: blocking-call
    async with aopen(path) as fh:
        return await fh.read()


async def exists_async(path: str) -> bool:  # expect: clean  # near: blocking-call
    return await aiofiles.os.path.exists(path)


async def anyio_read(path: str) -> str:  # expect: clean  # near: blocking-call
    return await anyio.Path(path).read_text()


async def parse_upload(data: bytes) -> list[str]:  # expect: clean  # near: blocking-call
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.namelist()


async def image_size(data: bytes) -> tuple:  # expect: clean  # near: blocking-call
    with Image.open(io.BytesIO(data)) as img:
        return img.size


async def frame_from_text(text: str) -> pd.DataFrame:  # expect: clean  # near: blocking-call
    return pd.read_csv(io.StringIO(text))


async def digest(resp) -> str:  # expect: clean, ?blocking-call  # near: blocking-call
    return hashlib.sha256(await resp.read()).hexdigest()


async def drain_thread_queue(q: queue.Queue) -> list:  # expect: clean  # near: blocking-call
    items = []
    while True:
        item = await asyncio.to_thread(q.get)
        if item is None:
            return items
        items.append(item)


async def run_and_wait(coro_fn) -> object:  # expect: clean  # near: dangling-task
    task = asyncio.create_task(coro_fn())
    return await task


async def run_several(coro_fns) -> list:  # expect: clean  # near: dangling-task
    tasks = []
    for fn in coro_fns[:4]:
        tasks.append(asyncio.create_task(fn()))
    return await asyncio.gather(*tasks)


class Session:  # expect: clean  # near: dangling-task
    async def __aenter__(self) -> "Session":
        self._pinger = asyncio.create_task(self._ping())
        return self

    async def __aexit__(self, *exc) -> None:
        self._pinger.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pinger

    async def _ping(self) -> None:
        while True:
            await asyncio.sleep(10)


async def workers(n: int, work) -> None:  # expect: clean  # near: unbounded-spawn
    tasks = [asyncio.create_task(work(i)) for i in range(4)]
    await asyncio.gather(*tasks)


async def one_reply(request_id: str, send) -> object:  # expect: clean, ?unbounded-queue  # near: unbounded-queue
    replies: asyncio.Queue = asyncio.Queue()

    def on_reply(msg) -> None:
        replies.put_nowait(msg)

    await send(request_id, on_reply)
    return await replies.get()


async def relay_cancel(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async with conn:
            await conn.serve()
    except asyncio.CancelledError:
        await conn.abort()
        raise


async def errors_only(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await conn.step()
        except Exception:
            await asyncio.sleep(1)


def start_reader(loop: asyncio.AbstractEventLoop, q: asyncio.Queue, source) -> threading.Thread:  # expect: clean  # near: thread-unsafe-capture
    def read() -> None:
        for line in source:
            loop.call_soon_threadsafe(q.put_nowait, line)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t


def sync_main() -> None:  # expect: clean  # near: blocking-call
    asyncio.run(transcode("a", "b"))


async def json_body(resp) -> dict:  # expect: clean  # near: blocking-call
    return json.loads(await resp.text())


async def write_log(path: str, line: str) -> None:  # expect: clean  # near: unawaited-coroutine
    async with aiofiles.open(path, "a") as fh:
        await fh.write(line)
