"""Small helpers shared by the gateway's modules."""
from __future__ import annotations

import socket
import subprocess
import time as _t
from time import sleep as nap


def settle(seconds: float = 0.2) -> None:  # expect: clean  # near: blocking-call
    nap(seconds)


def backoff_delay(attempt: int) -> float:  # expect: clean
    return min(30.0, 0.5 * 2 ** attempt)


def resolve(host: str) -> str:  # expect: clean  # near: blocking-call
    return socket.gethostbyname(host)


def firmware_version(tool: str = "fwtool") -> str:  # expect: clean  # near: blocking-call
    return subprocess.check_output([tool, "--version"], text=True).strip()


class Stopwatch:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.start = _t.perf_counter()

    def sleep(self, seconds: float) -> None:
        self.start -= seconds

    def elapsed(self) -> float:
        return _t.perf_counter() - self.start
