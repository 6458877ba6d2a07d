"""The TCP front end devices connect to."""
from __future__ import annotations

import asyncio
import logging
import select
import socket
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from . import util
from .util import Stopwatch, resolve

log = logging.getLogger(__name__)


async def connect_upstream(host: str, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:  # expect: blocking-call
    address = resolve(host)
    return await asyncio.open_connection(address, port)


async def connect_upstream_async(host: str, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:  # expect: clean  # near: blocking-call
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return await asyncio.open_connection(infos[0][4][0], port)


async def reconnect_loop(host: str, port: int) -> None:  # expect: blocking-call
    attempt = 0
    while True:
        try:
            await connect_upstream_async(host, port)
            return
        except OSError:
            util.settle(util.backoff_delay(attempt))
            attempt += 1


async def timed_handshake(reader: asyncio.StreamReader) -> float:  # expect: clean  # near: blocking-call
    watch = Stopwatch()
    await reader.readexactly(4)
    watch.sleep(0.0)
    return watch.elapsed()


async def poll_raw(sock: socket.socket) -> bytes:  # expect: clean  # near: blocking-call
    sock.setblocking(False)
    ready, _, _ = select.select([sock], [], [], 0)
    return sock.recv(4096) if ready else b""


async def poll_raw_blocking(sock: socket.socket) -> bytes:  # expect: blocking-call
    ready, _, _ = select.select([sock], [], [], 5.0)
    return sock.recv(4096) if ready else b""


_parsers = ProcessPoolExecutor(max_workers=2)


def _parse(blob: bytes) -> dict:  # expect: clean
    return {"len": len(blob)}


async def parse_frame(blob: bytes) -> dict:  # expect: blocking-call
    fut: Future[dict] = _parsers.submit(_parse, blob)
    return fut.result(timeout=5)


async def parse_frame_async(blob: bytes) -> dict:  # expect: clean  # near: blocking-call
    fut = _parsers.submit(_parse, blob)
    return await asyncio.wrap_future(fut)


class Hub:  # expect: lock-across-await
    def __init__(self) -> None:
        self.writers: dict[str, asyncio.StreamWriter] = {}
        self.guard = threading.Lock()

    async def broadcast(self, frame: bytes) -> None:
        self.guard.acquire()
        try:
            for w in self.writers.values():
                w.write(frame)
                await w.drain()
        finally:
            self.guard.release()


class SnapshotHub:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.writers: dict[str, asyncio.StreamWriter] = {}
        self.guard = threading.Lock()

    async def broadcast(self, frame: bytes) -> None:
        self.guard.acquire()
        try:
            targets = list(self.writers.values())
        finally:
            self.guard.release()
        for w in targets:
            w.write(frame)
            await w.drain()
