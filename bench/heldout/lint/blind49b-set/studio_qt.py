"""A podcast editor's desktop front end: Qt on the asyncio loop through qasync, exports on QThreads."""
from __future__ import annotations

import asyncio
import logging
import sys
import threading

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QProgressBar, QPushButton
from qasync import QEventLoop, asyncSlot

log = logging.getLogger("studio")


class ExportThread(QThread):  # expect: thread-unsafe-capture
    """Renders the episode with ffmpeg and reports progress to the window's queue."""

    def __init__(self, episode, progress: asyncio.Queue) -> None:
        super().__init__()
        self.episode = episode
        self.progress = progress

    def run(self) -> None:
        for percent in self.episode.render():
            self.progress.put_nowait(percent)


class ExportThreadSignals(QThread):  # expect: clean  # near: thread-unsafe-capture
    progressed = Signal(int)

    def __init__(self, episode) -> None:
        super().__init__()
        self.episode = episode

    def run(self) -> None:
        for percent in self.episode.render():
            self.progressed.emit(percent)


class ExportWindow(QMainWindow):  # expect: clean  # near: thread-unsafe-capture
    """Under qasync the window's slots run on the loop's thread; the thread's signal is queued to them."""

    def __init__(self, episode) -> None:
        super().__init__()
        self.bar = QProgressBar(self)
        self.finished = asyncio.Event()
        self.export = ExportThreadSignals(episode)
        self.export.progressed.connect(self.on_progress)
        self.export.finished.connect(self.on_finished)

    @Slot(int)
    def on_progress(self, percent: int) -> None:
        self.bar.setValue(percent)

    @Slot()
    def on_finished(self) -> None:
        self.finished.set()

    @asyncSlot()
    async def start_export(self) -> None:
        self.finished.clear()
        self.export.start()
        await self.finished.wait()


class PublishWindow(QMainWindow):  # expect: dangling-task
    def __init__(self, publisher) -> None:
        super().__init__()
        self.publisher = publisher
        self.button = QPushButton("Publish", self)
        self.button.clicked.connect(self.on_publish)

    def on_publish(self) -> None:
        self.button.setEnabled(False)
        asyncio.ensure_future(self.publish())

    async def publish(self) -> None:
        try:
            await self.publisher.upload()
        finally:
            self.button.setEnabled(True)


class PublishWindowKept(QMainWindow):  # expect: clean  # near: dangling-task
    def __init__(self, publisher) -> None:
        super().__init__()
        self.publisher = publisher
        self.tasks: set[asyncio.Task] = set()
        self.button = QPushButton("Publish", self)
        self.button.clicked.connect(self.on_publish)

    def on_publish(self) -> None:
        self.button.setEnabled(False)
        task = asyncio.ensure_future(self.publish())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def publish(self) -> None:
        try:
            await self.publisher.upload()
        finally:
            self.button.setEnabled(True)


class MeterPanel(QLabel):  # expect: clean  # near: thread-unsafe-capture
    """A QTimer on the GUI thread, which qasync makes the loop's: its slot may touch loop objects."""

    def __init__(self, levels: asyncio.Queue) -> None:
        super().__init__("--")
        self.levels = levels
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sample)
        self.timer.start(100)

    def sample(self) -> None:
        if not self.levels.empty():
            self.setText(f"{self.levels.get_nowait():.1f} dB")


class WaveformJob(QRunnable):  # expect: thread-unsafe-capture
    def __init__(self, clip, ready: asyncio.Event) -> None:
        super().__init__()
        self.clip = clip
        self.ready = ready

    def run(self) -> None:
        self.clip.waveform = self.clip.compute_waveform()
        self.ready.set()


class WaveformJobBridged(QRunnable):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, clip, ready: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.clip = clip
        self.ready = ready
        self.loop = loop

    def run(self) -> None:
        self.clip.waveform = self.clip.compute_waveform()
        self.loop.call_soon_threadsafe(self.ready.set)


async def load_waveforms(clips) -> None:  # expect: clean
    loop = asyncio.get_running_loop()
    pool = QThreadPool.globalInstance()
    events = []
    for clip in clips:
        ready = asyncio.Event()
        pool.start(WaveformJobBridged(clip, ready, loop))
        events.append(ready)
    await asyncio.gather(*(e.wait() for e in events))


class ConsolePaneHandler(logging.Handler):  # expect: thread-unsafe-capture
    """Shows log lines in the console pane; the export threads log too."""

    def __init__(self, lines: asyncio.Queue) -> None:
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        if self.lines.full():
            self.lines.get_nowait()
        self.lines.put_nowait(self.format(record))


class _LogRelay(QObject):  # expect: clean
    line = Signal(str)


class StatusBarHandler(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    """Qt signals are safe to emit from any thread: the status bar's slot gets the line on the GUI thread."""

    def __init__(self, status_label: QLabel) -> None:
        super().__init__()
        self.relay = _LogRelay()
        self.relay.line.connect(status_label.setText)

    def emit(self, record: logging.LogRecord) -> None:
        self.relay.line.emit(self.format(record))


class LoopAwareHandler(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, lines: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.lines = lines
        self.loop = loop
        self.loop_thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        if threading.get_ident() == self.loop_thread:
            self._offer(line)
        else:
            self.loop.call_soon_threadsafe(self._offer, line)

    def _offer(self, line: str) -> None:
        if not self.lines.full():
            self.lines.put_nowait(line)


class AutosaveTimer(QObject):  # expect: unawaited-coroutine
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.project.save)
        self.timer.start(60_000)


class Project:  # expect: clean
    def __init__(self, path: str) -> None:
        self.path = path
        self.dirty = False

    async def save(self) -> None:
        if self.dirty:
            await asyncio.to_thread(self._write)
            self.dirty = False

    def _write(self) -> None:
        with open(self.path, "w", encoding="utf-8") as fh:
            fh.write("{}")


class AutosaveTimerSlot(QObject):  # expect: clean  # near: unawaited-coroutine
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave)
        self.timer.start(60_000)

    @asyncSlot()
    async def autosave(self) -> None:
        await self.project.save()


def main() -> None:  # expect: clean
    app = QApplication(sys.argv)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = PublishWindowKept(publisher=None)
    window.show()
    with loop:
        loop.run_forever()
