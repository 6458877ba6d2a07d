"""Shapes found missing on heldout74's set (whole modules of Django, Channels, bots, Textual, SQLAlchemy, NATS,
ZeroMQ, devices, flows, Celery, Qt, telemetry, Redis streams, mail, Dask/Ray): each flagged shape beside the
look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_loop_made_by_the_policy_in_a_helper_that_runs_a_coroutine():
    check_marked('''
        import asyncio

        def run(coro):
            return asyncio.get_event_loop_policy().new_event_loop().run_until_complete(coro)

        async def echo() -> bytes:
            return b""

        async def roundtrip() -> bytes:
            return run(echo())  # ACK108

        async def inline() -> bytes:
            return asyncio.get_event_loop_policy().get_event_loop().run_until_complete(echo())  # ACK108

        def sync_caller() -> bytes:
            return run(echo())

        async def awaited() -> bytes:
            return await echo()

        async def policy_only() -> None:
            policy = asyncio.get_event_loop_policy()
            policy.set_event_loop(None)
    ''', ["ACK108"])


def test_ray_waits_for_remote_results():
    check_marked('''
        import asyncio

        import ray

        @ray.remote
        def train(shard: int) -> float:
            return shard * 0.5

        async def train_all(shards: list) -> list:
            refs = [train.remote(s) for s in shards]
            return ray.get(refs)  # ACK106

        async def first_done(refs: list) -> list:
            done, _ = ray.wait(refs, num_returns=1)  # ACK106
            return done

        async def train_all_async(shards: list) -> list:
            refs = [train.remote(s) for s in shards]
            return await asyncio.gather(*refs)

        async def offloaded(refs: list) -> list:
            return await asyncio.to_thread(ray.get, refs)

        def driver(shards: list) -> list:
            return ray.get([train.remote(s) for s in shards])

        class Cache:
            def get(self, key):
                return key

        async def look_alike(cache: Cache) -> None:
            cache.get("ray")
    ''', ["ACK106", "ACK108"])


def test_a_base_class_of_another_module_that_stores_a_third_module_client(tmp_path):
    found = project_findings(tmp_path, {
        "shop/__init__.py": "",
        "shop/clients.py": '''
            import httpx
            import requests

            def build_http() -> requests.Session:
                return requests.Session()

            def build_async_http():
                return httpx.AsyncClient(timeout=10)

            http = build_http()
            ahttp = build_async_http()
        ''',
        "shop/base.py": '''
            from . import clients
            from .clients import ahttp, http

            class HttpMixin:
                def init_http(self) -> None:
                    self.http = http

            class AsyncHttpMixin:
                def init_http(self) -> None:
                    self.http = ahttp

            class ModuleHttpBase:
                def __init__(self) -> None:
                    self.http = clients.http

            class HandlerBase:
                def __init__(self) -> None:
                    self.on_done = clients.build_http
        ''',
        "shop/handlers.py": '''
            from .base import AsyncHttpMixin, HandlerBase, HttpMixin, ModuleHttpBase

            class StockChecker(HttpMixin):
                def __init__(self) -> None:
                    self.init_http()

                async def in_stock(self, sku: str) -> bool:
                    return self.http.get(f"/stock/{sku}").json()["n"] > 0

            class AsyncStockChecker(AsyncHttpMixin):
                def __init__(self) -> None:
                    self.init_http()

                async def in_stock(self, sku: str) -> bool:
                    resp = await self.http.get(f"/stock/{sku}")
                    return resp.json()["n"] > 0

            class Prices(ModuleHttpBase):
                async def price(self, sku: str) -> float:
                    return self.http.get(f"/price/{sku}").json()["p"]

                def price_sync(self, sku: str) -> float:
                    return self.http.get(f"/price/{sku}").json()["p"]

            class Handler(HandlerBase):
                async def run(self) -> None:
                    self.on_done()
        ''',
    }, ["ACK102"])
    assert found == {("shop/handlers.py", 8, "ACK102"), ("shop/handlers.py", 20, "ACK102")}


def test_a_partialmethod_of_the_class_called_through_self():
    check_marked('''
        import asyncio
        import functools
        from pathlib import Path

        class Templates:
            def __init__(self, root: Path) -> None:
                self.root = root

            def _load(self, name: str) -> str:
                return (self.root / name).read_text()

            def _label(self, name: str) -> str:
                return name.upper()

            header = functools.partialmethod(_load, "header.html")
            title = functools.partialmethod(_label, "home")

            async def render(self, body: str) -> str:
                return self.header() + body  # ACK103

            async def render_threaded(self, body: str) -> str:
                return await asyncio.to_thread(self.header) + body

            async def render_title(self) -> str:
                return self.title()

            def render_sync(self, body: str) -> str:
                return self.header() + body

        class Bot:
            async def _send(self, text: str) -> None:
                await asyncio.sleep(0)

            hello = functools.partialmethod(_send, "hello")

            async def greet(self) -> None:
                self.hello()  # ACK301

            async def greet_ok(self) -> None:
                await self.hello()
    ''', ["ACK103", "ACK301"])


def test_a_socket_field_of_each_element_of_a_declared_collection():
    check_marked('''
        import asyncio
        import socket
        from typing import NamedTuple

        class Slot(NamedTuple):
            sock: socket.socket
            peer: str

        class Relay:
            def __init__(self) -> None:
                self.slots: list[Slot] = []

            def add(self, host: str, port: int) -> None:
                self.slots.append(Slot(socket.create_connection((host, port)), host))

            async def broadcast(self, data: bytes) -> None:
                for slot in self.slots:
                    slot.sock.sendall(data)  # ACK105

            async def broadcast_threaded(self, data: bytes) -> None:
                for slot in self.slots:
                    await asyncio.to_thread(slot.sock.sendall, data)

            def broadcast_sync(self, data: bytes) -> None:
                for slot in self.slots:
                    slot.sock.sendall(data)

        async def ping_all(slots: list[Slot]) -> None:
            for slot in slots:
                slot.sock.sendall(b"ping")  # ACK105

        async def ping_all_non_blocking(slots: list[Slot]) -> None:
            for slot in slots:
                slot.sock.setblocking(False)
                slot.sock.send(b"ping")

        class Peers:
            def __init__(self) -> None:
                self.names: list[str] = []

            async def show(self) -> None:
                for name in self.names:
                    name.split(".")
    ''', ["ACK105", "ACK103"])


def test_coroutines_mapped_into_a_local_that_is_only_counted():
    check_marked('''
        import asyncio
        from typing import Awaitable, Callable

        async def notify(user: str) -> None:
            await asyncio.sleep(0)

        async def notify_all(users: list, send: Callable[[str], Awaitable[None]]) -> int:
            pending = list(map(send, users))  # ACK301
            return len(pending)

        async def notify_some(users: list) -> bool:
            pending = list(map(notify, users))  # ACK301
            if not pending:
                return False
            return True

        async def notify_gathered(users: list) -> int:
            pending = list(map(notify, users))
            await asyncio.gather(*pending)
            return len(pending)

        async def notify_handed_back(users: list) -> list:
            pending = list(map(notify, users))
            return pending

        async def names(users: list) -> int:
            upper = list(map(str.upper, users))
            return len(upper)

        def sync_count(users: list, send: Callable[[str], None]) -> int:
            done = list(map(send, users))
            return len(done)
    ''', ["ACK301"])


def test_an_asynccontextmanager_declared_to_take_a_thread_lock_holds_the_callers():
    check_marked('''
        import asyncio
        import contextlib
        import threading
        from typing import AsyncIterator

        @contextlib.asynccontextmanager
        async def held(lock: threading.Lock) -> AsyncIterator[None]:
            lock.acquire()  # ACK201
            try:
                yield
            finally:
                lock.release()

        @contextlib.asynccontextmanager
        async def guarded(lock: threading.RLock) -> AsyncIterator[None]:
            with lock:  # ACK201
                yield

        GLOBAL = threading.Lock()

        async def rebalance(book_lock: threading.Lock, broker) -> None:
            async with held(book_lock):  # ACK201
                await broker.rebalance()

        async def snapshot(broker) -> None:
            async with guarded(GLOBAL):  # ACK201
                await broker.snapshot()

        async def quick(book_lock: threading.Lock, broker) -> None:
            async with held(book_lock):
                broker.mark()
            await broker.flush()

        async def with_async_lock(lock: asyncio.Lock, broker) -> None:
            async with lock:
                await broker.rebalance()
    ''', ["ACK201"])
