"""ACK201, ACK401/402, ACK501: shapes of locks, thread hand-offs and queues that are reached indirectly."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CASES = {
    # -- ACK201 -------------------------------------------------------------------------------------------------
    "locks-reached-through-the-class-a-list-a-dict": ("ACK201", '''
        import threading

        _LOCKS = {"db": threading.Lock(), "cache": threading.Lock()}
        _NAMES = {"db": "x", "cache": "y"}

        class Registry:
            _lock = threading.Lock()

            @classmethod
            async def register(cls, factory):
                with cls._lock:  # ACK201
                    await factory()

            @staticmethod
            async def plain(cls, factory):
                with cls._lock:
                    await factory()

        async def by_class_name(factory):
            with Registry._lock:  # ACK201
                await factory()

        class Sharded:
            def __init__(self, n):
                self._shards = [threading.Lock() for _ in range(n)]
                self._names = [str(i) for i in range(n)]
                self._locks = {}

            async def bump(self, store, key):
                with self._shards[hash(key) % 16]:  # ACK201
                    await store.incr(key)
                with open(self._names[0]):
                    await store.incr(key)

            async def write(self, db, key):
                lock = self._locks.setdefault(key, threading.Lock())
                with lock:  # ACK201
                    await db.write(key)
                other = self._locks.setdefault(key, [])
                with other:
                    await db.write(key)

        async def db_write(db, row):
            with _LOCKS["db"]:  # ACK201
                await db.write(row)
            with _NAMES["db"]:
                await db.write(row)
    '''),
    "acquire-tested-in-an-if": ("ACK201", '''
        import threading

        class Timed:
            def __init__(self, client):
                self.client = client
                self._lock = threading.Lock()

            async def call(self, req):
                if not self._lock.acquire(timeout=2.0):  # ACK201
                    raise TimeoutError("busy")
                try:
                    return await self.client.call(req)
                finally:
                    self._lock.release()

            async def call_if(self, req):
                if self._lock.acquire(timeout=2.0):  # ACK201
                    try:
                        return await self.client.call(req)
                    finally:
                        self._lock.release()

            async def snapshot_first(self, req):
                if self._lock.acquire(blocking=False):
                    try:
                        snap = req.snapshot()
                    finally:
                        self._lock.release()
                    await self.client.call(snap)
                if not self._lock.acquire(timeout=1):
                    return None
                self._lock.release()
                await self.client.call(req)
    '''),
    "released-around-the-await-inside-with": ("ACK201", '''
        import asyncio
        import threading

        class Waiter:
            def __init__(self):
                self._mutex = threading.Lock()
                self._event = asyncio.Event()
                self.ready = False

            async def wait_ready(self):
                with self._mutex:
                    while not self.ready:
                        self._mutex.release()
                        try:
                            await self._event.wait()
                        finally:
                            self._mutex.acquire()

            async def wait_then_hold(self, sink):
                with self._mutex:  # ACK201
                    self._mutex.release()
                    try:
                        await self._event.wait()
                    finally:
                        self._mutex.acquire()
                    await sink.write(1)

            async def released_elsewhere(self, sink, other):
                with self._mutex:  # ACK201
                    if self.ready:
                        other.release()
                        await sink.write(1)
    '''),
    "lock-dict-comprehension-and-acquire-assigned": ("ACK201", '''
        import threading

        class Keyed:
            def __init__(self, keys):
                self.locks = {k: threading.Lock() for k in keys}
                self.names = {k: str(k) for k in keys}
                self._lock = threading.Lock()

            async def run(self, key, db):
                with self.locks[key]:  # ACK201
                    await db.x()
                with self.names[key]:
                    await db.x()
                got = self._lock.acquire(timeout=1)  # ACK201
                if not got:
                    return
                try:
                    await db.y()
                finally:
                    self._lock.release()

            async def released_first(self, db):
                got = self._lock.acquire(blocking=False)
                if got:
                    self._lock.release()
                await db.y()
    '''),
    "generic-base-class-holds-the-lock": ("ACK201", '''
        import threading
        from typing import Generic, TypeVar

        T = TypeVar("T")

        class Base(Generic[T]):
            def __init__(self):
                self._lock = threading.Lock()
                self._name = "x"

        class Derived(Base[int]):
            async def save(self, db):
                with self._lock:  # ACK201
                    await db.save(1)
                with open(self._name):
                    await db.save(2)
    '''),
    # -- ACK401 / ACK402 ----------------------------------------------------------------------------------------
    "thread-subclasses-and-library-callbacks": ("ACK401 ACK402", '''
        import asyncio
        import queue
        import threading

        import paho.mqtt.client as mqtt
        from watchdog.events import FileSystemEventHandler, PatternMatchingEventHandler

        class Sensor(threading.Thread):
            def __init__(self, readings: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__(daemon=True)
                self.readings = readings
                self.loop = loop

            def run(self):
                while True:
                    self.readings.put_nowait(1)  # ACK401
                    self.loop.call_soon(print)  # ACK402

            def helper(self):
                self.readings.put_nowait(2)

        class OwnLoop(threading.Thread):
            def run(self):
                asyncio.run(self._amain())

            async def _amain(self):
                stop = asyncio.Event()
                stop.set()

        class Watcher(FileSystemEventHandler):
            def __init__(self, changes: asyncio.Queue, plain: queue.Queue):
                self.changes = changes
                self.plain = plain

            def on_modified(self, event):
                self.changes.put_nowait(event.src_path)  # ACK401
                self.plain.put(event.src_path)

            def describe(self):
                self.changes.put_nowait("x")

        class Csv(PatternMatchingEventHandler):
            def __init__(self, loop: asyncio.AbstractEventLoop, changes: asyncio.Queue):
                self.loop = loop
                self.changes = changes

            def on_created(self, event):
                self.loop.call_soon_threadsafe(self.changes.put_nowait, event.src_path)

        class Bridge:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self.loop = loop
                self.inbox = asyncio.Queue(maxsize=10)
                self.temps = asyncio.Queue(maxsize=10)
                self.client = mqtt.Client()
                self.client.on_message = self._on_message
                self.client.message_callback_add("t", self._on_temp)
                self.on_message = self._on_message
                self.client.loop_start()

            def _on_message(self, client, userdata, msg):
                self.inbox.put_nowait(msg.payload)  # ACK401

            def _on_temp(self, client, userdata, msg):
                self.loop.call_soon_threadsafe(self.temps.put_nowait, msg.payload)

        async def connected(client: mqtt.Client):
            done = asyncio.Event()
            client.on_connect = lambda c, u, f, rc: done.set()  # ACK401
            await done.wait()
    '''),
    "paho-driven-from-the-event-loop": ("ACK401", '''
        import asyncio

        import paho.mqtt.client as mqtt

        class Client:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self._loop = loop
                self._queue = asyncio.Queue(maxsize=10)
                self._connected = loop.create_future()
                self._client = mqtt.Client()
                self._client.on_connect = self._on_connect
                self._client.on_message = self._on_message

            def _on_connect(self, client, userdata, flags, rc):
                self._connected.set_result(None)

            def _on_message(self, client, userdata, msg):
                self._queue.put_nowait(msg)

            def _on_socket_open(self, client, userdata, sock):
                self._loop.add_reader(sock.fileno(), self._client.loop_read)
    '''),
    "arguments-passed-to-the-thread-and-executor-future-callbacks": ("ACK401", '''
        import asyncio
        import concurrent.futures
        import functools
        import threading
        from concurrent.futures import ThreadPoolExecutor

        def _pump(source, q):
            for item in source:
                q.put_nowait(item)  # ACK401

        def _fill(source, q):
            for item in source:
                q.put_nowait(item)

        def start(source, plain):
            q = asyncio.Queue(maxsize=10)
            threading.Thread(target=_pump, args=(source, q), daemon=True).start()
            threading.Thread(target=_fill, args=(source, plain), daemon=True).start()

        class Indexer:
            def __init__(self):
                self.progress = asyncio.Queue(maxsize=10)

            def _index(self, root, out):
                for entry in root:
                    out.put_nowait(entry)  # ACK401

            async def run(self, root):
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, functools.partial(self._index, root, self.progress))

        def _fetch(url, fut):
            fut.set_result(url)  # ACK401

        async def fetch(url, pool: ThreadPoolExecutor):
            loop = asyncio.get_running_loop()
            fut = loop.create_future()
            pool.submit(_fetch, url, fut)
            return await fut

        async def convert(pool: ThreadPoolExecutor, data):
            out = asyncio.get_running_loop().create_future()
            cf = pool.submit(bytes, data)
            cf.add_done_callback(lambda f: out.set_result(f.result()))  # ACK401
            return await out

        async def chained(pool: ThreadPoolExecutor, fn, done: asyncio.Event):
            def finished(cf):
                done.set()  # ACK401
            pool.submit(fn).add_done_callback(finished)
            await done.wait()

        async def on_loop(loop: asyncio.AbstractEventLoop, fn, coro, done: asyncio.Event):
            loop.run_in_executor(None, fn).add_done_callback(lambda f: done.set())
            cf = asyncio.run_coroutine_threadsafe(coro, loop)
            cf.add_done_callback(lambda f: done.set())
    '''),
    "helpers-called-from-the-thread": ("ACK401 ACK402", '''
        import asyncio
        import threading

        import anyio

        async def in_anyio_thread(done: asyncio.Event, flag: threading.Event):
            await anyio.to_thread.run_sync(done.set)  # ACK401
            await anyio.to_thread.run_sync(flag.set)

        class Device:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self._loop = loop
                self._done = asyncio.Event()
                self._plain = threading.Event()

            def _notify(self):
                self._done.set()  # ACK401

            def _wake(self):
                self._loop.call_soon(print)  # ACK402

            def _signal_plain(self):
                self._plain.set()

            def _blocking(self):
                self._notify()
                self._signal_plain()
                self._step()

            def _step(self):
                self._wake()

            def _on_loop_only(self):
                self._done.clear()

            async def run(self):
                self._on_loop_only()
                await asyncio.to_thread(self._blocking)

        def worker(q, n):
            q.put_nowait(n)  # ACK401

        def start(n, plain):
            q = asyncio.Queue(maxsize=4)
            threading.Thread(target=worker, kwargs={"q": q, "n": n}).start()
            threading.Thread(target=worker, kwargs={"q": plain, "n": n}).start()
    '''),
    # -- ACK501 -------------------------------------------------------------------------------------------------
    "queue-shapes": ("ACK501", '''
        import asyncio
        import logging
        import sys
        from collections import defaultdict
        from typing import Generic, TypeVar

        import janus

        T = TypeVar("T")

        class Keyed:
            def __init__(self):
                self.queues = defaultdict(asyncio.Queue)  # ACK501
                self.lists = defaultdict(list)
                self.bounded = defaultdict(lambda: asyncio.Queue(maxsize=10))

            def on_message(self, key, msg):
                self.queues[key].put_nowait(msg)
                self.lists[key].append(msg)
                self.bounded[key].put_nowait(msg)

        class FedByThread:
            def __init__(self, source):
                self.source = source
                self._q = janus.Queue()  # ACK501
                self._bounded = janus.Queue(100)

            def _produce(self):
                while True:
                    self._q.sync_q.put(self.source.read())
                    self._bounded.sync_q.put(self.source.read())

        async def logged(sub):
            buf = asyncio.Queue()  # ACK501
            async for msg in sub:
                await buf.put(msg)
                logging.debug("queued %d", buf.qsize())
                if buf.qsize() % 100 == 0:
                    print(f"{buf.qsize()} queued")

        async def capped(sub, limit):
            buf = asyncio.Queue()
            async for msg in sub:
                while buf.qsize() >= limit:
                    await asyncio.sleep(0.1)
                await buf.put(msg)
                logging.debug("queued %d", buf.qsize())

        async def first_result(coros):
            results = asyncio.Queue()

            async def run(c):
                await results.put(await c)

            tasks = [asyncio.create_task(run(c)) for c in coros]
            return await results.get()

        class Channel(Generic[T]):
            def __init__(self, size: int = 8):
                self._q = asyncio.Queue[T]()  # ACK501
                self._bounded = asyncio.Queue[T](maxsize=size)

            def send_nowait(self, item: T):
                self._q.put_nowait(item)
                self._bounded.put_nowait(item)

        class Stdin:
            def __init__(self, loop: asyncio.AbstractEventLoop, sock, lines: list):
                self.loop = loop
                self.sock = sock
                self.lines = lines
                self.a = asyncio.Queue()  # ACK501
                self.b = asyncio.Queue()  # ACK501
                self.c = asyncio.Queue()

            def _read(self):
                for line in sys.stdin:
                    self.loop.call_soon_threadsafe(self.a.put_nowait, line)
                for chunk in iter(lambda: self.sock.recv(4096), b""):
                    self.loop.call_soon_threadsafe(self.b.put_nowait, chunk)
                for line in self.lines:
                    self.loop.call_soon_threadsafe(self.c.put_nowait, line)

        class Wrapper:
            def __init__(self, maxsize: int = 0, capacity: int = 64, other=None):
                self._q = asyncio.Queue(maxsize)  # ACK501
                self._r = asyncio.Queue(capacity)
                self._s = asyncio.Queue(other)

            async def pump(self, src):
                async for m in src:
                    await self._q.put(m)
                    await self._r.put(m)
                    await self._s.put(m)

        def make_handler(sink):
            seen = asyncio.Queue()  # ACK501

            def handle(msg):
                seen.put_nowait(msg)

            return handle
    '''),
    # `loop.stop()` only sets a flag: from another thread the loop sleeping in select() does not see it
    "loop-stopped-from-a-thread": ("ACK401 ACK402", '''
        import asyncio
        import signal
        import threading

        async def stop_when(stopper):
            loop = asyncio.get_running_loop()

            def wait_and_stop():
                stopper.wait()
                loop.stop()  # ACK402

            await loop.run_in_executor(None, wait_and_stop)

        class Service:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self.loop = loop

            def _watch(self, stopper):
                stopper.wait()
                self.loop.stop()  # ACK402

            def start(self, stopper):
                threading.Thread(target=self._watch, args=(stopper,)).start()

        def install(loop: asyncio.AbstractEventLoop):
            signal.signal(signal.SIGTERM, lambda *_: loop.stop())  # ACK402
    '''),
    "loop-stopped-on-its-own-thread": ("ACK401 ACK402", '''
        import asyncio
        import signal
        import threading

        async def stop_when(stopper):
            loop = asyncio.get_running_loop()

            def wait_and_stop():
                stopper.wait()
                loop.call_soon_threadsafe(loop.stop)

            await loop.run_in_executor(None, wait_and_stop)

        async def stop_now():
            asyncio.get_running_loop().stop()

        def run_in_thread(work):
            loop = asyncio.new_event_loop()
            loop.call_soon(loop.stop)
            loop.run_forever()
            work()
            loop.stop()

        def start():
            threading.Thread(target=run_in_thread, args=(print,)).start()

        def install(loop: asyncio.AbstractEventLoop):
            loop.add_signal_handler(signal.SIGTERM, loop.stop)
            loop.call_soon(loop.stop)
    '''),
}


@pytest.mark.parametrize("name", CASES)
def test_examples(name):
    codes, source = CASES[name]
    check_marked(source, codes.split())


def test_callbacks_registered_with_an_sdk_driven_from_a_worker_thread():
    # a sync SDK whose work this module runs in a thread calls what is registered with it from that thread
    check_marked('''
        import asyncio
        from typing import Any

        class SdkBridge:
            def __init__(self, sdk: Any, loop: asyncio.AbstractEventLoop) -> None:
                self.sdk = sdk
                self.loop = loop
                self.readings = asyncio.Queue(100)

            def on_reading(self, value: float) -> None:
                self.loop.call_soon(self.readings.put_nowait, value)  # ACK402

            async def start(self) -> None:
                self.sdk.register_callback(self.on_reading)
                await asyncio.to_thread(self.sdk.start_streaming)

        async def run_job(sdk: Any) -> None:
            done = asyncio.Event()
            sdk.on_done = lambda: done.set()  # ACK401
            await asyncio.to_thread(sdk.run)
            await done.wait()
    ''', ["ACK401", "ACK402"])


def test_callbacks_of_sdks_not_driven_from_a_thread_or_handed_over_safely_stay_clean():
    check_marked('''
        import asyncio
        from typing import Any

        class SafeBridge:
            def __init__(self, sdk: Any, loop: asyncio.AbstractEventLoop) -> None:
                self.sdk = sdk
                self.loop = loop
                self.readings = asyncio.Queue(100)

            def on_reading(self, value: float) -> None:
                self.loop.call_soon_threadsafe(self.readings.put_nowait, value)

            async def start(self) -> None:
                self.sdk.register_callback(self.on_reading)
                await asyncio.to_thread(self.sdk.start_streaming)

        class LoopDriven:
            def __init__(self, sdk: Any, cache: Any) -> None:
                self.sdk = sdk
                self.cache = cache
                self.changed = asyncio.Event()

            def on_reading(self, value: float) -> None:
                self.changed.set()

            async def start(self) -> None:
                self.sdk.register_callback(self.on_reading)  # called back from process_events(), on the loop
                await asyncio.to_thread(self.cache.warm_up)  # another object runs in the thread
                self.sdk.process_events()

        async def two_clients(a: Any, b: Any) -> None:
            done = asyncio.Event()
            b.on_done = lambda: done.set()
            await asyncio.to_thread(a.run)
    ''', ["ACK401", "ACK402"])


def test_paho_callbacks_on_a_client_nothing_types():
    # `client.on_message = ...` and `client.loop_start()` on an untyped client: paho's network thread calls it
    check_marked('''
        import asyncio

        class MqttBridge:
            def __init__(self, client) -> None:
                self.client = client
                self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=100)
                client.on_message = self._on_message

            def _on_message(self, client, userdata, msg) -> None:
                self.inbox.put_nowait(msg.payload)  # ACK401

            async def start(self) -> None:
                self.client.loop_start()

        class MqttBridgeSafe:
            def __init__(self, client, loop: asyncio.AbstractEventLoop) -> None:
                self.client = client
                self.loop = loop
                self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=100)
                client.on_message = self._on_message

            def _on_message(self, client, userdata, msg) -> None:
                self.loop.call_soon_threadsafe(self.inbox.put_nowait, msg.payload)

            async def start(self) -> None:
                self.client.loop_start()
    ''', ["ACK401", "ACK402"])
    check_marked('''
        import asyncio

        class ChatRoom:
            """A websocket room: `on_message` is called by the room's own coroutine, no network thread here."""
            def __init__(self, socket) -> None:
                self.inbox: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
                socket.on_message = self._on_message

            def _on_message(self, text: str) -> None:
                self.inbox.put_nowait(text)
    ''', ["ACK401", "ACK402"])
