"""An IoT hub: device threads, a small admin HTTP server on a thread, and the asyncio core they feed."""
from __future__ import annotations

import asyncio
import functools
import http.server
import json
import logging
import socketserver
import threading
from typing import Any, Awaitable, Callable

log = logging.getLogger(__name__)


def synchronized(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:  # expect: lock-across-await
    lock = threading.Lock()

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return await fn(*args, **kwargs)

    return wrapper


def serialized(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:  # expect: clean  # near: lock-across-await
    lock = asyncio.Lock()

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        async with lock:
            return await fn(*args, **kwargs)

    return wrapper


class DeviceReader(threading.Thread):  # expect: thread-unsafe-capture
    def __init__(self, port, readings: asyncio.Queue[bytes]) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.readings = readings

    def run(self) -> None:
        while True:
            frame = self.port.read(64)
            if not frame:
                break
            self.readings.put_nowait(frame)


class SafeDeviceReader(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, port, readings: asyncio.Queue[bytes], loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.readings = readings
        self.loop = loop

    def run(self) -> None:
        while True:
            frame = self.port.read(64)
            if not frame:
                break
            asyncio.run_coroutine_threadsafe(self.readings.put(frame), self.loop).result()


class AdminHandler(http.server.BaseHTTPRequestHandler):  # expect: thread-unsafe-capture
    shutdown_requested: asyncio.Event

    def do_POST(self) -> None:
        if self.path == "/shutdown":
            self.shutdown_requested.set()
        self.send_response(204)
        self.end_headers()


def start_admin(port: int, shutdown: asyncio.Event) -> http.server.ThreadingHTTPServer:  # expect: clean
    AdminHandler.shutdown_requested = shutdown
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), AdminHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class CommandHandler(socketserver.StreamRequestHandler):  # expect: thread-unsafe-capture
    def handle(self) -> None:
        core: "Core" = self.server.core  # type: ignore[attr-defined]
        for line in self.rfile:
            core.commands.put_nowait(json.loads(line))


class SafeCommandHandler(socketserver.StreamRequestHandler):  # expect: clean  # near: thread-unsafe-capture
    def handle(self) -> None:
        core: "Core" = self.server.core  # type: ignore[attr-defined]
        for line in self.rfile:
            core.loop.call_soon_threadsafe(core.commands.put_nowait, json.loads(line))


class Core:  # expect: clean
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.commands: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)


class Telemetry:  # expect: lock-across-await
    def __init__(self, uplink) -> None:
        self._lock = threading.RLock()
        self.uplink = uplink
        self.sent = 0

    async def send(self, sample: dict) -> None:
        if not self._lock.acquire(timeout=5):
            raise TimeoutError("telemetry busy")
        try:
            await self.uplink.publish(sample)
            self.sent += 1
        finally:
            self._lock.release()


class CountingTelemetry:  # expect: clean  # near: lock-across-await
    def __init__(self, uplink) -> None:
        self._lock = threading.RLock()
        self.uplink = uplink
        self.sent = 0

    async def send(self, sample: dict) -> None:
        await self.uplink.publish(sample)
        if self._lock.acquire(timeout=5):
            try:
                self.sent += 1
            finally:
                self._lock.release()


async def read_firmware_version(device) -> str:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    answered = asyncio.Event()
    version: list[str] = []

    def query() -> None:
        version.append(device.query("VER?"))
        answered.set()

    loop.run_in_executor(None, query)
    await answered.wait()
    return version[0]


def poke_from_thread(loop: asyncio.AbstractEventLoop, wake: Callable[[], None]) -> None:  # expect: clean  # near: thread-unsafe-capture
    threading.Thread(target=lambda: loop.call_soon_threadsafe(wake), daemon=True).start()


def poke_unsafely(loop: asyncio.AbstractEventLoop, wake: Callable[[], None]) -> None:  # expect: thread-unsafe-capture
    threading.Thread(target=lambda: loop.call_soon(wake), daemon=True).start()


async def wait_ack(loop: asyncio.AbstractEventLoop, ack: Callable[[], Awaitable[bool]]) -> bool:  # expect: blocking-call
    return asyncio.run_coroutine_threadsafe(ack(), loop).result(timeout=5)
