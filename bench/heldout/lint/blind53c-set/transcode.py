"""A media transcoding service: uploads land on disk, ffmpeg runs per job, progress goes to websocket clients."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

log = logging.getLogger("transcode")

SPOOL = Path(os.environ.get("SPOOL_DIR", "/var/spool/transcode"))


@dataclass
class Job:  # expect: clean
    job_id: str
    source: Path
    preset: str = "720p"
    progress: float = 0.0
    done: asyncio.Event = field(default_factory=asyncio.Event)


async def probe_duration(path: Path) -> float:  # expect: blocking-call
    out = subprocess.check_output(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)]
    )
    return float(json.loads(out)["format"]["duration"])


async def probe_duration_async(path: Path) -> float:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path),
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    return float(json.loads(out)["format"]["duration"])


async def store_upload(job_id: str, chunks) -> Path:  # expect: blocking-call
    target = SPOOL / f"{job_id}.src"
    with target.open("wb") as fh:
        async for chunk in chunks:
            fh.write(chunk)
    return target


async def store_upload_offloaded(job_id: str, chunks) -> Path:  # expect: clean  # near: blocking-call
    target = SPOOL / f"{job_id}.src"
    parts = [chunk async for chunk in chunks]

    def write_all() -> None:
        with target.open("wb") as fh:
            for part in parts:
                fh.write(part)

    await asyncio.to_thread(write_all)
    return target


class Transcoder:  # expect: blocking-call
    def __init__(self, ffmpeg: str = "ffmpeg") -> None:
        self.ffmpeg = ffmpeg

    def _command(self, job: Job, out: Path) -> list[str]:
        return [self.ffmpeg, "-y", "-i", str(job.source), "-vf", f"scale=-2:{job.preset[:-1]}", str(out)]

    async def run(self, job: Job) -> Path:
        out = job.source.with_suffix(".mp4")
        proc = subprocess.Popen(self._command(job, out), stderr=subprocess.PIPE)
        proc.wait()
        job.done.set()
        return out


class AsyncTranscoder:  # expect: clean  # near: blocking-call
    def __init__(self, ffmpeg: str = "ffmpeg") -> None:
        self.ffmpeg = ffmpeg

    def _command(self, job: Job, out: Path) -> list[str]:
        return [self.ffmpeg, "-y", "-i", str(job.source), str(out)]

    async def run(self, job: Job) -> Path:
        out = job.source.with_suffix(".mp4")
        proc = await asyncio.create_subprocess_exec(*self._command(job, out), stderr=asyncio.subprocess.PIPE)
        await proc.wait()
        job.done.set()
        return out


class ProgressHub:  # expect: thread-unsafe-capture
    """ffmpeg's progress pipe is read by a thread; subscribers are asyncio queues."""

    def __init__(self) -> None:
        self.subscribers: dict[str, list[asyncio.Queue]] = {}

    def subscribe(self, job_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self.subscribers.setdefault(job_id, []).append(queue)
        return queue

    def _pump(self, job_id: str, pipe) -> None:
        for line in pipe:
            for queue in self.subscribers.get(job_id, []):
                queue.put_nowait(line.decode().strip())

    def follow(self, job_id: str, pipe) -> threading.Thread:
        thread = threading.Thread(target=self._pump, args=(job_id, pipe), daemon=True)
        thread.start()
        return thread


class SafeProgressHub:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.subscribers: dict[str, list[asyncio.Queue]] = {}

    def _deliver(self, job_id: str, text: str) -> None:
        for queue in self.subscribers.get(job_id, []):
            if not queue.full():
                queue.put_nowait(text)

    def _pump(self, job_id: str, pipe) -> None:
        for line in pipe:
            self.loop.call_soon_threadsafe(self._deliver, job_id, line.decode().strip())

    def follow(self, job_id: str, pipe) -> threading.Thread:
        thread = threading.Thread(target=self._pump, args=(job_id, pipe), daemon=True)
        thread.start()
        return thread


class JobBoard:  # expect: unbounded-queue
    def __init__(self, concurrency: int = 2) -> None:
        self.pending: asyncio.Queue[Job] = asyncio.Queue()
        self.concurrency = concurrency

    async def submit(self, job: Job) -> None:
        await self.pending.put(job)

    async def worker(self, transcoder: AsyncTranscoder) -> None:
        while True:
            job = await self.pending.get()
            try:
                await transcoder.run(job)
            finally:
                self.pending.task_done()


class BoundedJobBoard:  # expect: clean  # near: unbounded-queue
    def __init__(self, concurrency: int = 2, backlog: int = 50) -> None:
        self.pending: asyncio.Queue[Job] = asyncio.Queue(maxsize=backlog)
        self.concurrency = concurrency

    async def submit(self, job: Job) -> None:
        await self.pending.put(job)


async def start_workers(board: BoundedJobBoard, transcoder: AsyncTranscoder) -> None:  # expect: dangling-task
    for _ in range(board.concurrency):
        asyncio.create_task(_work(board, transcoder))


async def _work(board: BoundedJobBoard, transcoder: AsyncTranscoder) -> None:  # expect: clean
    while True:
        job = await board.pending.get()
        await transcoder.run(job)
        board.pending.task_done()


async def start_workers_kept(board: BoundedJobBoard, transcoder: AsyncTranscoder) -> list[asyncio.Task]:  # expect: clean  # near: dangling-task
    return [asyncio.create_task(_work(board, transcoder)) for _ in range(board.concurrency)]


async def cleanup_job(job: Job) -> None:  # expect: blocking-call
    scratch = job.source.parent / f"{job.job_id}.parts"
    if scratch.exists():
        shutil.rmtree(scratch)
    await asyncio.sleep(0)


async def cleanup_job_offloaded(job: Job) -> None:  # expect: clean  # near: blocking-call
    scratch = job.source.parent / f"{job.job_id}.parts"
    await asyncio.to_thread(shutil.rmtree, scratch, True)


async def watch_job(job: Job, timeout: float) -> bool:  # expect: cancellation-swallowed
    while True:
        try:
            await asyncio.wait_for(job.done.wait(), timeout)
            return True
        except asyncio.TimeoutError:
            log.info("job %s at %.0f%%", job.job_id, job.progress * 100)
        except BaseException:
            log.exception("watcher of %s failed", job.job_id)
            return False


async def watch_job_reraising(job: Job, timeout: float) -> bool:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await asyncio.wait_for(job.done.wait(), timeout)
            return True
        except asyncio.TimeoutError:
            log.info("job %s at %.0f%%", job.job_id, job.progress * 100)
        except BaseException:
            log.exception("watcher of %s failed", job.job_id)
            raise


async def notify_done(job: Job, hooks) -> None:  # expect: unawaited-coroutine
    for hook in hooks:
        if asyncio.iscoroutinefunction(hook):
            hook(job)
        else:
            await asyncio.to_thread(hook, job)


async def notify_done_awaited(job: Job, hooks) -> None:  # expect: clean  # near: unawaited-coroutine
    for hook in hooks:
        if asyncio.iscoroutinefunction(hook):
            await hook(job)
        else:
            await asyncio.to_thread(hook, job)


class ScratchDir:  # expect: clean
    """A sync context manager used only from the worker threads."""

    def __enter__(self) -> Path:
        self.path = Path(tempfile.mkdtemp(prefix="tc-"))
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


async def thumbnail(job: Job, at: float) -> Path:  # expect: blocking-call
    with ScratchDir() as scratch:
        frame = scratch / "frame.png"
        await asyncio.sleep(0)
        subprocess.run(["ffmpeg", "-ss", str(at), "-i", str(job.source), "-frames:v", "1", str(frame)], check=True)
        final = job.source.with_suffix(".png")
        shutil.copy(frame, final)
    return final


def thumbnail_sync(job: Job, at: float) -> Path:  # expect: clean  # near: blocking-call
    with ScratchDir() as scratch:
        frame = scratch / "frame.png"
        subprocess.run(["ffmpeg", "-ss", str(at), "-i", str(job.source), "-frames:v", "1", str(frame)], check=True)
        final = job.source.with_suffix(".png")
        shutil.copy(frame, final)
    return final


async def thumbnail_offloaded(job: Job, at: float) -> Path:  # expect: clean  # near: blocking-call
    return await asyncio.get_running_loop().run_in_executor(None, thumbnail_sync, job, at)


async def stop_quietly(task: Optional[asyncio.Task]) -> None:  # expect: clean
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
