"""Transcoding workers: ffmpeg jobs pulled from a queue, thumbnails with Pillow, clips cut with moviepy."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import shlex
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, TypeVar

import ffmpeg
from moviepy.editor import VideoFileClip
from PIL import Image, ImageOps

log = logging.getLogger("media")
OUT = Path("/srv/media/out")
F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


@dataclass
class Job:  # expect: clean
    source: Path
    preset: str = "720p"
    attempts: int = 0
    meta: dict = field(default_factory=dict)


def ffmpeg_args(job: Job) -> list[str]:  # expect: clean
    scale = {"720p": "1280:-2", "1080p": "1920:-2"}[job.preset]
    return ["ffmpeg", "-y", "-i", str(job.source), "-vf", f"scale={scale}", str(OUT / f"{job.source.stem}.mp4")]


async def transcode_blocking(job: Job) -> int:  # expect: blocking-call
    result = subprocess.run(ffmpeg_args(job), capture_output=True, check=False)
    return result.returncode


async def transcode(job: Job) -> int:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec(
        *ffmpeg_args(job), stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    if proc.returncode:
        log.warning("ffmpeg failed: %s", err.decode(errors="replace")[-400:])
    return proc.returncode or 0


async def probe_duration(path: Path) -> float:  # expect: unawaited-coroutine
    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", str(path),
        stdout=asyncio.subprocess.PIPE,
    )
    out = await proc.stdout.read()
    proc.wait()
    return float(json.loads(out)["format"]["duration"])


async def probe_duration_ok(path: Path) -> float:  # expect: clean  # near: unawaited-coroutine
    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", str(path),
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    return float(json.loads(out)["format"]["duration"])


async def probe_with_popen(path: Path) -> dict:  # expect: blocking-call
    cmd = f"ffprobe -v quiet -print_format json -show_streams {shlex.quote(str(path))}"
    with subprocess.Popen(shlex.split(cmd), stdout=subprocess.PIPE) as proc:
        out = proc.stdout.read()
    return json.loads(out)


async def transcode_ffmpeg_python(job: Job) -> None:  # expect: blocking-call
    stream = ffmpeg.input(str(job.source)).output(str(OUT / f"{job.source.stem}.webm"), vcodec="libvpx-vp9")
    stream.overwrite_output().run(quiet=True)


async def transcode_ffmpeg_python_ok(job: Job) -> None:  # expect: clean  # near: blocking-call
    stream = ffmpeg.input(str(job.source)).output(str(OUT / f"{job.source.stem}.webm"), vcodec="libvpx-vp9")
    await asyncio.to_thread(stream.overwrite_output().run, quiet=True)


async def cut_preview(job: Job, seconds: float = 10.0) -> Path:  # expect: blocking-call
    dest = OUT / f"{job.source.stem}-preview.mp4"
    with VideoFileClip(str(job.source)) as clip:
        clip.subclip(0, min(seconds, clip.duration)).write_videofile(str(dest), audio=False, logger=None)
    return dest


def _cut_preview_sync(source: Path, seconds: float) -> Path:  # expect: clean
    dest = OUT / f"{source.stem}-preview.mp4"
    with VideoFileClip(str(source)) as clip:
        clip.subclip(0, min(seconds, clip.duration)).write_videofile(str(dest), audio=False, logger=None)
    return dest


async def cut_preview_offloaded(job: Job, seconds: float = 10.0) -> Path:  # expect: clean  # near: blocking-call
    return await asyncio.get_running_loop().run_in_executor(None, _cut_preview_sync, job.source, seconds)


async def make_thumbnail(job: Job) -> Path:  # expect: blocking-call
    dest = OUT / f"{job.source.stem}.jpg"
    with Image.open(job.source.with_suffix(".png")) as im:
        ImageOps.fit(im, (320, 180)).save(dest, quality=85)
    return dest


async def thumbnail_from_bytes(data: bytes) -> bytes:  # expect: clean  # near: blocking-call
    import io

    buf = io.BytesIO()
    with Image.open(io.BytesIO(data)) as im:
        im.thumbnail((96, 96))
        im.save(buf, format="PNG")
    return buf.getvalue()


def retrying(attempts: int = 3) -> Callable[[F], F]:  # expect: cancellation-swallowed
    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        async def runner(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except BaseException as exc:
                    log.warning("attempt %d of %s failed: %r", attempt, fn.__name__, exc)
                    await asyncio.sleep(2**attempt)
            return None

        return runner  # type: ignore[return-value]

    return wrap


def retrying_errors(attempts: int = 3) -> Callable[[F], F]:  # expect: clean  # near: cancellation-swallowed
    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        async def runner(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except (OSError, subprocess.CalledProcessError) as exc:
                    log.warning("attempt %d of %s failed: %r", attempt, fn.__name__, exc)
                    await asyncio.sleep(2**attempt)
            return None

        return runner  # type: ignore[return-value]

    return wrap


class TranscodeWorker:  # expect: cancellation-swallowed
    def __init__(self, queue: "asyncio.Queue[Job]") -> None:
        self.queue = queue
        self.done = 0

    async def run(self) -> None:
        while True:
            job = await self.queue.get()
            try:
                await transcode(job)
                self.done += 1
            except asyncio.CancelledError:
                log.info("transcode of %s interrupted, requeueing", job.source)
                self.queue.put_nowait(job)
                continue
            finally:
                self.queue.task_done()


class TranscodeWorkerOk:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, queue: "asyncio.Queue[Job]") -> None:
        self.queue = queue
        self.done = 0

    async def run(self) -> None:
        while True:
            job = await self.queue.get()
            try:
                await transcode(job)
                self.done += 1
            except asyncio.CancelledError:
                log.info("transcode of %s interrupted, requeueing", job.source)
                self.queue.put_nowait(job)
                raise
            finally:
                self.queue.task_done()


async def poll_encoder_status(url_for: Callable[[], Awaitable[dict]]) -> None:  # expect: cancellation-swallowed
    while True:
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            status = await url_for()
            log.debug("encoder load %s", status.get("load"))
        await asyncio.sleep(5)


async def stop_encoder_poll(task: "asyncio.Task[None]") -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def upload_rendition(path: Path, put: Callable[[bytes], Awaitable[None]]) -> bool:  # expect: cancellation-swallowed
    try:
        await put(await asyncio.to_thread(path.read_bytes))
    finally:
        log.info("upload of %s finished", path.name)
        return True


async def upload_rendition_ok(path: Path, put: Callable[[bytes], Awaitable[None]]) -> bool:  # expect: clean  # near: cancellation-swallowed
    try:
        await put(await asyncio.to_thread(path.read_bytes))
    finally:
        log.info("upload of %s finished", path.name)
    return True


class ProgressReporter:  # expect: unawaited-coroutine
    """ffmpeg's -progress lines are read on a thread; each update is posted to the dashboard."""

    def __init__(self, post: Callable[[dict], Awaitable[None]], loop: asyncio.AbstractEventLoop) -> None:
        self.post = post
        self.loop = loop

    def _pump(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            key, _, value = line.decode().partition("=")
            self.loop.call_soon_threadsafe(self.post, {key: value.strip()})

    def start(self, proc: subprocess.Popen) -> threading.Thread:
        t = threading.Thread(target=self._pump, args=(proc,), daemon=True)
        t.start()
        return t


class ProgressReporterOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, post: Callable[[dict], Awaitable[None]], loop: asyncio.AbstractEventLoop) -> None:
        self.post = post
        self.loop = loop

    def _pump(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            key, _, value = line.decode().partition("=")
            asyncio.run_coroutine_threadsafe(self.post({key: value.strip()}), self.loop)

    def start(self, proc: subprocess.Popen) -> threading.Thread:
        t = threading.Thread(target=self._pump, args=(proc,), daemon=True)
        t.start()
        return t
