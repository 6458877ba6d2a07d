"""Sync helpers used by the build workers (threads) and, by mistake or by design, by the API."""
from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path


def checkout(repo: str, ref: str, into: Path) -> Path:  # expect: clean
    subprocess.run(["git", "clone", "--depth", "1", "--branch", ref, repo, str(into)], check=True)
    return into


def run_step(cmd: str, cwd: Path) -> int:  # expect: clean
    proc = subprocess.Popen(shlex.split(cmd), cwd=cwd)
    return proc.wait()


def wait_quietly(seconds: float) -> None:  # expect: clean
    time.sleep(seconds)


def render_cmd(parts: list[str]) -> str:  # expect: clean
    return " ".join(shlex.quote(p) for p in parts)
