"""Round two of the blind probe: device integrations, notebook hooks and encoding workers."""
from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from homeassistant.core import HomeAssistant, callback
from IPython import get_ipython

log = logging.getLogger("workers")

_encode_pool = ProcessPoolExecutor(max_workers=2)
_io_pool = ThreadPoolExecutor(max_workers=4)
PROGRESS = re.compile(rb"time=(\d+):(\d+):(\d+)")


class WeatherStation:  # expect: thread-unsafe-capture
    def __init__(self, hass: HomeAssistant, api) -> None:
        self.hass = hass
        self.api = api
        self.updated = asyncio.Event()
        self.data: dict = {}

    def _update(self) -> None:
        self.data = self.api.read_all()
        self.updated.set()

    async def async_update(self) -> None:
        await self.hass.async_add_executor_job(self._update)
        await self.updated.wait()


class WeatherStationReturned:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, hass: HomeAssistant, api) -> None:
        self.hass = hass
        self.api = api
        self.updated = asyncio.Event()
        self.data: dict = {}

    async def async_update(self) -> None:
        self.data = await self.hass.async_add_executor_job(self.api.read_all)
        self.updated.set()


class DoorbellEntity:  # expect: clean  # near: dangling-task
    def __init__(self, hass: HomeAssistant, camera) -> None:
        self.hass = hass
        self.camera = camera

    @callback
    def _async_on_ring(self, event) -> None:
        self.hass.async_create_task(self.camera.async_snapshot())


class Renderer:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.done = asyncio.Event()

    def render(self, scene) -> bytes:
        return scene.rasterize()

    def start(self, scene) -> None:
        fut = _io_pool.submit(self.render, scene)
        fut.add_done_callback(lambda _f: self.done.set())


class RendererOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.done = asyncio.Event()

    def render(self, scene) -> bytes:
        return scene.rasterize()

    async def start(self, scene) -> None:
        fut = asyncio.get_running_loop().run_in_executor(_io_pool, self.render, scene)
        fut.add_done_callback(lambda _f: self.done.set())
        await self.done.wait()


async def sync_variables() -> None:  # expect: clean
    await asyncio.sleep(0)


def load_ipython_extension(ipython) -> None:  # expect: dangling-task
    ipython.events.register("post_run_cell", lambda result: asyncio.ensure_future(sync_variables()))


def load_ipython_extension_kept(ipython) -> None:  # expect: clean  # near: dangling-task
    pending: set = set()

    def after_cell(result) -> None:
        task = asyncio.ensure_future(sync_variables())
        pending.add(task)
        task.add_done_callback(pending.discard)

    ipython.events.register("post_run_cell", after_cell)


async def encode_segment(src: str, dst: str) -> int:  # expect: unawaited-coroutine
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", src, dst)
    proc.wait()
    return proc.returncode


def encode(segment: bytes) -> bytes:  # expect: clean
    return segment[::-1]


async def encode_all(segments: list[bytes]) -> list[bytes]:  # expect: blocking-call
    return [_encode_pool.submit(encode, s).result() for s in segments]


async def encode_all_offloaded(segments: list[bytes]) -> list[bytes]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return list(await asyncio.gather(*(loop.run_in_executor(_encode_pool, encode, s) for s in segments)))


async def follow_progress(src: str, dst: str, report) -> int:  # expect: clean  # near: unbounded-queue
    progress: asyncio.Queue[int] = asyncio.Queue()
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", src, dst, stderr=asyncio.subprocess.PIPE)

    async def parse() -> None:
        async for line in proc.stderr:
            m = PROGRESS.search(line)
            if m:
                h, mi, s = map(int, m.groups())
                await progress.put(h * 3600 + mi * 60 + s)

    parser = asyncio.create_task(parse())
    while not (parser.done() and progress.empty()):
        report(await progress.get())
    return await proc.wait()


async def follow_progress_latest(src: str, dst: str, report) -> int:  # expect: clean  # near: unbounded-queue
    progress: asyncio.Queue[int] = asyncio.Queue(maxsize=1)
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", src, dst, stderr=asyncio.subprocess.PIPE)

    async def parse() -> None:
        async for line in proc.stderr:
            m = PROGRESS.search(line)
            if m:
                h, mi, s = map(int, m.groups())
                if progress.full():
                    progress.get_nowait()
                progress.put_nowait(h * 3600 + mi * 60 + s)

    parser = asyncio.create_task(parse())
    while not (parser.done() and progress.empty()):
        report(await progress.get())
    return await proc.wait()


class Coordinator:  # expect: clean  # near: cancellation-swallowed
    def __init__(self) -> None:
        self._task: asyncio.Task | None = None

    async def async_will_remove_from_hass(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None


class LinkSupervisor:  # expect: cancellation-swallowed
    def __init__(self, link) -> None:
        self.link = link
        self._task: asyncio.Task | None = None

    async def run(self) -> None:
        while True:
            self._task = asyncio.create_task(self.link.serve())
            try:
                await self._task
            except asyncio.CancelledError:
                log.warning("link dropped, restarting")
                self._task = None
            await asyncio.sleep(1)
