"""The control API: what the web handlers call. Drivers are sync; some handlers forgot that."""
from __future__ import annotations

import asyncio
import logging

from . import (
    AsyncMount,
    CameraDriver,
    DomeControl,
    FrameChannel,
    MountLink,
    bounded_channel,
    pool_for,
)
from .aio import current_mount

log = logging.getLogger(__name__)


def reduce_frames(frames: list[bytes]) -> bytes:  # expect: clean
    return b"".join(sorted(frames))


async def point_at(mount: MountLink, ra: float, dec: float) -> None:  # expect: blocking-call
    log.info("slewing to %.3f %.3f", ra, dec)
    mount.slew(ra, dec)


async def point_at_async(mount: AsyncMount, ra: float, dec: float) -> None:  # expect: clean  # near: blocking-call
    log.info("slewing to %.3f %.3f", ra, dec)
    await mount.slew(ra, dec)


async def open_dome(dome: DomeControl) -> float:  # expect: blocking-call
    dome.open_shutter()
    return await asyncio.to_thread(dome.azimuth)


async def open_dome_offloaded(dome: DomeControl) -> float:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(dome.open_shutter)
    return await asyncio.to_thread(dome.azimuth)


async def take_frame(cam: CameraDriver, seconds: float) -> bytes:  # expect: blocking-call
    log.info("exposing %s for %ss", cam.describe(), seconds)
    return cam.expose(seconds)


async def camera_label(cam: CameraDriver) -> str:  # expect: clean  # near: blocking-call
    return f"{cam.describe()} ({id(cam):x})"


class Observatory:  # expect: blocking-call
    def __init__(self) -> None:
        self.mounts: dict[str, MountLink] = {}

    def attach(self, name: str, link: MountLink) -> None:
        self.mounts[name] = link

    async def park(self, name: str) -> bool:
        if (link := self.mounts.get(name)) is not None:
            link.command("PARK")
            return True
        return False


class AsyncObservatory:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.mounts: dict[str, AsyncMount] = {}

    async def park(self, name: str) -> bool:
        if (mount := self.mounts.get(name)) is not None:
            await mount.park()
            mount.close()
            return True
        return False


async def run_reduction(frames: list[bytes]) -> bytes:  # expect: blocking-call
    pool = pool_for("reduce")
    fut = pool.submit(reduce_frames, frames)
    return fut.result()


async def run_reduction_wrapped(frames: list[bytes]) -> bytes:  # expect: clean  # near: blocking-call
    fut = pool_for("reduce").submit(reduce_frames, frames)
    return await asyncio.wrap_future(fut)


async def emergency_park() -> None:  # expect: unawaited-coroutine
    log.warning("wind alarm: parking")
    current_mount().park()


async def disconnect() -> None:  # expect: clean  # near: unawaited-coroutine
    current_mount().close()
    log.info("mount link closed")


class FrameReader:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.frames = FrameChannel()

    async def pump(self, reader: asyncio.StreamReader) -> None:
        while chunk := await reader.read(65536):
            self.frames.put_nowait(chunk)

    async def next_frame(self) -> bytes:
        return await self.frames.get()


class BoundedFrameReader:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.frames = bounded_channel()

    async def pump(self, reader: asyncio.StreamReader) -> None:
        while chunk := await reader.read(65536):
            await self.frames.put(chunk)

    async def next_frame(self) -> bytes:
        return await self.frames.get()
