"""Shapes found wrong on a fourteenth held-out set of realistic typed cases: each shape beside the look-alikes
that must keep their answer."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_loop_paced_by_a_sleep_starts_one_task_per_tick_not_one_per_item():
    check_marked('''
        import asyncio
        import threading
        import time
        from time import sleep as nap

        class Refresher:
            def __init__(self, loop: asyncio.AbstractEventLoop, interval: float) -> None:
                self.loop = loop
                self.interval = interval
                self.kept: set = set()

            async def refresh(self) -> None: ...

            async def tick_forever(self) -> None:
                while True:
                    await asyncio.sleep(self.interval)
                    t = asyncio.create_task(self.refresh())  # at most one start per interval
                    self.kept.add(t)
                    t.add_done_callback(self.kept.discard)

            def _thread_ticker(self) -> None:
                while True:
                    nap(2.5)
                    asyncio.run_coroutine_threadsafe(self.refresh(), self.loop)

            def start(self) -> None:
                threading.Thread(target=self._thread_ticker, daemon=True).start()

            async def only_yields(self, stream) -> None:
                while True:
                    await asyncio.sleep(0)  # yields to the loop, does not pace it
                    t = asyncio.create_task(self.refresh())  # ACK502
                    self.kept.add(t)
                    t.add_done_callback(self.kept.discard)

            async def sleeps_only_on_error(self, inbox) -> None:
                while True:
                    msg = await inbox.get()
                    if msg is None:
                        await asyncio.sleep(1)
                        continue
                    t = asyncio.create_task(self.refresh())  # ACK502
                    self.kept.add(t)
                    t.add_done_callback(self.kept.discard)

        async def per_message(sub, handle) -> None:
            kept = set()
            async for msg in sub:
                time.perf_counter()
                t = asyncio.create_task(handle(msg))  # ACK502
                kept.add(t)
                t.add_done_callback(kept.discard)
    ''', ["ACK502"])


def test_a_value_cast_to_a_blocking_client_type_is_that_client():
    check_marked('''
        import asyncio
        import typing
        from typing import cast

        import httpx
        import requests

        async def from_registry(registry: dict, url: str) -> int:
            session = cast(requests.Session, registry["http"])
            return session.get(url).status_code  # ACK102

        async def cast_in_place(obj: object, url: str) -> str:
            return typing.cast("requests.Session", obj).get(url).text  # ACK102

        async def cast_to_async_client(obj: object, url: str) -> int:
            client = cast(httpx.AsyncClient, obj)
            return (await client.get(url)).status_code

        async def cast_to_something_unknown(obj: object, url: str) -> int:
            return cast("Fetcher", obj).get(url)

        async def cast_then_offloaded(obj: object, url: str) -> int:
            session = cast(requests.Session, obj)
            return (await asyncio.to_thread(session.get, url)).status_code

        def cast_in_sync_code(obj: object, url: str) -> int:
            return cast(requests.Session, obj).get(url).status_code
    ''', BLOCKING)


def test_a_value_cast_to_an_async_client_makes_coroutines():
    check_marked('''
        from typing import cast

        import httpx

        async def close(holder: dict) -> None:
            cast(httpx.AsyncClient, holder["client"]).aclose()  # ACK301

        async def close_awaited(holder: dict) -> None:
            await cast(httpx.AsyncClient, holder["client"]).aclose()
    ''', ["ACK301"])


def test_a_put_on_a_thread_queue_made_with_a_bound_waits_while_it_is_full():
    check_marked('''
        import asyncio
        import queue
        from queue import LifoQueue

        class Uploader:
            def __init__(self, depth: int) -> None:
                self._pending: "queue.Queue[bytes]" = queue.Queue(maxsize=depth)
                self._stack = LifoQueue(8)
                self._open: "queue.Queue[bytes]" = queue.Queue()
                self._zero = queue.Queue(maxsize=0)  # 0 means no bound

            async def submit(self, chunk: bytes) -> None:
                self._pending.put(chunk)  # ACK106

            async def push(self, chunk: bytes) -> None:
                self._stack.put(chunk)  # ACK106

            async def submit_or_drop(self, chunk: bytes) -> None:
                try:
                    self._pending.put(chunk, block=False)
                except queue.Full:
                    pass

            async def submit_now(self, chunk: bytes) -> None:
                self._pending.put(chunk, True, 0)  # a zero timeout raises Full at once
                self._pending.put_nowait(chunk)

            async def submit_off_loop(self, chunk: bytes) -> None:
                await asyncio.to_thread(self._pending.put, chunk)

            async def submit_unbounded(self, chunk: bytes) -> None:
                self._open.put(chunk)
                self._zero.put(chunk)

            def submit_from_thread(self, chunk: bytes) -> None:
                self._pending.put(chunk)

        async def local_batch(items: list) -> None:
            q = queue.Queue(4)
            for item in items:
                q.put(item)  # ACK106

        async def handed_a_queue(q: "queue.Queue[int]") -> None:
            q.put(1)  # whether it has a bound is decided elsewhere

        class Mailbox:
            def __init__(self) -> None:
                self._box: asyncio.Queue[int] = asyncio.Queue(maxsize=3)

            async def post(self, n: int) -> None:
                await self._box.put(n)

        class Ledger:
            def put(self, key: str) -> None: ...

        async def record(ledger: Ledger) -> None:
            ledger.put("k")
    ''', BLOCKING)


def test_unpacking_a_value_declared_as_a_tuple_gives_each_position_its_declared_type():
    check_marked('''
        import asyncio
        import sqlite3
        from typing import Tuple

        import httpx
        import requests

        Conn = sqlite3.Connection

        def connect(path: str) -> "tuple[Conn, sqlite3.Cursor]":
            conn = sqlite3.connect(path)
            return conn, conn.cursor()

        def labels(path: str) -> tuple[str, str]:
            return path, path.upper()

        async def open_clients() -> tuple[httpx.AsyncClient, httpx.AsyncClient]:
            return httpx.AsyncClient(), httpx.AsyncClient()

        async def ping(pair: tuple[requests.Session, str]) -> int:
            session, url = pair
            return session.get(url).status_code  # ACK102

        async def ping_typing(pair: Tuple[str, requests.Session]) -> int:
            url, session = pair
            return session.get(url).status_code  # ACK102

        async def ping_all(many: tuple[requests.Session, ...]) -> int:
            first, *rest = many
            return first.get("https://a").status_code  # ACK102

        async def count(path: str) -> int:
            _conn, cur = connect(path)  # ACK105
            cur.execute("SELECT count(*) FROM t")  # ACK105
            return cur.fetchone()[0]  # ACK105

        async def only_text(path: str) -> str:
            name, upper = labels(path)
            return name.join(upper.split())

        async def handed_off(pair: tuple[requests.Session, str]) -> int:
            session, url = pair
            return (await asyncio.to_thread(session.get, url)).status_code

        def in_sync_code(pair: tuple[requests.Session, str]) -> int:
            session, url = pair
            return session.get(url).status_code
    ''', BLOCKING)


def test_unpacking_what_an_async_function_declares_gives_async_clients():
    check_marked('''
        import httpx

        async def open_clients() -> tuple[httpx.AsyncClient, httpx.AsyncClient]:
            return httpx.AsyncClient(), httpx.AsyncClient()

        async def close_both() -> None:
            a, b = await open_clients()
            a.aclose()  # ACK301
            await b.aclose()
    ''', ["ACK301"])


def test_what_a_declared_queue_or_context_variable_hands_back_is_its_element_type():
    check_marked('''
        import asyncio
        import queue
        import sqlite3
        from contextvars import ContextVar
        from typing import Optional

        import httpx
        import requests

        current_session: ContextVar[requests.Session] = ContextVar("current_session")
        current_client: ContextVar[httpx.AsyncClient] = ContextVar("current_client")
        request_id: ContextVar[str] = ContextVar("request_id")

        class ConnectionPool:
            def __init__(self, path: str, size: int) -> None:
                self._idle: asyncio.Queue[sqlite3.Connection] = asyncio.Queue(maxsize=size)
                self._spare: "queue.Queue[sqlite3.Connection]" = queue.Queue()
                self._names: asyncio.Queue[str] = asyncio.Queue(maxsize=size)

            async def fetch(self, sql: str) -> list:
                conn = await self._idle.get()
                try:
                    return conn.execute(sql).fetchall()  # ACK105
                finally:
                    self._idle.put_nowait(conn)

            async def fetch_spare(self, sql: str) -> list:
                return self._spare.get_nowait().execute(sql).fetchall()  # ACK105

            async def fetch_off_loop(self, sql: str) -> list:
                conn = await self._idle.get()
                try:
                    return await asyncio.to_thread(lambda: conn.execute(sql).fetchall())
                finally:
                    self._idle.put_nowait(conn)

            async def label(self) -> str:
                name = await self._names.get()
                return name.join(("[", "]"))

            def fetch_in_thread(self, sql: str) -> list:
                return self._spare.get().execute(sql).fetchall()

        async def borrow_from(pool: ConnectionPool, sql: str) -> list:
            conn = await pool._idle.get()
            return conn.execute(sql).fetchall()  # ACK105

        async def call_upstream(url: str) -> int:
            return current_session.get().get(url).status_code  # ACK102

        async def call_upstream_async(url: str) -> int:
            return (await current_client.get().get(url)).status_code

        async def tag() -> str:
            return request_id.get().upper()
    ''', BLOCKING)


def test_an_async_client_taken_from_a_declared_holder_makes_coroutines():
    check_marked('''
        import asyncio
        from contextvars import ContextVar

        import httpx

        current_client: ContextVar[httpx.AsyncClient] = ContextVar("current_client")

        class Clients:
            def __init__(self) -> None:
                self.idle: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue(maxsize=4)

            async def retire_one(self) -> None:
                client = await self.idle.get()
                client.aclose()  # ACK301

            async def retire_one_properly(self) -> None:
                client = await self.idle.get()
                await client.aclose()

        async def end_request() -> None:
            current_client.get().aclose()  # ACK301
    ''', ["ACK301"])
