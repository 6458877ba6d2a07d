"""A parcel-locker hub: lockers report over serial lines on threads; an asyncio API hands out pickup codes."""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import traceback

log = logging.getLogger("lockers")


class Registry:  # expect: clean
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.lockers: dict[str, dict] = {}


REGISTRY = Registry()


async def assign_code(locker_id: str, codes) -> str:  # expect: lock-across-await
    with REGISTRY.lock:
        code = await codes.next_code()
        REGISTRY.lockers[locker_id]["code"] = code
    return code


async def assign_code_after(locker_id: str, codes) -> str:  # expect: clean  # near: lock-across-await
    code = await codes.next_code()
    with REGISTRY.lock:
        REGISTRY.lockers[locker_id]["code"] = code
    return code


class Doors:  # expect: lock-across-await
    def __init__(self, driver) -> None:
        self.driver = driver
        self._lock = threading.Lock()

    async def open_door(self, door: int) -> None:
        lock = self._lock
        lock.acquire()
        try:
            await self.driver.pulse(door)
        finally:
            lock.release()


class DoorsByCommand:  # expect: lock-across-await
    def __init__(self, driver) -> None:
        self.driver = driver
        self._lock = threading.Lock()

    async def handle(self, command: dict) -> None:
        with self._lock:
            match command["kind"]:
                case "open":
                    await self.driver.pulse(command["door"])
                case "status":
                    log.info("status %s", self.driver.status())


class Heartbeat:  # expect: cancellation-swallowed
    def __init__(self, api) -> None:
        self.api = api

    async def run(self) -> None:
        while True:
            try:
                await self.api.beat()
            except BaseException:
                traceback.print_exc()
            await asyncio.sleep(30)


class Uploader:  # expect: cancellation-swallowed
    def __init__(self, api) -> None:
        self.api = api
        self._closing = False

    async def upload(self, photos: list) -> int:
        sent = 0
        try:
            for photo in photos:
                await self.api.put_photo(photo)
                sent += 1
        finally:
            if self._closing:
                return sent
        return sent


class UploaderReraise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, api) -> None:
        self.api = api

    async def upload(self, photos: list) -> int:
        sent = 0
        try:
            for photo in photos:
                await self.api.put_photo(photo)
                sent += 1
        except asyncio.CancelledError:
            log.info("upload interrupted after %d photos", sent)
            await asyncio.sleep(0)
            raise
        return sent


class SerialWorker(threading.Thread):  # expect: clean
    def __init__(self, port, on_line) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.on_line = on_line

    def run(self) -> None:
        while True:
            self.on_line(self.port.readline())


async def watch_locker(port) -> bytes:  # expect: thread-unsafe-capture
    first = asyncio.get_running_loop().create_future()
    SerialWorker(port, on_line=first.set_result).start()
    return await first


async def watch_locker_safe(port) -> bytes:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    first = loop.create_future()
    SerialWorker(port, on_line=lambda line: loop.call_soon_threadsafe(first.set_result, line)).start()
    return await first


async def warm_pool(ready: asyncio.Event, jobs: list, run) -> list:  # expect: thread-unsafe-capture, ?blocking-call
    with concurrent.futures.ThreadPoolExecutor(max_workers=4, initializer=ready.set) as pool:
        futures = [asyncio.wrap_future(pool.submit(run, job)) for job in jobs]
        return await asyncio.gather(*futures)


class Dispatcher:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.workers: list = []
        self.jobs: asyncio.Queue = asyncio.Queue(len(self.workers))

    async def feed(self, source) -> None:
        async for job in source:
            await self.jobs.put(job)


class DispatcherSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, workers: int = 4) -> None:
        self.workers: list = [None] * workers
        self.jobs: asyncio.Queue = asyncio.Queue(len(self.workers) * 8)

    async def feed(self, source) -> None:
        async for job in source:
            await self.jobs.put(job)
