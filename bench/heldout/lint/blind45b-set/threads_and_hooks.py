"""Desktop and daemon glue: GUI toolkits, file watchers, schedulers, gRPC and process hooks next to an asyncio loop."""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import signal
import threading
import time
import tkinter as tk
import weakref
from concurrent.futures import ThreadPoolExecutor

import grpc
from apscheduler.schedulers.background import BackgroundScheduler
from PySide6.QtCore import QThread, Signal
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

import events_pb2
import events_pb2_grpc

log = logging.getLogger("glue")


class ReloadOnChange(FileSystemEventHandler):  # expect: thread-unsafe-capture
    def __init__(self, changes: asyncio.Queue):
        self.changes = changes

    def on_modified(self, event) -> None:
        if event.src_path.endswith(".toml"):
            self.changes.put_nowait(event.src_path)


class ReloadOnChangeSafe(FileSystemEventHandler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, changes: asyncio.Queue, loop: asyncio.AbstractEventLoop):
        self.changes = changes
        self.loop = loop

    def on_modified(self, event) -> None:
        if event.src_path.endswith(".toml"):
            asyncio.run_coroutine_threadsafe(self.changes.put(event.src_path), self.loop)


async def watch_templates(path: str, rebuild) -> None:  # expect: thread-unsafe-capture
    dirty = asyncio.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            dirty.set()

    observer = Observer()
    observer.schedule(Handler(), path, recursive=True)
    observer.start()
    try:
        while True:
            await dirty.wait()
            dirty.clear()
            await rebuild()
    finally:
        observer.stop()


class FeedRefresher:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, fetch_feeds):
        self.loop = loop
        self.fetch_feeds = fetch_feeds
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self._refresh, "interval", minutes=5)

    def _refresh(self) -> None:
        self.loop.create_task(self.fetch_feeds())

    def start(self) -> None:
        self.scheduler.start()


class FeedRefresherSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, fetch_feeds):
        self.loop = loop
        self.fetch_feeds = fetch_feeds
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self._refresh, "interval", minutes=5)

    def _refresh(self) -> None:
        fut = asyncio.run_coroutine_threadsafe(self.fetch_feeds(), self.loop)
        fut.result(timeout=60)

    def start(self) -> None:
        self.scheduler.start()


class EventIngestServicer(events_pb2_grpc.IngestServicer):  # expect: thread-unsafe-capture
    """Sync gRPC servicer: grpc.server runs each call on its thread pool."""

    def __init__(self, bus_queue: asyncio.Queue):
        self.bus_queue = bus_queue

    def Publish(self, request, context):
        self.bus_queue.put_nowait(request)
        return events_pb2.Ack(ok=True)


class EventIngestServicerSafe(events_pb2_grpc.IngestServicer):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, bus, loop: asyncio.AbstractEventLoop):
        self.bus = bus
        self.loop = loop

    def Publish(self, request, context):
        fut = asyncio.run_coroutine_threadsafe(self.bus.publish(request), self.loop)
        fut.result(timeout=5)
        return events_pb2.Ack(ok=True)


def serve_grpc(servicer) -> grpc.Server:  # expect: clean
    server = grpc.server(ThreadPoolExecutor(max_workers=8))
    events_pb2_grpc.add_IngestServicer_to_server(servicer, server)
    server.add_insecure_port("[::]:50051")
    server.start()
    return server


class RenderWorker(QThread):  # expect: thread-unsafe-capture
    def __init__(self, scene, done: asyncio.Future):
        super().__init__()
        self.scene = scene
        self.done = done

    def run(self) -> None:
        image = self.scene.render()
        self.done.set_result(image)


class RenderWorkerSignal(QThread):  # expect: clean  # near: thread-unsafe-capture
    finished_image = Signal(object)

    def __init__(self, scene):
        super().__init__()
        self.scene = scene

    def run(self) -> None:
        self.finished_image.emit(self.scene.render())


class TkFrontend:  # expect: thread-unsafe-capture
    """Tk owns the main thread; the asyncio loop runs in a helper thread."""

    def __init__(self, client):
        self.client = client
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.root = tk.Tk()
        tk.Button(self.root, text="Sync", command=self.on_sync).pack()

    def on_sync(self) -> None:
        self.loop.create_task(self.client.sync())


class TkFrontendSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, client):
        self.client = client
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.root = tk.Tk()
        tk.Button(self.root, text="Sync", command=self.on_sync).pack()

    def on_sync(self) -> None:
        fut = asyncio.run_coroutine_threadsafe(self.client.sync(), self.loop)
        fut.add_done_callback(lambda f: self.root.after(0, self.show_result, f))

    def show_result(self, fut) -> None:
        self.root.title("synced" if not fut.exception() else "sync failed")


def install_shutdown(main_task: asyncio.Task) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGTERM, lambda signum, frame: main_task.cancel())


def install_shutdown_loop(main_task: asyncio.Task) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = main_task.get_loop()
    loop.add_signal_handler(signal.SIGTERM, main_task.cancel)


def install_thread_crash_hook(failures: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    def hook(args: threading.ExceptHookArgs) -> None:
        failures.put_nowait((args.thread.name, args.exc_value))

    threading.excepthook = hook


def install_thread_crash_hook_safe(failures: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:  # expect: clean  # near: thread-unsafe-capture
    def hook(args: threading.ExceptHookArgs) -> None:
        loop.call_soon_threadsafe(failures.put_nowait, (args.thread.name, args.exc_value))

    threading.excepthook = hook


class QueueLogHandler(logging.Handler):  # expect: ?thread-unsafe-capture
    """Ships log records to a websocket; records may be emitted from any thread."""

    def __init__(self, records: asyncio.Queue):
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.put_nowait(self.format(record))
        except asyncio.QueueFull:
            pass


class LoopSafeLogHandler(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, records: asyncio.Queue, loop: asyncio.AbstractEventLoop):
        super().__init__()
        self.records = records
        self.loop = loop

    def emit(self, record: logging.LogRecord) -> None:
        self.loop.call_soon_threadsafe(self.records.put_nowait, self.format(record))


async def checksum_files(paths: list[str], digest) -> list[str]:  # expect: thread-unsafe-capture
    done = asyncio.Event()
    results: list[str] = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)
    futures = [pool.submit(digest, p) for p in paths]

    def on_done(_f) -> None:
        if all(f.done() for f in futures):
            results.extend(f.result() for f in futures)
            done.set()

    for f in futures:
        f.add_done_callback(on_done)
    await done.wait()
    return results


async def checksum_files_wrapped(paths: list[str], digest) -> list[str]:  # expect: clean  # near: thread-unsafe-capture
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)
    futures = [asyncio.wrap_future(pool.submit(digest, p)) for p in paths]
    return list(await asyncio.gather(*futures))


async def progress_export(rows, write_row, progress: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()

    def export() -> None:
        for i, row in enumerate(rows):
            write_row(row)
            if i % 1000 == 0:
                progress.put_nowait(i)

    await loop.run_in_executor(None, export)


class StatsThread(threading.Thread):  # expect: thread-unsafe-capture
    def __init__(self, sampler, stop: asyncio.Event, samples: asyncio.Queue):
        super().__init__(daemon=True)
        self.sampler = sampler
        self.stop = stop
        self.samples = samples

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.put_nowait(self.sampler.sample())
            time.sleep(1.0)


class StatsThreadSafe(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sampler, loop: asyncio.AbstractEventLoop, samples: asyncio.Queue):
        super().__init__(daemon=True)
        self.sampler = sampler
        self.loop = loop
        self.samples = samples
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(1.0):
            self.loop.call_soon_threadsafe(self.samples.put_nowait, self.sampler.sample())


class Session:  # expect: clean, ?thread-unsafe-capture  # near: thread-unsafe-capture
    """Closes its heartbeat task when garbage-collected."""

    def __init__(self, conn):
        self.conn = conn
        self._heartbeat = asyncio.get_running_loop().create_task(conn.heartbeat_forever())
        self._finalizer = weakref.finalize(self, self._heartbeat.cancel)


def register_flush_at_exit(loop: asyncio.AbstractEventLoop, flush) -> None:  # expect: clean  # near: thread-unsafe-capture
    def flush_sync() -> None:
        if not loop.is_closed():
            loop.run_until_complete(flush())

    atexit.register(flush_sync)
