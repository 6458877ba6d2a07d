"""An ops console: look-alikes of thread sources next to a few real ones (written blind after blind51b's fixes)."""
from __future__ import annotations

import asyncio
import ctypes
import logging
import socketserver
import threading

import grpc
import nats
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from prometheus_client import REGISTRY, make_asgi_app, start_http_server

log = logging.getLogger("console")
scheduler = AsyncIOScheduler()
REFRESH = asyncio.Event()


class CacheJanitor:  # expect: clean  # near: thread-unsafe-capture
    """Not a metrics collector: `collect()` sweeps expired entries, called by the loop's sweeper."""

    def __init__(self) -> None:
        self.entries: dict[str, float] = {}
        self.swept = asyncio.Event()

    def collect(self) -> int:
        before = len(self.entries)
        self.entries = {k: v for k, v in self.entries.items() if v > 0}
        self.swept.set()
        return before - len(self.entries)

    async def run(self) -> None:
        while True:
            self.collect()
            await asyncio.sleep(60)


class QueueGauge:  # expect: thread-unsafe-capture
    def __init__(self, jobs: asyncio.Queue) -> None:
        self.jobs = jobs

    def collect(self):
        while self.jobs.qsize() > 10_000:
            self.jobs.get_nowait()
        return []


def serve_metrics() -> None:  # expect: clean, ?unbounded-queue
    REGISTRY.register(QueueGauge(asyncio.Queue()))
    start_http_server(9000)


@scheduler.scheduled_job("interval", seconds=30)
async def poke_refresh() -> None:  # expect: clean  # near: thread-unsafe-capture
    REFRESH.set()


@scheduler.scheduled_job("interval", seconds=30)
def poke_refresh_sync() -> None:  # expect: thread-unsafe-capture
    REFRESH.set()


class AdminServer(socketserver.ThreadingTCPServer):  # expect: clean
    def __init__(self, port: int, commands: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(("127.0.0.1", port), AdminHandler)
        self.commands = commands
        self.loop = loop


class AdminHandler(socketserver.StreamRequestHandler):  # expect: clean  # near: thread-unsafe-capture
    def handle(self) -> None:
        line = self.rfile.readline().decode().strip()
        self.server.loop.call_soon_threadsafe(self.server.commands.put_nowait, line)
        self.wfile.write(b"queued\n")


class Inspector:  # expect: clean  # near: thread-unsafe-capture
    """Not a servicer: a method named like an RPC, called by the console's own coroutines."""

    def __init__(self, findings: asyncio.Queue) -> None:
        self.findings = findings

    def Inspect(self, request, context) -> None:
        self.findings.put_nowait((request, context))

    async def run(self, requests) -> None:
        async for request in requests:
            self.Inspect(request, {"via": "console"})


async def alert_listener(url: str, page) -> None:  # expect: clean  # near: unbounded-spawn
    async def on_alert(msg) -> None:
        await page(msg.data.decode())

    nc = await nats.connect(url)
    await nc.subscribe("alerts", cb=on_alert)


_lib = ctypes.CDLL("libconsole.so")
TICK = ctypes.CFUNCTYPE(None, ctypes.c_int)


class TickSource:  # expect: clean  # near: thread-unsafe-capture
    """The library calls back inside `console_run_once`, which the loop calls between sleeps."""

    def __init__(self) -> None:
        self.ticks: asyncio.Queue[int] = asyncio.Queue(maxsize=100)
        self._cb = TICK(self._on_tick)
        _lib.console_set_tick(self._cb)

    def _on_tick(self, n: int) -> None:
        if not self.ticks.full():
            self.ticks.put_nowait(n)

    async def run(self) -> None:
        while True:
            _lib.console_run_once(0)
            await asyncio.sleep(0.05)


metrics_app = make_asgi_app()


class HealthChannel:  # expect: clean  # near: thread-unsafe-capture
    """A grpc channel's connectivity callback runs on grpc's own thread: this one only sets a thread event."""

    def __init__(self, target: str) -> None:
        self.ready = threading.Event()
        self.channel = grpc.insecure_channel(target)
        self.channel.subscribe(self._on_state, try_to_connect=True)

    def _on_state(self, state) -> None:
        if state == grpc.ChannelConnectivity.READY:
            self.ready.set()


class HealthChannelLoop:  # expect: thread-unsafe-capture
    def __init__(self, target: str) -> None:
        self.ready = asyncio.Event()
        self.channel = grpc.insecure_channel(target)
        self.channel.subscribe(self._on_state, try_to_connect=True)

    def _on_state(self, state) -> None:
        if state == grpc.ChannelConnectivity.READY:
            self.ready.set()
