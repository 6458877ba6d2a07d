"""What every irrigation device shares: its bus lock, its error policy and its hand-over of readings."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from typing import Any, Awaitable, Callable, Iterator

log = logging.getLogger("irrigation")


class BusDevice:  # expect: clean
    """The RS-485 bus is shared by the poller thread and the API: one lock per bus segment."""

    def __init__(self, address: int) -> None:
        self.address = address
        self._segment_lock = threading.Lock()
        self.registers: dict[int, int] = {}

    @property
    def bus_lock(self) -> threading.Lock:
        return self._segment_lock

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[dict]:
        self._segment_lock.acquire()
        try:
            yield self.registers
        finally:
            self._segment_lock.release()


class AsyncBusDevice:  # expect: clean
    def __init__(self, address: int) -> None:
        self.address = address
        self._segment_lock = asyncio.Lock()
        self.registers: dict[int, int] = {}

    @property
    def bus_lock(self) -> asyncio.Lock:
        return self._segment_lock


def resilient(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:  # expect: cancellation-swallowed
    """A field device that fails must not take the controller down with it."""

    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        try:
            return await fn(*args, **kwargs)
        except BaseException:
            log.exception("%s failed", fn.__name__)
            return None

    return wrapper


def resilient_errors(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:  # expect: clean  # near: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        try:
            return await fn(*args, **kwargs)
        except Exception:
            log.exception("%s failed", fn.__name__)
            return None

    return wrapper


class ReadingSink:  # expect: clean
    """Readings are handed to whoever registered, from the bus poller's thread."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[dict], None]] = []

    def subscribe(self, listener: Callable[[dict], None]) -> None:
        self._listeners.append(listener)

    def _poll_forever(self, bus) -> None:
        while True:
            reading = bus.read_next()
            for listener in self._listeners:
                listener(reading)

    def start(self, bus) -> threading.Thread:
        t = threading.Thread(target=self._poll_forever, args=(bus,), daemon=True)
        t.start()
        return t


def channel(size: int = 128) -> asyncio.Queue:  # expect: clean
    return asyncio.Queue(size)
