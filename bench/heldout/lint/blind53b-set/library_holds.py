"""A public library's holds service: reminders, catalogue refreshes and a background scheduler."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Coroutine, Optional

log = logging.getLogger("library")

_BACKGROUND: set[asyncio.Task[None]] = set()

Job = Coroutine[Any, Any, None]


async def refresh_catalogue(branch: str) -> None:  # expect: clean
    await asyncio.sleep(0)
    log.info("catalogue of %s refreshed", branch)


def spawn_refresh(branch: str) -> asyncio.Task[None]:  # expect: clean
    return asyncio.create_task(refresh_catalogue(branch), name=f"refresh-{branch}")


def spawn_tracked(job: Job) -> None:  # expect: clean
    task = asyncio.create_task(job)
    _BACKGROUND.add(task)
    task.add_done_callback(_BACKGROUND.discard)


async def on_new_title(branch: str) -> None:  # expect: dangling-task
    log.info("new title at %s", branch)
    spawn_refresh(branch)


async def on_new_title_tracked(branch: str) -> None:  # expect: clean  # near: dangling-task
    log.info("new title at %s", branch)
    spawn_tracked(refresh_catalogue(branch))


async def nightly(branches: list[str]) -> None:  # expect: clean, ?unbounded-spawn  # near: dangling-task
    await asyncio.gather(*(spawn_refresh(b) for b in branches))


async def on_branch_open(branch: str) -> None:  # expect: dangling-task
    task: asyncio.Task[None] = spawn_refresh(branch)
    log.info("branch %s open", branch)


async def send_reminder(patron: str) -> None:  # expect: clean
    await asyncio.sleep(0)


async def remind_later(loop: asyncio.AbstractEventLoop, patron: str) -> None:  # expect: dangling-task
    loop.create_task(send_reminder(patron))
    log.info("reminder for %s scheduled", patron)


class Scheduler:  # expect: clean
    """Keeps every job it starts, and cancels them on close."""

    def __init__(self) -> None:
        self._jobs: set[asyncio.Task[None]] = set()

    def create_task(self, job: Job) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._jobs.add(task)
        task.add_done_callback(self._jobs.discard)

    async def close(self) -> None:
        for task in self._jobs:
            task.cancel()
        await asyncio.gather(*self._jobs, return_exceptions=True)


async def remind_with_scheduler(scheduler: Scheduler, patron: str) -> None:  # expect: clean  # near: dangling-task
    scheduler.create_task(send_reminder(patron))
    log.info("reminder for %s scheduled", patron)


@dataclass
class HoldShelf:  # expect: dangling-task
    loop: asyncio.AbstractEventLoop
    holds: dict[str, str] = field(default_factory=dict)

    async def place(self, item: str, patron: str) -> None:
        self.holds[item] = patron
        self.loop.create_task(send_reminder(patron))


@dataclass
class GroupHoldShelf:  # expect: clean  # near: dangling-task
    tg: asyncio.TaskGroup
    holds: dict[str, str] = field(default_factory=dict)

    async def place(self, item: str, patron: str) -> None:
        self.holds[item] = patron
        self.tg.create_task(send_reminder(patron))


class OverdueSweeper:  # expect: dangling-task
    def __init__(self) -> None:
        self._loop: Optional[asyncio.AbstractEventLoop] = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()

    def poke(self, patron: str) -> None:
        assert self._loop is not None
        self._loop.call_soon(self._sweep_soon, patron)

    def _sweep_soon(self, patron: str) -> None:
        assert self._loop is not None
        self._loop.create_task(send_reminder(patron))


class KeptOverdueSweeper:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._pending: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()

    def poke(self, patron: str) -> None:
        assert self._loop is not None
        self._loop.call_soon(self._sweep_soon, patron)

    def _sweep_soon(self, patron: str) -> None:
        assert self._loop is not None
        task = self._loop.create_task(send_reminder(patron))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


class Branch:  # expect: dangling-task
    def __init__(self, name: str, spawn: Callable[[Job], asyncio.Task[None]] = asyncio.create_task) -> None:
        self.name = name
        self.spawn = spawn

    async def reopen(self) -> None:
        self.spawn(refresh_catalogue(self.name))
        log.info("%s reopened", self.name)


class TrackedBranch:  # expect: clean  # near: dangling-task
    def __init__(self, name: str, spawn: Callable[[Job], None] = spawn_tracked) -> None:
        self.name = name
        self.spawn = spawn

    async def reopen(self) -> None:
        self.spawn(refresh_catalogue(self.name))
        log.info("%s reopened", self.name)


class Catalogue:  # expect: dangling-task
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    async def import_records(self, records: list[dict]) -> None:
        for branch in {r["branch"] for r in records}:
            await asyncio.sleep(0)
        self.loop.create_task(refresh_catalogue("central"))


class RefreshHandle:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.task: Optional[asyncio.Task[None]] = None

    async def kick(self, branch: str) -> None:
        if self.task is None or self.task.done():
            self.task = spawn_refresh(branch)
