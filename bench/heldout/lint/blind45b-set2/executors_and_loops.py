"""Executor hand-offs and loops living in helper threads, from an image-processing service."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import queue
import threading

log = logging.getLogger("imgsvc")


async def enqueue_from_pool(jobs: asyncio.Queue, item) -> None:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, jobs.put_nowait, item)


async def enqueue_direct(jobs: asyncio.Queue, item) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    thumbnail = await loop.run_in_executor(None, make_thumbnail, item)
    jobs.put_nowait(thumbnail)


def make_thumbnail(item) -> bytes:  # expect: clean
    return bytes(item)[:128]


async def release_when_done(ready: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    await asyncio.to_thread(ready.set)


async def hand_off_thread_queue(backlog: queue.Queue, item) -> None:  # expect: clean  # near: thread-unsafe-capture
    await asyncio.to_thread(backlog.put, item, timeout=5)


async def resize_all(images: list, resize, done: asyncio.Queue) -> None:  # expect: thread-unsafe-capture, blocking-call
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda img: done.put_nowait(resize(img)), images))


async def resize_all_gathered(images: list, resize) -> list:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(await asyncio.gather(*(loop.run_in_executor(pool, resize, img) for img in images)))


async def encode_with_callback(encode, frame, encoded: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, encode, frame)
    fut.add_done_callback(lambda _f: encoded.set())
    await fut


class Encoder:  # expect: thread-unsafe-capture
    def __init__(self, pool: concurrent.futures.Executor):
        self.pool = pool
        self.finished = asyncio.Event()
        self.pending = 0

    def _on_encoded(self, fut: concurrent.futures.Future) -> None:
        self.pending -= 1
        if self.pending == 0:
            self.finished.set()

    def submit(self, encode, frame) -> None:
        self.pending += 1
        self.pool.submit(encode, frame).add_done_callback(self._on_encoded)


async def detect_faces(model, image, result: asyncio.Future) -> None:  # expect: thread-unsafe-capture
    def run() -> None:
        try:
            result.set_result(model.detect(image))
        except Exception as exc:
            result.set_exception(exc)

    await asyncio.to_thread(run)


async def detect_faces_returned(model, image) -> list:  # expect: clean  # near: thread-unsafe-capture
    def run() -> list:
        return model.detect(image)

    return await asyncio.to_thread(run)


def start_background_loop() -> asyncio.AbstractEventLoop:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="aio", daemon=True).start()
    return loop


def main_with_background_loop(serve) -> None:  # expect: thread-unsafe-capture, ?dangling-task
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="aio", daemon=True).start()
    loop.create_task(serve())
    threading.Event().wait()


def main_with_background_loop_safe(serve) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="aio", daemon=True).start()
    asyncio.run_coroutine_threadsafe(serve(), loop).result()


class LoopThread:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.loop.stop()
        self.thread.join()


class LoopThreadSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()


class IsolatedWorker:  # expect: clean  # near: thread-unsafe-capture
    """Runs its own event loop in its own thread; every asyncio object is made there."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)

    async def _main(self) -> None:
        jobs: asyncio.Queue = asyncio.Queue(maxsize=10)
        consumer = asyncio.create_task(self._consume(jobs))
        for i in range(100):
            await jobs.put(i)
        await jobs.join()
        consumer.cancel()

    async def _consume(self, jobs: asyncio.Queue) -> None:
        while True:
            await self.handle(await jobs.get())
            jobs.task_done()


class ThumbnailCache:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, bytes] = {}

    def _store(self, key: str, data: bytes) -> None:
        with self._lock:
            self._cache[key] = data

    async def warm(self, keys: list[str], render) -> None:
        for key in keys:
            await asyncio.to_thread(functools.partial(self._store, key, render(key)))


class Uploader:  # expect: thread-unsafe-capture
    def __init__(self, client) -> None:
        self.client = client
        self.current: asyncio.Task | None = None

    def abort_from_ui(self) -> None:
        """Called by the toolkit's worker thread when the user presses Cancel."""
        if self.current is not None:
            self.current.cancel()

    async def upload(self, blob: bytes) -> None:
        self.current = asyncio.current_task()
        await self.client.put(blob)

    def bind(self, toolkit) -> None:
        threading.Thread(target=toolkit.run, kwargs={"on_cancel": self.abort_from_ui}, daemon=True).start()
