"""A CI bot: receives push webhooks, checks out the repo, runs the test command, posts a status back."""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import shlex
import subprocess
import tarfile
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Optional

import httpx

log = logging.getLogger("cibot")

SECRET = os.environ.get("WEBHOOK_SECRET", "").encode()


def verify(body: bytes, signature: str) -> bool:  # expect: clean
    digest = hmac.new(SECRET, body, "sha256").hexdigest()
    return hmac.compare_digest(f"sha256={digest}", signature)


async def checkout(repo: str, sha: str, into: Path) -> None:  # expect: blocking-call
    subprocess.run(["git", "clone", "--quiet", repo, str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "--quiet", sha], check=True)


async def checkout_async(repo: str, sha: str, into: Path) -> None:  # expect: clean  # near: blocking-call
    for args in (["clone", "--quiet", repo, str(into)], ["-C", str(into), "checkout", "--quiet", sha]):
        proc = await asyncio.create_subprocess_exec("git", *args)
        if await proc.wait():
            raise RuntimeError(f"git {args[0]} failed")


class Runner:  # expect: blocking-call
    def __init__(self, command: str, timeout: float = 600) -> None:
        self.command = shlex.split(command)
        self.timeout = timeout

    async def run(self, workdir: Path) -> tuple[int, str]:
        proc = subprocess.Popen(self.command, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out, _ = proc.communicate(timeout=self.timeout)
        return proc.returncode, out.decode(errors="replace")


class AsyncRunner:  # expect: clean  # near: blocking-call
    def __init__(self, command: str, timeout: float = 600) -> None:
        self.command = shlex.split(command)
        self.timeout = timeout

    async def run(self, workdir: Path) -> tuple[int, str]:
        proc = await asyncio.create_subprocess_exec(*self.command, cwd=workdir, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.STDOUT)
        out, _ = await asyncio.wait_for(proc.communicate(), self.timeout)
        return proc.returncode or 0, out.decode(errors="replace")


async def archive_logs(workdir: Path, dest: Path) -> Path:  # expect: blocking-call
    target = dest / f"{workdir.name}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(workdir / "logs", arcname="logs")
    return target


def _archive(workdir: Path, dest: Path) -> Path:  # expect: clean
    target = dest / f"{workdir.name}.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for path in (workdir / "logs").rglob("*"):
            zf.write(path, path.relative_to(workdir))
    return target


async def archive_logs_offloaded(workdir: Path, dest: Path) -> Path:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_archive, workdir, dest)


class StatusPoster:  # expect: clean
    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"token {token}"}

    async def post(self, repo: str, sha: str, state: str) -> None:
        await self.client.post(f"/repos/{repo}/statuses/{sha}", json={"state": state}, headers=self.headers)


async def handle_push(event: dict, runner: AsyncRunner, poster: StatusPoster) -> None:  # expect: unawaited-coroutine, blocking-call
    repo, sha = event["repository"]["full_name"], event["after"]
    poster.post(repo, sha, "pending")
    with tempfile.TemporaryDirectory() as tmp:
        await checkout_async(event["repository"]["clone_url"], sha, Path(tmp))
        code, _ = await runner.run(Path(tmp))
    await poster.post(repo, sha, "success" if code == 0 else "failure")


async def handle_push_properly(event: dict, runner: AsyncRunner, poster: StatusPoster) -> None:  # expect: blocking-call  # near: unawaited-coroutine
    repo, sha = event["repository"]["full_name"], event["after"]
    await poster.post(repo, sha, "pending")
    with tempfile.TemporaryDirectory() as tmp:
        await checkout_async(event["repository"]["clone_url"], sha, Path(tmp))
        code, _ = await runner.run(Path(tmp))
    await poster.post(repo, sha, "success" if code == 0 else "failure")


class BuildQueue:  # expect: unbounded-queue, dangling-task, ?unbounded-spawn
    def __init__(self, runner: AsyncRunner, poster: StatusPoster) -> None:
        self.events: asyncio.Queue[dict] = asyncio.Queue(maxsize=0)
        self.runner = runner
        self.poster = poster

    async def enqueue(self, event: dict) -> None:
        await self.events.put(event)

    async def serve(self) -> None:
        while True:
            event = await self.events.get()
            asyncio.create_task(handle_push_properly(event, self.runner, self.poster))


class BoundedBuildQueue:  # expect: clean  # near: unbounded-queue
    def __init__(self, runner: AsyncRunner, poster: StatusPoster, depth: int = 20) -> None:
        self.events: asyncio.Queue[dict] = asyncio.Queue(maxsize=depth)
        self.runner = runner
        self.poster = poster

    async def serve(self) -> None:
        while True:
            event = await self.events.get()
            try:
                await handle_push_properly(event, self.runner, self.poster)
            finally:
                self.events.task_done()


class BuildLog:  # expect: lock-across-await
    def __init__(self, path: Path, client: httpx.AsyncClient) -> None:
        self.path = path
        self.client = client
        self._mutex = threading.RLock()

    async def ship(self) -> None:
        self._mutex.acquire()
        try:
            text = await asyncio.to_thread(self.path.read_text)
            await self.client.post("/logs", content=text)
        finally:
            self._mutex.release()


def collect_results(paths: list[Path]) -> dict[str, dict]:  # expect: clean
    with ThreadPoolExecutor(4) as pool:
        futures = {pool.submit(lambda p: json.loads(p.read_text()), p): p for p in paths}
        return {futures[f].name: f.result() for f in as_completed(futures)}


async def collect_results_blocking(paths: list[Path]) -> dict[str, dict]:  # expect: blocking-call
    with ThreadPoolExecutor(4) as pool:
        futures = {pool.submit(lambda p: json.loads(p.read_text()), p): p for p in paths}
        return {futures[f].name: f.result() for f in as_completed(futures)}


async def collect_results_offloaded(paths: list[Path]) -> dict[str, dict]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(collect_results, paths)


async def cancel_build(task: Optional[asyncio.Task]) -> None:  # expect: ?cancellation-swallowed
    if task is None:
        return
    task.cancel()
    try:
        await task
    except BaseException:
        pass


async def cancel_build_cleanly(task: Optional[asyncio.Task]) -> None:  # expect: clean  # near: cancellation-swallowed
    if task is None:
        return
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise
