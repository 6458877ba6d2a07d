"""Bridges between the lift PLCs' threads and the asyncio side of the resort's control room."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import threading
import xmlrpc.server
from wsgiref.simple_server import make_server


class PlcRpc:  # expect: thread-unsafe-capture
    """The PLCs call in over XML-RPC; the server runs on a thread of its own."""

    def __init__(self, port: int) -> None:
        self.faults: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        self.server = xmlrpc.server.SimpleXMLRPCServer(("", port), logRequests=False)
        self.server.register_function(self.faults.put_nowait, "report_fault")

    async def run(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        while True:
            fault = await self.faults.get()
            print("fault", fault)


class PlcRpcSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, port: int) -> None:
        self.faults: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        self.loop = asyncio.get_running_loop()
        self.server = xmlrpc.server.SimpleXMLRPCServer(("", port), logRequests=False)
        self.server.register_function(self._report_fault, "report_fault")

    def _report_fault(self, fault: str) -> bool:
        self.loop.call_soon_threadsafe(self.faults.put_nowait, fault)
        return True

    async def run(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        while True:
            fault = await self.faults.get()
            print("fault", fault)


class StatusPage:  # expect: thread-unsafe-capture
    """A tiny WSGI status page for the lifties' phones, served on a thread."""

    def __init__(self, port: int) -> None:
        self.requests_seen = asyncio.Event()
        self.httpd = make_server("", port, self.app)

    def app(self, environ, start_response):
        self.requests_seen.set()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    async def run(self) -> None:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        await self.requests_seen.wait()


class Anemometer:  # expect: thread-unsafe-capture
    def __init__(self, sensor) -> None:
        self.sensor = sensor
        self.gusts: asyncio.Queue[float] = asyncio.Queue(maxsize=16)

    def _pump(self, out) -> None:
        while True:
            out(self.sensor.read())

    async def start(self) -> None:
        threading.Thread(target=functools.partial(self._pump, self.gusts.put_nowait), daemon=True).start()


class AnemometerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sensor) -> None:
        self.sensor = sensor
        self.gusts: asyncio.Queue[float] = asyncio.Queue(maxsize=16)

    def _pump(self, out) -> None:
        while True:
            out(self.sensor.read())

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        deliver = functools.partial(loop.call_soon_threadsafe, self.gusts.put_nowait)
        threading.Thread(target=functools.partial(self._pump, deliver), daemon=True).start()


class GroomerTracker:  # expect: thread-unsafe-capture, unbounded-spawn
    def __init__(self, gps) -> None:
        self.gps = gps
        self.loop = asyncio.get_running_loop()
        self.on_fix = None

    def _track(self) -> None:
        while True:
            fix = self.gps.read_fix()
            self.loop.create_task(self.on_fix(fix))

    async def start(self, on_fix) -> None:
        self.on_fix = on_fix
        threading.Thread(target=self._track, daemon=True).start()


class GroomerTrackerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, gps) -> None:
        self.gps = gps
        self.loop = asyncio.get_running_loop()
        self.on_fix = None

    def _track(self) -> None:
        while True:
            fix = self.gps.read_fix()
            asyncio.run_coroutine_threadsafe(self.on_fix(fix), self.loop).result()

    async def start(self, on_fix) -> None:
        self.on_fix = on_fix
        threading.Thread(target=self._track, daemon=True).start()


async def calibrate_sensors(sensors: list) -> list:  # expect: clean  # near: thread-unsafe-capture
    results: concurrent.futures.Future = concurrent.futures.Future()

    def work() -> None:
        results.set_result([s.calibrate() for s in sensors])

    threading.Thread(target=work, daemon=True).start()
    return await asyncio.wrap_future(results)


async def calibrate_sensors_loop_future(sensors: list) -> list:  # expect: thread-unsafe-capture
    results = asyncio.get_running_loop().create_future()

    def work() -> None:
        results.set_result([s.calibrate() for s in sensors])

    threading.Thread(target=work, daemon=True).start()
    return await results


class ChairPhotos:  # expect: thread-unsafe-capture
    def __init__(self, camera) -> None:
        self.camera = camera
        self.photos: asyncio.Queue[bytes] = asyncio.Queue(maxsize=8)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)

    def _shoot(self, chair: int) -> None:
        self.photos.put_nowait(self.camera.capture(chair))

    async def on_chair(self, chair: int) -> None:
        await asyncio.get_running_loop().run_in_executor(self._pool, self._shoot, chair)
