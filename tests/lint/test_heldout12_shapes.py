"""Shapes found missing on a twelfth held-out set of library code (SDKs, pools, protocols): each flagged shape
beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_dbm_and_shelve_databases_are_files_on_disk():
    check_marked('''
        import asyncio
        import dbm
        import dbm.dumb
        import shelve

        class SessionStore:
            def __init__(self, filename: str) -> None:
                self.filename = filename
                self.sessions = shelve.open(filename)

            async def lookup(self, sid: str):
                return self.sessions.get(sid)  # ACK103

            async def remember(self, sid: str, data: dict) -> None:
                with shelve.open(self.filename, writeback=True) as db:  # ACK103
                    db[sid] = data

            async def flush(self) -> None:
                self.sessions.sync()  # ACK103

        async def mark_seen(path: str, key: bytes) -> None:
            with dbm.open(path, "c") as db:  # ACK103
                db[key] = b"1"
            legacy = dbm.dumb.open(path + ".old")  # ACK103
            legacy.close()

        def count_sessions(filename: str) -> int:
            with shelve.open(filename, flag="r") as db:
                return len(db)

        class MemoryShelf:
            """A shelf over a dict: pickling in memory, no file."""
            def __init__(self) -> None:
                self.db = shelve.Shelf({})

            async def lookup(self, sid: str):
                return self.db.get(sid)

        class Catalogue:
            def open(self, name: str) -> dict:
                return {}

            async def entry(self, name: str, key: str):
                return self.open(name).get(key)

        async def offloaded(filename: str) -> int:
            db = await asyncio.to_thread(shelve.open, filename, "r")
            await asyncio.to_thread(db.close)
            return await asyncio.to_thread(count_sessions, filename)
    ''', BLOCKING)


def test_coroutine_methods_of_asyncio_servers_must_be_awaited():
    check_marked('''
        import asyncio

        async def stop(server: asyncio.Server) -> None:
            server.close()
            server.wait_closed()  # ACK301

        async def stop_base(server: asyncio.AbstractServer) -> None:
            server.close()
            server.wait_closed()  # ACK301

        async def serve(host: str, port: int, handle) -> None:
            server = await asyncio.start_server(handle, host, port, start_serving=False)
            server.start_serving()  # ACK301
            async with server:
                await server.serve_forever()

        async def serve_protocol(loop: asyncio.AbstractEventLoop, factory) -> asyncio.Server:
            srv = await loop.create_server(factory, "127.0.0.1", 0)
            srv.serve_forever()  # ACK301
            return srv

        async def stop_ok(server: asyncio.Server) -> None:
            server.close()
            await server.wait_closed()

        async def serve_in_background(server: asyncio.Server) -> asyncio.Task:
            return asyncio.create_task(server.serve_forever())

        class Listener:
            """A project class whose wait_closed is a plain method."""
            def __init__(self) -> None:
                self.closed = False

            def wait_closed(self) -> bool:
                return self.closed

            async def shutdown(self) -> None:
                self.wait_closed()
    ''', ["ACK301"])


def test_lower_level_loop_and_barrier_coroutines_must_be_awaited():
    check_marked('''
        import asyncio
        import socket

        async def read_into(sock: socket.socket, buf: bytearray) -> int:
            loop = asyncio.get_running_loop()
            loop.sock_recv_into(sock, buf)  # ACK301
            return await loop.sock_recv_into(sock, buf)

        async def upgrade(writer: asyncio.StreamWriter, ctx) -> None:
            writer.start_tls(ctx)  # ACK301
            await writer.start_tls(ctx)

        async def rendezvous(barrier: asyncio.Barrier) -> None:
            barrier.wait()  # ACK301
            await barrier.wait()

        async def pipes(loop: asyncio.AbstractEventLoop, factory, pipe) -> None:
            loop.connect_read_pipe(factory, pipe)  # ACK301
            transport, protocol = await loop.connect_read_pipe(factory, pipe)
            transport.close()
    ''', ["ACK301"])


def test_tls_contexts_netrc_and_ini_files_read_from_disk():
    check_marked('''
        import asyncio
        import configparser
        import netrc
        import ssl

        class TLSConnector:
            def __init__(self, cafile: str, cert: str, key: str) -> None:
                self.cafile, self.cert, self.key = cafile, cert, key
                self._ctx: ssl.SSLContext | None = None

            async def connect(self, host: str, port: int):
                ctx = ssl.create_default_context(cafile=self.cafile)  # ACK103
                ctx.load_cert_chain(self.cert, self.key)  # ACK103
                return await asyncio.open_connection(host, port, ssl=ctx)

            async def connect_default(self, host: str):
                return await asyncio.open_connection(host, 443, ssl=ssl.create_default_context())  # ACK103

            def _build(self) -> ssl.SSLContext:
                ctx = ssl.create_default_context(cafile=self.cafile)
                ctx.load_cert_chain(self.cert, self.key)
                return ctx

            async def connect_cached(self, host: str, port: int):
                if self._ctx is None:
                    self._ctx = await asyncio.to_thread(self._build)
                return await asyncio.open_connection(host, port, ssl=self._ctx)

        async def pinned(pem: str, bundle: str) -> ssl.SSLContext:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.load_verify_locations(cadata=pem)
            ctx.load_verify_locations(bundle)  # ACK103
            return ctx

        async def credentials(host: str):
            return netrc.netrc().authenticators(host)  # ACK103

        async def settings(path: str, defaults: str) -> configparser.ConfigParser:
            cp = configparser.ConfigParser()
            cp.read_string(defaults)
            cp.read_dict({"server": {"port": "8080"}})
            cp.read(path)  # ACK103
            return cp

        class Overrides:
            """A project object with a `read` method that reads nothing from disk."""
            def __init__(self) -> None:
                self.values: dict[str, str] = {}

            def read(self, name: str) -> str:
                return self.values.get(name, "")

            async def port(self) -> str:
                return self.read("port")
    ''', BLOCKING)


def test_a_partial_kept_on_an_attribute_calls_what_it_wraps():
    check_marked('''
        import asyncio
        import functools
        import time

        import requests

        class PoliteClient:
            _pause = functools.partial(time.sleep, 0.5)

            def __init__(self, retries: int = 3) -> None:
                self._session = requests.Session()
                self._get = functools.partial(self._session.get, timeout=10)
                self._nap = functools.partial(asyncio.sleep, 0.5)
                self._slow = functools.partial(time.sleep, 2)

            async def fetch(self, url: str) -> bytes:
                self._pause()  # ACK101
                return self._get(url).content  # ACK102

            async def fetch_offloaded(self, url: str) -> bytes:
                await asyncio.to_thread(self._slow)
                await self._nap()
                return (await asyncio.to_thread(self._get, url)).content

            def fetch_sync(self, url: str) -> bytes:
                self._slow()
                return self._get(url).content

        class Swappable:
            def __init__(self) -> None:
                self._wait = functools.partial(time.sleep, 1)

            def make_fast(self, wait) -> None:
                self._wait = wait

            async def tick(self) -> None:
                self._wait()
    ''', BLOCKING)


def test_a_partial_of_a_coroutine_function_kept_on_an_attribute_makes_coroutines():
    check_marked('''
        import functools

        class Room:
            def __init__(self, hub, name: str) -> None:
                self.hub = hub
                self._announce = functools.partial(self._send, name)
                self._render = functools.partial(self._format, name)

            async def _send(self, room: str, text: str) -> None:
                await self.hub.publish(room, text)

            def _format(self, room: str, text: str) -> str:
                return f"[{room}] {text}"

            def on_join(self, user: str) -> None:
                self._announce(f"{user} joined")  # ACK301
                self._render(user)

            async def on_leave(self, user: str) -> None:
                await self._announce(f"{user} left")
    ''', ["ACK301"])


def test_making_an_instance_runs_its_init_on_the_loop():
    check_marked('''
        import asyncio
        import json
        import socket
        import ssl
        from dataclasses import dataclass, field

        class Settings:
            def __init__(self, path: str) -> None:
                with open(path) as fh:
                    self.values = json.load(fh)

        class RawLink:
            def __init__(self, host: str, port: int) -> None:
                self.sock = socket.create_connection((host, port), timeout=5)

        class AuditLink(RawLink):
            pass

        @dataclass
        class Snapshot:
            path: str
            rows: list = field(default_factory=list)

            def __post_init__(self) -> None:
                with open(self.path) as fh:
                    self.rows = fh.readlines()

        class Endpoint:
            def __init__(self, host: str, tls: ssl.SSLContext | None = None) -> None:
                self.host = host
                self.tls = tls if tls is not None else ssl.create_default_context()

        class Plain:
            def __init__(self, name: str) -> None:
                self.name = name

        async def start(path: str, host: str, ctx: ssl.SSLContext):
            settings = Settings(path)  # ACK103
            link = RawLink(host, 9000)  # ACK105
            audit = AuditLink(host, 9001)  # ACK105
            snap = Snapshot(path)  # ACK103
            endpoint = Endpoint(host, tls=ctx)
            fallback = Endpoint(host)  # ACK103
            return settings, link, audit, snap, endpoint, fallback, Plain(host)

        async def start_offloaded(path: str, host: str):
            settings = await asyncio.to_thread(Settings, path)
            link = await asyncio.get_running_loop().run_in_executor(None, RawLink, host, 9000)
            return settings, link

        def start_sync(path: str) -> Settings:
            return Settings(path)
    ''', BLOCKING)


def test_more_database_cache_and_broker_drivers_wait_for_the_network():
    check_marked('''
        import asyncio
        import oracledb
        import pyodbc
        from confluent_kafka import Consumer, Producer
        from pymemcache.client.base import Client

        class Reports:
            def __init__(self, dsn: str) -> None:
                self.conn = pyodbc.connect(dsn)

            async def totals(self) -> list:
                return self.conn.execute("SELECT region, SUM(amount) FROM sales GROUP BY region").fetchall()  # ACK105

            async def offloaded(self) -> list:
                return await asyncio.to_thread(lambda: self.conn.execute("SELECT 1").fetchall())

        async def ledger(dsn: str) -> list:
            conn = oracledb.connect(dsn=dsn)  # ACK105
            with conn.cursor() as cur:
                cur.execute("SELECT id FROM ledger")  # ACK105
                return cur.fetchall()  # ACK105

        async def ledger_async(dsn: str):
            return await oracledb.connect_async(dsn=dsn)

        class SessionCache:
            def __init__(self) -> None:
                self.mc = Client(("localhost", 11211))
                self.local: dict[str, bytes] = {}

            async def get(self, key: str) -> bytes | None:
                return self.local.get(key) or self.mc.get(key)  # ACK105

            def close(self) -> None:
                self.mc.close()

        class Events:
            def __init__(self) -> None:
                self.producer = Producer({"bootstrap.servers": "kafka:9092"})
                self.consumer = Consumer({"bootstrap.servers": "kafka:9092", "group.id": "sdk"})

            async def publish(self, value: bytes) -> None:
                self.producer.produce("events", value)
                self.producer.poll(0)

            async def drain(self) -> None:
                self.producer.flush(10)  # ACK105

            async def next_message(self):
                return self.consumer.poll(timeout=1.0)  # ACK105

            async def next_message_offloaded(self):
                return await asyncio.to_thread(self.consumer.poll, 1.0)
    ''', BLOCKING)


def test_handlers_of_a_pubsub_run_in_its_worker_thread_are_called_off_the_loop():
    check_marked('''
        import asyncio
        import redis

        class Invalidator:
            def __init__(self, client: redis.Redis, loop: asyncio.AbstractEventLoop) -> None:
                self.client = client
                self.loop = loop
                self.keys: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
                self.ready = asyncio.Event()

            def _on_invalidate(self, message: dict) -> None:
                self.keys.put_nowait(message["data"])  # ACK401

            def _on_ready(self, message: dict) -> None:
                self.loop.call_soon_threadsafe(self.ready.set)

            def start(self):
                pubsub = self.client.pubsub()
                pubsub.subscribe(**{"cache:invalidate": self._on_invalidate})
                pubsub.psubscribe(**{"cache:ready:*": self._on_ready})
                return pubsub.run_in_thread(sleep_time=0.1, daemon=True)

        class PolledInvalidator:
            """The same handler, but messages are pulled on the loop: the handler runs there."""
            def __init__(self, client: redis.Redis) -> None:
                self.pubsub = client.pubsub()
                self.keys: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
                self.pubsub.subscribe(**{"cache:invalidate": self._on_invalidate})

            def _on_invalidate(self, message: dict) -> None:
                self.keys.put_nowait(message["data"])

            async def pump(self) -> None:
                while True:
                    self.pubsub.get_message(timeout=0)
                    await asyncio.sleep(0.05)
    ''', ["ACK401", "ACK402"])


def test_a_task_spawner_handed_to_the_loop_as_a_callback_drops_its_task():
    check_marked('''
        import asyncio
        import threading

        class Bridge:
            def __init__(self, loop: asyncio.AbstractEventLoop, handle) -> None:
                self.loop = loop
                self.handle = handle
                self._tasks: set[asyncio.Task] = set()

            def on_message_from_thread(self, msg: bytes) -> None:
                self.loop.call_soon_threadsafe(asyncio.create_task, self.handle(msg))  # ACK302

            def later(self, msg: bytes) -> None:
                self.loop.call_later(1.0, self.loop.create_task, self.handle(msg))  # ACK302

            def _spawn(self, coro) -> None:
                task = asyncio.create_task(coro)
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

            def on_message_kept(self, msg: bytes) -> None:
                self.loop.call_soon_threadsafe(self._spawn, self.handle(msg))

            def on_message_submitted(self, msg: bytes):
                return asyncio.run_coroutine_threadsafe(self.handle(msg), self.loop)

            def start(self) -> None:
                threading.Thread(target=self.on_message_from_thread, args=(b"x",)).start()

        class Group:
            """A project object with a `create_task` of its own that keeps what it makes."""
            def __init__(self) -> None:
                self.tasks: list[asyncio.Task] = []

            def create_task(self, coro) -> None:
                self.tasks.append(asyncio.ensure_future(coro))

        async def schedule(group: Group, work) -> None:
            asyncio.get_running_loop().call_soon(group.create_task, work())
            asyncio.get_running_loop().call_soon(asyncio.ensure_future, work())  # ACK302
    ''', ["ACK302"])
