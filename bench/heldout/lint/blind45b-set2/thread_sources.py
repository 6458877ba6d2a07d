"""Where threads come from in a metrics daemon: timers, servers, pools and handlers it hands work to."""
from __future__ import annotations

import asyncio
import functools
import http.server
import logging
import signal
import socketserver
import threading
from multiprocessing.pool import ThreadPool

from flask import Flask, request

log = logging.getLogger("metricsd")


class FlushTimer:  # expect: thread-unsafe-capture
    def __init__(self, flush_now: asyncio.Event, interval: float = 10.0):
        self.flush_now = flush_now
        self.interval = interval

    def _tick(self) -> None:
        self.flush_now.set()
        self.arm()

    def arm(self) -> None:
        threading.Timer(self.interval, self._tick).start()


class FlushTimerLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, flush_now: asyncio.Event, interval: float = 10.0):
        self.flush_now = flush_now
        self.interval = interval

    def _tick(self) -> None:
        self.flush_now.set()
        self.arm()

    def arm(self) -> None:
        asyncio.get_running_loop().call_later(self.interval, self._tick)


def start_timeout(fut: asyncio.Future, seconds: float) -> threading.Timer:  # expect: thread-unsafe-capture
    timer = threading.Timer(seconds, lambda: fut.cancel())
    timer.start()
    return timer


class StatsdHandler(socketserver.BaseRequestHandler):  # expect: thread-unsafe-capture
    """Served by a ThreadingUDPServer: handle() runs in a thread per datagram."""

    points: asyncio.Queue

    def handle(self) -> None:
        data, _sock = self.request
        for line in data.decode().splitlines():
            self.points.put_nowait(line)


def serve_statsd(points: asyncio.Queue, port: int = 8125) -> threading.Thread:  # expect: clean
    StatsdHandler.points = points
    server = socketserver.ThreadingUDPServer(("0.0.0.0", port), StatsdHandler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    return t


class PushHandler(http.server.BaseHTTPRequestHandler):  # expect: thread-unsafe-capture
    loop: asyncio.AbstractEventLoop
    sink = None

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.loop.create_task(self.sink.ingest(body))
        self.send_response(202)
        self.end_headers()


class PushHandlerSafe(http.server.BaseHTTPRequestHandler):  # expect: clean  # near: thread-unsafe-capture
    loop: asyncio.AbstractEventLoop
    sink = None

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        asyncio.run_coroutine_threadsafe(self.sink.ingest(body), self.loop)
        self.send_response(202)
        self.end_headers()


def make_admin_app(reload_requested: asyncio.Event) -> Flask:  # expect: thread-unsafe-capture
    """The admin app runs on werkzeug's threaded server beside the asyncio daemon."""
    app = Flask("admin")

    @app.post("/reload")
    def reload():
        reload_requested.set()
        return {"ok": True}

    threading.Thread(target=app.run, kwargs={"port": 9100}, daemon=True).start()
    return app


def make_admin_app_safe(reload_requested: asyncio.Event, loop: asyncio.AbstractEventLoop) -> Flask:  # expect: clean  # near: thread-unsafe-capture
    app = Flask("admin")

    @app.post("/reload")
    def reload():
        loop.call_soon_threadsafe(reload_requested.set)
        return {"ok": True, "from": request.remote_addr}

    threading.Thread(target=app.run, kwargs={"port": 9100}, daemon=True).start()
    return app


class Aggregator:  # expect: thread-unsafe-capture
    def __init__(self, pool: ThreadPool, ready: asyncio.Queue):
        self.pool = pool
        self.ready = ready

    def _rollup(self, window: list) -> dict:
        return {"count": len(window), "sum": sum(window)}

    def submit(self, window: list) -> None:
        self.pool.apply_async(self._rollup, (window,), callback=self.ready.put_nowait)


class AggregatorAwaited:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, ready: asyncio.Queue):
        self.ready = ready

    def _rollup(self, window: list) -> dict:
        return {"count": len(window), "sum": sum(window)}

    async def submit(self, window: list) -> None:
        await self.ready.put(await asyncio.to_thread(self._rollup, window))


class DumpOnSignal:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, dump):
        self.loop = loop
        self.dump = dump
        signal.signal(signal.SIGUSR1, self._on_usr1)

    def _on_usr1(self, signum, frame) -> None:
        self.loop.call_soon(self._schedule_dump)

    def _schedule_dump(self) -> None:
        self._dump_task = self.loop.create_task(self.dump())


class DumpOnSignalSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, dump):
        self.loop = loop
        self.dump = dump
        signal.signal(signal.SIGUSR1, self._on_usr1)

    def _on_usr1(self, signum, frame) -> None:
        self.loop.call_soon_threadsafe(self._schedule_dump)

    def _schedule_dump(self) -> None:
        self._dump_task = self.loop.create_task(self.dump())


class Collector:  # expect: thread-unsafe-capture
    def __init__(self, source, batches: asyncio.Queue):
        self.source = source
        self.batches = batches
        self._thread = threading.Thread(target=self._collect, daemon=True)

    def _emit(self, batch: list) -> None:
        self.batches.put_nowait(batch)

    def _collect(self) -> None:
        batch: list = []
        for point in self.source:
            batch.append(point)
            if len(batch) >= 100:
                self._emit(batch)
                batch = []

    def start(self) -> None:
        self._thread.start()


class CollectorNoThread:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, source, batches: asyncio.Queue):
        self.source = source
        self.batches = batches

    def _emit(self, batch: list) -> None:
        self.batches.put_nowait(batch)

    async def collect(self) -> None:
        batch: list = []
        async for point in self.source:
            batch.append(point)
            if len(batch) >= 100:
                self._emit(batch)
                batch = []


def spawn_sampler(sample, out: asyncio.Queue) -> threading.Thread:  # expect: thread-unsafe-capture
    def loop_forever(q) -> None:
        while True:
            q.put_nowait(sample())

    t = threading.Thread(target=loop_forever, args=(out,), daemon=True)
    t.start()
    return t


def spawn_sampler_partial(sample, out: asyncio.Queue) -> threading.Thread:  # expect: thread-unsafe-capture
    def produce(q: asyncio.Queue, n: int) -> None:
        for _ in range(n):
            q.put_nowait(sample())

    t = threading.Thread(target=functools.partial(produce, out, 1000), daemon=True)
    t.start()
    return t
