"""Build workers: threads that run jobs and tell the API side how they went."""
from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Callable

from .shell import run_step


class Worker:  # expect: unawaited-coroutine
    def __init__(self, on_done: Callable[[str, int], object]) -> None:
        self.on_done = on_done

    async def report(self, job: str, code: int) -> None:
        await asyncio.sleep(0)

    def run(self, job: str, cmd: str, cwd: Path) -> None:
        code = run_step(cmd, cwd)
        self.report(job, code)


class ThreadWorker:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop, sink) -> None:
        self.loop = loop
        self.sink = sink

    async def report(self, job: str, code: int) -> None:
        await self.sink(job, code)

    def run(self, job: str, cmd: str, cwd: Path) -> None:
        code = run_step(cmd, cwd)
        asyncio.run_coroutine_threadsafe(self.report(job, code), self.loop).result()


class Pool:  # expect: unawaited-coroutine
    def __init__(self, size: int) -> None:
        self.size = size

    async def execute(self, job: str) -> int:
        await asyncio.sleep(0)
        return 0

    def start(self, jobs: list[str]) -> None:
        for job in jobs:
            threading.Thread(target=self.execute, args=(job,), daemon=True).start()


async def collect(jobs: list[str], execute) -> list[int]:  # expect: dangling-task
    tasks = [asyncio.create_task(execute(j)) for j in jobs]
    await asyncio.sleep(0)
    return [0 for _ in jobs]


async def collect_all(jobs: list[str], execute) -> list[int]:  # expect: clean  # near: dangling-task
    tasks = [asyncio.create_task(execute(j)) for j in jobs]
    return list(await asyncio.gather(*tasks))


class Scheduler:  # expect: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    async def tick(self) -> None:
        await asyncio.sleep(0)

    def schedule(self, every: float) -> None:
        self.loop.call_later(every, self.tick)
