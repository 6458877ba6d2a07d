"""Log lines for the dashboard's tail view: handlers that the service's loggers call from any thread."""
from __future__ import annotations

import asyncio
import collections
import logging
import logging.handlers
import queue
import threading

from .bridge import LoopBridge, offer


class TailHandler(logging.Handler):  # expect: thread-unsafe-capture
    """Formats each record for the tail view; the web socket coroutine drains `lines`."""

    def __init__(self, lines: asyncio.Queue, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        try:
            offer(self.lines, self.format(record))
        except Exception:
            self.handleError(record)


class TailHandlerSafe(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, lines: asyncio.Queue, bridge: LoopBridge, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.lines = lines
        self.bridge = bridge

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.bridge.call(offer, self.lines, self.format(record))
        except Exception:
            self.handleError(record)


class ErrorBurstHandler(logging.Handler):  # expect: thread-unsafe-capture
    """Counts errors per minute; a burst wakes the incident coroutine."""

    def __init__(self, threshold: int = 20) -> None:
        super().__init__(logging.ERROR)
        self.threshold = threshold
        self.count = 0
        self.burst: asyncio.Event | None = None

    def attach(self, burst: asyncio.Event) -> None:
        self.burst = burst

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.burst is not None and self.count >= self.threshold:
            self.burst.set()


class ErrorBurstHandlerLoopOnly(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    """Only records logged on the service's loop count towards a burst; other threads' are left to the file log."""

    def __init__(self, burst: asyncio.Event, threshold: int = 20) -> None:
        super().__init__(logging.ERROR)
        self.burst = burst
        self.threshold = threshold
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self.count += 1
        if self.count >= self.threshold:
            self.burst.set()


class RecordRelay:  # expect: thread-unsafe-capture
    """The QueueListener's target: records come off the stdlib queue on the listener's thread."""

    def __init__(self, out: asyncio.Queue) -> None:
        self.out = out

    def handle(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.out.put_nowait(record.getMessage())


class LevelCounter:  # expect: clean  # near: thread-unsafe-capture
    """Also a QueueListener target: counts records per level under a thread lock."""

    def __init__(self) -> None:
        self.counts: collections.Counter = collections.Counter()
        self.lock = threading.Lock()

    def handle(self, record: logging.LogRecord) -> None:
        with self.lock:
            self.counts[record.levelname] += 1


def start_listener(out: asyncio.Queue) -> tuple[logging.handlers.QueueListener, LevelCounter]:  # expect: clean
    records: queue.Queue = queue.Queue(-1)
    logging.getLogger().addHandler(logging.handlers.QueueHandler(records))
    counter = LevelCounter()
    listener = logging.handlers.QueueListener(records, RecordRelay(out), counter, respect_handler_level=False)
    listener.start()
    return listener, counter


async def tail_to_socket(ws, lines: asyncio.Queue) -> None:  # expect: clean
    while True:
        line = await lines.get()
        await ws.send_str(line)
