"""Drivers for the mount, the dome and the cameras: plain blocking TCP, HTTP and disk I/O, written for worker threads."""
from __future__ import annotations

import abc
import concurrent.futures
import itertools
import socket
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Protocol, Self

_POOLS: dict[str, concurrent.futures.ThreadPoolExecutor] = {}


class MountLink:  # expect: clean
    """A line protocol over TCP to the mount's controller."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.rfile = sock.makefile("rb")

    @classmethod
    def connect(cls, host: str, port: int = 9999) -> Self:
        return cls(socket.create_connection((host, port), timeout=5))

    def command(self, line: str) -> str:
        self.sock.sendall(line.encode() + b"\n")
        return self.rfile.readline().decode().strip()

    def slew(self, ra: float, dec: float) -> None:
        self.command(f"SLEW {ra:.5f} {dec:.5f}")
        while self.command("STATUS") != "IDLE":
            time.sleep(0.5)

    def close(self) -> None:
        self.rfile.close()
        self.sock.close()


def open_mount(host: str) -> MountLink:  # expect: clean
    return MountLink.connect(host)


class CameraDriver(abc.ABC):  # expect: clean
    @abc.abstractmethod
    def expose(self, seconds: float) -> bytes: ...

    @abc.abstractmethod
    def temperature(self) -> float: ...

    def describe(self) -> str:
        return type(self).__name__


class NetCamera(CameraDriver):  # expect: clean
    def __init__(self, host: str) -> None:
        self.link = MountLink.connect(host, 7624)

    def expose(self, seconds: float) -> bytes:
        self.link.command(f"EXPOSE {seconds}")
        time.sleep(seconds)
        size = int(self.link.command("SIZE"))
        return self.link.rfile.read(size)

    def temperature(self) -> float:
        return float(self.link.command("TEMP"))


class ReplayCamera(CameraDriver):  # expect: clean
    """Replays frames from disk for rehearsals."""

    def __init__(self, folder: Path) -> None:
        self._frames: Iterator[Path] = itertools.cycle(sorted(folder.glob("*.fits")))

    def expose(self, seconds: float) -> bytes:
        return next(self._frames).read_bytes()

    def temperature(self) -> float:
        return -10.0


class DomeControl(Protocol):  # expect: clean
    def open_shutter(self) -> None: ...

    def close_shutter(self) -> None: ...

    def azimuth(self) -> float: ...


class RelayDome:  # expect: clean
    """The only DomeControl there is: a relay board on the LAN."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def _post(self, path: str) -> None:
        req = urllib.request.Request(self.base_url + path, method="POST")
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()

    def open_shutter(self) -> None:
        self._post("/shutter/open")

    def close_shutter(self) -> None:
        self._post("/shutter/close")

    def azimuth(self) -> float:
        with urllib.request.urlopen(self.base_url + "/azimuth", timeout=10) as resp:
            return float(resp.read())


def pool_for(name: str) -> concurrent.futures.ThreadPoolExecutor:  # expect: clean
    if name not in _POOLS:
        _POOLS[name] = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix=name)
    return _POOLS[name]
