"""Helpers of a data team's notebooks and the small IPython kernel extension they load."""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import sys
import threading
import urllib.request

import aiohttp
import ipywidgets as widgets
from IPython.display import display

log = logging.getLogger("nbtools")

MAX_PENDING_CHARS = 1 << 20


async def fetch_table(name: str) -> list[dict]:  # expect: clean
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://warehouse.internal/tables/{name}") as resp:
            return await resp.json()


async def fetch_tables(names: list[str]) -> list[list[dict]]:  # expect: blocking-call
    loop = asyncio.get_event_loop()
    return [loop.run_until_complete(fetch_table(n)) for n in names]


def fetch_tables_from_script(names: list[str]) -> list[list[dict]]:  # expect: clean  # near: blocking-call
    async def all_of_them():
        return await asyncio.gather(*(fetch_table(n) for n in names))

    return asyncio.run(all_of_them())


def show_table(name: str) -> None:  # expect: unawaited-coroutine
    display(fetch_table(name))


async def show_table_awaited(name: str) -> None:  # expect: clean  # near: unawaited-coroutine
    display(await fetch_table(name))


async def run_analysis(out: widgets.Output) -> None:  # expect: clean
    rows = await fetch_table("events")
    with out:
        print(len(rows), "rows")


def analysis_button() -> widgets.Button:  # expect: dangling-task
    out = widgets.Output()
    button = widgets.Button(description="Run")
    button.on_click(lambda _b: asyncio.ensure_future(run_analysis(out)))
    display(button, out)
    return button


class AnalysisPanel:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.out = widgets.Output()
        self.button = widgets.Button(description="Run")
        self.button.on_click(self._clicked)
        self._task: asyncio.Task | None = None

    def _clicked(self, _button) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.ensure_future(run_analysis(self.out))


class BackgroundFetch:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.done = asyncio.get_event_loop().create_future()

    def _work(self, url: str) -> None:
        with urllib.request.urlopen(url) as resp:
            self.done.set_result(resp.read())

    def start(self, url: str) -> None:
        threading.Thread(target=self._work, args=(url,), daemon=True).start()


class BackgroundFetchWrapped:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.done: concurrent.futures.Future[bytes] = concurrent.futures.Future()

    def _work(self, url: str) -> None:
        with urllib.request.urlopen(url) as resp:
            self.done.set_result(resp.read())

    def start(self, url: str) -> None:
        threading.Thread(target=self._work, args=(url,), daemon=True).start()

    async def result(self) -> bytes:
        return await asyncio.wrap_future(self.done)


class KernelHeartbeat:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, send_ping) -> None:
        self.loop = loop
        self.send_ping = send_ping
        self._timer: threading.Timer | None = None

    def _beat(self) -> None:
        self.loop.call_later(0, self.send_ping)
        self._schedule()

    def _schedule(self) -> None:
        self._timer = threading.Timer(5.0, self._beat)
        self._timer.daemon = True
        self._timer.start()


class KernelHeartbeatSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, send_ping) -> None:
        self.loop = loop
        self.send_ping = send_ping
        self._timer: threading.Timer | None = None

    def _beat(self) -> None:
        self.loop.call_soon_threadsafe(self.send_ping)
        self._schedule()

    def _schedule(self) -> None:
        self._timer = threading.Timer(5.0, self._beat)
        self._timer.daemon = True
        self._timer.start()


class CellOutputStream:  # expect: unbounded-queue
    """Installed as sys.stdout while a cell runs: every print lands in write()."""

    def __init__(self) -> None:
        self._chunks: asyncio.Queue[str] = asyncio.Queue()

    def write(self, text: str) -> int:
        self._chunks.put_nowait(text)
        return len(text)

    def flush(self) -> None:
        pass

    async def forward(self, send) -> None:
        while True:
            await send(await self._chunks.get())


class CellOutputStreamCapped:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self._chunks: asyncio.Queue[str] = asyncio.Queue()
        self._pending = 0
        self.dropped = 0

    def write(self, text: str) -> int:
        if self._pending + len(text) > MAX_PENDING_CHARS:
            self.dropped += len(text)
            return len(text)
        self._pending += len(text)
        self._chunks.put_nowait(text)
        return len(text)

    def flush(self) -> None:
        pass

    async def forward(self, send) -> None:
        while True:
            chunk = await self._chunks.get()
            self._pending -= len(chunk)
            await send(chunk)


async def flush_output() -> None:  # expect: clean
    sys.stdout.flush()
    await asyncio.sleep(0)


async def run_cell(code, namespace: dict):  # expect: cancellation-swallowed
    try:
        result = await eval(code, namespace)
    except asyncio.CancelledError:
        print("Cell interrupted", file=sys.stderr)
        result = None
    namespace["_"] = result
    await flush_output()
    return result


async def run_cell_interruptible(code, namespace: dict):  # expect: clean  # near: cancellation-swallowed
    try:
        result = await eval(code, namespace)
    except asyncio.CancelledError:
        print("Cell interrupted", file=sys.stderr)
        raise
    namespace["_"] = result
    await flush_output()
    return result


async def watch_notebook_dir(path: str) -> None:  # expect: clean
    while True:
        await asyncio.sleep(2)
        log.debug("scanning %s", path)


def load_ipython_extension(ipython) -> None:  # expect: dangling-task
    asyncio.get_event_loop().create_task(watch_notebook_dir(ipython.starting_dir))
    log.info("nbtools loaded")


def load_ipython_extension_kept(ipython) -> None:  # expect: clean  # near: dangling-task
    ipython.nbtools_watcher = asyncio.get_event_loop().create_task(watch_notebook_dir(ipython.starting_dir))


def unload_ipython_extension(ipython) -> None:  # expect: clean
    watcher = getattr(ipython, "nbtools_watcher", None)
    if watcher is not None:
        watcher.cancel()


async def preview_tables(names: list[str]) -> None:  # expect: dangling-task
    pending = {name: asyncio.create_task(fetch_table(name)) for name in names}
    print(f"fetching {len(pending)} tables in the background")


async def preview_tables_shown(names: list[str]) -> None:  # expect: clean  # near: dangling-task
    pending = {name: asyncio.create_task(fetch_table(name)) for name in names}
    for name, task in pending.items():
        display(name, await task)
