"""A Qt desktop client on qasync, plus its small command-line twin."""
from __future__ import annotations

import asyncio
import logging
import signal
import sys

from PySide6.QtWidgets import QMainWindow, QPushButton

log = logging.getLogger("desk")


class MainWindow(QMainWindow):  # expect: dangling-task
    def __init__(self, api) -> None:
        super().__init__()
        self.api = api
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(lambda: asyncio.ensure_future(self.save()))

    async def save(self) -> None:
        await self.api.save(self.windowTitle())


class MainWindowKept(QMainWindow):  # expect: clean  # near: dangling-task
    def __init__(self, api) -> None:
        super().__init__()
        self.api = api
        self._save_task: asyncio.Task | None = None
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.on_save_clicked)

    def on_save_clicked(self) -> None:
        if self._save_task is None or self._save_task.done():
            self._save_task = asyncio.ensure_future(self.save())

    async def save(self) -> None:
        await self.api.save(self.windowTitle())


class SearchBox(QMainWindow):  # expect: dangling-task
    def __init__(self, index) -> None:
        super().__init__()
        self.index = index

    def on_text_changed(self, text: str) -> None:
        loop = asyncio.get_event_loop()
        loop.create_task(self.search(text))

    async def search(self, text: str) -> None:
        self.show_results(await self.index.query(text))

    def show_results(self, results) -> None:
        log.debug("%d results", len(results))


class LiveFeed:  # expect: unbounded-queue
    def __init__(self, source) -> None:
        self.source = source
        self.updates = asyncio.Queue()
        self._pump = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        async for update in self.source:
            self.updates.put_nowait(update)


def install_reload(loop: asyncio.AbstractEventLoop, reload_config) -> None:  # expect: dangling-task
    loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(reload_config()))


def install_reload_tracked(loop: asyncio.AbstractEventLoop, reload_config, tasks: set) -> None:  # expect: clean  # near: dangling-task
    def on_hup() -> None:
        task = loop.create_task(reload_config())
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    loop.add_signal_handler(signal.SIGHUP, on_hup)


def install_excepthook(loop: asyncio.AbstractEventLoop, report_crash) -> None:  # expect: clean  # near: thread-unsafe-capture
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        if not loop.is_closed() and not loop.is_running():
            loop.run_until_complete(report_crash(exc))
        previous(exc_type, exc, tb)

    sys.excepthook = hook


async def sync_forever(api, interval: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await api.sync()
        except Exception:
            log.exception("sync failed")
        except asyncio.CancelledError:
            log.info("sync interrupted; next round")
        await asyncio.sleep(interval)


async def sync_once(api) -> bool:  # expect: cancellation-swallowed
    try:
        await api.sync()
    except BaseException:
        return False
    return True


async def sync_once_errors(api) -> bool:  # expect: clean  # near: cancellation-swallowed
    try:
        await api.sync()
    except Exception:
        return False
    return True


async def upload_with_progress(api, files, on_progress) -> None:  # expect: cancellation-swallowed
    for i, f in enumerate(files):
        try:
            await api.upload(f)
        except asyncio.CancelledError:
            on_progress(i, cancelled=True)
            continue
        on_progress(i)


async def watch_status(api, label) -> None:  # expect: thread-unsafe-capture
    changed = asyncio.Event()
    api.on_status_change(callback=lambda status: changed.set(), run_in_thread=True)
    while True:
        await changed.wait()
        changed.clear()
        label.setText(await api.status())
