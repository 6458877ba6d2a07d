"""What every device driver of the agent shares: its guard, its error policy, its hand-over to the loop."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import Iterator

log = logging.getLogger("fleet")


class GuardedDevice:  # expect: clean
    """Drivers are called from the poller threads and from the API's coroutines: one guard per device."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._guard = threading.RLock()
        self.state: dict = {}

    @contextlib.contextmanager
    def guarded(self) -> Iterator[dict]:
        with self._guard:
            yield self.state

    def update(self, **fields) -> None:
        with self._guard:
            self.state.update(fields)


def log_and_continue(exc: BaseException, what: str) -> None:  # expect: clean
    log.warning("%s failed: %r", what, exc)


def fail_fast(exc: BaseException, what: str) -> None:  # expect: clean
    if not isinstance(exc, Exception):
        raise exc
    log.warning("%s failed: %r", what, exc)


def deliver(events: asyncio.Queue, event: dict) -> None:  # expect: clean
    events.put_nowait(event)


def deliver_threadsafe(loop: asyncio.AbstractEventLoop, events: asyncio.Queue, event: dict) -> None:  # expect: clean
    loop.call_soon_threadsafe(events.put_nowait, event)


def make_events(size: int = 0) -> asyncio.Queue:  # expect: clean, ?unbounded-queue
    return asyncio.Queue(size)
