"""Background workers of the media service."""
from __future__ import annotations

import asyncio
import logging
import threading

from .clients import cache_lock
from .storage import BlobStore, MemoryStore

log = logging.getLogger("mediahub.workers")


class Transcoder:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.jobs: asyncio.Queue[str] = asyncio.Queue()

    async def submit(self, key: str) -> None:
        await self.jobs.put(key)

    async def run(self, transcode) -> None:
        while True:
            key = await self.jobs.get()
            await transcode(key)


class BoundedTranscoder:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 64) -> None:
        self.jobs: asyncio.Queue[str] = asyncio.Queue(maxsize=depth)

    async def submit(self, key: str) -> None:
        await self.jobs.put(key)


class Mirror:  # expect: dangling-task
    def __init__(self, primary: BlobStore, replica: BlobStore) -> None:
        self.primary = primary
        self.replica = replica

    async def put(self, key: str, data: bytes) -> None:
        await self.primary.put(key, data)
        asyncio.ensure_future(self.replica.put(key, data))


class TrackedMirror:  # expect: clean  # near: dangling-task
    def __init__(self, primary: BlobStore, replica: BlobStore) -> None:
        self.primary = primary
        self.replica = replica
        self._pending: set[asyncio.Task] = set()

    async def put(self, key: str, data: bytes) -> None:
        await self.primary.put(key, data)
        task = asyncio.create_task(self.replica.put(key, data))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


async def warm(store: MemoryStore, keys: list[str], load) -> None:  # expect: lock-across-await
    lock = cache_lock()
    lock.acquire()
    try:
        for key in keys:
            await store.put(key, await load(key))
    finally:
        lock.release()


class Watcher:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.changed = asyncio.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        import time

        while True:
            time.sleep(1.0)
            self.changed.set()

    async def start(self) -> None:
        self._thread.start()
        await self.changed.wait()
