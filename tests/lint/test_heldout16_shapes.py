"""Shapes found missing on a sixteenth held-out set, about knowledge that is inherited or indirect: each flagged
shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint.run import Run

from .helpers import check_marked, marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_project_class_inherits_the_blocking_methods_of_its_library_base():
    check_marked('''
        import asyncio
        import imaplib
        import queue
        import threading
        import requests

        class Tenant(requests.Session):
            def profile(self) -> dict:
                return {}

            async def refresh(self) -> dict:
                self.profile()
                return self.put("https://api/tenant", json={}).json()  # ACK102

            async def refresh_offloaded(self) -> dict:
                resp = await asyncio.to_thread(self.put, "https://api/tenant")
                return resp.json()

        class Mail(imaplib.IMAP4_SSL):
            async def unread(self) -> int:
                self.select("INBOX")  # ACK105
                return 0

        class Backlog(queue.LifoQueue):
            async def newest(self):
                return self.get()  # ACK106

            async def newest_if_any(self):
                return self.get(block=False)

        class Indexer(threading.Thread):
            def run(self) -> None:
                pass

        async def reindex(workers: list[Indexer], tenant: Tenant) -> None:
            for w in workers:
                w.join()  # ACK106
            tenant.options("https://api")  # ACK102

        async def check(w: Indexer) -> bool:
            w.join(timeout=0)
            return w.is_alive()
    ''', BLOCKING)


def test_a_method_the_subclass_defines_is_its_own_not_the_library_one():
    check_marked('''
        import threading
        import requests

        class Cached(requests.Session):
            def __init__(self) -> None:
                super().__init__()
                self.memo: dict = {}

            def get(self, url, **kw):
                return self.memo.get(url)

            async def lookup(self, url: str):
                return self.get(url)

        class Job(threading.Thread):
            def join(self, timeout=None):
                return None

        async def finish(job: Job, c: Cached) -> None:
            job.join()
            c.get("k")
    ''', BLOCKING)


def test_a_project_base_before_the_library_one_wins():
    check_marked('''
        import requests

        class Offline:
            def get(self, url, **kw):
                return None

        class Layered(Offline):
            pass

        class Replayed(Layered, requests.Session):
            async def fetch(self, url: str):
                self.get(url)
                return self.head(url)  # ACK102
    ''', BLOCKING)


def test_a_subclass_of_a_type_that_blocks_by_how_it_was_made_is_left_alone():
    check_marked('''
        import concurrent.futures
        import io
        import sqlite3
        import zipfile

        class Scratch(sqlite3.Connection):
            async def tables(self) -> list:
                return self.execute("SELECT name FROM sqlite_master").fetchall()

        class Bundle(zipfile.ZipFile):
            async def manifest(self) -> bytes:
                return self.read("MANIFEST")

        class Settled(concurrent.futures.Future):
            async def value(self):
                return self.result()

        async def build() -> None:
            db = Scratch(":memory:")
            db.execute("CREATE TABLE t (x)")
            Bundle(io.BytesIO(b"")).namelist()
    ''', BLOCKING)


FILES = {
    "svc/__init__.py": "",
    "svc/clients.py": '''
        import ftplib
        import threading
        import requests

        class Portal(requests.Session):
            def login(self, user: str) -> None:
                self.auth = (user, "")

        class Mirror(ftplib.FTP):
            pass

        class Loader(threading.Thread):
            def run(self) -> None:
                pass

            def join(self, timeout=None) -> None:
                return None
    ''',
    "svc/jobs.py": '''
        import asyncio
        from .clients import Loader, Mirror, Portal

        async def sync_portal(portal: Portal) -> None:
            portal.login("bot")
            portal.delete("https://portal/cache")  # ACK102

        async def sync_mirror(mirror: Mirror) -> list:
            return mirror.nlst()  # ACK105

        async def sync_mirror_offloaded(mirror: Mirror) -> list:
            return await asyncio.to_thread(mirror.nlst)

        async def stop(loader: Loader) -> None:
            loader.join()
    ''',
}


def test_a_library_base_of_a_class_in_another_module_gives_its_instances_the_library_methods(tmp_path: Path):
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    run = Run(Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    report = run.check_paths([tmp_path])
    assert not report.errors, report.errors
    got = {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code in BLOCKING}
    want = {(name.rpartition("/")[2], line, code) for name, text in FILES.items()
            for code, line in marked(textwrap.dedent(text).lstrip("\n"))}
    assert got == want


def test_socketserver_handlers_run_off_the_loop_and_serving_blocks_it():
    check_marked('''
        import asyncio
        import socketserver
        import threading
        from http.server import HTTPServer, SimpleHTTPRequestHandler

        class Feed(socketserver.DatagramRequestHandler):
            frames: asyncio.Queue
            loop: asyncio.AbstractEventLoop

            def handle(self) -> None:
                self.frames.put_nowait(self.rfile.read())  # ACK401
                self.loop.call_soon_threadsafe(self.frames.put_nowait, b"")

            def parse(self) -> None:
                self.frames.put_nowait(b"called from the loop by the app")

        class Hook(SimpleHTTPRequestHandler):
            done: asyncio.Event
            loop: asyncio.AbstractEventLoop

            def do_PUT(self) -> None:
                self.loop.call_later(1, self.done.set)  # ACK402
                self.loop.call_soon_threadsafe(self.done.set)

        async def serve_here(port: int) -> None:
            httpd = HTTPServer(("", port), Hook)
            httpd.handle_request()  # ACK105

        async def serve_aside(port: int) -> HTTPServer:
            httpd = HTTPServer(("", port), Hook)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            return httpd

        async def stop(udp: socketserver.ThreadingUDPServer) -> None:
            udp.shutdown()  # ACK106
            await asyncio.to_thread(udp.shutdown)
            udp.server_close()

        def stop_from_a_thread(udp: socketserver.ThreadingUDPServer) -> None:
            udp.shutdown()
    ''', [*BLOCKING, "ACK401", "ACK402"])


def test_a_coroutine_converted_as_if_it_were_its_result():
    check_marked('''
        import abc

        class Store(abc.ABC):
            @abc.abstractmethod
            async def count(self) -> int: ...

            def size_hint(self) -> int:
                return 0

        async def report(store: Store) -> str:
            n = int(store.count())  # ACK301
            hint = int(store.size_hint())
            m = int(await store.count())
            return str(store.count()) + str(n + m + hint)  # ACK301

        async def empty(store: Store) -> bool:
            return not bool(await store.count())
    ''', ["ACK301"])


def _run(tmp_path: Path, files: dict, codes) -> set:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    report = Run(Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False).check_paths([tmp_path])
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code in codes}


def _marks(files: dict, codes) -> set:
    return {(name.rpartition("/")[2], line, code) for name, text in files.items()
            for code, line in marked(textwrap.dedent(text).lstrip("\n")) if code in codes}


HOOKS = {
    "bus/__init__.py": "",
    "bus/types.py": '''
        from typing import Awaitable, Callable, Optional

        Listener = Callable[[str], Awaitable[None]]
        Filter = Callable[[str], bool]
        MaybeListener = Optional[Listener]
    ''',
    "bus/core.py": '''
        from dataclasses import dataclass, field
        from .types import Filter, Listener

        @dataclass
        class Topic:
            listeners: list[Listener] = field(default_factory=list)
            filters: list[Filter] = field(default_factory=list)

            async def publish(self, message: str) -> None:
                if all(f(message) for f in self.filters):
                    for listener in self.listeners:
                        listener(message)  # ACK301

            async def publish_awaited(self, message: str) -> None:
                for listener in self.listeners:
                    await listener(message)

        async def deliver(by_name: dict[str, Listener], name: str) -> None:
            by_name[name]("hello")  # ACK301
    ''',
}


def test_an_alias_of_a_coroutine_function_type_from_another_module(tmp_path: Path):
    assert _run(tmp_path, HOOKS, ["ACK301"]) == _marks(HOOKS, ["ACK301"])


SPAWNING = {
    "app/__init__.py": "",
    "app/background.py": '''
        import asyncio

        _running: set = set()

        def start(coro) -> asyncio.Task:
            return asyncio.get_running_loop().create_task(coro)

        def start_kept(coro) -> asyncio.Task:
            task = asyncio.create_task(coro)
            _running.add(task)
            task.add_done_callback(_running.discard)
            return task

        def gather_all(*coros):
            return asyncio.gather(*coros)

        class Scheduler:
            def launch(self, coro, name: str) -> asyncio.Task:
                return asyncio.ensure_future(coro)
    ''',
    "app/handlers.py": '''
        from .background import Scheduler, start, start_kept

        async def ping() -> None:
            pass

        async def on_event(sched: Scheduler) -> None:
            start(ping())  # ACK302
            sched.launch(ping(), "ping")  # ACK302
            start_kept(ping())
            task = start(ping())
            await task

        async def chained(sched: Scheduler) -> None:
            sched.launch(ping(), "ping").add_done_callback(print)
    ''',
}


def test_a_task_factory_of_another_module_whose_task_the_caller_drops(tmp_path: Path):
    assert _run(tmp_path, SPAWNING, ["ACK302"]) == _marks(SPAWNING, ["ACK302"])


def test_sdk_callbacks_that_run_on_the_sdks_own_threads():
    check_marked('''
        import asyncio
        import boto3
        from google.cloud import pubsub_v1

        class Meter:
            def __init__(self, total: int, changed: asyncio.Condition) -> None:
                self.total = total
                self.seen = 0
                self.changed = changed

            def __call__(self, chunk: int) -> None:
                self.seen += chunk
                self.changed.notify_all()  # ACK401

        class Tally:
            def __init__(self) -> None:
                self.seen = 0

            def __call__(self, chunk: int) -> None:
                self.seen += chunk

        def fetch(key: str, changed: asyncio.Condition) -> None:
            s3 = boto3.client("s3")
            s3.download_file("bucket", key, "/tmp/x", Callback=Meter(10, changed))
            s3.download_file("bucket", key, "/tmp/y", Callback=Tally())

        async def listen(path: str, queue: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
            sub = pubsub_v1.SubscriberClient()

            def on_message(message) -> None:
                queue.put_nowait(message.data)  # ACK401
                message.ack()

            def on_message_safe(message) -> None:
                loop.call_soon_threadsafe(queue.put_nowait, message.data)
                message.ack()

            sub.subscribe(path, callback=on_message)
            sub.subscribe(path, on_message_safe)
    ''', ["ACK401", "ACK402"])


def test_bigquery_clients_and_jobs_wait_for_the_service():
    check_marked('''
        import asyncio
        from google.cloud import bigquery

        class Reports:
            def __init__(self, client: bigquery.Client) -> None:
                self.client = client

            async def totals(self, day: str) -> list:
                job = self.client.query("SELECT 1")  # ACK102
                job.add_done_callback(print)
                return list(job.result())  # ACK102

            async def table_ref(self) -> str:
                return str(self.client.dataset("sales").table("daily"))

            def totals_sync(self) -> list:
                return list(self.client.query("SELECT 1").result())

            async def totals_offloaded(self) -> list:
                return await asyncio.to_thread(self.totals_sync)
    ''', BLOCKING)


def test_a_subclass_of_an_asyncio_queue_left_unbounded_and_filled_by_its_own_loop():
    check_marked('''
        import asyncio

        class Frames(asyncio.Queue):  # ACK501
            def __init__(self, name: str) -> None:
                super().__init__()
                self.name = name

            async def pump(self, reader: asyncio.StreamReader) -> None:
                while True:
                    self.put_nowait(await reader.readline())

        class Capped(asyncio.Queue):
            def __init__(self, limit: int) -> None:
                super().__init__(limit)

            async def pump(self, reader: asyncio.StreamReader) -> None:
                while True:
                    await self.put(await reader.readline())

        class Jobs(asyncio.PriorityQueue):  # ACK501
            async def feed(self, source) -> None:
                async for job in source:
                    await self.put((job.priority, job))

        class Sized(asyncio.Queue):
            async def feed(self, source) -> None:
                async for item in source:
                    await self.put(item)

        class Seeded(asyncio.Queue):
            def close(self) -> None:
                self.put_nowait(None)  # the one sentinel its consumer stops at

        def build():
            return Jobs(), Sized(maxsize=64), Seeded()
    ''', ["ACK501"])


def test_a_coroutine_tested_for_truth_and_returned_in_a_display():
    check_marked('''
        import asyncio

        class Accounts:
            async def get(self, uid: str) -> dict:
                await asyncio.sleep(0)
                return {}

        async def summary(accounts: Accounts, uid: str) -> dict:
            account = accounts.get(uid)  # ACK301
            if not account:
                return {}
            return {"account": account, "uid": uid}

        async def summary_awaited(accounts: Accounts, uid: str) -> dict:
            account = await accounts.get(uid)
            if not account:
                return {}
            return {"account": account}

        async def pending(accounts: Accounts, uid: str, jobs: list) -> dict:
            job = accounts.get(uid)
            if job:
                jobs.append(job)
            return {"job": job}

        async def maybe(accounts: Accounts, uid: str, fresh: bool):
            job = accounts.get(uid) if fresh else None
            if job:
                await job
            return [job]
    ''', ["ACK301"])
