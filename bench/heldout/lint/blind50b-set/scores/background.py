"""How the score-push service starts its background work."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Coroutine

log = logging.getLogger("scores.background")


def spawn(coro: Coroutine[Any, Any, Any], *, name: str | None = None) -> asyncio.Task:  # expect: clean
    """Starts `coro`; the caller keeps the task."""
    return asyncio.create_task(coro, name=name)


def report_failure(task: asyncio.Task) -> None:  # expect: clean
    if not task.cancelled() and task.exception() is not None:
        log.error("background %s failed", task.get_name(), exc_info=task.exception())


def spawn_reported(coro: Coroutine[Any, Any, Any], *, name: str | None = None) -> None:  # expect: dangling-task
    asyncio.create_task(coro, name=name).add_done_callback(report_failure)


class Background:  # expect: clean
    """Keeps every task until it finishes; `close()` cancels what is left."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def start(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        report_failure(task)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


class TaskCounter:  # expect: clean
    """Counts what runs for the metrics page; it hands the task back and keeps none."""

    def __init__(self) -> None:
        self.running = 0

    def start(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        self.running += 1
        task = asyncio.create_task(coro)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self.running -= 1


class LatestOnly:  # expect: clean  # near: dangling-task
    """Keeps the newest task per key and cancels the one it replaces."""

    def __init__(self) -> None:
        self._by_key: dict[str, asyncio.Task] = {}

    def start(self, key: str, coro: Coroutine[Any, Any, Any]) -> None:
        old = self._by_key.get(key)
        if old is not None and not old.done():
            old.cancel()
        self._by_key[key] = asyncio.create_task(coro, name=key)


def later(delay: float, coro_fn: Callable[[], Coroutine[Any, Any, Any]]) -> asyncio.TimerHandle:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    return loop.call_later(delay, lambda: loop.create_task(coro_fn()))


def later_kept(delay: float, coro_fn: Callable[[], Coroutine[Any, Any, Any]],  # expect: clean  # near: dangling-task
               keeper: Background) -> asyncio.TimerHandle:
    return asyncio.get_running_loop().call_later(delay, lambda: keeper.start(coro_fn()))


background = Background()
counter = TaskCounter()
