"""A photo archive's ingest worker: originals to S3 with progress, thumbnails in a process pool, Kafka announcements."""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import multiprocessing
import multiprocessing.pool
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import confluent_kafka
from boto3.s3.transfer import S3Transfer, TransferConfig

log = logging.getLogger("photos")


class ProgressBar:  # expect: ?thread-unsafe-capture
    """The CLI's progress line, redrawn by a task whenever bytes were added."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.changed = asyncio.Event()

    def advance(self, n: int) -> None:
        self.done += n
        self.changed.set()

    async def draw(self) -> None:
        while self.done < self.total:
            await self.changed.wait()
            self.changed.clear()
            print(f"\r{100 * self.done // self.total:3d}%", end="", flush=True)
        print()


class UploadProgress:  # expect: thread-unsafe-capture
    """boto3's Callback: s3transfer's threads call it with each chunk's byte count."""

    def __init__(self, size: int, updates: asyncio.Queue) -> None:
        self.size = size
        self.sent = 0
        self.updates = updates
        self._lock = threading.Lock()

    def __call__(self, bytes_amount: int) -> None:
        with self._lock:
            self.sent += bytes_amount
            percent = 100 * self.sent // self.size
        self.updates.put_nowait(percent)


class UploadProgressHandover:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, size: int, updates: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.size = size
        self.sent = 0
        self.updates = updates
        self.loop = loop
        self._lock = threading.Lock()

    def __call__(self, bytes_amount: int) -> None:
        with self._lock:
            self.sent += bytes_amount
            percent = 100 * self.sent // self.size
        self.loop.call_soon_threadsafe(self.updates.put_nowait, percent)


async def upload_original(s3, bucket: str, path: str, size: int, updates: asyncio.Queue) -> str:  # expect: clean
    key = f"originals/{path.rsplit('/', 1)[-1]}"
    await asyncio.to_thread(s3.upload_file, path, bucket, key, Callback=UploadProgress(size, updates))
    return key


async def upload_with_bar(s3, bucket: str, key: str, path: str, size: int) -> None:  # expect: thread-unsafe-capture
    bar = ProgressBar(size)
    drawer = asyncio.create_task(bar.draw())
    await asyncio.to_thread(s3.upload_file, path, bucket, key, Callback=bar.advance)
    await drawer


async def upload_with_bar_handover(s3, bucket: str, key: str, path: str, size: int) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    bar = ProgressBar(size)
    drawer = asyncio.create_task(bar.draw())
    await asyncio.to_thread(s3.upload_file, path, bucket, key,
                            Callback=lambda n: loop.call_soon_threadsafe(bar.advance, n))
    await drawer


def make_transfer(client) -> S3Transfer:  # expect: clean
    return S3Transfer(client, TransferConfig(max_concurrency=4))


async def restore_album(transfer: S3Transfer, bucket: str, keys: list[str], dest: str,  # expect: thread-unsafe-capture
                        restored: asyncio.Queue) -> None:
    for key in keys:
        target = f"{dest}/{key.rsplit('/', 1)[-1]}"
        await asyncio.to_thread(transfer.download_file, bucket, key, target,
                                callback=lambda n, key=key: restored.put_nowait((key, n)))


class AnnounceProducer:  # expect: thread-unsafe-capture
    """Announces stored photos on Kafka; a poll thread serves the delivery reports."""

    def __init__(self, conf: dict) -> None:
        self.producer = confluent_kafka.Producer(conf)
        self._closing = threading.Event()
        self._poller = threading.Thread(target=self._poll, daemon=True)
        self._poller.start()

    def _poll(self) -> None:
        while not self._closing.is_set():
            self.producer.poll(0.1)

    async def announce(self, key: str, event: dict) -> int:
        fut = asyncio.get_running_loop().create_future()

        def delivered(err, msg) -> None:
            if err is not None:
                fut.set_exception(confluent_kafka.KafkaException(err))
            else:
                fut.set_result(msg.offset())

        self.producer.produce("photos.stored", json.dumps(event).encode(), key=key, on_delivery=delivered)
        return await fut

    def close(self) -> None:
        self._closing.set()
        self._poller.join()


class AnnounceProducerHandover:  # expect: clean  # near: thread-unsafe-capture
    """The same producer as confluent-kafka's asyncio example writes it: reports go back through the loop."""

    def __init__(self, conf: dict, loop: asyncio.AbstractEventLoop) -> None:
        self.producer = confluent_kafka.Producer(conf)
        self.loop = loop
        self._closing = False
        self._poller = threading.Thread(target=self._poll, daemon=True)
        self._poller.start()

    def _poll(self) -> None:
        while not self._closing:
            self.producer.poll(0.1)

    async def announce(self, key: str, event: dict) -> int:
        fut = self.loop.create_future()

        def delivered(err, msg) -> None:
            if err is not None:
                self.loop.call_soon_threadsafe(fut.set_exception, confluent_kafka.KafkaException(err))
            else:
                self.loop.call_soon_threadsafe(fut.set_result, msg.offset())

        self.producer.produce("photos.stored", json.dumps(event).encode(), key=key, on_delivery=delivered)
        return await fut


class AuditProducer:  # expect: clean  # near: thread-unsafe-capture
    """Audit records; the flusher task polls on the loop's own thread, so delivery reports arrive there."""

    def __init__(self, conf: dict) -> None:
        self.producer = confluent_kafka.Producer(conf)
        self.failed = asyncio.Event()

    def _report(self, err, msg) -> None:
        if err is not None:
            log.error("audit record lost: %s", err)
            self.failed.set()

    def record(self, entry: dict) -> None:
        self.producer.produce("photos.audit", json.dumps(entry).encode(), callback=self._report)

    async def flusher(self) -> None:
        while True:
            self.producer.poll(0)
            await asyncio.sleep(0.2)


class AlbumEventsConsumer:  # expect: thread-unsafe-capture
    """Album edits from Kafka, polled on a thread; partition changes are logged and flag the consumer ready."""

    def __init__(self, conf: dict, events: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.consumer = confluent_kafka.Consumer(conf)
        self.events = events
        self.loop = loop
        self.assigned = asyncio.Event()

    def start(self) -> None:
        self.consumer.subscribe(["albums.edits"], on_assign=self._on_assign)
        threading.Thread(target=self._run, name="album-events", daemon=True).start()

    def _on_assign(self, consumer, partitions) -> None:
        log.info("album events: assigned %s", [p.partition for p in partitions])
        self.assigned.set()

    def _run(self) -> None:
        while True:
            msg = self.consumer.poll(1.0)
            if msg is None or msg.error():
                continue
            asyncio.run_coroutine_threadsafe(self.events.put(msg.value()), self.loop).result()


def make_thumbnail(src: str, dest: str, size: int) -> str:  # expect: clean
    from PIL import Image

    with Image.open(src) as im:
        im.thumbnail((size, size))
        im.save(dest)
    return dest


def read_exif(path: str) -> dict:  # expect: clean
    from PIL import Image

    with Image.open(path) as im:
        return dict(im.getexif())


class ThumbnailPool:  # expect: thread-unsafe-capture
    """Thumbnails in worker processes; apply_async's callbacks resolve the waiting future."""

    def __init__(self, processes: int = 4) -> None:
        self.pool = multiprocessing.Pool(processes)

    async def thumbnail(self, src: str, dest: str, size: int = 512) -> str:
        fut = asyncio.get_running_loop().create_future()
        self.pool.apply_async(make_thumbnail, (src, dest, size), callback=fut.set_result,
                              error_callback=fut.set_exception)
        return await fut


class ThumbnailPoolHandover:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, processes: int = 4) -> None:
        self.pool = multiprocessing.Pool(processes)

    async def thumbnail(self, src: str, dest: str, size: int = 512) -> str:
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        self.pool.apply_async(make_thumbnail, (src, dest, size),
                              callback=lambda r: loop.call_soon_threadsafe(fut.set_result, r),
                              error_callback=lambda e: loop.call_soon_threadsafe(fut.set_exception, e))
        return await fut


async def thumbnails_in_executor(pool: ProcessPoolExecutor, jobs: list[tuple[str, str]]) -> list[str]:  # expect: clean
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, make_thumbnail, src, dest, 256) for src, dest in jobs))


async def exif_batch(pool: multiprocessing.pool.Pool, paths: list[str]) -> dict[str, dict]:  # expect: thread-unsafe-capture
    results: dict[str, dict] = {}
    ready = asyncio.Event()

    def store(rows: list[dict]) -> None:
        results.update(zip(paths, rows))
        ready.set()

    pool.map_async(read_exif, paths, callback=store)
    await ready.wait()
    return results


def sha256_file(path: str) -> str:  # expect: clean
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


async def hash_originals(executor: ThreadPoolExecutor, paths: list[str], hashed: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    for path in paths:
        future = executor.submit(sha256_file, path)
        future.add_done_callback(lambda done, path=path: hashed.put_nowait((path, done.result())))


class UploadWatchdog:  # expect: thread-unsafe-capture
    """Cancels an upload that makes no progress for `stall` seconds."""

    def __init__(self, task: asyncio.Task, stall: float = 60.0) -> None:
        self.task = task
        self.stall = stall
        self.timer: threading.Timer | None = None

    def kick(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(self.stall, self.task.cancel)
        self.timer.daemon = True
        self.timer.start()


class UploadWatchdogOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, task: asyncio.Task, stall: float = 60.0) -> None:
        self.task = task
        self.stall = stall
        self.handle: asyncio.TimerHandle | None = None

    def kick(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
        self.handle = asyncio.get_running_loop().call_later(self.stall, self.task.cancel)


def schedule_retry(loop: asyncio.AbstractEventLoop, delay: float, retries: asyncio.Queue,  # expect: clean  # near: thread-unsafe-capture
                   photo_id: str) -> threading.Timer:
    timer = threading.Timer(delay, lambda: loop.call_soon_threadsafe(retries.put_nowait, photo_id))
    timer.start()
    return timer


def schedule_retry_direct(delay: float, retries: asyncio.Queue, photo_id: str) -> threading.Timer:  # expect: thread-unsafe-capture
    timer = threading.Timer(delay, retries.put_nowait, args=(photo_id,))
    timer.start()
    return timer
