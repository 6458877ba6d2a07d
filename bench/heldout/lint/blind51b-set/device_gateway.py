"""A lab device gateway: gRPC and line-protocol front ends for sync clients, USB hot-plug through libusb, a camera
SDK through cffi, a process pool for image work and a tracing profiler, all around one asyncio service loop."""
from __future__ import annotations

import asyncio
import ctypes
import logging
import socketserver
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

import grpc
from cffi import FFI

import gateway_pb2
import gateway_pb2_grpc

log = logging.getLogger("gateway")


class DeviceRegistry:  # expect: clean
    """Owned by the loop: every change goes through its coroutines."""

    def __init__(self) -> None:
        self.devices: dict[str, dict] = {}
        self.changed = asyncio.Event()

    async def attach(self, serial: str, info: dict) -> None:
        self.devices[serial] = info
        self.changed.set()

    async def detach(self, serial: str) -> None:
        self.devices.pop(serial, None)
        self.changed.set()

    async def snapshot(self) -> dict:
        return dict(self.devices)


class ControlService:  # expect: thread-unsafe-capture
    """Duck-typed servicer (no generated base): grpc's sync server calls its methods on the pool's threads."""

    def __init__(self, registry: DeviceRegistry, commands: asyncio.Queue) -> None:
        self.registry = registry
        self.commands = commands

    def SendCommand(self, request, context):
        if request.serial not in self.registry.devices:
            context.abort(grpc.StatusCode.NOT_FOUND, "no such device")
        self.commands.put_nowait((request.serial, request.command))
        return gateway_pb2.Accepted(queued=self.commands.qsize())


class ControlServiceSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, registry: DeviceRegistry, commands: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.registry = registry
        self.commands = commands
        self.loop = loop

    def SendCommand(self, request, context):
        snapshot = asyncio.run_coroutine_threadsafe(self.registry.snapshot(), self.loop).result(timeout=2)
        if request.serial not in snapshot:
            context.abort(grpc.StatusCode.NOT_FOUND, "no such device")
        fut = asyncio.run_coroutine_threadsafe(self.commands.put((request.serial, request.command)), self.loop)
        fut.result(timeout=5)
        return gateway_pb2.Accepted(queued=-1)


class StatusServicer(gateway_pb2_grpc.StatusServicer):  # expect: thread-unsafe-capture
    """Streams registry changes to a sync dashboard client."""

    def __init__(self, registry: DeviceRegistry) -> None:
        self.registry = registry

    def Watch(self, request, context):
        while context.is_active():
            if self.registry.changed.is_set():
                self.registry.changed.clear()
                yield gateway_pb2.Devices(serials=list(self.registry.devices))
            time.sleep(0.5)


def serve_grpc(registry: DeviceRegistry, commands: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> grpc.Server:  # expect: clean
    server = grpc.server(ThreadPoolExecutor(max_workers=16))
    gateway_pb2_grpc.add_ControlServicer_to_server(ControlServiceSafe(registry, commands, loop), server)
    server.add_insecure_port("[::]:50070")
    server.start()
    return server


class LineServer(socketserver.ThreadingMixIn, socketserver.TCPServer):  # expect: clean
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, readings: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(addr, ReadingHandler)
        self.readings = readings
        self.loop = loop


class ReadingHandler(socketserver.StreamRequestHandler):  # expect: thread-unsafe-capture
    """Old bench meters push `name value` lines; one thread per meter connection."""

    def handle(self) -> None:
        for raw in self.rfile:
            name, _, value = raw.decode().strip().partition(" ")
            self.server.readings.put_nowait((name, float(value)))


class ReadingHandlerSafe(socketserver.StreamRequestHandler):  # expect: clean  # near: thread-unsafe-capture
    def handle(self) -> None:
        for raw in self.rfile:
            name, _, value = raw.decode().strip().partition(" ")
            self.server.loop.call_soon_threadsafe(self.server.readings.put_nowait, (name, float(value)))


def start_line_server(readings: asyncio.Queue, loop: asyncio.AbstractEventLoop, port: int = 7070) -> LineServer:  # expect: clean
    server = LineServer(("0.0.0.0", port), readings, loop)
    threading.Thread(target=server.serve_forever, name="line-server", daemon=True).start()
    return server


def render_preview(raw: bytes) -> bytes:  # expect: clean
    from PIL import Image
    import io

    img = Image.open(io.BytesIO(raw))
    img.thumbnail((320, 240))
    out = io.BytesIO()
    img.save(out, "JPEG")
    return out.getvalue()


class PreviewFarm:  # expect: thread-unsafe-capture
    """Renders previews in a process pool; results land in `ready` when each future completes."""

    def __init__(self, workers: int = 4) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers)
        self.ready: dict[str, bytes] = {}
        self.available = asyncio.Event()

    def submit(self, key: str, raw: bytes) -> None:
        fut = self.pool.submit(render_preview, raw)
        fut.add_done_callback(lambda f, key=key: self._collected(key, f))

    def _collected(self, key: str, fut: Future) -> None:
        if fut.exception() is None:
            self.ready[key] = fut.result()
            self.available.set()

    async def wait(self, key: str) -> bytes:
        while key not in self.ready:
            self.available.clear()
            await self.available.wait()
        return self.ready.pop(key)


class PreviewFarmWrapped:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, workers: int = 4) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers)
        self.ready: dict[str, bytes] = {}
        self.available = asyncio.Event()

    async def render(self, key: str, raw: bytes) -> bytes:
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(self.pool, render_preview, raw)
        fut.add_done_callback(lambda f: self.available.set())
        self.ready[key] = await fut
        return self.ready[key]


class PreviewFarmWrapFuture:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, workers: int = 4) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers)
        self.done = asyncio.Event()

    async def render(self, raw: bytes) -> bytes:
        afut = asyncio.wrap_future(self.pool.submit(render_preview, raw))
        afut.add_done_callback(lambda _: self.done.set())
        return await afut


_usb = ctypes.CDLL("libusb-1.0.so.0")
HOTPLUG_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
ARRIVED, LEFT = 0x01, 0x02


class UsbHotplug:  # expect: thread-unsafe-capture
    """libusb calls the hot-plug callback from inside libusb_handle_events, which our pump thread runs."""

    def __init__(self, registry: DeviceRegistry, events: asyncio.Queue) -> None:
        self.registry = registry
        self.events = events
        self.ctx = ctypes.c_void_p()
        self.running = True
        self._cb = HOTPLUG_CB(self._on_hotplug)
        _usb.libusb_init(ctypes.byref(self.ctx))
        _usb.libusb_hotplug_register_callback(self.ctx, ARRIVED | LEFT, 0, -1, -1, -1, self._cb, None, None)
        self.thread = threading.Thread(target=self._pump, name="usb-events", daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        while self.running:
            _usb.libusb_handle_events(self.ctx)

    def _on_hotplug(self, ctx, device, event, user_data) -> int:
        self.events.put_nowait(("arrived" if event == ARRIVED else "left", device))
        return 0


class UsbHotplugSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, events: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.events = events
        self.loop = loop
        self.ctx = ctypes.c_void_p()
        self.running = True
        self._cb = HOTPLUG_CB(self._on_hotplug)
        _usb.libusb_init(ctypes.byref(self.ctx))
        _usb.libusb_hotplug_register_callback(self.ctx, ARRIVED | LEFT, 0, -1, -1, -1, self._cb, None, None)
        self.thread = threading.Thread(target=self._pump, name="usb-events", daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        while self.running:
            _usb.libusb_handle_events(self.ctx)

    def _on_hotplug(self, ctx, device, event, user_data) -> int:
        kind = "arrived" if event == ARRIVED else "left"
        self.loop.call_soon_threadsafe(self.events.put_nowait, (kind, device))
        return 0


ffi = FFI()
ffi.cdef("""
    typedef void (*frame_cb)(const unsigned char *data, size_t len, void *user);
    int cam_open(int index);
    int cam_start_stream(int handle, frame_cb cb, void *user);
    int cam_enumerate(void (*cb)(int index, void *user), void *user);
""")
_cam = ffi.dlopen("libcamsdk.so")


class CameraStream:  # expect: thread-unsafe-capture
    """The vendor SDK starts its own capture thread in cam_start_stream and calls the frame callback there."""

    def __init__(self, index: int, frames: asyncio.Queue) -> None:
        self.frames = frames
        self.handle = _cam.cam_open(index)
        self._cb = ffi.callback("frame_cb", self._on_frame)

    def start(self) -> None:
        _cam.cam_start_stream(self.handle, self._cb, ffi.NULL)

    def _on_frame(self, data, length, user) -> None:
        if self.frames.full():
            self.frames.get_nowait()
        self.frames.put_nowait(bytes(ffi.buffer(data, length)))


class CameraDiscovery:  # expect: clean  # near: thread-unsafe-capture
    """cam_enumerate calls the callback once per camera, synchronously, before it returns, on the calling thread."""

    def __init__(self) -> None:
        self.found: asyncio.Queue[int] = asyncio.Queue(maxsize=16)
        self._cb = ffi.callback("void(int, void *)", self._on_camera)

    def _on_camera(self, index, user) -> None:
        if not self.found.full():
            self.found.put_nowait(index)

    async def discover(self) -> list[int]:
        _cam.cam_enumerate(self._cb, ffi.NULL)
        cameras = []
        while not self.found.empty():
            cameras.append(self.found.get_nowait())
        return cameras


class SlowCallProfiler:  # expect: thread-unsafe-capture
    """Reports calls slower than a threshold in every thread of the gateway, for the live profile view."""

    def __init__(self, reports: asyncio.Queue, threshold: float = 0.05) -> None:
        self.reports = reports
        self.threshold = threshold
        self.started: dict[int, float] = {}

    def install(self) -> None:
        threading.setprofile(self._profile)
        sys.setprofile(self._profile)

    def _profile(self, frame, event, arg) -> None:
        key = id(frame)
        if event == "call":
            self.started[key] = time.perf_counter()
        elif event == "return" and key in self.started:
            took = time.perf_counter() - self.started.pop(key)
            if took > self.threshold and not self.reports.full():
                self.reports.put_nowait((frame.f_code.co_qualname, took))


class LoopCallProfiler:  # expect: clean  # near: thread-unsafe-capture
    """The same, but installed from a coroutine with sys.setprofile: it sees the loop's own thread only."""

    def __init__(self, reports: asyncio.Queue, threshold: float = 0.05) -> None:
        self.reports = reports
        self.threshold = threshold
        self.started: dict[int, float] = {}

    async def install(self) -> None:
        sys.setprofile(self._profile)

    def _profile(self, frame, event, arg) -> None:
        key = id(frame)
        if event == "call":
            self.started[key] = time.perf_counter()
        elif event == "return" and key in self.started:
            took = time.perf_counter() - self.started.pop(key)
            if took > self.threshold and not self.reports.full():
                self.reports.put_nowait((frame.f_code.co_qualname, took))


class LineCoverage:  # expect: thread-unsafe-capture
    """Coverage of the device drivers, which run on worker threads; the loop is told of each new line."""

    def __init__(self, loop: asyncio.AbstractEventLoop, on_new_line) -> None:
        self.loop = loop
        self.on_new_line = on_new_line
        self.seen: set[tuple[str, int]] = set()

    def start(self) -> None:
        threading.settrace(self._trace)

    def _trace(self, frame, event, arg):
        if event == "line":
            key = (frame.f_code.co_filename, frame.f_lineno)
            if key not in self.seen:
                self.seen.add(key)
                self.loop.call_soon(self.on_new_line, key)
        return self._trace
