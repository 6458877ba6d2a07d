"""Bridges between library threads (GUI, IoT, brokers, executors) and an asyncio loop."""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import signal
import threading
import weakref

import paho.mqtt.client as mqtt
import pika
import serial
from bleak import BleakClient
from confluent_kafka import Consumer
from PyQt5.QtCore import QThread
import RPi.GPIO as GPIO


class FrameGrabber(QThread):  # expect: thread-unsafe-capture
    def __init__(self, camera, frames: asyncio.Queue):
        super().__init__()
        self.camera = camera
        self.frames = frames

    def run(self) -> None:
        while not self.isInterruptionRequested():
            self.frames.put_nowait(self.camera.grab())


class TkApp:  # expect: thread-unsafe-capture
    def __init__(self, root, loop: asyncio.AbstractEventLoop):
        self.root = root
        self.loop = loop
        self.clicked = asyncio.Event()
        threading.Thread(target=self.root.mainloop, daemon=True).start()

    def on_button(self) -> None:
        self.clicked.set()

    def build(self, tk) -> None:
        tk.Button(self.root, text="Go", command=self.on_button).pack()


class TkAppSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, root, loop: asyncio.AbstractEventLoop):
        self.root = root
        self.loop = loop
        self.clicked = asyncio.Event()

    def on_button(self) -> None:
        self.loop.call_soon_threadsafe(self.clicked.set)

    def build(self, tk) -> None:
        tk.Button(self.root, text="Go", command=self.on_button).pack()


class SerialReader:  # expect: thread-unsafe-capture, ?unbounded-spawn
    def __init__(self, device: str):
        self.port = serial.Serial(device, 115200)
        self.frames: asyncio.Queue[bytes] = asyncio.Queue(maxsize=64)
        self.reader = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while self.port.is_open:
            frame = self.port.read_until(b"\n")
            asyncio.ensure_future(self.frames.put(frame))


class SerialReaderSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, device: str, loop: asyncio.AbstractEventLoop):
        self.port = serial.Serial(device, 115200)
        self.loop = loop
        self.frames: asyncio.Queue[bytes] = asyncio.Queue(maxsize=64)
        self.reader = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while self.port.is_open:
            frame = self.port.read_until(b"\n")
            asyncio.run_coroutine_threadsafe(self.frames.put(frame), self.loop).result()


def watch_gpio(pin: int, pressed: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    GPIO.setup(pin, GPIO.IN)
    GPIO.add_event_detect(pin, GPIO.FALLING, callback=lambda channel: pressed.set())


def watch_gpio_safe(pin: int, pressed: asyncio.Event, loop) -> None:  # expect: clean  # near: thread-unsafe-capture
    GPIO.setup(pin, GPIO.IN)
    GPIO.add_event_detect(pin, GPIO.FALLING, callback=lambda channel: loop.call_soon_threadsafe(pressed.set))


async def mqtt_listen(host: str) -> None:  # expect: thread-unsafe-capture, blocking-call
    inbox: asyncio.Queue = asyncio.Queue(maxsize=1000)

    def on_message(client, userdata, msg):
        inbox.put_nowait((msg.topic, msg.payload))

    client = mqtt.Client()
    client.on_message = on_message
    client.connect(host)
    client.loop_start()
    while True:
        topic, payload = await inbox.get()
        print(topic, payload)


async def mqtt_listen_safe(host: str) -> None:  # expect: blocking-call  # near: thread-unsafe-capture
    inbox: asyncio.Queue = asyncio.Queue(maxsize=1000)
    loop = asyncio.get_running_loop()

    def on_message(client, userdata, msg):
        loop.call_soon_threadsafe(inbox.put_nowait, (msg.topic, msg.payload))

    client = mqtt.Client()
    client.on_message = on_message
    client.connect(host)
    client.loop_start()
    while True:
        topic, payload = await inbox.get()
        print(topic, payload)


async def amqp_consume(params, handle) -> None:  # expect: thread-unsafe-capture
    done = asyncio.Event()

    def on_message(channel, method, properties, body):
        handle(body)
        if body == b"STOP":
            done.set()

    def consume():
        conn = pika.BlockingConnection(params)
        ch = conn.channel()
        ch.basic_consume("jobs", on_message)
        ch.start_consuming()

    threading.Thread(target=consume, daemon=True).start()
    await done.wait()


async def submit_and_flag(pool: concurrent.futures.ThreadPoolExecutor, job) -> None:  # expect: thread-unsafe-capture
    finished = asyncio.Event()
    fut = pool.submit(job)
    fut.add_done_callback(lambda f: finished.set())
    await finished.wait()


async def submit_and_wrap(pool: concurrent.futures.ThreadPoolExecutor, job):  # expect: clean  # near: thread-unsafe-capture
    fut = pool.submit(job)
    return await asyncio.wrap_future(fut)


async def loop_future_callback(job) -> None:  # expect: clean  # near: thread-unsafe-capture
    finished = asyncio.Event()
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, job)
    fut.add_done_callback(lambda f: finished.set())
    await finished.wait()


class Uploader:  # expect: thread-unsafe-capture
    def __init__(self, pool: concurrent.futures.ThreadPoolExecutor):
        self.pool = pool
        self.results: asyncio.Queue = asyncio.Queue(maxsize=100)

    def _collect(self, fut: concurrent.futures.Future) -> None:
        self.results.put_nowait(fut.result())

    async def upload(self, blob) -> None:
        self.pool.submit(self._send, blob).add_done_callback(self._collect)

    def _send(self, blob):
        return len(blob)


class AsyncQueueHandler(logging.Handler):  # expect: thread-unsafe-capture
    """Ships log records to an async sink; records come from any thread."""

    def __init__(self, queue: asyncio.Queue):
        super().__init__()
        self.queue = queue

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(self.format(record))
        except asyncio.QueueFull:
            pass


class AsyncQueueHandlerSafe(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, queue: asyncio.Queue, loop: asyncio.AbstractEventLoop):
        super().__init__()
        self.queue = queue
        self.loop = loop

    def emit(self, record: logging.LogRecord) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, self.format(record))


def arm_watchdog(seconds: float, expired: asyncio.Event) -> threading.Timer:  # expect: thread-unsafe-capture
    timer = threading.Timer(seconds, expired.set)
    timer.start()
    return timer


def arm_watchdog_loop(seconds: float, expired: asyncio.Event) -> asyncio.TimerHandle:  # expect: clean  # near: thread-unsafe-capture
    return asyncio.get_running_loop().call_later(seconds, expired.set)


class Service:  # expect: thread-unsafe-capture
    def __init__(self):
        self.stopping = asyncio.Event()
        signal.signal(signal.SIGINT, self._on_signal)

    def _on_signal(self, signum, frame) -> None:
        self.stopping.set()


class ServiceLoopSignals:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.stopping = asyncio.Event()
        loop.add_signal_handler(signal.SIGINT, self._on_signal)

    def _on_signal(self) -> None:
        self.stopping.set()


class Flusher:  # expect: ?thread-unsafe-capture
    def __init__(self, queue: asyncio.Queue):
        self.queue = queue
        atexit.register(self._flush)

    def _flush(self) -> None:
        self.queue.put_nowait(None)


async def ble_notifications(address: str, char_uuid: str) -> None:  # expect: clean  # near: thread-unsafe-capture
    # bleak calls notification handlers on the event loop thread
    readings: asyncio.Queue = asyncio.Queue(maxsize=500)

    def handler(sender, data: bytearray):
        readings.put_nowait(bytes(data))

    async with BleakClient(address) as client:
        await client.start_notify(char_uuid, handler)
        while True:
            print(await readings.get())


async def kafka_poll(conf, topic) -> None:  # expect: thread-unsafe-capture
    records: asyncio.Queue = asyncio.Queue(maxsize=10_000)

    def poll_forever():
        consumer = Consumer(conf)
        consumer.subscribe([topic])
        while True:
            msg = consumer.poll(1.0)
            if msg is not None:
                records.put_nowait(msg.value())

    await asyncio.to_thread(poll_forever)


async def kafka_poll_safe(conf, topic) -> None:  # expect: clean  # near: thread-unsafe-capture
    records: asyncio.Queue = asyncio.Queue(maxsize=10_000)
    loop = asyncio.get_running_loop()

    def poll_forever():
        consumer = Consumer(conf)
        consumer.subscribe([topic])
        while True:
            msg = consumer.poll(1.0)
            if msg is not None:
                asyncio.run_coroutine_threadsafe(records.put(msg.value()), loop)

    await asyncio.to_thread(poll_forever)


class Connection:  # expect: ?thread-unsafe-capture
    def __init__(self):
        self.closed = asyncio.Event()
        weakref.finalize(self, self.closed.set)


class PoolHealthThread:  # expect: thread-unsafe-capture
    def __init__(self, pool):
        self.pool = pool
        self.unhealthy = asyncio.Event()
        self._checker = threading.Thread(target=self._check, daemon=True)
        self._checker.start()

    def _check(self) -> None:
        while True:
            if not self.pool.ping():
                self.unhealthy.set()
            threading.Event().wait(30)


class ThreadWorker:  # expect: clean  # near: thread-unsafe-capture
    """Thread-only state: threading primitives are fine from any thread."""

    def __init__(self):
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with self.lock:
            self.ready.set()
