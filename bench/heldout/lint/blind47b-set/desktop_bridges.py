"""The desktop client's two front ends: Tk (asyncio on a helper thread) and Qt (qasync, one thread)."""
from __future__ import annotations

import asyncio
import logging
import threading
import tkinter as tk
from tkinter import ttk

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from qasync import asyncSlot

log = logging.getLogger("desktop")


class AsyncThread:  # expect: clean
    """Runs an event loop on a daemon thread for the Tk front end."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="asyncio", daemon=True)
        self.thread.start()


class DownloaderApp:  # expect: thread-unsafe-capture, ?dangling-task
    def __init__(self, root: tk.Tk, client) -> None:
        self.root = root
        self.client = client
        self.bridge = AsyncThread()
        self.loop = self.bridge.loop
        ttk.Button(root, text="Download", command=lambda: self.loop.create_task(self.download())).pack()

    async def download(self) -> None:
        data = await self.client.fetch_all()
        log.info("downloaded %d items", len(data))


class DownloaderAppSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, root: tk.Tk, client) -> None:
        self.root = root
        self.client = client
        self.bridge = AsyncThread()
        self._pending: list = []
        ttk.Button(root, text="Download", command=self.on_download).pack()

    def on_download(self) -> None:
        fut = asyncio.run_coroutine_threadsafe(self.download(), self.bridge.loop)
        self._pending.append(fut)
        self.root.after(100, self._poll)

    def _poll(self) -> None:
        done = [f for f in self._pending if f.done()]
        for fut in done:
            self._pending.remove(fut)
            if fut.exception() is not None:
                log.error("download failed: %s", fut.exception())
        if self._pending:
            self.root.after(100, self._poll)

    async def download(self) -> None:
        data = await self.client.fetch_all()
        log.info("downloaded %d items", len(data))


class SearchEntry:  # expect: thread-unsafe-capture
    def __init__(self, root: tk.Tk, bridge: AsyncThread) -> None:
        self.bridge = bridge
        self.queries: asyncio.Queue[str] = asyncio.Queue(maxsize=1)
        self.entry = ttk.Entry(root)
        self.entry.bind("<Return>", self._submit)
        self.entry.pack()

    def _submit(self, _event) -> None:
        if self.queries.empty():
            self.queries.put_nowait(self.entry.get())


class SearchEntrySafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, root: tk.Tk, bridge: AsyncThread) -> None:
        self.bridge = bridge
        self.queries: asyncio.Queue[str] = asyncio.Queue(maxsize=1)
        self.entry = ttk.Entry(root)
        self.entry.bind("<Return>", self._submit)
        self.entry.pack()

    def _submit(self, _event) -> None:
        self.bridge.loop.call_soon_threadsafe(self._offer, self.entry.get())

    def _offer(self, text: str) -> None:
        if self.queries.empty():
            self.queries.put_nowait(text)


def install_close_handler(root: tk.Tk, bridge: AsyncThread) -> None:  # expect: thread-unsafe-capture
    def on_close() -> None:
        bridge.loop.stop()
        root.destroy()

    root.protocol("WM_DELETE_WINDOW", on_close)


def install_close_handler_safe(root: tk.Tk, bridge: AsyncThread) -> None:  # expect: clean  # near: thread-unsafe-capture
    def on_close() -> None:
        bridge.loop.call_soon_threadsafe(bridge.loop.stop)
        bridge.thread.join(timeout=2)
        root.destroy()

    root.protocol("WM_DELETE_WINDOW", on_close)


class SearchWindow(QWidget):  # expect: dangling-task
    def __init__(self, api) -> None:
        super().__init__()
        self.api = api
        self._pending: asyncio.Task | None = None
        self.edit = QLineEdit(self)
        self.edit.textChanged.connect(self.on_text)

    def on_text(self, text: str) -> None:
        if self._pending is not None:
            self._pending.cancel()
        asyncio.ensure_future(self.search(text))

    async def search(self, text: str) -> None:
        await asyncio.sleep(0.3)
        self.show_results(await self.api.search(text))

    def show_results(self, results) -> None:
        log.debug("%d results", len(results))


class SearchWindowDebounced(QWidget):  # expect: clean  # near: dangling-task
    def __init__(self, api) -> None:
        super().__init__()
        self.api = api
        self._pending: asyncio.Task | None = None
        self.edit = QLineEdit(self)
        self.edit.textChanged.connect(self.on_text)

    def on_text(self, text: str) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = asyncio.ensure_future(self.search(text))

    async def search(self, text: str) -> None:
        await asyncio.sleep(0.3)
        self.show_results(await self.api.search(text))

    def show_results(self, results) -> None:
        log.debug("%d results", len(results))


class SyncPanel(QWidget):  # expect: unawaited-coroutine
    def __init__(self, api) -> None:
        super().__init__()
        self.api = api
        self.button = QPushButton("Sync now", self)
        self.button.clicked.connect(self.sync_now)

    async def sync_now(self) -> None:
        await self.api.sync()


class SyncPanelSlot(QWidget):  # expect: clean  # near: unawaited-coroutine
    def __init__(self, api) -> None:
        super().__init__()
        self.api = api
        self.button = QPushButton("Sync now", self)
        self.button.clicked.connect(self.sync_now)

    @asyncSlot()
    async def sync_now(self) -> None:
        await self.api.sync()


class ExportThread(QThread):  # expect: thread-unsafe-capture
    def __init__(self, rows, path: str, done: asyncio.Event) -> None:
        super().__init__()
        self.rows = rows
        self.path = path
        self.done = done

    def run(self) -> None:
        with open(self.path, "w", encoding="utf-8") as f:
            for row in self.rows:
                f.write(",".join(map(str, row)) + "\n")
        self.done.set()


class ExportThreadSignal(QThread):  # expect: clean  # near: thread-unsafe-capture
    exported = Signal(str)

    def __init__(self, rows, path: str) -> None:
        super().__init__()
        self.rows = rows
        self.path = path

    def run(self) -> None:
        with open(self.path, "w", encoding="utf-8") as f:
            for row in self.rows:
                f.write(",".join(map(str, row)) + "\n")
        self.exported.emit(self.path)


async def refresh_loop(api, view) -> None:  # expect: cancellation-swallowed
    while view.isVisible():
        try:
            view.show_items(await api.fetch_items())
        except asyncio.CancelledError:
            view.set_status("refresh cancelled")
        await asyncio.sleep(30)


async def refresh_loop_errors(api, view) -> None:  # expect: clean  # near: cancellation-swallowed
    while view.isVisible():
        try:
            view.show_items(await api.fetch_items())
        except OSError as exc:
            view.set_status(f"refresh failed: {exc}")
        await asyncio.sleep(30)


class StatusBar(QWidget):  # expect: unbounded-queue
    def __init__(self, bus) -> None:
        super().__init__()
        self.messages: asyncio.Queue[str] = asyncio.Queue()
        bus.subscribe(self.messages.put_nowait)

    async def show_forever(self) -> None:
        while True:
            self.setWindowTitle(await self.messages.get())
            await asyncio.sleep(2)
