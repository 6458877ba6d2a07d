"""Shared state of the brewhouse controller: what the asyncio side waits on, and what the device threads report into."""
from __future__ import annotations

import asyncio
import logging
import queue
import time
from dataclasses import dataclass, field

log = logging.getLogger("brewhouse.state")


@dataclass
class Reading:  # expect: clean
    vessel: str
    celsius: float
    at: float = field(default_factory=time.monotonic)


class TempBoard:  # expect: clean
    """Latest temperature per vessel; the control loop waits for a change."""

    def __init__(self) -> None:
        self.latest: dict[str, Reading] = {}
        self.changed = asyncio.Event()

    def record(self, reading: Reading) -> None:
        self.latest[reading.vessel] = reading
        self.changed.set()

    async def wait_change(self) -> None:
        await self.changed.wait()
        self.changed.clear()


class AlarmBus:  # expect: clean
    """Alarms for the operator; the notifier task drains it."""

    def __init__(self) -> None:
        self._alarms: asyncio.Queue[str] = asyncio.Queue(maxsize=100)

    def raise_alarm(self, text: str) -> None:
        try:
            self._alarms.put_nowait(text)
        except asyncio.QueueFull:
            log.error("alarm dropped, the operator is not keeping up: %s", text)

    async def next(self) -> str:
        return await self._alarms.get()


class ThreadSafeAlarmBus(AlarmBus):  # expect: clean
    """The same bus for callers on device threads: the put is handed to the loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._loop = loop

    def raise_alarm(self, text: str) -> None:
        self._loop.call_soon_threadsafe(super().raise_alarm, text)


class PumpCommands:  # expect: clean
    """Commands for the pump controller's thread: a plain queue.Queue, which threads may share."""

    def __init__(self) -> None:
        self.pending: queue.Queue[tuple[str, bool]] = queue.Queue()

    def switch(self, pump: str, on: bool) -> None:
        self.pending.put((pump, on))

    async def switch_async(self, pump: str, on: bool) -> None:
        await asyncio.to_thread(self.pending.put, (pump, on))


class MashTimer:  # expect: clean
    """A rest step's timer: `done` is set by the loop's own call_later."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.done = asyncio.Event()
        self._handle: asyncio.TimerHandle | None = None

    def start(self, minutes: float) -> None:
        self.done.clear()
        self._handle = self._loop.call_later(minutes * 60, self.done.set)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
