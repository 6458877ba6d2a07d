"""A 3D-printer farm controller: serial readers, timers, process pools and a small HTTP status port beside the loop."""
from __future__ import annotations

import asyncio
import http.server
import logging
import logging.handlers
import multiprocessing
import threading
import weakref

import serial
import serial.threaded

log = logging.getLogger("farm")


class GcodeLineReader(serial.threaded.LineReader):  # expect: thread-unsafe-capture
    """pyserial's ReaderThread calls handle_line on its own thread."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: asyncio.Queue | None = None

    def handle_line(self, line: str) -> None:
        if line.startswith("ok") and self.lines is not None:
            self.lines.put_nowait(line)


class GcodeLineReaderBridged(serial.threaded.LineReader):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        super().__init__()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.lines: asyncio.Queue | None = None

    def handle_line(self, line: str) -> None:
        if self.loop is not None and self.lines is not None:
            self.loop.call_soon_threadsafe(self.lines.put_nowait, line)


class HeaterWatchdog:  # expect: thread-unsafe-capture
    """Cuts the heaters if no temperature report arrives for `timeout` seconds."""

    def __init__(self, tripped: asyncio.Event, timeout: float = 20.0) -> None:
        self.tripped = tripped
        self.timeout = timeout
        self.timer: threading.Timer | None = None

    def kick(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(self.timeout, self._expire)
        self.timer.start()

    def _expire(self) -> None:
        log.error("no temperature report for %.0fs", self.timeout)
        self.tripped.set()


class HeaterWatchdogOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, tripped: asyncio.Event, timeout: float = 20.0) -> None:
        self.tripped = tripped
        self.timeout = timeout
        self.handle: asyncio.TimerHandle | None = None

    def kick(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
        self.handle = asyncio.get_running_loop().call_later(self.timeout, self._expire)

    def _expire(self) -> None:
        log.error("no temperature report for %.0fs", self.timeout)
        self.tripped.set()


def slice_models(pool: multiprocessing.pool.Pool, models: list[str], sliced: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    for model in models:
        pool.apply_async(run_slicer, (model,), callback=sliced.put_nowait)


def slice_models_bridged(pool: multiprocessing.pool.Pool, models: list[str], sliced: asyncio.Queue,  # expect: clean  # near: thread-unsafe-capture
                         loop: asyncio.AbstractEventLoop) -> None:
    for model in models:
        pool.apply_async(run_slicer, (model,), callback=lambda path: loop.call_soon_threadsafe(sliced.put_nowait, path))


def run_slicer(model: str) -> str:  # expect: clean
    return model.replace(".stl", ".gcode")


class StatusHandler(http.server.BaseHTTPRequestHandler):  # expect: thread-unsafe-capture
    farm_state: dict = {}
    refresh: asyncio.Event | None = None

    def do_GET(self) -> None:
        body = repr(self.farm_state).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        if self.refresh is not None:
            self.refresh.set()
        self.send_response(202)
        self.end_headers()


def start_log_listener(lines: asyncio.Queue) -> logging.handlers.QueueListener:  # expect: thread-unsafe-capture
    class ToConsole(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.put_nowait(record.getMessage())

    listener = logging.handlers.QueueListener(multiprocessing.Queue(), ToConsole())
    listener.start()
    return listener


class PrinterSession:  # expect: clean  # near: thread-unsafe-capture
    """Closes the printer's queue when the session object goes away (the loop is long gone by then, or never
    touched: the finalizer only sets a threading flag)."""

    def __init__(self, port: str) -> None:
        self.port = port
        self.closed = threading.Event()
        weakref.finalize(self, self.closed.set)


class JobBoard:  # expect: thread-unsafe-capture
    def __init__(self, done: asyncio.Event) -> None:
        self.done = done
        self._finalizer = weakref.finalize(self, done.set)
