"""Shapes found wrong on a nineteenth held-out set (SDK and client-library code: background threads beside an
event loop, third-party clients): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_thread_ticking_on_its_stop_flags_timed_wait_is_a_ticker_not_a_spawn_per_item():
    # `while not stop.wait(interval)`: one pass per interval, and setting the flag ends the loop. What is wrong
    # here is scheduling from the thread (ACK402), not how many tasks it starts
    check_marked('''
        import asyncio
        import threading

        INTERVAL = 15.0

        class Exporter:
            def __init__(self, loop: asyncio.AbstractEventLoop, sink):
                self.loop = loop
                self.sink = sink
                self.shutdown = threading.Event()
                self.running = set()

            def _every_interval(self):
                while not self.shutdown.wait(INTERVAL):
                    self.running.add(self.loop.create_task(self.sink.export()))  # ACK402

            def _every_five(self):
                while not self.shutdown.wait(timeout=5):
                    self.running.add(self.loop.create_task(self.sink.flush()))  # ACK402

            def start(self):
                threading.Thread(target=self._every_interval, daemon=True).start()
                threading.Thread(target=self._every_five, daemon=True).start()
    ''', ["ACK502", "ACK402"])


def test_a_loop_whose_stop_flag_wait_does_not_pace_it_still_spawns_per_item():
    # no timeout (the wait returns only when the flag is set), a zero timeout (a poll), a flag tested without
    # waiting, and a coroutine's loop over incoming items: nothing sets a pace
    check_marked('''
        import asyncio
        import threading

        class Forwarder:
            def __init__(self, loop: asyncio.AbstractEventLoop, sink, inbox):
                self.loop = loop
                self.sink = sink
                self.inbox = inbox
                self.ready = threading.Event()
                self.running = set()

            def _on_each_signal(self):
                while self.ready.wait():
                    self.running.add(self.loop.create_task(self.sink.export()))  # ACK502

            def _polling(self):
                while not self.ready.wait(0):
                    item = self.inbox.get()
                    self.running.add(self.loop.create_task(self.sink.send(item)))  # ACK502

            def _unpaced(self):
                while not self.ready.is_set():
                    item = self.inbox.get()
                    self.running.add(self.loop.create_task(self.sink.send(item)))  # ACK502

        async def consume(stop: threading.Event, queue: asyncio.Queue, handle):
            tasks = set()
            while not stop.is_set():
                item = await queue.get()
                t = asyncio.create_task(handle(item))  # ACK502
                tasks.add(t)
                t.add_done_callback(tasks.discard)
    ''', ["ACK502"])


def test_paho_clients_connect_and_network_loop_block_the_event_loop():
    check_marked('''
        import paho.mqtt.client as mqtt
        from paho.mqtt.client import Client as MqttClient

        class Telemetry:
            def __init__(self, broker: str):
                self.broker = broker
                self.client = mqtt.Client(client_id="telemetry")

            async def open(self):
                self.client.connect(self.broker, 1883, keepalive=30)  # ACK105

            async def pump_once(self):
                self.client.loop(timeout=1.0)  # ACK105

        async def serve(client: MqttClient):
            client.reconnect()  # ACK105
            client.loop_forever()  # ACK105
    ''', ["ACK105"])


def test_paho_calls_that_hand_the_socket_to_its_thread_or_run_off_the_loop_stay_quiet():
    # connect_async and loop_start leave the socket to paho's network thread; publish only queues; the same
    # calls in a sync setup function, in a worker thread, and a `connect` of an object that merely shares the name
    check_marked('''
        import asyncio
        import paho.mqtt.client as mqtt

        class Telemetry:
            def __init__(self, broker: str):
                self.broker = broker
                self.client = mqtt.Client()

            async def open(self):
                self.client.connect_async(self.broker, 1883)
                self.client.loop_start()
                self.client.publish("up", b"1")

            def open_blocking(self):
                self.client.connect(self.broker, 1883)

            async def open_in_thread(self):
                await asyncio.to_thread(self.client.connect, self.broker, 1883)

        class Broker:
            async def connect(self, host: str) -> None:
                await asyncio.sleep(0)

            def loop(self) -> None:
                pass

        async def dial(broker: Broker):
            await broker.connect("localhost")
            broker.loop()
    ''', ["ACK105"])


def test_a_partial_of_a_blocking_project_helper_called_in_a_coroutine_blocks():
    # the partial is made in the coroutine, or once in __init__ over a method of a project client
    check_marked('''
        import functools
        import urllib.request

        def download(url: str, timeout: float = 10.0) -> bytes:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                return resp.read()

        class Registry:
            def __init__(self, base: str):
                self.base = base

            def manifest(self, name: str) -> bytes:
                return download(f"{self.base}/{name}/manifest.json")

        class Puller:
            def __init__(self, registry: Registry):
                self._manifest = functools.partial(registry.manifest)

            async def pull(self, name: str) -> bytes:
                return self._manifest(name)  # ACK102

        async def fetch_index(base: str) -> bytes:
            get = functools.partial(download, timeout=3)
            return get(f"{base}/index")  # ACK102
    ''', ["ACK102"])


def test_a_partial_of_a_project_helper_that_does_not_block_here_stays_quiet():
    # a helper that only touches memory, one whose blocking branch the bound argument rules out, a partial
    # handed to a worker thread, and one called from a sync function
    check_marked('''
        import asyncio
        import functools
        import time

        def render(template: str, **values) -> str:
            return template.format(**values)

        def pause(seconds: float | None) -> None:
            if seconds:
                time.sleep(seconds)

        def slow_pause(seconds: float) -> None:
            time.sleep(seconds)

        async def greet(name: str) -> str:
            hello = functools.partial(render, "hello {name}")
            return hello(name=name)

        async def no_pause() -> None:
            skip = functools.partial(pause, None)
            skip()

        async def some_pause() -> None:
            nap = functools.partial(pause)
            nap(0.5)  # ACK101

        async def pause_in_thread() -> None:
            wait = functools.partial(slow_pause, 1.5)
            await asyncio.to_thread(wait)

        def pause_sync() -> None:
            wait = functools.partial(slow_pause, 1.5)
            wait()
    ''', ["ACK101"])
