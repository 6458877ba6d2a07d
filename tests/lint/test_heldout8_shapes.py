"""Shapes found missing on an eighth held-out set of realistic application cases (web services, bots, ETL,
home automation, game servers, monitoring agents): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_container_made_empty_holds_what_is_stored_in_it():
    # `self.files = {}` (or declared `dict[str, IO[bytes]]`, a type the rules do not know), filled elsewhere with
    # `self.files[name] = open(...)`: what is read back out is a file
    check_marked('''
        import requests
        from typing import IO

        _SESSIONS = {}

        def session_for(host):
            _SESSIONS[host] = requests.Session()
            return host

        class Sinks:
            def __init__(self):
                self.files: dict[str, IO[bytes]] = {}
                self.logs = []

            def add(self, name):
                self.files[name] = open(name, "ab")
                self.logs.append(open(name + ".log", "a"))

            async def emit(self, name, blob):
                self.files[name].write(blob)  # ACK103
                self.files.get(name).flush()  # ACK103
                for log in self.logs:
                    log.write("emitted")  # ACK103

        async def ping(host):
            return _SESSIONS[host].get(f"https://{host}/ping")  # ACK102

        async def read_all(paths):
            handles = []
            for p in paths:
                handles.append(open(p))  # ACK103
            return [h.read() for h in handles]  # ACK103
    ''', BLOCKING)


def test_container_whose_stores_disagree_or_that_is_bound_elsewhere_says_nothing():
    check_marked('''
        import io
        import sys

        class Mixed:
            def __init__(self):
                self.out = {}

            def add(self, name):
                self.out[name] = open(name, "ab")
                self.out["mem"] = io.BytesIO()
                self.out["list"] = []

            async def emit(self, name, blob):
                self.out[name].write(blob)

        class Loaded:
            def __init__(self, loader):
                self.files = loader()  # what the loader gives, not an empty container

            def add(self, name):
                self.files[name] = open(name, "ab")

            async def emit(self, name, blob):
                self.files[name].write(blob)

        class Buffers:
            def __init__(self):
                self.bufs = {}

            def add(self, name):
                self.bufs[name] = io.BytesIO()

            async def emit(self, name, blob):
                self.bufs[name].write(blob)

        async def handed_in(files: dict, name):
            files[name] = open(name)  # ACK103
            files[name].read()  # the caller's container: what else it holds is not known here
    ''', BLOCKING)


def test_lock_stored_into_an_empty_container_is_a_lock():
    check_marked('''
        import asyncio
        import threading

        class Rooms:
            def __init__(self):
                self.locks = {}
                self.alocks = {}

            def open_room(self, name):
                self.locks[name] = threading.Lock()
                self.alocks.setdefault(name, asyncio.Lock())

            async def say(self, name, members, text):
                with self.locks[name]:  # ACK201
                    for m in members:
                        await m.send(text)

            async def say_async(self, name, members, text):
                async with self.alocks[name]:
                    for m in members:
                        await m.send(text)

            async def say_copy(self, name, members, text):
                with self.locks[name]:
                    targets = list(members)
                for m in targets:
                    await m.send(text)
    ''', ["ACK201"])


def test_factory_annotated_with_a_typing_form_returns_what_its_body_returns():
    # `-> Callable[[bytes], None]`, `-> IO[str]`, `-> Any` name no class: the nested function (or the file, or the
    # session) the body returns is what the caller gets
    check_marked('''
        import asyncio
        import time
        from typing import IO, Any, Callable

        import requests

        Handler = Callable[[bytes], None]

        def make_sleeper(delay: float) -> Handler:
            def handle(frame: bytes) -> None:
                time.sleep(delay)
            return handle

        def make_printer() -> Callable[[bytes], None]:
            def handle(frame: bytes) -> None:
                print(frame.hex())
            return handle

        def open_dump(name: str) -> IO[str]:
            return open(name, encoding="utf-8")

        def client() -> Any:
            return requests.Session()

        def config() -> dict:
            return requests.Session()  # (an annotation that names a class is taken at its word)

        async def replay(frames, delay):
            handle = make_sleeper(delay)
            for frame in frames:
                handle(frame)  # ACK101
                await asyncio.sleep(0)

        async def replay_offloaded(frames, delay):
            handle = make_sleeper(delay)
            for frame in frames:
                await asyncio.to_thread(handle, frame)

        async def show(frames):
            handle = make_printer()
            for frame in frames:
                handle(frame)

        async def first_line(name):
            f = open_dump(name)  # ACK103
            return f.readline()  # ACK103

        async def fetch(url):
            return client().get(url)  # ACK102

        async def settings(url):
            return config().get(url)
    ''', BLOCKING)


def test_serial_port_reads_and_writes_block():
    check_marked('''
        import asyncio
        import serial

        class Thermostat:
            def __init__(self, port: serial.Serial):
                self.port = port

            async def set_point(self, celsius):
                self.port.write(f"SP {celsius}\\r".encode())  # ACK103
                return self.port.readline()  # ACK103

            async def pending(self):
                return self.port.in_waiting

            def _exchange(self, line):
                self.port.write(line)
                return self.port.readline()

            async def set_point_offloaded(self, celsius):
                return await asyncio.to_thread(self._exchange, f"SP {celsius}\\r".encode())

        async def probe(url):
            port = serial.serial_for_url(url, timeout=1)
            return port.read(16)  # ACK103
    ''', BLOCKING)


def test_paho_wait_for_publish_blocks():
    check_marked('''
        import asyncio
        import paho.mqtt.client as mqtt

        async def publish_state(client: mqtt.Client, topic, payload):
            info = client.publish(topic, payload, qos=1)
            info.wait_for_publish()  # ACK106

        async def publish_chained(client: mqtt.Client, topic, payload):
            client.publish(topic, payload, qos=1).wait_for_publish(timeout=2)  # ACK106

        async def publish_fire(client: mqtt.Client, topic, payload):
            info = client.publish(topic, payload, qos=0)
            return info.is_published()

        async def publish_offloaded(client: mqtt.Client, topic, payload):
            info = client.publish(topic, payload, qos=1)
            await asyncio.to_thread(info.wait_for_publish)
    ''', BLOCKING)


def test_library_callbacks_run_on_the_library_thread():
    # RPi.GPIO's edge callbacks and sounddevice's stream callbacks are called from the library's own thread
    check_marked('''
        import asyncio
        import RPi.GPIO as GPIO
        import sounddevice as sd

        class Alarm:
            def __init__(self):
                self.triggered = asyncio.Event()
                GPIO.add_event_detect(17, GPIO.RISING, callback=self._edge)
                GPIO.add_event_callback(18, self._other_edge)

            def _edge(self, channel):
                self.triggered.set()  # ACK401

            def _other_edge(self, channel):
                self.triggered.set()  # ACK401

        class SafeAlarm:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self.loop = loop
                self.triggered = asyncio.Event()
                GPIO.add_event_detect(17, GPIO.RISING, callback=self._edge)

            def _edge(self, channel):
                self.loop.call_soon_threadsafe(self.triggered.set)

        class PolledAlarm:
            def __init__(self):
                self.triggered = asyncio.Event()
                GPIO.add_event_detect(17, GPIO.RISING)

            async def watch(self):
                while True:
                    if GPIO.event_detected(17):
                        self.triggered.set()
                    await asyncio.sleep(0.05)

        async def record(blocks: asyncio.Queue):
            loop = asyncio.get_running_loop()

            def on_audio(indata, frames, time, status):
                blocks.put_nowait(indata.copy())  # ACK401

            def on_audio_safe(indata, frames, time, status):
                loop.call_soon_threadsafe(blocks.put_nowait, indata.copy())

            with sd.InputStream(channels=1, callback=on_audio):
                await asyncio.sleep(1)
            with sd.InputStream(channels=1, callback=on_audio_safe):
                await asyncio.sleep(1)
    ''', ["ACK401", "ACK402"])


def test_defaultdict_holds_what_its_factory_makes():
    # per-key locks: `defaultdict(threading.Lock)` makes a threading lock for each new key
    check_marked('''
        import asyncio
        import threading
        from collections import defaultdict

        _LOCKS: dict = defaultdict(threading.RLock)

        class Rooms:
            def __init__(self):
                self.locks = defaultdict(threading.Lock)
                self.alocks = defaultdict(asyncio.Lock)
                self.members = defaultdict(list)
                self.made = defaultdict(lambda: threading.Lock())

            async def say(self, name, text):
                with self.locks[name]:  # ACK201
                    await self.send(name, text)
                with self.made[name]:  # ACK201
                    await self.send(name, text)

            async def say_async(self, name, text):
                async with self.alocks[name]:
                    await self.send(name, text)

            async def say_copy(self, name, text):
                with self.locks[name]:
                    members = list(self.members[name])
                for m in members:
                    await m.send(text)

            async def send(self, name, text):
                await asyncio.sleep(0)

        async def update(key, store):
            with _LOCKS[key]:  # ACK201
                await store.save(key)
    ''', ["ACK201"])
