"""Bridge between vendor SDK threads (MQTT, USB, file watchers) and the asyncio app."""
from __future__ import annotations

import asyncio
import concurrent.futures
import queue
import threading
from typing import Callable

import paho.mqtt.client as mqtt
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer


class MqttBridge:  # expect: thread-unsafe-capture
    def __init__(self, host: str) -> None:
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        self.client = mqtt.Client()
        self.client.on_message = self._on_message
        self.client.connect(host)

    def _on_message(self, client, userdata, msg) -> None:
        self.inbox.put_nowait(msg.payload)

    async def start(self) -> None:
        self.client.loop_start()


class SafeMqttBridge:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, host: str, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        self.client = mqtt.Client()
        self.client.on_message = self._on_message
        self.client.connect(host)

    def _on_message(self, client, userdata, msg) -> None:
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, msg.payload)


class ConfigWatcher(FileSystemEventHandler):  # expect: thread-unsafe-capture
    def __init__(self, changed: asyncio.Event) -> None:
        self.changed = changed

    def on_modified(self, event) -> None:
        self.changed.set()


async def watch_config(path: str) -> None:  # expect: clean  # near: thread-unsafe-capture
    changed = asyncio.Event()
    loop = asyncio.get_running_loop()

    class Handler(FileSystemEventHandler):
        def on_modified(self, event) -> None:
            loop.call_soon_threadsafe(changed.set)

    observer = Observer()
    observer.schedule(Handler(), path)
    observer.start()
    await changed.wait()
    observer.stop()


async def read_sensor(dev) -> float:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def worker() -> None:
        fut.set_result(dev.read_blocking())

    threading.Thread(target=worker).start()
    return await fut


async def read_sensor_safe(dev) -> float:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def worker() -> None:
        value = dev.read_blocking()
        loop.call_soon_threadsafe(fut.set_result, value)

    threading.Thread(target=worker).start()
    return await fut


async def read_sensor_executor(dev) -> float:  # expect: clean  # near: thread-unsafe-capture
    return await asyncio.get_running_loop().run_in_executor(None, dev.read_blocking)


class UsbPoller:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.stop = threading.Event()

    def _poll(self, on_packet: Callable[[bytes], None]) -> None:
        while not self.stop.is_set():
            packet = b"..."
            self.loop.call_soon(on_packet, packet)

    async def run(self, on_packet) -> None:
        await asyncio.to_thread(self._poll, on_packet)


class UsbPollerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.stop = threading.Event()

    def _poll(self, on_packet: Callable[[bytes], None]) -> None:
        while not self.stop.is_set():
            self.loop.call_soon_threadsafe(on_packet, b"...")

    async def run(self, on_packet) -> None:
        await asyncio.to_thread(self._poll, on_packet)


class JobRunner:  # expect: thread-unsafe-capture, ?dangling-task
    def __init__(self) -> None:
        self.pool = concurrent.futures.ThreadPoolExecutor(4)
        self.loop = asyncio.new_event_loop()

    def _job(self, coro_fn) -> None:
        self.loop.create_task(coro_fn())

    async def submit(self, coro_fn) -> None:
        self.pool.submit(self._job, coro_fn)


class JobRunnerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.pool = concurrent.futures.ThreadPoolExecutor(4)
        self.loop = loop

    def _job(self, coro_fn) -> None:
        asyncio.run_coroutine_threadsafe(coro_fn(), self.loop).result()

    def submit(self, coro_fn) -> None:
        self.pool.submit(self._job, coro_fn)


def progress_callback(done: asyncio.Event) -> Callable[[int, int], None]:  # expect: clean  # near: thread-unsafe-capture
    # called by the uploader on the loop thread (it is an async uploader)
    def cb(sent: int, total: int) -> None:
        if sent == total:
            done.set()

    return cb


async def download_with_progress(s3, key: str) -> None:  # expect: thread-unsafe-capture
    finished = asyncio.Event()

    def on_progress(n: int) -> None:
        finished.set()

    await asyncio.to_thread(s3.download_file, "bucket", key, "/tmp/out", Callback=on_progress)
    await finished.wait()


class LogPump:  # expect: clean  # near: thread-unsafe-capture
    """Thread side uses a queue.Queue; the loop side drains it through to_thread."""

    def __init__(self) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._produce, daemon=True).start()

    def _produce(self) -> None:
        while True:
            self.lines.put("line")

    async def next_line(self) -> str:
        return await asyncio.to_thread(self.lines.get)
