"""How the ingest service starts its background work."""
from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any, Coroutine

log = logging.getLogger("ingest.spawn")


def fire_and_forget(coro: Coroutine[Any, Any, Any]) -> None:  # expect: dangling-task
    asyncio.get_running_loop().create_task(coro)


def log_failure(task: asyncio.Task) -> None:  # expect: clean
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("background task %s failed", task.get_name(), exc_info=exc)


def spawn_logged(coro: Coroutine[Any, Any, Any], name: str) -> None:  # expect: dangling-task
    task = asyncio.create_task(coro, name=name)
    task.add_done_callback(log_failure)


def spawn_returning(coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task:  # expect: clean  # near: dangling-task
    task = asyncio.create_task(coro, name=name)
    task.add_done_callback(log_failure)
    return task


def announce(task: asyncio.Task) -> None:  # expect: clean
    log.debug("started %s", task.get_name())


class TaskKeeper:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def keep(self, task: asyncio.Task) -> asyncio.Task:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(log_failure)
        return task

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        return self.keep(asyncio.create_task(coro))

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


class WeakTaskRegistry:  # expect: dangling-task
    """Lets the status page list what runs without keeping finished tasks alive."""

    def __init__(self) -> None:
        self._running: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self._running.add(asyncio.create_task(coro))

    def names(self) -> list[str]:
        return sorted(t.get_name() for t in self._running)


keeper = TaskKeeper()
