"""Shapes found missing on an eighteenth held-out set (typed code: values known from annotations, fields and
what library calls return): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint.run import Run

from .helpers import check_marked, marked

BLOCKING = ["ACK103", "ACK105", "ACK106"]


def test_sockets_unpacked_from_a_call_the_coroutine_makes_are_its_own_blocking_sockets():
    check_marked('''
        import asyncio
        import socket

        async def handshake() -> bytes:
            near, far = socket.socketpair()
            near.sendall(b"hello")  # ACK105
            return far.recv(5)  # ACK105

        async def serve_one(port: int) -> bytes:
            listener = socket.create_server(("127.0.0.1", port))
            peer, _address = listener.accept()  # ACK105
            return peer.recv(1024)  # ACK105
    ''', BLOCKING)


def test_unpacked_sockets_switched_to_the_loop_or_handed_in_stay_quiet():
    check_marked('''
        import asyncio
        import socket

        async def handshake() -> bytes:
            near, far = socket.socketpair()
            near.setblocking(False)
            far.setblocking(False)
            loop = asyncio.get_running_loop()
            await loop.sock_sendall(near, b"hello")
            return await loop.sock_recv(far, 5)

        async def relay(pair: tuple) -> bytes:
            # a pair made elsewhere: whoever made it decided whether it blocks
            near, far = pair
            near.sendall(b"x")
            return far.recv(1)

        def sync_handshake() -> bytes:
            near, far = socket.socketpair()
            near.sendall(b"hello")
            return far.recv(5)
    ''', BLOCKING)


def test_receiving_on_a_pipe_end_blocks_the_loop():
    check_marked('''
        import multiprocessing
        from multiprocessing.connection import Client, Connection

        async def result_of(conn: Connection) -> object:
            return conn.recv()  # ACK106

        async def spawn_and_wait(target) -> object:
            parent, child = multiprocessing.Pipe()
            multiprocessing.Process(target=target, args=(child,)).start()
            return parent.recv()  # ACK106

        async def ask_broker(address) -> bytes:
            conn = Client(address)
            conn.send_bytes(b"status")
            return conn.recv_bytes()  # ACK106
    ''', BLOCKING)


def test_pipe_ends_polled_offloaded_or_read_in_sync_code_stay_quiet():
    check_marked('''
        import asyncio
        from multiprocessing.connection import Connection

        async def result_if_ready(conn: Connection) -> object:
            if conn.poll():
                return conn.recv()
            return None

        async def result_offloaded(conn: Connection) -> object:
            return await asyncio.to_thread(conn.recv)

        def worker_loop(conn: Connection) -> None:
            while True:
                conn.send(conn.recv())

        class Inbox:
            def recv(self) -> bytes:
                return b""

        async def from_memory(inbox: Inbox) -> bytes:
            return inbox.recv()
    ''', BLOCKING)


def test_a_field_whose_factory_makes_an_empty_container_holds_what_is_stored_in_it():
    check_marked('''
        import asyncio
        from concurrent.futures import Future, ThreadPoolExecutor
        from dataclasses import dataclass, field

        import attr

        @dataclass
        class Batches:
            pool: ThreadPoolExecutor
            running: dict[str, Future] = field(default_factory=dict)

            def start(self, key: str, job) -> None:
                self.running[key] = self.pool.submit(job)

            async def finish(self, key: str):
                return self.running.pop(key).result()  # ACK106

        @attr.s(auto_attribs=True)
        class Journals:
            files: dict = attr.ib(factory=dict)

            def open_journal(self, name: str) -> None:
                self.files[name] = open(name, "a")

            async def note(self, name: str, line: str) -> None:
                self.files[name].write(line)  # ACK103
    ''', BLOCKING)


def test_a_field_factory_container_of_loop_futures_or_wrapped_waits_stays_quiet():
    check_marked('''
        import asyncio
        from concurrent.futures import Future, ThreadPoolExecutor
        from dataclasses import dataclass, field

        @dataclass
        class Replies:
            waiting: dict[str, asyncio.Future] = field(default_factory=dict)

            def expect(self, key: str) -> None:
                self.waiting[key] = asyncio.get_running_loop().create_future()

            async def take(self, key: str):
                return self.waiting.pop(key).result()

        @dataclass
        class Batches:
            pool: ThreadPoolExecutor
            running: dict[str, Future] = field(default_factory=dict)

            def start(self, key: str, job) -> None:
                self.running[key] = self.pool.submit(job)

            async def finish(self, key: str):
                return await asyncio.wrap_future(self.running.pop(key))

            def finish_sync(self, key: str):
                return self.running.pop(key).result()
    ''', BLOCKING)


def test_an_event_handler_filling_an_unbounded_queue_is_not_excused_by_a_drain_method():
    # `drain()` here is a batch reader; a library calls on_message per event and never awaits it
    check_marked('''
        import asyncio

        class Subscription:
            def __init__(self) -> None:
                self.pending = asyncio.Queue()  # ACK501

            def on_message(self, payload: bytes) -> None:
                self.pending.put_nowait(payload)

            async def drain(self) -> list:
                batch = []
                while not self.pending.empty():
                    batch.append(await self.pending.get())
                return batch
    ''', ["ACK501"])


def test_a_writer_whose_callers_await_its_drain_stays_quiet():
    check_marked('''
        import asyncio

        class FrameWriter:
            def __init__(self, transport) -> None:
                self.transport = transport
                self.buffer = asyncio.Queue()

            def write(self, frame: bytes) -> None:
                self.buffer.put_nowait(frame)

            async def drain(self) -> None:
                while not self.buffer.empty():
                    await self.transport.send(self.buffer.get_nowait())
    ''', ["ACK501"])


def test_boto3_clients_and_resources_typed_by_the_stub_package_root_are_sync_clients():
    # `from mypy_boto3_s3 import S3Client`: the form boto3-stubs documents, often under TYPE_CHECKING
    check_marked('''
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from mypy_boto3_dynamodb import DynamoDBClient, DynamoDBServiceResource

        async def put_item(db: "DynamoDBClient", item: dict) -> None:
            db.put_item(TableName="events", Item=item)  # ACK102

        async def scan(db: "DynamoDBServiceResource") -> None:
            db.Table("events").scan()  # ACK102
    ''', ["ACK102"])


def test_boto3_stub_names_that_are_not_clients_and_offloaded_calls_stay_quiet():
    check_marked('''
        import asyncio
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from mypy_boto3_dynamodb import DynamoDBClient, ScanPaginator
            from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

        async def pages(paginator: "ScanPaginator") -> object:
            return paginator.paginate(TableName="events")

        async def put_item(db: "DynamoDBClient", item: dict) -> None:
            await asyncio.to_thread(db.put_item, TableName="events", Item=item)

        def put_item_sync(db: "DynamoDBClient", item: dict) -> None:
            db.put_item(TableName="events", Item=item)
    ''', ["ACK102"])


def test_waiting_for_a_kafka_python_send_acknowledgement_blocks():
    check_marked('''
        from kafka import KafkaProducer

        async def publish(producer: KafkaProducer, topic: str, value: bytes) -> None:
            producer.send(topic, value).get(timeout=10)  # ACK105

        async def publish_later(producer: KafkaProducer, topic: str, value: bytes) -> None:
            record = producer.send(topic, value)
            metadata = record.get()  # ACK105
    ''', BLOCKING)


def test_a_kafka_send_left_to_its_callbacks_or_another_get_stays_quiet():
    check_marked('''
        import asyncio
        from kafka import KafkaProducer

        async def publish(producer: KafkaProducer, topic: str, value: bytes, log) -> None:
            producer.send(topic, value).add_callback(log.debug).add_errback(log.error)

        async def publish_offloaded(producer: KafkaProducer, topic: str, value: bytes) -> None:
            record = producer.send(topic, value)
            await asyncio.to_thread(record.get, 10)

        class Settings:
            def get(self, key: str, timeout=None):
                return key

        async def read(settings: Settings) -> str:
            return settings.get("topic", timeout=10)
    ''', BLOCKING)


def test_a_connection_lent_by_a_psycopg2_pool_and_a_websocket_client_connection_block():
    check_marked('''
        import psycopg2.pool
        import websocket

        async def total(pool: psycopg2.pool.ThreadedConnectionPool) -> int:
            conn = pool.getconn()
            try:
                with conn.cursor() as cur:
                    cur.execute("select count(*) from orders")  # ACK105
                    return cur.fetchone()[0]  # ACK105
            finally:
                pool.putconn(conn)

        async def ticker(url: str) -> str:
            ws = websocket.create_connection(url)  # ACK105
            ws.send("subscribe")  # ACK105
            return ws.recv()  # ACK105
    ''', ["ACK105"])


def test_pooled_connections_offloaded_and_the_async_websockets_library_stay_quiet():
    check_marked('''
        import asyncio

        import psycopg2.pool
        import websockets

        def total_sync(pool: psycopg2.pool.ThreadedConnectionPool) -> int:
            conn = pool.getconn()
            with conn.cursor() as cur:
                cur.execute("select count(*) from orders")
                return cur.fetchone()[0]

        async def total(pool: psycopg2.pool.ThreadedConnectionPool) -> int:
            return await asyncio.to_thread(total_sync, pool)

        async def ticker(url: str) -> str:
            async with websockets.connect(url) as ws:
                await ws.send("subscribe")
                return await ws.recv()
    ''', ["ACK105"])


# A module of type aliases, a module of models declared with them, and the code that uses the models: the
# declaring module names the alias, and only the project index knows what the alias stands for.
ALIASED_PROJECT = {
    "svc/__init__.py": "",
    "svc/kinds.py": '''
        import sqlite3
        import threading

        SyncLock = threading.Lock
        Conn = sqlite3.Connection
    ''',
    "svc/other_kinds.py": '''
        import asyncio

        from .models import Ledger

        AsyncLock = asyncio.Lock
        Book = Ledger
    ''',
    "svc/models.py": '''
        import asyncio
        import sqlite3
        import threading
        from dataclasses import dataclass, field

        from .kinds import Conn, SyncLock

        @dataclass
        class Guarded:
            lock: SyncLock = field(default_factory=threading.Lock)
            data: dict = field(default_factory=dict)

        class Ledger:
            def __init__(self, path: str) -> None:
                self.lock: SyncLock = threading.Lock()

            async def post(self, entry) -> None:
                await asyncio.sleep(0)

        def connect(path: str) -> Conn:
            return sqlite3.connect(path)
    ''',
    "svc/uses.py": '''
        from .kinds import SyncLock
        from .models import Guarded, Ledger, connect
        from .other_kinds import AsyncLock, Book

        async def update(state: Guarded, save) -> None:
            with state.lock:  # ACK201
                await save(state.data)

        async def post(ledger: Ledger, entry) -> None:
            with ledger.lock:  # ACK201
                await ledger.post(entry)

        async def rows(path: str) -> list:
            return connect(path).execute("select 1").fetchall()  # ACK105

        async def forget(book: Book, entry) -> None:
            book.post(entry)  # ACK301

        class Holder:
            def __init__(self, lock: SyncLock, alock: AsyncLock) -> None:
                self.lock = lock
                self.alock = alock

            async def quiet(self, save) -> None:
                async with self.alock:
                    await save()

            def sync_side(self, save) -> None:
                with self.lock:
                    save()
    ''',
}
ALIAS_CODES = {"ACK105", "ACK201", "ACK301"}


def _project_findings(tmp_path, project: dict, codes: set, **kw) -> set:
    for name, text in project.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    run = Run(Config(root=tmp_path).override(select=["ALL"]), jobs=kw.pop("jobs", 1), **kw)
    report = run.check_paths([tmp_path])
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code in codes}


def _project_expected(project: dict, codes: set) -> set:
    return {(name.rpartition("/")[2], line, code) for name, text in project.items()
            for code, line in marked(textwrap.dedent(text).lstrip("\n")) if code in codes}


def _aliased_findings(tmp_path, **kw) -> set:
    return _project_findings(tmp_path, ALIASED_PROJECT, ALIAS_CODES, **kw)


def _aliased_expected() -> set:
    return _project_expected(ALIASED_PROJECT, ALIAS_CODES)


def test_an_instance_of_another_modules_alias_is_an_instance_of_the_aliased_class(tmp_path):
    assert _aliased_expected() and _aliased_findings(tmp_path, use_cache=False) == _aliased_expected()


def test_aliases_resolve_the_same_in_parallel_and_from_a_warm_cache(tmp_path):
    cache = tmp_path / "cache"
    assert _aliased_findings(tmp_path, use_cache=False, jobs=2) == _aliased_expected()
    assert _aliased_findings(tmp_path, cache_dir=cache) == _aliased_expected()
    assert _aliased_findings(tmp_path, cache_dir=cache) == _aliased_expected()


# Exception classes kept in a module of their own: a tuple of them, or another name for CancelledError, caught
# in another module's handler.
ERRORS_PROJECT = {
    "jobs/__init__.py": "",
    "jobs/errors.py": '''
        import asyncio

        RETRY_ON = (ConnectionError, asyncio.TimeoutError)
        STOP_NOTHING = (Exception, asyncio.CancelledError)
        Interrupted = asyncio.CancelledError
        Timeout = asyncio.TimeoutError
    ''',
    "jobs/runner.py": '''
        import asyncio

        from . import errors
        from .errors import RETRY_ON, STOP_NOTHING, Interrupted, Timeout

        async def keep_going(step) -> None:
            while True:
                try:
                    await step()
                except STOP_NOTHING:  # ACK601
                    await asyncio.sleep(1)

        async def keep_going_module(step) -> None:
            while True:
                try:
                    await step()
                except errors.STOP_NOTHING:  # ACK601
                    await asyncio.sleep(1)

        async def interrupted(step) -> None:
            try:
                await step()
            except Interrupted:  # ACK601
                pass
            await asyncio.sleep(0)

        async def retrying(step) -> None:
            while True:
                try:
                    await step()
                except RETRY_ON:
                    await asyncio.sleep(1)

        async def timed(step) -> None:
            try:
                await step()
            except Timeout:
                pass
            await asyncio.sleep(0)

        async def re_raised(step) -> None:
            try:
                await step()
            except STOP_NOTHING:
                await asyncio.sleep(0)
                raise
    ''',
}
CANCEL_CODES = {"ACK601", "ACK602"}


def test_cancellation_caught_through_another_modules_tuple_or_alias(tmp_path):
    expected = _project_expected(ERRORS_PROJECT, CANCEL_CODES)
    assert expected and _project_findings(tmp_path, ERRORS_PROJECT, CANCEL_CODES, use_cache=False) == expected


def test_another_modules_tuple_is_followed_from_a_warm_cache_and_when_it_changes(tmp_path):
    cache = tmp_path / "cache"
    expected = _project_expected(ERRORS_PROJECT, CANCEL_CODES)
    assert _project_findings(tmp_path, ERRORS_PROJECT, CANCEL_CODES, cache_dir=cache) == expected
    assert _project_findings(tmp_path, ERRORS_PROJECT, CANCEL_CODES, cache_dir=cache) == expected
    narrowed = dict(ERRORS_PROJECT)
    narrowed["jobs/errors.py"] = ERRORS_PROJECT["jobs/errors.py"].replace(
        "(Exception, asyncio.CancelledError)", "(Exception,)")
    left = {f for f in expected if f[2] != "ACK601" or "STOP_NOTHING" not in _line(ERRORS_PROJECT, f)}
    assert len(left) == len(expected) - 2
    assert _project_findings(tmp_path, narrowed, CANCEL_CODES, cache_dir=cache) == left


def _line(project: dict, finding: tuple) -> str:
    name = next(n for n in project if n.endswith("/" + finding[0]))
    return textwrap.dedent(project[name]).lstrip("\n").splitlines()[finding[1] - 1]


# Module-level partials in a helpers module, called from another module.
PARTIALS_PROJECT = {
    "tools/__init__.py": "",
    "tools/shell.py": '''
        import functools
        import subprocess
        import threading
        import time

        from .remote import fetch

        run = functools.partial(subprocess.run, check=True, capture_output=True)
        nap = functools.partial(time.sleep, 0.5)
        fetch_json = functools.partial(fetch, accept="application/json")
        EVENT = threading.Event()
        poll_event = functools.partial(EVENT.wait, timeout=0)
        fmt = functools.partial("{}-{}".format, "job")
    ''',
    "tools/remote.py": '''
        import asyncio

        async def fetch(url: str, accept: str = "*/*") -> bytes:
            await asyncio.sleep(0)
            return url.encode()
    ''',
    "tools/jobs.py": '''
        import asyncio

        from .shell import fetch_json, fmt, nap, poll_event, run

        async def build(target: str) -> None:
            run(["make", target])  # ACK104
            nap()  # ACK101

        async def prefetch(url: str) -> None:
            fetch_json(url)  # ACK301

        async def offloaded(target: str) -> None:
            await asyncio.to_thread(run, ["make", target])

        async def fetched(url: str) -> bytes:
            return await fetch_json(url)

        async def quiet(n: int) -> str:
            poll_event()
            return fmt(n)

        def sync_build(target: str) -> None:
            run(["make", target])
            nap()
    ''',
}
PARTIAL_CODES = {"ACK101", "ACK104", "ACK106", "ACK301"}


def test_a_module_level_partial_imported_by_another_module_is_called_as_what_it_wraps(tmp_path):
    expected = _project_expected(PARTIALS_PROJECT, PARTIAL_CODES)
    assert expected and _project_findings(tmp_path, PARTIALS_PROJECT, PARTIAL_CODES, use_cache=False) == expected
