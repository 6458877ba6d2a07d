"""A file-sync client: pulls and pushes changes between a folder and the server, with leases and retries."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

log = logging.getLogger("sync")


class RemoteStore:  # expect: clean
    def __init__(self, session: aiohttp.ClientSession, base: str) -> None:
        self.session = session
        self.base = base

    async def exists(self, path: str) -> bool:
        async with self.session.head(f"{self.base}/{path}") as resp:
            return resp.status == 200

    async def upload(self, path: str, data: bytes) -> None:
        async with self.session.put(f"{self.base}/{path}", data=data) as resp:
            resp.raise_for_status()

    async def download(self, path: str) -> bytes:
        async with self.session.get(f"{self.base}/{path}") as resp:
            resp.raise_for_status()
            return await resp.read()

    async def meta(self, path: str) -> dict:
        async with self.session.get(f"{self.base}/meta/{path}") as resp:
            return await resp.json()


class TokenClient:  # expect: clean
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.token: str | None = None

    async def refresh(self) -> str:
        async with self.session.post("https://auth.example.com/token") as resp:
            self.token = (await resp.json())["access_token"]
        return self.token

    def cached(self) -> str | None:
        return self.token


class Uploader:  # expect: dangling-task
    def __init__(self, store: RemoteStore, root: Path) -> None:
        self.store = store
        self.root = root

    async def upload_one(self, path: Path) -> None:
        await self.store.upload(str(path.relative_to(self.root)), await asyncio.to_thread(path.read_bytes))

    async def upload_all(self, paths: list[Path]) -> None:
        {asyncio.create_task(self.upload_one(p)) for p in paths}
        log.info("uploading %d files", len(paths))


class UploaderWaits:  # expect: clean  # near: dangling-task
    def __init__(self, store: RemoteStore, root: Path) -> None:
        self.store = store
        self.root = root

    async def upload_one(self, path: Path) -> None:
        await self.store.upload(str(path.relative_to(self.root)), await asyncio.to_thread(path.read_bytes))

    async def upload_all(self, paths: list[Path]) -> None:
        pending = {asyncio.create_task(self.upload_one(p)) for p in paths}
        done, _ = await asyncio.wait(pending)
        failed = [t for t in done if t.exception() is not None]
        log.info("uploaded %d files, %d failed", len(done) - len(failed), len(failed))


class ChangeApplier:  # expect: dangling-task
    def __init__(self, store: RemoteStore, root: Path) -> None:
        self.store = store
        self.root = root

    async def apply(self, change: dict) -> None:
        if change["kind"] == "deleted":
            asyncio.create_task(asyncio.to_thread((self.root / change["path"]).unlink, missing_ok=True))
        elif change["kind"] == "modified":
            asyncio.create_task(self.pull(change["path"]))

    async def pull(self, path: str) -> None:
        data = await self.store.download(path)
        await asyncio.to_thread((self.root / path).write_bytes, data)


class RetryScheduler:  # expect: dangling-task
    def __init__(self, uploader: UploaderWaits) -> None:
        self.uploader = uploader

    def retry_later(self, path: Path, attempt: int) -> None:
        delay = min(60.0, 2 ** attempt + random.random())
        loop = asyncio.get_running_loop()
        loop.call_later(delay, asyncio.create_task, self.uploader.upload_one(path))


class RetrySchedulerKept:  # expect: clean  # near: dangling-task
    def __init__(self, uploader: UploaderWaits) -> None:
        self.uploader = uploader
        self.retries: set[asyncio.Task] = set()

    def retry_later(self, path: Path, attempt: int) -> None:
        delay = min(60.0, 2 ** attempt + random.random())
        asyncio.get_running_loop().call_later(delay, self._retry, path)

    def _retry(self, path: Path) -> None:
        task = asyncio.create_task(self.uploader.upload_one(path))
        self.retries.add(task)
        task.add_done_callback(self.retries.discard)


class FolderWatch:  # expect: clean  # near: dangling-task
    def __init__(self, root: Path, interval: float = 2.0) -> None:
        self.root = root
        self.interval = interval
        self.poll_task: asyncio.Task | None = None

    async def start(self) -> None:
        self.poll_task = asyncio.create_task(self._poll())

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.interval)


async def pull_many(store: RemoteStore, paths: list[str]) -> int:  # expect: dangling-task
    pulls = [asyncio.create_task(store.download(p)) for p in paths]
    log.info("started %d downloads", len(pulls))
    return len(pulls)


async def stop_all(tasks: list[asyncio.Task]) -> None:  # expect: dangling-task
    for task in tasks:
        task.cancel()
    asyncio.gather(*tasks, return_exceptions=True)


async def stop_all_waits(tasks: list[asyncio.Task]) -> None:  # expect: clean  # near: dangling-task
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def ensure_token(auth: TokenClient) -> str:  # expect: unawaited-coroutine
    token = auth.cached()
    if token is None:
        auth.refresh()
        token = auth.token
    return token


async def ensure_token_awaited(auth: TokenClient) -> str:  # expect: clean  # near: unawaited-coroutine
    return auth.cached() or await auth.refresh()


async def needs_upload(store: RemoteStore, path: str) -> bool:  # expect: unawaited-coroutine
    if store.exists(path):
        return False
    return True


class MetaCache:  # expect: unawaited-coroutine
    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        self.entries: dict[str, dict] = {}

    async def get(self, path: str) -> dict:
        return self.entries.get(path) or self.store.meta(path)


class MetaCacheAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        self.entries: dict[str, dict] = {}

    async def get(self, path: str) -> dict:
        if path not in self.entries:
            self.entries[path] = await self.store.meta(path)
        return self.entries[path]


class Transfer:  # expect: cancellation-swallowed
    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    async def push(self, path: str, data: bytes) -> bool:
        try:
            await self.store.upload(path + ".part", data)
            await self.store.upload(path, data)
        except BaseException:
            await self.rollback(path)
            return False
        return True

    async def rollback(self, path: str) -> None:
        log.warning("rolled back %s", path)


class TransferReraises:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    async def push(self, path: str, data: bytes) -> bool:
        try:
            await self.store.upload(path + ".part", data)
            await self.store.upload(path, data)
        except BaseException:
            await self.rollback(path)
            raise
        return True

    async def rollback(self, path: str) -> None:
        log.warning("rolled back %s", path)


@asynccontextmanager
async def lease(store: RemoteStore, path: str):  # expect: cancellation-swallowed
    await store.upload(f"{path}.lease", b"")
    try:
        yield
    except asyncio.CancelledError:
        log.info("lease on %s ended by cancellation", path)
    finally:
        await store.upload(f"{path}.lease", b"released")


class FolderLock:  # expect: cancellation-swallowed
    def __init__(self, store: RemoteStore, folder: str) -> None:
        self.store = store
        self.folder = folder

    async def __aenter__(self) -> "FolderLock":
        await self.store.upload(f"{self.folder}/.lock", b"1")
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        await self.store.upload(f"{self.folder}/.lock", b"0")
        return True


class FolderLockNarrow:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, store: RemoteStore, folder: str) -> None:
        self.store = store
        self.folder = folder

    async def __aenter__(self) -> "FolderLockNarrow":
        await self.store.upload(f"{self.folder}/.lock", b"1")
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        await self.store.upload(f"{self.folder}/.lock", b"0")
        return exc_type is not None and issubclass(exc_type, FileNotFoundError)


class ChangePoller:  # expect: cancellation-swallowed
    def __init__(self, store: RemoteStore, interval: float = 10.0) -> None:
        self.store = store
        self.interval = interval
        self.closing = False

    async def run(self, apply) -> None:
        while True:
            try:
                await apply(await self.store.meta("changes"))
                await asyncio.sleep(self.interval)
            except asyncio.CancelledError:
                if self.closing:
                    return
                log.warning("poll cancelled while not closing; polling again")


class ChangePollerSuppress:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, store: RemoteStore, interval: float = 10.0) -> None:
        self.store = store
        self.interval = interval
        self.task: asyncio.Task | None = None

    async def run(self, apply) -> None:
        while True:
            await apply(await self.store.meta("changes"))
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task


class UploadWindow:  # expect: clean  # near: unbounded-queue
    """Paths waiting to upload; a semaphore slot is taken before each put and given back by the uploader."""

    def __init__(self, uploader: UploaderWaits, window: int = 32) -> None:
        self.uploader = uploader
        self.paths: asyncio.Queue[Path] = asyncio.Queue()
        self.slots = asyncio.Semaphore(window)

    async def offer_all(self, walker) -> None:
        async for path in walker:
            await self.slots.acquire()
            await self.paths.put(path)

    async def run(self) -> None:
        while True:
            path = await self.paths.get()
            try:
                await self.uploader.upload_one(path)
            finally:
                self.slots.release()


class ScanQueue:  # expect: unbounded-queue
    def __init__(self, root: Path) -> None:
        self.root = root
        self.found: asyncio.Queue[Path] = asyncio.Queue(maxsize=0)

    def _walk(self, loop: asyncio.AbstractEventLoop) -> None:
        for path in self.root.rglob("*"):
            if path.is_file():
                loop.call_soon_threadsafe(self.found.put_nowait, path)

    async def scan(self) -> None:
        await asyncio.to_thread(self._walk, asyncio.get_running_loop())
