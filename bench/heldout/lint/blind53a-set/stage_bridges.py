"""A theatre's stage controller: the lighting desk, the fly system and the show clock talk to the asyncio cue
engine from their own threads."""
from __future__ import annotations

import asyncio
import concurrent.futures
import http.server
import logging
import queue
import signal
import socketserver
import sqlite3
import threading
import time

import redis

log = logging.getLogger("stage")


class CueServer(socketserver.ThreadingTCPServer):  # expect: clean
    allow_reuse_address = True

    def __init__(self, address, handler, cues: asyncio.Queue) -> None:
        super().__init__(address, handler)
        self.cues = cues


class CueHandler(socketserver.StreamRequestHandler):  # expect: thread-unsafe-capture
    def handle(self) -> None:
        for line in self.rfile:
            self.server.cues.put_nowait(line.decode().strip())


class SafeCueServer(socketserver.ThreadingTCPServer):  # expect: clean
    def __init__(self, address, handler, cues: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(address, handler)
        self.cues = cues
        self.loop = loop


class SafeCueHandler(socketserver.StreamRequestHandler):  # expect: clean  # near: thread-unsafe-capture
    def handle(self) -> None:
        for line in self.rfile:
            self.server.loop.call_soon_threadsafe(self.server.cues.put_nowait, line.decode().strip())


async def serve_cues(port: int) -> asyncio.Queue:  # expect: clean, ?thread-unsafe-capture
    cues: asyncio.Queue = asyncio.Queue(maxsize=100)
    server = CueServer(("0.0.0.0", port), CueHandler, cues)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return cues


class GoButton:  # expect: thread-unsafe-capture
    """The stage manager's GO button posts to a small HTTP server on the desk."""

    def __init__(self, port: int) -> None:
        self.pressed = asyncio.Event()
        button = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                button.pressed.set()
                self.send_response(204)
                self.end_headers()

        self.httpd = http.server.ThreadingHTTPServer(("", port), Handler)

    async def run(self) -> None:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        while True:
            await self.pressed.wait()
            self.pressed.clear()


class GoButtonSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, port: int) -> None:
        self.pressed = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        button = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                button.loop.call_soon_threadsafe(button.pressed.set)
                self.send_response(204)
                self.end_headers()

        self.httpd = http.server.ThreadingHTTPServer(("", port), Handler)

    async def run(self) -> None:
        self.loop = asyncio.get_running_loop()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        while True:
            await self.pressed.wait()
            self.pressed.clear()


class FlyTower:  # expect: thread-unsafe-capture, blocking-call
    def __init__(self, r: redis.Redis) -> None:
        self.r = r
        self.moves: asyncio.Queue[dict] = asyncio.Queue(maxsize=64)

    def _on_move(self, message: dict) -> None:
        self.moves.put_nowait(message)

    async def listen(self) -> None:
        pubsub = self.r.pubsub()
        pubsub.subscribe(**{"fly:moves": self._on_move})
        worker = pubsub.run_in_thread(sleep_time=0.01, daemon=True)
        try:
            while True:
                move = await self.moves.get()
                log.info("fly move %s", move)
        finally:
            worker.stop()


class FlyTowerSafe:  # expect: blocking-call  # near: thread-unsafe-capture
    def __init__(self, r: redis.Redis) -> None:
        self.r = r
        self.moves: asyncio.Queue[dict] = asyncio.Queue(maxsize=64)
        self.loop: asyncio.AbstractEventLoop | None = None

    def _on_move(self, message: dict) -> None:
        assert self.loop is not None
        self.loop.call_soon_threadsafe(self.moves.put_nowait, message)

    async def listen(self) -> None:
        self.loop = asyncio.get_running_loop()
        pubsub = self.r.pubsub()
        pubsub.subscribe(**{"fly:moves": self._on_move})
        worker = pubsub.run_in_thread(sleep_time=0.01, daemon=True)
        try:
            while True:
                move = await self.moves.get()
                log.info("fly move %s", move)
        finally:
            worker.stop()


class ShowClock:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.ticks = 0

    def _tick(self) -> None:
        self.ticks += 1
        self.loop.call_later(1.0, self._announce)

    def _announce(self) -> None:
        log.info("show clock %d", self.ticks)

    async def start(self) -> None:
        timer = threading.Timer(1.0, self._tick)
        timer.daemon = True
        timer.start()


class ShowClockSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.ticks = 0

    def _tick(self) -> None:
        self.ticks += 1
        self.loop.call_soon_threadsafe(self.loop.call_later, 1.0, self._announce)

    def _announce(self) -> None:
        log.info("show clock %d", self.ticks)

    async def start(self) -> None:
        timer = threading.Timer(1.0, self._tick)
        timer.daemon = True
        timer.start()


class Intermission:  # expect: thread-unsafe-capture
    def __init__(self, crew) -> None:
        self.crew = crew
        self.loop = asyncio.get_running_loop()

    def _bell(self) -> None:
        asyncio.ensure_future(self.crew.call_places(), loop=self.loop)

    async def begin(self, minutes: float) -> None:
        threading.Timer(minutes * 60, self._bell).start()


class IntermissionSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, crew) -> None:
        self.crew = crew
        self.loop = asyncio.get_running_loop()

    def _bell(self) -> None:
        asyncio.run_coroutine_threadsafe(self.crew.call_places(), self.loop)

    async def begin(self, minutes: float) -> None:
        threading.Timer(minutes * 60, self._bell).start()


class DimmerRack:  # expect: thread-unsafe-capture
    def __init__(self, bus) -> None:
        self.bus = bus
        self.faults: asyncio.Queue = asyncio.Queue(maxsize=32)
        self._prev_hook = threading.excepthook
        threading.excepthook = self._on_thread_crash

    def _on_thread_crash(self, args) -> None:
        self.faults.put_nowait(args.exc_value)

    async def run(self) -> None:
        threading.Thread(target=self.bus.scan_forever, daemon=True).start()
        while True:
            fault = await self.faults.get()
            log.error("dimmer thread crashed: %r", fault)


class DimmerRackSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, bus) -> None:
        self.bus = bus
        self.faults: asyncio.Queue = asyncio.Queue(maxsize=32)
        self.loop = asyncio.get_running_loop()
        threading.excepthook = self._on_thread_crash

    def _on_thread_crash(self, args) -> None:
        self.loop.call_soon_threadsafe(self.faults.put_nowait, args.exc_value)

    async def run(self) -> None:
        threading.Thread(target=self.bus.scan_forever, daemon=True).start()
        while True:
            fault = await self.faults.get()
            log.error("dimmer thread crashed: %r", fault)


class CueLog:  # expect: thread-unsafe-capture
    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.fired = asyncio.Event()
        self.db.create_function("cue_fired", 1, self._cue_fired)

    def _cue_fired(self, number: int) -> int:
        self.fired.set()
        return number

    async def fire(self, number: int) -> None:
        await asyncio.to_thread(self.db.execute, "SELECT cue_fired(?)", (number,))
        await self.fired.wait()


class CueLogThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.fired = asyncio.Event()
        self.loop = asyncio.get_running_loop()
        self.db.create_function("cue_fired", 1, self._cue_fired)

    def _cue_fired(self, number: int) -> int:
        self.loop.call_soon_threadsafe(self.fired.set)
        return number

    async def fire(self, number: int) -> None:
        await asyncio.to_thread(self.db.execute, "SELECT cue_fired(?)", (number,))
        await self.fired.wait()


class FollowSpot:  # expect: thread-unsafe-capture
    def __init__(self, tracker) -> None:
        self.tracker = tracker
        self.positions: asyncio.Queue = asyncio.Queue(maxsize=8)
        self._on_position = self.positions.put_nowait

    def _poll(self) -> None:
        while True:
            self._on_position(self.tracker.read())
            time.sleep(0.04)

    async def start(self) -> None:
        threading.Thread(target=self._poll, daemon=True).start()


class FollowSpotSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, tracker) -> None:
        self.tracker = tracker
        self.positions: asyncio.Queue = asyncio.Queue(maxsize=8)
        loop = asyncio.get_running_loop()
        self._on_position = lambda p: loop.call_soon_threadsafe(self.positions.put_nowait, p)

    def _poll(self) -> None:
        while True:
            self._on_position(self.tracker.read())
            time.sleep(0.04)

    async def start(self) -> None:
        threading.Thread(target=self._poll, daemon=True).start()


async def render_preview(scene, renderer) -> bytes:  # expect: thread-unsafe-capture
    done = asyncio.get_running_loop().create_future()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    job = pool.submit(renderer.render, scene)
    job.add_done_callback(lambda f: done.set_result(f.result()))
    try:
        return await done
    finally:
        pool.shutdown(wait=False)


async def render_preview_wrapped(scene, renderer) -> bytes:  # expect: clean  # near: thread-unsafe-capture
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    job = pool.submit(renderer.render, scene)
    try:
        return await asyncio.wrap_future(job)
    finally:
        pool.shutdown(wait=False)


class Blackout:  # expect: thread-unsafe-capture
    def __init__(self, desk) -> None:
        self.desk = desk
        self.requested = asyncio.Event()
        signal.signal(signal.SIGUSR1, self._on_usr1)

    def _on_usr1(self, signum, frame) -> None:
        self.requested.set()

    async def watch(self) -> None:
        await self.requested.wait()
        await self.desk.all_off()


class BlackoutOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, desk) -> None:
        self.desk = desk
        self.requested = asyncio.Event()

    async def watch(self) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, self.requested.set)
        await self.requested.wait()
        await self.desk.all_off()


class CueStack:  # expect: clean  # near: thread-unsafe-capture
    """Cue completions are reported by an asyncio future's callback: that runs on the loop."""

    def __init__(self) -> None:
        self.completed = asyncio.Event()

    async def go(self, cue) -> None:
        fut = asyncio.ensure_future(cue.run())
        fut.add_done_callback(lambda _f: self.completed.set())
        await self.completed.wait()


class DeskMirror:  # expect: clean  # near: thread-unsafe-capture
    """The desk thread hands levels over through a thread-safe queue that the loop drains in a worker thread."""

    def __init__(self, desk) -> None:
        self.desk = desk
        self.levels: queue.Queue = queue.Queue(maxsize=256)

    def _read_desk(self) -> None:
        while True:
            self.levels.put(self.desk.read_levels())

    async def mirror(self, sink) -> None:
        threading.Thread(target=self._read_desk, daemon=True).start()
        while True:
            levels = await asyncio.to_thread(self.levels.get)
            await sink.send(levels)
