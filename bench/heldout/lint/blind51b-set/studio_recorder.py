"""A podcast studio recorder: audio capture, level meters, hotkeys and a Qt window around one asyncio loop.

The Qt front end runs the loop through qasync, so Qt slots run on the loop's thread; the headless recorder runs its
loop on a helper thread and the main thread waits for Ctrl-C.
"""
from __future__ import annotations

import asyncio
import atexit
import logging
import signal
import sys
import threading
from pathlib import Path

import janus
import keyboard
import numpy as np
import pyaudio
import qasync
import sounddevice as sd
from pynput import keyboard as pkb
from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton

log = logging.getLogger("studio")

RATE = 48_000
BLOCK = 1024


def rms_db(block: np.ndarray) -> float:  # expect: clean
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    return 20 * np.log10(max(rms, 1e-9))


class LevelMeter:  # expect: thread-unsafe-capture
    """Feeds the on-screen meter: PortAudio calls `_on_block` on its audio thread for every block."""

    def __init__(self, device: int | None = None) -> None:
        self.device = device
        self.levels: asyncio.Queue[float] = asyncio.Queue(maxsize=64)
        self.stream: sd.InputStream | None = None

    def start(self) -> None:
        self.stream = sd.InputStream(
            device=self.device, channels=1, samplerate=RATE, blocksize=BLOCK, callback=self._on_block
        )
        self.stream.start()

    def _on_block(self, indata, frames, time_info, status) -> None:
        if status:
            log.debug("input status %s", status)
        if not self.levels.full():
            self.levels.put_nowait(rms_db(indata[:, 0]))

    async def levels_forever(self):
        while True:
            yield await self.levels.get()


class LevelMeterSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, device: int | None = None) -> None:
        self.loop = loop
        self.device = device
        self.latest = asyncio.Queue(maxsize=1)
        self.stream: sd.InputStream | None = None

    def start(self) -> None:
        self.stream = sd.InputStream(
            device=self.device, channels=1, samplerate=RATE, blocksize=BLOCK, callback=self._on_block
        )
        self.stream.start()

    def _publish(self, level: float) -> None:
        if self.latest.full():
            self.latest.get_nowait()
        self.latest.put_nowait(level)

    def _on_block(self, indata, frames, time_info, status) -> None:
        self.loop.call_soon_threadsafe(self._publish, rms_db(indata[:, 0]))


class TakeWriter:  # expect: clean  # near: thread-unsafe-capture
    """PyAudio's callback puts raw chunks on the sync side of a janus queue; the loop writes them out."""

    def __init__(self, path: Path, backlog: int = 256) -> None:
        self.path = path
        self.chunks: janus.Queue[bytes] = janus.Queue(maxsize=backlog)
        self.pa = pyaudio.PyAudio()
        self.stream = None

    def _chunk(self, in_data, frame_count, time_info, status):
        try:
            self.chunks.sync_q.put_nowait(in_data)
        except janus.SyncQueueFull:
            log.warning("writer fell behind, dropped %d frames", frame_count)
        return (None, pyaudio.paContinue)

    def open(self) -> None:
        self.stream = self.pa.open(
            format=pyaudio.paInt16, channels=2, rate=RATE, input=True,
            frames_per_buffer=BLOCK, stream_callback=self._chunk,
        )

    async def drain(self, sink) -> None:
        while True:
            data = await self.chunks.async_q.get()
            await sink.write(data)


class TakeWriterAsyncSide:  # expect: thread-unsafe-capture
    def __init__(self, path: Path, backlog: int = 256) -> None:
        self.path = path
        self.chunks: janus.Queue[bytes] = janus.Queue(maxsize=backlog)
        self.pa = pyaudio.PyAudio()
        self.stream = None

    def _chunk(self, in_data, frame_count, time_info, status):
        if not self.chunks.async_q.full():
            self.chunks.async_q.put_nowait(in_data)
        return (None, pyaudio.paContinue)

    def open(self) -> None:
        self.stream = self.pa.open(
            format=pyaudio.paInt16, channels=2, rate=RATE, input=True,
            frames_per_buffer=BLOCK, stream_callback=self._chunk,
        )

    async def drain(self, sink) -> None:
        while True:
            await sink.write(await self.chunks.async_q.get())


class MarkerHotkeys:  # expect: thread-unsafe-capture
    """Ctrl+M drops a chapter marker into the take; the keyboard package calls back on its listener thread."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.markers: list[float] = []
        self.marked = asyncio.Event()
        keyboard.add_hotkey("ctrl+m", self._mark)

    def _mark(self) -> None:
        self.markers.append(self.clock.position())
        self.marked.set()

    async def announce(self, notify) -> None:
        while True:
            await self.marked.wait()
            self.marked.clear()
            await notify(f"marker at {self.markers[-1]:.1f}s")


class PushToTalk:  # expect: thread-unsafe-capture
    """Hold F9 to open the talkback mic."""

    def __init__(self, mixer) -> None:
        self.mixer = mixer
        self.loop: asyncio.AbstractEventLoop | None = None
        self.listener = pkb.Listener(on_press=self._press, on_release=self._release)

    async def run(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.listener.start()
        await asyncio.Event().wait()

    def _press(self, key) -> None:
        if key == pkb.Key.f9 and self.loop is not None:
            self.loop.call_soon(self.mixer.open_talkback)

    def _release(self, key) -> None:
        if key == pkb.Key.f9 and self.loop is not None:
            self.loop.call_soon(self.mixer.close_talkback)


class PushToTalkSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, mixer) -> None:
        self.mixer = mixer
        self.loop: asyncio.AbstractEventLoop | None = None
        self.listener = pkb.Listener(on_press=self._press, on_release=self._release)

    async def run(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.listener.start()
        await asyncio.Event().wait()

    def _press(self, key) -> None:
        if key == pkb.Key.f9 and self.loop is not None:
            self.loop.call_soon_threadsafe(self.mixer.open_talkback)

    def _release(self, key) -> None:
        if key == pkb.Key.f9 and self.loop is not None:
            self.loop.call_soon_threadsafe(self.mixer.close_talkback)


class EncodeThread(QThread):  # expect: clean  # near: thread-unsafe-capture
    """Encodes a finished take to FLAC off the GUI thread and says so through a queued signal."""

    encoded = Signal(str)

    def __init__(self, wav: Path) -> None:
        super().__init__()
        self.wav = wav

    def run(self) -> None:
        flac = self.wav.with_suffix(".flac")
        encode_flac(self.wav, flac)
        self.encoded.emit(str(flac))


class EncodeThreadDirect(QThread):  # expect: thread-unsafe-capture
    """Same, but hands the file straight to the window's upload queue from the encoder thread."""

    def __init__(self, wav: Path, uploads: asyncio.Queue) -> None:
        super().__init__()
        self.wav = wav
        self.uploads = uploads

    def run(self) -> None:
        flac = self.wav.with_suffix(".flac")
        encode_flac(self.wav, flac)
        self.uploads.put_nowait(flac)


def encode_flac(src: Path, dst: Path) -> None:  # expect: clean
    import soundfile

    data, rate = soundfile.read(src)
    soundfile.write(dst, data, rate, format="FLAC")


class StudioWindow(QMainWindow):  # expect: clean  # near: thread-unsafe-capture
    """qasync makes the Qt main thread the loop's: the encoder's queued signal lands here on the loop."""

    def __init__(self, uploader) -> None:
        super().__init__()
        self.uploader = uploader
        self.uploads: asyncio.Queue[Path] = asyncio.Queue(maxsize=8)
        self.button = QPushButton("Encode last take", self)
        self.button.clicked.connect(self._encode_last)
        self.encoders: list[EncodeThread] = []

    def _encode_last(self) -> None:
        thread = EncodeThread(Path("takes/last.wav"))
        thread.encoded.connect(self._on_encoded)
        self.encoders.append(thread)
        thread.start()

    def _on_encoded(self, path: str) -> None:
        self.uploads.put_nowait(Path(path))

    async def upload_forever(self) -> None:
        while True:
            path = await self.uploads.get()
            await self.uploader.put(path)


def run_gui(uploader) -> None:  # expect: clean
    app = QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = StudioWindow(uploader)
    window.show()
    with loop:
        loop.run_until_complete(window.upload_forever())


class HeadlessRecorder:  # expect: thread-unsafe-capture
    """No GUI: the loop runs on a helper thread; SIGTERM and interpreter exit stop the take."""

    def __init__(self, session_factory) -> None:
        self.session_factory = session_factory
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="studio-loop", daemon=True)
        self.stop_requested = asyncio.Event()
        self.main_task: asyncio.Task | None = None

    def start(self) -> None:
        self.thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._record(), self.loop)
        fut.add_done_callback(lambda f: log.info("take finished: %s", f.exception() or "ok"))
        atexit.register(self._at_exit)

    async def _record(self) -> None:
        session = self.session_factory()
        self.main_task = asyncio.current_task()
        await session.record_until(self.stop_requested)

    def _at_exit(self) -> None:
        self.stop_requested.set()
        self.thread.join(timeout=5)


class HeadlessRecorderSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, session_factory) -> None:
        self.session_factory = session_factory
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="studio-loop", daemon=True)
        self.stop_requested = asyncio.Event()

    def start(self) -> None:
        self.thread.start()
        self.take = asyncio.run_coroutine_threadsafe(self._record(), self.loop)
        atexit.register(self._at_exit)

    async def _record(self) -> None:
        await self.session_factory().record_until(self.stop_requested)

    def _at_exit(self) -> None:
        self.loop.call_soon_threadsafe(self.stop_requested.set)
        self.thread.join(timeout=5)


class SignalStop:  # expect: thread-unsafe-capture
    """SIGTERM from systemd cancels the running takes."""

    def __init__(self) -> None:
        self.takes: set[asyncio.Task] = set()
        signal.signal(signal.SIGTERM, self._on_term)

    def track(self, task: asyncio.Task) -> None:
        self.takes.add(task)
        task.add_done_callback(self.takes.discard)

    def _on_term(self, signum, frame) -> None:
        log.info("SIGTERM: stopping %d takes", len(self.takes))
        for task in list(self.takes):
            task.cancel()


class SignalStopOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.takes: set[asyncio.Task] = set()

    async def install(self) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._on_term)

    def track(self, task: asyncio.Task) -> None:
        self.takes.add(task)
        task.add_done_callback(self.takes.discard)

    def _on_term(self) -> None:
        for task in list(self.takes):
            task.cancel()
