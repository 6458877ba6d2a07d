"""Vehicle telemetry: a UDP listener thread feeds positions to the loop."""
from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Optional

from .geo import Point
from .matching import DriverPool

log = logging.getLogger(__name__)


class PositionListener(threading.Thread):  # expect: thread-unsafe-capture
    """Reads GPS datagrams on its own thread."""

    def __init__(self, port: int, updates: "asyncio.Queue[tuple[str, Point]]") -> None:
        super().__init__(daemon=True, name="gps-udp")
        self.port = port
        self.updates = updates
        self._stop = threading.Event()

    def run(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("0.0.0.0", self.port))
        sock.settimeout(0.5)
        while not self._stop.is_set():
            try:
                data, _ = sock.recvfrom(2048)
            except socket.timeout:
                continue
            msg = json.loads(data)
            self.updates.put_nowait((msg["driver"], Point(msg["lat"], msg["lon"])))


class SafePositionListener(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, port: int, loop: asyncio.AbstractEventLoop,
                 updates: "asyncio.Queue[tuple[str, Point]]") -> None:
        super().__init__(daemon=True, name="gps-udp")
        self.port = port
        self.loop = loop
        self.updates = updates

    def run(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("0.0.0.0", self.port))
        while True:
            data, _ = sock.recvfrom(2048)
            msg = json.loads(data)
            self.loop.call_soon_threadsafe(self.updates.put_nowait, (msg["driver"], Point(msg["lat"], msg["lon"])))


class PoolFeeder:  # expect: clean  # near: thread-unsafe-capture
    """Writes straight into the DriverPool, which guards itself with a threading lock."""

    def __init__(self, pool: DriverPool) -> None:
        self.pool = pool

    def on_datagram(self, data: bytes) -> None:
        msg = json.loads(data)
        self.pool.update(msg["driver"], Point(msg["lat"], msg["lon"]))

    def start(self, port: int) -> threading.Thread:
        def serve() -> None:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("0.0.0.0", port))
            while True:
                self.on_datagram(sock.recvfrom(2048)[0])

        t = threading.Thread(target=serve, daemon=True)
        t.start()
        return t


class GeocodeBatcher:  # expect: thread-unsafe-capture
    def __init__(self, executor: ThreadPoolExecutor) -> None:
        self.executor = executor
        self.done = asyncio.Event()
        self.results: list[dict] = []

    def _collect(self, fut: Future) -> None:
        self.results.append(fut.result())
        self.done.set()

    async def run(self, fn: Callable[[], dict]) -> list[dict]:
        fut = self.executor.submit(fn)
        fut.add_done_callback(self._collect)
        await self.done.wait()
        return self.results


class GeocodeBatcherWrapped:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, executor: ThreadPoolExecutor) -> None:
        self.executor = executor

    async def run(self, fn: Callable[[], dict]) -> dict:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, fn)


class Shutdown:  # expect: thread-unsafe-capture
    """Stops the service on SIGTERM."""

    def __init__(self) -> None:
        self.stopping: Optional[asyncio.Event] = None

    def install(self) -> None:
        self.stopping = asyncio.Event()
        signal.signal(signal.SIGTERM, self._on_term)

    def _on_term(self, signum, frame) -> None:
        log.warning("SIGTERM: draining")
        assert self.stopping is not None
        self.stopping.set()


class LoopShutdown:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.stopping = asyncio.Event()

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.add_signal_handler(signal.SIGTERM, self._on_term)

    def _on_term(self) -> None:
        log.warning("SIGTERM: draining")
        self.stopping.set()


async def apply_updates(pool: DriverPool, updates: "asyncio.Queue[tuple[str, Point]]") -> None:  # expect: clean
    while True:
        driver_id, pos = await updates.get()
        pool.update(driver_id, pos)
