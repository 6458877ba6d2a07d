"""The maintenance planner: jobs per vehicle, notifications, the nightly plan."""
from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass
from typing import Awaitable, Callable, Protocol

from .plumbing import Bus

log = logging.getLogger(__name__)
bus = Bus()


class Notifier(Protocol):
    async def notify(self, team: str, text: str) -> None: ...


@dataclass
class Job:
    vehicle: str
    kind: str


@bus.on("alarm")
async def on_alarm(event: dict) -> None:  # expect: clean
    log.warning("alarm from %s", event["vehicle"])


class Planner:  # expect: unawaited-coroutine
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier
        self.jobs: list[Job] = []

    async def schedule(self, job: Job) -> None:
        self.jobs.append(job)
        remind = functools.partial(self.notifier.notify, "workshop")
        remind(f"{job.kind} for {job.vehicle}")


class PlannerAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier
        self.jobs: list[Job] = []

    async def schedule(self, job: Job) -> None:
        self.jobs.append(job)
        remind = functools.partial(self.notifier.notify, "workshop")
        await remind(f"{job.kind} for {job.vehicle}")


def every(seconds: float) -> Callable[[Callable[[], Awaitable[None]]], Callable[[], Awaitable[None]]]:
    def wrap(fn: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        async def loop() -> None:
            while True:
                await fn()
                await asyncio.sleep(seconds)
        return loop
    return wrap


@every(3600)
async def nightly_plan() -> None:  # expect: clean
    log.info("planning")


async def main() -> None:  # expect: unawaited-coroutine
    nightly_plan()
    await asyncio.Event().wait()


async def main_kept() -> None:  # expect: clean  # near: unawaited-coroutine
    runner = asyncio.create_task(nightly_plan())
    try:
        await asyncio.Event().wait()
    finally:
        runner.cancel()


class JobBoard:  # expect: dangling-task
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    def post(self, job: Job) -> None:
        loop = asyncio.get_running_loop()
        loop.call_soon(loop.create_task, self.notifier.notify("workshop", f"new job {job.kind}"))
