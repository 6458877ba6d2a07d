"""A media-processing worker: dangling tasks, queues with sizes from settings, unawaited calls and cancellation."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

log = logging.getLogger("worker")


@dataclass
class Settings:  # expect: clean
    queue_size: int | None = None
    workers: int = 4


class Transcoder:  # expect: unbounded-queue
    def __init__(self, settings: Settings) -> None:
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=settings.queue_size or 0)

    async def submit(self, job: dict) -> None:
        await self.jobs.put(job)


class TranscoderSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, settings: Settings) -> None:
        self.jobs: asyncio.Queue = asyncio.Queue(maxsize=settings.queue_size or 64)

    async def submit(self, job: dict) -> None:
        await self.jobs.put(job)


@dataclass
class ThumbnailStage:  # expect: clean  # near: unbounded-queue
    pending: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(8))

    async def feed(self, frames) -> None:
        async for frame in frames:
            await self.pending.put(frame)


class Probe:  # expect: clean
    async def duration(self, path: str) -> float:
        proc = await asyncio.create_subprocess_exec("ffprobe", path, stdout=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate()
        return float(out or 0)


async def total_duration(probe: Probe, paths: list[str]) -> float:  # expect: unawaited-coroutine
    total = 0.0
    for path in paths:
        total += await probe.duration(path)
    log.info("first file lasts %s", probe.duration(paths[0]))
    return total


async def total_duration_ok(probe: Probe, paths: list[str]) -> float:  # expect: clean  # near: unawaited-coroutine
    durations = await asyncio.gather(*(probe.duration(p) for p in paths))
    return sum(durations)


async def start_workers(settings: Settings, work) -> None:  # expect: dangling-task
    for n in range(settings.workers):
        worker = asyncio.create_task(work(n), name=f"worker-{n}")
        worker.add_done_callback(lambda t: log.info("%s finished", t.get_name()))


async def start_workers_kept(settings: Settings, work) -> list[asyncio.Task]:  # expect: clean  # near: dangling-task
    workers = []
    for n in range(settings.workers):
        worker = asyncio.create_task(work(n), name=f"worker-{n}")
        worker.add_done_callback(lambda t: log.info("%s finished", t.get_name()))
        workers.append(worker)
    return workers


class Preview:  # expect: dangling-task
    def __init__(self, render) -> None:
        self.render = render

    async def refresh(self, frame) -> None:
        if frame.keyframe:
            asyncio.create_task(self.render(frame)) and log.debug("rendering %s", frame.index)


class CleanupJob:  # expect: cancellation-swallowed
    def __init__(self, store) -> None:
        self.store = store

    async def run(self) -> None:
        while True:
            with contextlib.suppress(BaseException):
                await self.store.purge_expired()
            await asyncio.sleep(600)


class CleanupJobNarrow:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, store) -> None:
        self.store = store

    async def run(self) -> None:
        while True:
            with contextlib.suppress(OSError):
                await self.store.purge_expired()
            await asyncio.sleep(600)


def schedule_purge(loop: asyncio.AbstractEventLoop, job: CleanupJob) -> None:  # expect: unawaited-coroutine
    loop.call_later(3600, job.run)


async def warm_caches(loaders: dict) -> None:  # expect: dangling-task
    started = {name: asyncio.create_task(load()) for name, load in loaders.items()}
    log.info("warming %s", ", ".join(sorted(started)))


async def warm_caches_kept(loaders: dict) -> dict:  # expect: clean  # near: dangling-task
    started = {name: asyncio.create_task(load()) for name, load in loaders.items()}
    log.info("warming %s", ", ".join(sorted(started)))
    return started
