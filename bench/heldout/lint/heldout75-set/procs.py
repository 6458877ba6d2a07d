"""Build agent: runs tools for CI jobs received over a websocket."""
from __future__ import annotations

import asyncio
import os
import shlex
import subprocess
import sys
from subprocess import PIPE, Popen
from subprocess import check_output as sh


async def git_head(repo: str) -> str:  # expect: blocking-call
    return subprocess.check_output(["git", "-C", repo, "rev-parse", "HEAD"], text=True).strip()


async def git_head_async(repo: str) -> str:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec("git", "-C", repo, "rev-parse", "HEAD", stdout=PIPE)
    out, _ = await proc.communicate()
    return out.decode().strip()


async def run_lint(workdir: str) -> int:  # expect: blocking-call
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=workdir, capture_output=True)
    return result.returncode


async def cleanup(workdir: str) -> None:  # expect: blocking-call
    os.system(f"rm -rf {shlex.quote(workdir)}")


async def disk_usage(path: str) -> str:  # expect: blocking-call
    return sh(["du", "-sh", path]).decode().split()[0]


async def run_tests(workdir: str) -> tuple[int, bytes]:  # expect: blocking-call
    proc = Popen(["pytest", "-q"], cwd=workdir, stdout=PIPE, stderr=subprocess.STDOUT)
    out, _ = proc.communicate(timeout=1800)
    return proc.returncode, out


async def start_daemon(cmd: list[str]) -> int:  # expect: blocking-call
    # Popen without waiting only forks; the daemon is reaped by the supervisor
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    return proc.pid


async def run_build(workdir: str, log) -> int:  # expect: blocking-call
    proc = await asyncio.create_subprocess_shell("make -j4", cwd=workdir, stdout=PIPE)
    async for line in proc.stdout:
        await log(line)
    os.waitpid(proc.pid, 0)
    return proc.returncode


async def run_build_async(workdir: str, log) -> int:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_shell("make -j4", cwd=workdir, stdout=PIPE)
    async for line in proc.stdout:
        await log(line)
    return await proc.wait()


class ToolRunner:  # expect: clean  # near: blocking-call
    """Runs a tool in a worker thread; only the thread touches subprocess."""

    def _run(self, args: list[str]) -> str:
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    async def run(self, args: list[str]) -> str:
        return await asyncio.to_thread(self._run, args)


class ShellStep:  # expect: blocking-call
    def __init__(self, command: str) -> None:
        self.command = command

    def execute(self) -> int:
        return subprocess.call(self.command, shell=True)

    async def __call__(self) -> int:
        return self.execute()


class Job:  # expect: clean  # near: blocking-call
    """`run` here is the job's own coroutine, not subprocess.run."""

    def __init__(self, steps) -> None:
        self.steps = steps

    async def run(self) -> None:
        for step in self.steps:
            await step()

    async def check_output(self) -> list[str]:
        return [s.name for s in self.steps]


async def execute_job(job: Job) -> None:  # expect: clean  # near: blocking-call
    await job.run()
    names = await job.check_output()
    print(names)
