"""The runner's API handlers."""
from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from . import checkout, run_step, wait_quietly
from .shell import render_cmd
from .store import ResultStore

log = logging.getLogger(__name__)
STORE = ResultStore(Path("/var/lib/runner/results.db"))


async def start_build(repo: str, ref: str) -> Path:  # expect: blocking-call
    workdir = Path(tempfile.mkdtemp(prefix="build-"))
    return checkout(repo, ref, workdir)


async def start_build_offloaded(repo: str, ref: str) -> Path:  # expect: clean  # near: blocking-call
    workdir = await asyncio.to_thread(tempfile.mkdtemp, prefix="build-")
    return await asyncio.to_thread(checkout, repo, ref, Path(workdir))


async def run_steps(steps: list[str], cwd: Path) -> list[int]:  # expect: blocking-call
    codes = []
    for step in steps:
        codes.append(run_step(step, cwd))
    return codes


async def run_steps_subprocess(steps: list[str], cwd: Path) -> list[int]:  # expect: clean  # near: blocking-call
    codes = []
    for step in steps:
        proc = await asyncio.create_subprocess_shell(step, cwd=cwd)
        codes.append(await proc.wait())
    return codes


async def backoff(attempt: int) -> None:  # expect: blocking-call
    wait_quietly(min(2**attempt, 30))


async def describe(parts: list[str]) -> str:  # expect: clean  # near: blocking-call
    return render_cmd(parts)


async def record(job: str, status: int) -> None:  # expect: blocking-call
    STORE.save(job, status)


async def record_offloaded(job: str, status: int) -> None:  # expect: clean  # near: blocking-call
    await STORE.save_async(job, status)


async def status_of(job: str) -> int | None:  # expect: blocking-call
    return STORE.load(job)


def spawn_notifier(job: str, notify) -> asyncio.Task:  # expect: clean
    return asyncio.get_running_loop().create_task(notify(job))


async def finish(job: str, status: int, notify) -> None:  # expect: dangling-task
    await STORE.save_async(job, status)
    spawn_notifier(job, notify)


async def finish_kept(job: str, status: int, notify, running: set) -> None:  # expect: clean  # near: dangling-task
    await STORE.save_async(job, status)
    task = spawn_notifier(job, notify)
    running.add(task)
    task.add_done_callback(running.discard)


async def cancel_all(jobs: dict[str, asyncio.Task]) -> None:  # expect: unawaited-coroutine
    for name, task in jobs.items():
        task.cancel()
    asyncio.wait(list(jobs.values()))


async def cancel_all_waited(jobs: dict[str, asyncio.Task]) -> None:  # expect: clean  # near: unawaited-coroutine
    for task in jobs.values():
        task.cancel()
    await asyncio.wait(list(jobs.values()))
