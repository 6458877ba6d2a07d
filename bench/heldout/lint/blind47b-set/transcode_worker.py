"""Video and audio transcoding workers: ffmpeg jobs, thumbnails, HLS segmenters and a live audio meter."""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import sounddevice as sd
from PIL import Image

log = logging.getLogger("transcode")

MAX_BACKLOG = 200
_thumb_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="thumb")


@dataclass
class Job:  # expect: clean
    id: str
    src: str
    dst: str
    preset: str = "720p"


class TranscodeJob:  # expect: thread-unsafe-capture
    def __init__(self, job: Job) -> None:
        self.job = job
        self.finished = asyncio.Event()
        self.returncode: int | None = None

    def _run(self) -> None:
        proc = subprocess.run(["ffmpeg", "-y", "-i", self.job.src, "-preset", "fast", self.job.dst],
                              capture_output=True)
        self.returncode = proc.returncode
        self.finished.set()

    async def start(self) -> int | None:
        threading.Thread(target=self._run, name=f"ffmpeg-{self.job.id}", daemon=True).start()
        await self.finished.wait()
        return self.returncode


class TranscodeJobSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, job: Job) -> None:
        self.job = job
        self.finished = asyncio.Event()
        self.returncode: int | None = None

    def _run(self, loop: asyncio.AbstractEventLoop) -> None:
        proc = subprocess.run(["ffmpeg", "-y", "-i", self.job.src, "-preset", "fast", self.job.dst],
                              capture_output=True)
        self.returncode = proc.returncode
        loop.call_soon_threadsafe(self.finished.set)

    async def start(self) -> int | None:
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._run, args=(loop,), daemon=True).start()
        await self.finished.wait()
        return self.returncode


async def probe_duration(path: str) -> float:  # expect: blocking-call
    out = subprocess.check_output(
        ["ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", path])
    return float(json.loads(out)["format"]["duration"])


async def probe_duration_offloaded(path: str) -> float:  # expect: clean  # near: blocking-call
    out = await asyncio.to_thread(
        subprocess.check_output, ["ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", path])
    return float(json.loads(out)["format"]["duration"])


def make_thumbnail(path: str, size: tuple[int, int] = (320, 180)) -> bytes:  # expect: clean
    with Image.open(path) as img:
        img.thumbnail(size)
        return img.tobytes()


async def render_thumbnails(paths: list[str], results: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()

    def work(path: str) -> None:
        results.put_nowait((path, make_thumbnail(path)))

    await asyncio.gather(*(loop.run_in_executor(_thumb_pool, work, p) for p in paths))


async def render_thumbnails_returned(paths: list[str], results: asyncio.Queue) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    for path in paths:
        thumb = await loop.run_in_executor(_thumb_pool, make_thumbnail, path)
        await results.put((path, thumb))


class WorkerPool:  # expect: unbounded-queue
    """HTTP handlers call submit() for every upload."""

    def __init__(self, workers: int = 4) -> None:
        self.jobs: asyncio.Queue[Job] = asyncio.Queue()
        self._workers = [asyncio.create_task(self._work()) for _ in range(workers)]

    def submit(self, job: Job) -> None:
        self.jobs.put_nowait(job)

    async def _work(self) -> None:
        while True:
            job = await self.jobs.get()
            await TranscodeJobSafe(job).start()
            self.jobs.task_done()


class WorkerPoolBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, workers: int = 4) -> None:
        self.jobs: asyncio.Queue[Job] = asyncio.Queue(maxsize=MAX_BACKLOG)
        self._workers = [asyncio.create_task(self._work()) for _ in range(workers)]

    async def submit(self, job: Job) -> None:
        await self.jobs.put(job)

    async def _work(self) -> None:
        while True:
            job = await self.jobs.get()
            await TranscodeJobSafe(job).start()
            self.jobs.task_done()


async def transcode_worker(queue: asyncio.Queue, store) -> None:  # expect: cancellation-swallowed
    while True:
        job = await queue.get()
        try:
            await TranscodeJobSafe(job).start()
            await store.mark(job.id, "done")
        except asyncio.CancelledError:
            await store.mark(job.id, "interrupted")
        except Exception:
            log.exception("job %s failed", job.id)
            await store.mark(job.id, "failed")
        finally:
            queue.task_done()


async def transcode_worker_reraising(queue: asyncio.Queue, store) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        job = await queue.get()
        try:
            await TranscodeJobSafe(job).start()
            await store.mark(job.id, "done")
        except asyncio.CancelledError:
            await store.mark(job.id, "interrupted")
            raise
        except Exception:
            log.exception("job %s failed", job.id)
        finally:
            queue.task_done()


async def run_ffmpeg(args: list[str], timeout: float) -> int | None:  # expect: cancellation-swallowed
    proc = await asyncio.create_subprocess_exec("ffmpeg", *args, stderr=asyncio.subprocess.DEVNULL)
    try:
        return await asyncio.wait_for(proc.wait(), timeout)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        proc.kill()
        return None


async def run_ffmpeg_timed(args: list[str], timeout: float) -> int | None:  # expect: clean  # near: cancellation-swallowed
    proc = await asyncio.create_subprocess_exec("ffmpeg", *args, stderr=asyncio.subprocess.DEVNULL)
    try:
        return await asyncio.wait_for(proc.wait(), timeout)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        return None


async def segment(stream) -> None:  # expect: clean
    await run_ffmpeg_timed(["-i", stream.url, "-f", "hls", "-hls_time", "4", stream.out_dir], timeout=3600)


async def start_segmenters(streams) -> None:  # expect: dangling-task
    for stream in streams:
        seg = asyncio.create_task(segment(stream), name=f"hls-{stream.name}")
        log.info("segmenter for %s started", stream.name)


async def start_segmenters_kept(streams, running: dict) -> None:  # expect: clean  # near: dangling-task
    for stream in streams:
        seg = asyncio.create_task(segment(stream), name=f"hls-{stream.name}")
        running[stream.name] = seg
        log.info("segmenter for %s started", stream.name)


async def start_audio_renditions(streams) -> None:  # expect: dangling-task
    list(map(asyncio.create_task, [segment(s) for s in streams if s.kind == "audio"]))


async def cleanup_tmp(path: str) -> None:  # expect: clean
    await asyncio.to_thread(shutil.rmtree, path, True)


def schedule_cleanup(loop: asyncio.AbstractEventLoop, path: str) -> None:  # expect: unawaited-coroutine
    loop.call_later(600, cleanup_tmp, path)


def schedule_cleanup_sync(loop: asyncio.AbstractEventLoop, path: str) -> None:  # expect: blocking-call  # near: unawaited-coroutine
    loop.call_later(600, functools.partial(shutil.rmtree, path, ignore_errors=True))


async def publish_renditions(bucket, renditions) -> None:  # expect: unawaited-coroutine
    for r in renditions:
        asyncio.to_thread(bucket.upload_file, r.path, r.key)
    log.info("queued %d uploads", len(renditions))


class SegmentCache:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._segments: dict[str, bytes] = {}

    async def get(self, key: str, fetch) -> bytes:
        with self._lock:
            if key not in self._segments:
                self._segments[key] = await fetch(key)
            return self._segments[key]


class SegmentCacheAsync:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._segments: dict[str, bytes] = {}

    async def get(self, key: str, fetch) -> bytes:
        async with self._lock:
            if key not in self._segments:
                self._segments[key] = await fetch(key)
            return self._segments[key]


class AudioMeter:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.levels: asyncio.Queue[float] = asyncio.Queue(maxsize=100)

    def _callback(self, indata, frames, time_info, status) -> None:
        self.levels.put_nowait(float(np.abs(indata).max()))

    async def run(self, on_level) -> None:
        with sd.InputStream(channels=1, callback=self._callback):
            while True:
                on_level(await self.levels.get())


class AudioMeterSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.levels: asyncio.Queue[float] = asyncio.Queue(maxsize=100)

    async def run(self, on_level) -> None:
        loop = asyncio.get_running_loop()

        def callback(indata, frames, time_info, status) -> None:
            loop.call_soon_threadsafe(self._offer, float(np.abs(indata).max()))

        with sd.InputStream(channels=1, callback=callback):
            while True:
                on_level(await self.levels.get())

    def _offer(self, level: float) -> None:
        if not self.levels.full():
            self.levels.put_nowait(level)
