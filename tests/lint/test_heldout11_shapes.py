"""Shapes found missing on an eleventh held-out set of realistic cases: each flagged shape beside the look-alikes
that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_robots_txt_parser_told_to_read_fetches_its_url():
    check_marked('''
        import asyncio
        import urllib.robotparser
        from urllib.robotparser import RobotFileParser

        class Politeness:
            def __init__(self) -> None:
                self.by_host: dict[str, RobotFileParser] = {}

            async def may_fetch(self, host: str, url: str) -> bool:
                parser = self.by_host.get(host)
                if parser is None:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.set_url(f"https://{host}/robots.txt")
                    parser.read()  # ACK102
                    self.by_host[host] = parser
                return parser.can_fetch("bot", url)

        async def refresh(parser: RobotFileParser) -> None:
            parser.read()  # ACK102

        async def refresh_off_loop(parser: RobotFileParser, body: str) -> None:
            await asyncio.to_thread(parser.read)
            parser.parse(body.splitlines())  # lines fetched already: parsing stays in memory

        def refresh_sync(parser: RobotFileParser) -> None:
            parser.read()

        class Manifest:
            def read(self) -> str:
                return "cached"

        async def manifest_text(m: Manifest) -> str:
            return m.read()  # a method that merely shares the name
    ''', BLOCKING)


def test_a_socket_given_a_timeout_from_a_defaulted_parameter_or_a_constant_still_waits():
    check_marked('''
        import socket

        PROBE_TIMEOUT = 1.5

        async def broadcast_probe(port: int, timeout: float = 2.0) -> list:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(timeout)
            s.sendto(b"who", ("255.255.255.255", port))  # ACK105
            replies = []
            try:
                while True:
                    replies.append(s.recvfrom(512))  # ACK105
            except socket.timeout:
                return replies

        async def ping_once(host: str) -> bytes:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(PROBE_TIMEOUT)
            s.sendto(b"ping", (host, 7))  # ACK105
            return s.recv(64)  # ACK105

        async def poll_ready(port: int, timeout: float = 0.0) -> bytes:
            # a zero default switches the socket to non-blocking mode
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(timeout)
            s.sendto(b"who", ("127.0.0.1", port))
            return s.recv(64)

        async def maybe_non_blocking(port: int, timeout: float = 2.0, fast: bool = False) -> bytes:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            if fast:
                timeout = 0
            s.settimeout(timeout)  # rebound to a zero on one path: the mode is not known here
            s.sendto(b"who", ("127.0.0.1", port))
            return s.recv(64)

        async def caller_decides(port: int, timeout: float) -> bytes:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(timeout)
            s.sendto(b"who", ("127.0.0.1", port))
            return s.recv(64)
    ''', BLOCKING)


def test_a_partial_of_a_project_function_handed_to_the_loop_runs_there():
    check_marked('''
        import asyncio
        import functools
        from functools import partial

        def append_line(path: str, line: str, fut=None) -> None:
            with open(path, "a") as fh:
                fh.write(line)

        def remember(seen: set, key: str, fut=None) -> None:
            seen.add(key)

        def load(path: str, cached: bool = False) -> None:
            if not cached:
                with open(path) as fh:
                    fh.read()

        async def run_logged(job, seen: set) -> None:
            task = asyncio.ensure_future(job())
            task.add_done_callback(functools.partial(append_line, "/var/log/jobs", "done"))  # ACK103
            task.add_done_callback(partial(remember, seen, "job"))
            await task

        async def schedule(path: str) -> None:
            loop = asyncio.get_running_loop()
            loop.call_soon(partial(load, path))  # ACK103
            loop.call_soon(partial(load, path, cached=True))
            loop.call_later(1.0, partial(load), path, True)
            await loop.run_in_executor(None, partial(load, path))
            await asyncio.to_thread(functools.partial(append_line, path, "x"))
    ''', BLOCKING)


def test_a_task_local_only_described_is_dropped():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)
        running: set = set()

        async def start_sync(job) -> None:
            task = asyncio.create_task(job())  # ACK302
            log.info("started %s", task.get_name())

        async def start_named(job) -> None:
            t = asyncio.create_task(job())  # ACK302
            print(f"{t.get_name()} running {t.get_coro()!r}")

        async def start_kept(job) -> None:
            task = asyncio.create_task(job())
            log.info("started %s", task.get_name())
            running.add(task)
            task.add_done_callback(running.discard)

        async def start_and_poll(job) -> None:
            task = asyncio.create_task(job())
            log.info("started %s", task.get_name())
            while not task.done():  # polled to its end
                await asyncio.sleep(0.1)

        async def start_returned(job) -> asyncio.Task:
            task = asyncio.create_task(job())
            log.info("started %s", task.get_name())
            return task
    ''', ["ACK302"])


def test_a_batch_spawned_each_round_of_an_open_ended_loop_is_unbounded():
    check_marked('''
        import asyncio

        class Poller:
            def __init__(self, api, handle) -> None:
                self.api = api
                self.handle = handle
                self.inflight: set = set()

            async def run(self) -> None:
                while True:
                    for update in await self.api.fetch(limit=100):
                        t = asyncio.create_task(self.handle(update))  # ACK502
                        self.inflight.add(t)
                        t.add_done_callback(self.inflight.discard)

            async def run_in_groups(self) -> None:
                while True:
                    updates = await self.api.fetch(limit=100)
                    async with asyncio.TaskGroup() as tg:  # waits for the round's tasks at its exit
                        for update in updates:
                            tg.create_task(self.handle(update))

            async def run_gathered(self) -> None:
                while True:
                    round_tasks = []
                    for update in await self.api.fetch(limit=100):
                        round_tasks.append(asyncio.create_task(self.handle(update)))
                    await asyncio.gather(*round_tasks)

        async def per_subscriber(stream, subscribers: list, send) -> None:
            kept = set()
            async for message in stream:
                for sub in subscribers:
                    t = asyncio.create_task(send(sub, message))  # ACK502
                    kept.add(t)
                    t.add_done_callback(kept.discard)

        async def supervise(factories: dict, stop: asyncio.Event) -> None:
            running = {name: asyncio.create_task(make()) for name, make in factories.items()}
            while not stop.is_set():
                for name, task in list(running.items()):
                    if task.done():  # a crashed worker is replaced: as many tasks as factories
                        running[name] = asyncio.create_task(factories[name]())
                await asyncio.sleep(5)

        async def keep_pool_full(workers: list, make) -> None:
            while True:
                for i, _old in enumerate(workers):
                    workers[i] = asyncio.create_task(make(i))  # stored back in the slot the loop goes over
                await asyncio.sleep(60)

        async def by_message_id(inbox, handle) -> None:
            live: dict = {}
            while True:
                for msg in await inbox.batch():
                    live[msg.id] = asyncio.create_task(handle(msg))  # ACK502

        async def per_file(groups: list, upload) -> None:
            kept = set()
            for group in groups:  # both loops are bounded by their collections
                for path in group:
                    t = asyncio.create_task(upload(path))
                    kept.add(t)
                    t.add_done_callback(kept.discard)
            await asyncio.gather(*kept)
    ''', ["ACK502"])


def test_a_thread_lock_held_across_a_yield_of_an_async_generator():
    check_marked('''
        import asyncio
        import threading
        from contextlib import asynccontextmanager

        class Journal:
            def __init__(self) -> None:
                self._guard = threading.RLock()
                self._alock = asyncio.Lock()
                self.entries: list = []

            async def replay(self):
                with self._guard:  # ACK201
                    for entry in self.entries:
                        yield entry

            async def replay_snapshot(self):
                with self._guard:  # copied under the lock, handed out after it is released
                    snapshot = list(self.entries)
                for entry in snapshot:
                    yield entry

            async def replay_async_lock(self):
                async with self._alock:  # an asyncio lock may be held across a yield
                    for entry in self.entries:
                        yield entry

            def replay_sync(self):
                with self._guard:  # a plain generator runs in its consumer's thread: no other task gets in
                    yield from self.entries

            async def drain(self):
                self._guard.acquire()  # ACK201
                try:
                    while self.entries:
                        yield self.entries.pop()
                finally:
                    self._guard.release()

        gate = threading.Lock()

        @asynccontextmanager
        async def exclusive():
            with gate:  # ACK201
                yield
    ''', ["ACK201"])


def test_entering_an_inter_process_file_lock_waits_for_the_process_holding_it():
    check_marked('''
        import asyncio
        import filelock
        from filelock import AsyncFileLock, FileLock, SoftFileLock

        CACHE_LOCK = FileLock("/var/cache/app/.lock")

        def fill_cache(path: str) -> None:
            with SoftFileLock(path + ".lock"):
                pass

        async def download(url: str, path: str) -> None:
            with FileLock(path + ".lock"):  # ACK106
                await asyncio.sleep(0)
            fill_cache(path)  # ACK106
            await asyncio.to_thread(fill_cache, path)

        async def refresh(lock: filelock.FileLock) -> None:
            with lock:  # ACK106
                pass
            CACHE_LOCK.acquire()  # ACK106

        async def try_refresh(path: str) -> bool:
            lock = FileLock(path + ".lock", timeout=0)  # fails at once instead of waiting
            with lock:
                pass
            CACHE_LOCK.acquire(blocking=False)
            async with AsyncFileLock(path + ".lock"):
                return True

        class Registry:
            def __init__(self) -> None:
                self.entries: dict = {}

            def __enter__(self):
                return self

            def __exit__(self, *exc) -> None:
                self.entries.clear()

        async def in_memory() -> None:
            with Registry():  # a project context manager that touches nothing
                pass
    ''', BLOCKING)


def test_opening_a_shelf_or_dbm_file_reads_the_disk():
    check_marked('''
        import asyncio
        import dbm
        import shelve

        async def session(key: str):
            with shelve.open("/var/lib/app/sessions") as db:  # ACK103
                return db.get(key)  # ACK103 (a shelf reads its file at each access too)

        async def counters() -> int:
            db = dbm.open("/var/lib/app/counters", "c")  # ACK103
            return len(db)

        def session_sync(key: str):
            with shelve.open("/var/lib/app/sessions") as db:
                return db.get(key)

        async def session_off_loop(key: str):
            return await asyncio.to_thread(session_sync, key)

        class Shelf:
            def open(self, name: str) -> dict:
                return {}

        async def look_alike(s: Shelf) -> dict:
            return s.open("x")
    ''', BLOCKING)


def test_a_task_stored_only_in_a_weak_value_dictionary_is_dropped():
    check_marked('''
        import asyncio
        import weakref
        from weakref import WeakValueDictionary

        class Jobs:
            by_id: "WeakValueDictionary[str, asyncio.Task]"

            def __init__(self) -> None:
                self.by_id = WeakValueDictionary()
                self.strong: dict[str, asyncio.Task] = {}

            def start(self, job_id: str, coro) -> None:
                self.by_id[job_id] = asyncio.create_task(coro)  # ACK302

            def start_kept(self, job_id: str, coro) -> None:
                task = asyncio.create_task(coro)
                self.strong[job_id] = task
                self.by_id[job_id] = task  # a weak index beside a strong one

        class Typed:
            def __init__(self) -> None:
                self.running: weakref.WeakValueDictionary[int, asyncio.Task] = weakref.WeakValueDictionary()
                self.plain: dict[int, asyncio.Task] = {}

            def spawn(self, n: int, coro) -> None:
                t = asyncio.create_task(coro)  # ACK302
                self.running[n] = t

            def spawn_plain(self, n: int, coro) -> None:
                self.plain[n] = asyncio.create_task(coro)
    ''', ["ACK302"])


def test_constructing_a_project_class_runs_its_init_on_the_loop():
    check_marked('''
        import asyncio
        import sqlite3
        from dataclasses import dataclass

        class Store:
            def __init__(self, path: str, connect: bool = True) -> None:
                self.path = path
                self.conn = sqlite3.connect(path) if connect else None

            @classmethod
            def default(cls) -> "Store":
                return cls("/var/lib/app/store.db")

        class AuditStore(Store):
            pass

        class Settings:
            def __init__(self, path: str) -> None:
                self.path = path
                self.values: dict = {}

        @dataclass
        class Point:
            x: int
            y: int

        async def open_store(path: str) -> Store:
            return Store(path)  # ACK105

        async def open_default() -> Store:
            return Store.default()  # ACK105

        async def open_audit(path: str) -> Store:
            return AuditStore(path)  # ACK105

        async def lazy_store(path: str) -> Store:
            return Store(path, connect=False)  # told not to connect: nothing blocks

        async def offloaded(path: str) -> Store:
            return await asyncio.to_thread(Store, path)

        async def plain_objects(path: str) -> tuple:
            return Settings(path), Point(1, 2)
    ''', BLOCKING)


def test_asgi_request_and_websocket_methods_make_coroutines():
    check_marked('''
        from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
        from fastapi import FastAPI, Request, UploadFile, WebSocket
        from starlette.websockets import WebSocket as StarletteWebSocket

        app = FastAPI()

        @app.websocket("/ws")
        async def chat(websocket: WebSocket) -> None:
            websocket.accept()  # ACK301
            while True:
                text = await websocket.receive_text()
                websocket.send_text(text.upper())  # ACK301

        async def relay(ws: StarletteWebSocket, payload: dict) -> None:
            await ws.send_json(payload)
            ws.close()  # ACK301

        @app.post("/upload")
        async def upload(file: UploadFile, request: Request) -> dict:
            await file.seek(0)
            file.close()  # ACK301
            body = await request.body()
            return {"size": len(body), "type": request.headers.get("content-type")}

        class Room(AsyncWebsocketConsumer):
            async def receive(self, text_data=None, bytes_data=None):
                self.send(text_data=text_data)  # ACK301
                await self.send(text_data="ack")

        class Feed(AsyncJsonWebsocketConsumer):
            async def connect(self):
                await self.accept()
                self.send_json({"hello": True})  # ACK301

        class Buffered(AsyncWebsocketConsumer):
            def send(self, text_data=None, bytes_data=None, close=False):
                self.pending = text_data  # a sync override: calling it runs it

            async def receive(self, text_data=None, bytes_data=None):
                self.send(text_data=text_data)

        class Message:
            def json(self) -> dict:
                return {}

        async def parse(msg: Message) -> dict:
            return msg.json()  # a method that merely shares the name
    ''', ["ACK301"])


def test_a_pika_blocking_consumer_calls_back_on_the_thread_that_drives_it():
    check_marked('''
        import asyncio
        import pika

        class Intake:
            def __init__(self, url: str, loop: asyncio.AbstractEventLoop) -> None:
                self.url = url
                self.loop = loop
                self.arrived = asyncio.Event()
                self.jobs: asyncio.Queue = asyncio.Queue(maxsize=100)

            def _on_job(self, channel, method, properties, body) -> None:
                self.arrived.set()  # ACK401
                channel.basic_ack(method.delivery_tag)

            def _on_job_safe(self, channel, method, properties, body) -> None:
                self.loop.call_soon_threadsafe(self.jobs.put_nowait, body)
                channel.basic_ack(method.delivery_tag)

            def _drive(self) -> None:
                channel = pika.BlockingConnection(pika.URLParameters(self.url)).channel()
                channel.basic_consume("jobs", self._on_job)
                channel.basic_consume(queue="urgent", on_message_callback=self._on_job_safe)
                channel.start_consuming()

            async def run(self) -> None:
                await asyncio.to_thread(self._drive)

        class LocalBroker:
            def __init__(self) -> None:
                self.handlers: list = []

            def basic_consume(self, queue: str, callback) -> None:
                self.handlers.append(callback)

        def wire(broker: LocalBroker, done: asyncio.Event) -> None:
            def on_job(body) -> None:
                done.set()  # an in-process broker of this module: whoever calls the handler runs it

            broker.basic_consume("jobs", on_job)
    ''', ["ACK401", "ACK402"])
