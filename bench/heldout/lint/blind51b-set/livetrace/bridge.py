"""Small helpers every producer of the dashboard uses to get things onto the service's event loop."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

log = logging.getLogger("livetrace.bridge")


def hand_to_loop(loop: asyncio.AbstractEventLoop, fn: Callable[..., Any], *args: Any) -> None:  # expect: clean
    """Run fn(*args) on the loop's own thread, whichever thread we are called from."""
    if loop.is_closed():
        return
    loop.call_soon_threadsafe(fn, *args)


def offer(queue: asyncio.Queue, item: Any) -> bool:  # expect: clean
    """Put without waiting; a full feed drops the item, the dashboard is best-effort."""
    try:
        queue.put_nowait(item)
    except asyncio.QueueFull:
        log.debug("dashboard feed full, dropped %r", item)
        return False
    return True


class LoopBridge:  # expect: clean
    """What the service's threads hold to reach the loop: made on the loop, handed to whoever needs it."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    @classmethod
    async def current(cls) -> "LoopBridge":
        return cls(asyncio.get_running_loop())

    def call(self, fn: Callable[..., Any], *args: Any) -> None:
        hand_to_loop(self.loop, fn, *args)

    def run(self, coro, timeout: float | None = None) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)


def feed(maxsize: int = 2048) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(maxsize=maxsize)
