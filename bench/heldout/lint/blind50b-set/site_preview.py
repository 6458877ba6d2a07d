"""`sitegen serve`: the static-site builder runs on asyncio; a webhook port, a command port, the preview server
(uvicorn on a thread of its own) and the upstream live-reload relay run beside it."""
from __future__ import annotations

import asyncio
import gc
import json
import logging
import shutil
import socketserver
import threading
import time
import weakref
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse
from starlette.routing import Route
from websockets.sync.client import connect

log = logging.getLogger("sitegen.serve")


class BuildQueue:  # expect: clean
    """Pending rebuilds, newest reason last; the builder task takes them one at a time."""

    def __init__(self) -> None:
        self._reasons: asyncio.Queue[str] = asyncio.Queue(maxsize=8)

    async def enqueue(self, reason: str) -> int:
        await self._reasons.put(reason)
        return self._reasons.qsize()

    def enqueue_nowait(self, reason: str) -> bool:
        try:
            self._reasons.put_nowait(reason)
        except asyncio.QueueFull:
            return False
        return True

    async def next(self) -> str:
        return await self._reasons.get()


class WebhookHandler(BaseHTTPRequestHandler):  # expect: thread-unsafe-capture
    """GitHub push webhooks; `serve_webhooks` runs the server on a thread of its own."""

    builds: BuildQueue

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length) or b"{}")
        accepted = self.builds.enqueue_nowait(f"push to {payload.get('ref', '?')}")
        self.send_response(202 if accepted else 429)
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        log.debug(format, *args)


def serve_webhooks(port: int, builds: BuildQueue) -> ThreadingHTTPServer:  # expect: clean
    handler = type("BoundWebhookHandler", (WebhookHandler,), {"builds": builds})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, name="webhooks", daemon=True).start()
    return server


def make_upload_handler(loop: asyncio.AbstractEventLoop, builds: BuildQueue):  # expect: clean  # near: thread-unsafe-capture
    """Drafts PUT by the editor plug-in; each one queues a rebuild on the builder's loop and waits for the answer."""

    class UploadHandler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            Path("drafts", Path(self.path).name).write_bytes(body)
            position = asyncio.run_coroutine_threadsafe(builds.enqueue(f"draft {self.path}"), loop).result(5)
            self.send_response(201)
            self.send_header("X-Queue-Position", str(position))
            self.end_headers()

    return UploadHandler


class CommandServer(socketserver.ThreadingTCPServer):  # expect: clean
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, address: tuple[str, int], reload: asyncio.Event, stop: asyncio.Event,
                 loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(address, CommandHandler)
        self.reload = reload
        self.stop = stop
        self.loop = loop


class CommandHandler(socketserver.StreamRequestHandler):  # expect: thread-unsafe-capture
    """`echo reload | nc localhost 35730`: one thread per connection."""

    server: CommandServer

    def handle(self) -> None:
        for raw in self.rfile:
            command = raw.decode().strip()
            if command == "reload":
                self.server.loop.call_soon_threadsafe(self.server.reload.set)
            elif command == "quit":
                self.server.loop.call_soon(self.server.stop.set)
                return


def build_preview_app(site: Path, views: asyncio.Queue, rebuilt: asyncio.Event) -> Starlette:  # expect: thread-unsafe-capture
    """Served by uvicorn on its own thread and loop (see `serve`); the queue and event belong to the builder's loop."""

    async def page(request):
        views.put_nowait(request.url.path)
        return FileResponse(site / request.path_params["path"])

    async def wait_rebuild(request):
        await rebuilt.wait()
        return PlainTextResponse("rebuilt")

    return Starlette(routes=[Route("/__rebuilt", wait_rebuild), Route("/{path:path}", page)])


def build_status_app(main_loop: asyncio.AbstractEventLoop, builds: BuildQueue) -> Starlette:  # expect: clean  # near: thread-unsafe-capture
    """The status API, served on the preview thread too; it reaches the builder through its loop."""

    async def trigger(request):
        fut = asyncio.run_coroutine_threadsafe(builds.enqueue("manual"), main_loop)
        position = await asyncio.wrap_future(fut)
        return JSONResponse({"position": position})

    return Starlette(routes=[Route("/build", trigger, methods=["POST"])])


def build_local_api(builds: BuildQueue, rebuilt: asyncio.Event) -> Starlette:  # expect: clean  # near: thread-unsafe-capture
    """The editor API, served by `serve_local_api` on the builder's own loop."""

    async def trigger(request):
        return JSONResponse({"position": await builds.enqueue("editor")})

    async def wait_rebuild(request):
        await rebuilt.wait()
        return PlainTextResponse("rebuilt")

    return Starlette(routes=[Route("/build", trigger, methods=["POST"]), Route("/wait", wait_rebuild)])


async def serve_local_api(builds: BuildQueue, rebuilt: asyncio.Event, port: int) -> None:  # expect: clean
    await uvicorn.Server(uvicorn.Config(build_local_api(builds, rebuilt), port=port)).serve()


def run_in_thread(app: Starlette, port: int, name: str) -> tuple[uvicorn.Server, threading.Thread]:  # expect: clean
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    return server, thread


class BrowserHub:  # expect: clean
    """Local browsers waiting for reload notices, one small queue each; a browser that falls behind is dropped."""

    def __init__(self) -> None:
        self.clients: set[asyncio.Queue[str]] = set()

    def subscribe(self) -> asyncio.Queue[str]:
        q: asyncio.Queue[str] = asyncio.Queue(maxsize=16)
        self.clients.add(q)
        return q

    def broadcast_nowait(self, message: str) -> None:
        for q in list(self.clients):
            if q.full():
                self.clients.discard(q)
            else:
                q.put_nowait(message)


class LiveReloadRelay:  # expect: thread-unsafe-capture
    """Relays reload notices from the theme's dev server (websockets' sync client, on a thread) to local browsers."""

    def __init__(self, url: str, browsers: BrowserHub) -> None:
        self.url = url
        self.browsers = browsers
        self.thread = threading.Thread(target=self._pump, name="livereload-relay", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _pump(self) -> None:
        with connect(self.url) as ws:
            for message in ws:
                self.browsers.broadcast_nowait(message)


class LiveReloadRelayHandover:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, url: str, browsers: BrowserHub, loop: asyncio.AbstractEventLoop) -> None:
        self.url = url
        self.browsers = browsers
        self.loop = loop
        self.thread = threading.Thread(target=self._pump, name="livereload-relay", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _pump(self) -> None:
        with connect(self.url) as ws:
            for message in ws:
                self.loop.call_soon_threadsafe(self.browsers.broadcast_nowait, message)


async def tail_build_log(url: str, lines: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    """The remote builder's log, read with the sync client in a worker thread."""

    def read() -> None:
        with connect(url) as ws:
            for line in ws:
                lines.put_nowait(line)

    await asyncio.to_thread(read)


class BuildWorkspace:  # expect: ?thread-unsafe-capture
    """A scratch folder per build; when the workspace is collected its folder goes, and its watcher task stops."""

    def __init__(self, root: Path, watcher: asyncio.Task) -> None:
        self.root = root
        self._rm = weakref.finalize(self, shutil.rmtree, root, True)
        self._stop = weakref.finalize(self, watcher.cancel)


class ScratchDir:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self._rm = weakref.finalize(self, shutil.rmtree, root, True)


def install_gc_monitor(pauses: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    """Long collections to the status page; the webhook, command and preview threads allocate too."""
    started: dict[str, float] = {}

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started["t"] = time.perf_counter()
            return
        ms = (time.perf_counter() - started.get("t", time.perf_counter())) * 1000
        if ms > 50:
            pauses.put_nowait((info["generation"], ms))

    gc.callbacks.append(on_gc)


def install_gc_monitor_handover(pauses: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:  # expect: clean  # near: thread-unsafe-capture
    started: dict[str, float] = {}

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started["t"] = time.perf_counter()
            return
        ms = (time.perf_counter() - started.get("t", time.perf_counter())) * 1000
        if ms > 50:
            loop.call_soon_threadsafe(pauses.put_nowait, (info["generation"], ms))

    gc.callbacks.append(on_gc)


async def serve(site: Path, port: int) -> None:  # expect: clean
    loop = asyncio.get_running_loop()
    builds = BuildQueue()
    views: asyncio.Queue[str] = asyncio.Queue(maxsize=10_000)
    rebuilt = asyncio.Event()
    reload_requested = asyncio.Event()
    stop = asyncio.Event()
    serve_webhooks(port + 1, builds)
    commands = CommandServer(("127.0.0.1", port + 2), reload_requested, stop, loop)
    threading.Thread(target=commands.serve_forever, name="commands", daemon=True).start()
    preview, _ = run_in_thread(build_preview_app(site, views, rebuilt), port, "preview")
    status, _ = run_in_thread(build_status_app(loop, builds), port + 3, "status")
    try:
        await stop.wait()
    finally:
        preview.should_exit = True
        status.should_exit = True
        await asyncio.to_thread(commands.shutdown)
