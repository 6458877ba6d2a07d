"""Shapes found wrong on a nineteenth held-out set (SDK and client-library code: background threads beside an
event loop, third-party clients): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap

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


def test_a_callable_registered_with_a_class_that_calls_its_listeners_from_its_own_thread_runs_there():
    # the registry starts a thread (a Thread target, or a Thread subclass's run) that calls what was registered,
    # directly or through a helper method, from a list copied under a lock or a dict of handlers per topic
    check_marked('''
        import asyncio
        import threading
        import time

        class ConfigPoller:
            def __init__(self):
                self._listeners = []
                self._lock = threading.Lock()
                self._thread = threading.Thread(target=self._poll, daemon=True)

            def add_listener(self, callback):
                with self._lock:
                    self._listeners.append(callback)

            def start(self):
                self._thread.start()

            def _poll(self):
                while True:
                    time.sleep(2)
                    self._notify()

            def _notify(self):
                with self._lock:
                    listeners = list(self._listeners)
                for listener in listeners:
                    listener()

        class Feed(threading.Thread):
            def __init__(self):
                super().__init__(daemon=True)
                self._handlers = {}

            def subscribe(self, topic, handler):
                self._handlers.setdefault(topic, []).append(handler)

            def run(self):
                while True:
                    topic, payload = self._next()
                    for handler in self._handlers.get(topic, ()):
                        handler(payload)

            def _next(self):
                return "prices", b""

        class App:
            def __init__(self, poller: ConfigPoller, feed: Feed):
                self.reloaded = asyncio.Event()
                self.prices: asyncio.Queue[bytes] = asyncio.Queue(maxsize=100)
                poller.add_listener(self.reloaded.set)  # ACK401
                poller.add_listener(lambda: self.prices.put_nowait(b"reload"))  # ACK401
                feed.subscribe("prices", self._on_price)

            def _on_price(self, payload: bytes) -> None:
                self.prices.put_nowait(payload)  # ACK401
    ''', ["ACK401"])


def test_a_registry_that_calls_its_listeners_on_the_loop_or_a_handoff_to_the_loop_stays_quiet():
    # the listeners are called from a coroutine or a sync method the loop runs; the thread calls something else;
    # what is registered hands over to the loop, or is a threading primitive; a registry-like name on a class
    # that starts no thread
    check_marked('''
        import asyncio
        import functools
        import threading
        import time

        class LoopDispatcher:
            def __init__(self):
                self._listeners = []

            def add_listener(self, callback):
                self._listeners.append(callback)

            async def run(self, source):
                async for event in source:
                    for listener in self._listeners:
                        listener()

            def fire(self):
                for listener in self._listeners:
                    listener()

        class Heartbeat:
            def __init__(self):
                self._listeners = []
                self._beats = 0
                threading.Thread(target=self._beat, daemon=True).start()

            def add_listener(self, callback):
                self._listeners.append(callback)

            def _beat(self):
                while True:
                    time.sleep(1)
                    self._beats += 1

        class App:
            def __init__(self, loop: asyncio.AbstractEventLoop, dispatcher: LoopDispatcher, beat: Heartbeat,
                         poller):
                self.ready = asyncio.Event()
                self.synced = threading.Event()
                dispatcher.add_listener(self.ready.set)
                beat.add_listener(self.ready.set)
                poller.add_listener(self.ready.set)

        class Poller:
            def __init__(self):
                self._listeners = []
                threading.Thread(target=self._poll, daemon=True).start()

            def add_listener(self, callback):
                self._listeners.append(callback)

            def _poll(self):
                while True:
                    time.sleep(1)
                    for listener in self._listeners:
                        listener()

        def wire(loop: asyncio.AbstractEventLoop, poller: Poller, ready: asyncio.Event, synced: threading.Event):
            poller.add_listener(functools.partial(loop.call_soon_threadsafe, ready.set))
            poller.add_listener(synced.set)
    ''', ["ACK401"])


def test_a_registry_of_another_module_that_calls_back_from_its_thread(tmp_path):
    from pathlib import Path

    from asynccheck.config import Config
    from asynccheck.lint import lint_paths

    files = {
        "svc/__init__.py": "",
        "svc/watch.py": '''
            import threading
            import time

            class Watcher:
                def __init__(self):
                    self._callbacks = []
                    self._thread = threading.Thread(target=self._loop, daemon=True)

                def on_change(self, callback):
                    self._callbacks.append(callback)

                def start(self):
                    self._thread.start()

                def _loop(self):
                    while True:
                        time.sleep(1)
                        for cb in self._callbacks:
                            cb()

            class Inline:
                def __init__(self):
                    self._callbacks = []

                def on_change(self, callback):
                    self._callbacks.append(callback)

                def fire(self):
                    for cb in self._callbacks:
                        cb()
        ''',
        "svc/app.py": '''
            import asyncio
            import threading

            from svc.watch import Inline, Watcher

            class App:
                def __init__(self, watcher: Watcher, inline: Inline):
                    self.changed = asyncio.Event()
                    self.flag = threading.Event()
                    watcher.on_change(self.changed.set)
                    watcher.on_change(callback=self.flag.set)
                    inline.on_change(self.changed.set)
        ''',
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    report = lint_paths([tmp_path], Config(root=tmp_path), use_cache=False, jobs=1)
    assert not report.errors
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert found == {("app.py", 10, "ACK401")}
    (finding,) = report.findings
    assert "`self.changed.set` of an `asyncio.Event` is handed to the thread `Watcher` starts" in finding.message


def test_a_queue_sized_by_a_setting_that_defaults_to_unbounded_is_unbounded():
    # the size parameter is kept on self first, or falls back with `or 0` from a None default: a client made
    # without arguments (as most are) gets a queue with no bound
    check_marked('''
        import asyncio

        class EventStream:
            def __init__(self, max_pending: int = 0):
                self._max_pending = max_pending
                self._events: asyncio.Queue = asyncio.Queue(maxsize=self._max_pending)  # ACK501

            async def on_event(self, event: dict) -> None:
                await self._events.put(event)

        class Inbox:
            def __init__(self, capacity=None):
                self._items: asyncio.Queue = asyncio.Queue(capacity or 0)  # ACK501

            async def deliver(self, item) -> None:
                await self._items.put(item)
    ''', ["ACK501"])


def test_a_queue_sized_by_a_setting_with_a_bound_by_default_stays_quiet():
    check_marked('''
        import asyncio

        class EventStream:
            def __init__(self, settings, max_pending: int = 512):
                self._max_pending = max_pending
                self._limit = settings.queue_limit
                self._events: asyncio.Queue = asyncio.Queue(maxsize=self._max_pending)
                self._other: asyncio.Queue = asyncio.Queue(self._limit)

            async def on_event(self, event: dict) -> None:
                await self._events.put(event)
                await self._other.put(event)

        class Inbox:
            def __init__(self, required_capacity, capacity=None):
                self._items: asyncio.Queue = asyncio.Queue(capacity or 1000)
                self._more: asyncio.Queue = asyncio.Queue(required_capacity or 0)

            async def deliver(self, item) -> None:
                await self._items.put(item)
                await self._more.put(item)

        class Resizable:
            def __init__(self, size: int = 0):
                self._size = size
                if not size:
                    self._size = 256
                self._q: asyncio.Queue = asyncio.Queue(self._size)

            async def push(self, item) -> None:
                await self._q.put(item)
    ''', ["ACK501"])
