"""IoT hub and desktop companion: library callbacks on their own threads feeding the asyncio side."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import queue
import signal
import threading
import tkinter as tk

import grpc
import paho.mqtt.client as mqtt
import pika
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from protos import greeter_pb2_grpc


class MqttBridge:  # expect: thread-unsafe-capture
    def __init__(self, host: str):
        self.inbox: asyncio.Queue = asyncio.Queue(maxsize=1000)
        self.client = mqtt.Client()
        self.client.on_message = self._on_message
        self.client.connect(host)

    def _on_message(self, client, userdata, msg) -> None:
        # paho calls this from its network thread (loop_start)
        self.inbox.put_nowait((msg.topic, msg.payload))

    async def run(self) -> None:
        self.client.loop_start()
        while True:
            topic, payload = await self.inbox.get()
            print(topic, payload)


class MqttBridgeSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, host: str):
        self.inbox: asyncio.Queue = asyncio.Queue(maxsize=1000)
        self.loop = asyncio.get_event_loop()
        self.client = mqtt.Client()
        self.client.on_message = self._on_message
        self.client.connect(host)

    def _on_message(self, client, userdata, msg) -> None:
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, (msg.topic, msg.payload))

    async def run(self) -> None:
        self.client.loop_start()
        while True:
            topic, payload = await self.inbox.get()
            print(topic, payload)


async def mqtt_wait_connected(host: str) -> mqtt.Client:  # expect: thread-unsafe-capture
    connected = asyncio.Event()
    client = mqtt.Client()
    client.on_connect = lambda c, u, flags, rc: connected.set()
    client.connect_async(host)
    client.loop_start()
    await connected.wait()
    return client


class ConfigReloader(FileSystemEventHandler):  # expect: thread-unsafe-capture
    def __init__(self, changed: asyncio.Event):
        self.changed = changed

    def on_modified(self, event) -> None:
        if event.src_path.endswith(".toml"):
            self.changed.set()


class ConfigReloaderSafe(FileSystemEventHandler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, changed: asyncio.Event):
        self.loop = loop
        self.changed = changed

    def on_modified(self, event) -> None:
        if event.src_path.endswith(".toml"):
            self.loop.call_soon_threadsafe(self.changed.set)


async def watch_uploads(path: str, process) -> None:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()

    class Handler(FileSystemEventHandler):
        def on_created(self, event):
            loop.create_task(process(event.src_path))

    observer = Observer()
    observer.schedule(Handler(), path)
    observer.start()
    await asyncio.Event().wait()


async def watch_uploads_safe(path: str, process) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()

    class Handler(FileSystemEventHandler):
        def on_created(self, event):
            asyncio.run_coroutine_threadsafe(process(event.src_path), loop)

    observer = Observer()
    observer.schedule(Handler(), path)
    observer.start()
    await asyncio.Event().wait()


class RabbitConsumer:  # expect: thread-unsafe-capture
    def __init__(self, url: str, handle):
        self.url = url
        self.handle = handle
        self.loop = asyncio.get_event_loop()

    def _on_message(self, channel, method, properties, body) -> None:
        self.loop.create_task(self.handle(body))
        channel.basic_ack(method.delivery_tag)

    def _consume_blocking(self) -> None:
        conn = pika.BlockingConnection(pika.URLParameters(self.url))
        ch = conn.channel()
        ch.basic_consume(queue="jobs", on_message_callback=self._on_message)
        ch.start_consuming()

    async def start(self) -> None:
        await asyncio.to_thread(self._consume_blocking)


class GreeterBridge(greeter_pb2_grpc.GreeterServicer):  # expect: thread-unsafe-capture
    """Servicer of the sync grpc server (thread pool) handing requests to the asyncio core."""

    def __init__(self, requests: asyncio.Queue):
        self.requests = requests

    def SayHello(self, request, context):
        self.requests.put_nowait(request.name)
        return None


def serve_grpc(servicer, add_to_server) -> grpc.Server:  # expect: clean  # near: thread-unsafe-capture
    server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=8))
    add_to_server(servicer, server)
    server.add_insecure_port("[::]:50051")
    server.start()
    return server


class TrayApp:  # expect: thread-unsafe-capture
    """Tk in the main thread, asyncio loop in a background thread."""

    def __init__(self, root: tk.Tk, client):
        self.client = client
        self.loop = asyncio.new_event_loop()
        self.quit_requested = asyncio.Event()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        tk.Button(root, text="Sync", command=self.on_sync).pack()
        tk.Button(root, text="Quit", command=self.quit_requested.set).pack()

    def on_sync(self) -> None:
        asyncio.run_coroutine_threadsafe(self.client.sync(), self.loop)


class TrayAppSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, root: tk.Tk, client):
        self.client = client
        self.loop = asyncio.new_event_loop()
        self.quit_requested = asyncio.Event()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        tk.Button(root, text="Sync", command=self.on_sync).pack()
        tk.Button(root, text="Quit", command=self.on_quit).pack()

    def on_sync(self) -> None:
        asyncio.run_coroutine_threadsafe(self.client.sync(), self.loop)

    def on_quit(self) -> None:
        self.loop.call_soon_threadsafe(self.quit_requested.set)


async def hash_file(path: str) -> str:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    result: asyncio.Future = loop.create_future()

    def work():
        import hashlib
        with open(path, "rb") as fh:
            result.set_result(hashlib.sha256(fh.read()).hexdigest())

    await loop.run_in_executor(None, work)
    return await result


async def hash_file_safe(path: str) -> str:  # expect: clean  # near: thread-unsafe-capture
    def work():
        import hashlib
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()

    return await asyncio.to_thread(work)


def _drain_socket(sock, out: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    while chunk := sock.recv(4096):
        out.put_nowait(chunk)


async def read_socket(sock) -> list:  # expect: clean, ?thread-unsafe-capture
    out: asyncio.Queue = asyncio.Queue(maxsize=64)
    loop = asyncio.get_running_loop()
    reader = loop.run_in_executor(None, functools.partial(_drain_socket, sock, out))
    items = [await out.get() for _ in range(4)]
    sock.close()
    await reader
    return items


async def debounce_alarm(sensor) -> None:  # expect: thread-unsafe-capture
    fired = asyncio.Event()
    threading.Timer(5.0, fired.set).start()
    await fired.wait()
    await sensor.reset()


async def debounce_alarm_safe(sensor) -> None:  # expect: clean  # near: thread-unsafe-capture
    fired = asyncio.Event()
    asyncio.get_running_loop().call_later(5.0, fired.set)
    await fired.wait()
    await sensor.reset()


def install_interrupt(loop: asyncio.AbstractEventLoop) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGINT, lambda signum, frame: loop.stop())


def install_interrupt_safe(loop: asyncio.AbstractEventLoop) -> None:  # expect: clean  # near: thread-unsafe-capture
    signal.signal(signal.SIGINT, lambda signum, frame: loop.call_soon_threadsafe(loop.stop))


class ReportJob:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.done: asyncio.Future = loop.create_future()

    def _build(self, rows) -> None:
        try:
            data = sorted(rows)
        except Exception as exc:
            self.done.set_exception(exc)
            return
        self.loop.call_soon(self.done.set_result, data)

    def start(self, rows) -> None:
        threading.Thread(target=self._build, args=(rows,)).start()


async def bridge_future(pool: concurrent.futures.Executor, fn) -> object:  # expect: thread-unsafe-capture
    afut = asyncio.get_running_loop().create_future()
    cfut = pool.submit(fn)
    cfut.add_done_callback(lambda f: afut.set_result(f.result()))
    return await afut


async def bridge_future_safe(pool: concurrent.futures.Executor, fn) -> object:  # expect: clean  # near: thread-unsafe-capture
    return await asyncio.wrap_future(pool.submit(fn))


class LogTail:  # expect: clean  # near: thread-unsafe-capture
    """Thread side only touches a thread-safe queue; the async side polls it."""

    def __init__(self, path: str):
        self.path = path
        self.lines: queue.Queue[str] = queue.Queue(maxsize=10_000)
        threading.Thread(target=self._tail, daemon=True).start()

    def _tail(self) -> None:
        with open(self.path) as fh:
            for line in fh:
                self.lines.put(line)

    async def next_line(self) -> str:
        return await asyncio.to_thread(self.lines.get)


async def poll_until_stopped(stop: asyncio.Event, probe) -> None:  # expect: ?thread-unsafe-capture
    def loop_in_thread():
        # only reads the flag; a benign race at worst
        while not stop.is_set():
            probe()

    await asyncio.to_thread(loop_in_thread)
