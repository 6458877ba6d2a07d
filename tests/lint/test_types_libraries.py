"""Library objects the type model follows through attributes, items and calls (knowledge.ITEM_TYPES,
SUBRESOURCE_FACTORIES): a pymongo client's databases and collections, an XML-RPC proxy's namespaces, boto3's clients and
resources; and the look-alikes (async drivers, building calls, offloaded calls) that must stay quiet."""
from __future__ import annotations

import pytest

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]

CASES = {
    "pymongo-attribute-chains": '''
        import pymongo
        from pymongo import MongoClient
        from pymongo.collection import Collection
        from pymongo.database import Database

        mongo = pymongo.MongoClient("mongodb://localhost")

        async def user_count() -> int:
            return mongo.admin.users.count_documents({})  # ACK105

        async def by_items(client: MongoClient, name: str):
            client["shop"]["orders"].insert_one({"n": 1})  # ACK105
            client[name].orders.delete_many({})  # ACK105
            db = client.get_database("shop")
            db.command("ping")  # ACK105
            names = db.list_collection_names()  # ACK105
            client.server_info()  # ACK105
            return names

        async def declared(coll: Collection, db: "Database | None"):
            doc = coll.find_one({"_id": 1})  # ACK105
            db.get_collection("x").update_one({}, {"$set": {"a": 1}})  # ACK105
            for row in coll.find({"a": 1}):  # ACK105
                print(row)
            cursor = coll.find({})
            for row in cursor:  # ACK105
                print(row)
            coll.aggregate([])  # ACK105
            return doc
    ''',
    "pymongo-building-and-describing": '''
        import asyncio
        import pymongo
        from pymongo.collection import Collection

        async def building(client: pymongo.MongoClient, coll: Collection):
            db = client.shop
            orders = db.orders
            cursor = orders.find({"a": 1}).sort("a")
            fast = coll.with_options(read_preference=None)
            print(coll.name, coll.full_name, db.name, client.address)
            client.close()
            return await asyncio.to_thread(list, cursor), fast

        async def connecting(uri: str):
            # the constructor returns at once (it connects in background threads); the queries are what wait
            client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=2000)
            return client.shop.orders.find_one({})  # ACK105

        async def offloaded(client: pymongo.MongoClient):
            return await asyncio.to_thread(client.shop.orders.count_documents, {})

        def sync_report(client: pymongo.MongoClient):
            return client.shop.orders.count_documents({})
    ''',
    "motor-and-async-pymongo-are-awaited": '''
        from motor.motor_asyncio import AsyncIOMotorClient
        from pymongo import AsyncMongoClient

        async def motor_calls(uri: str):
            client = AsyncIOMotorClient(uri)
            doc = await client.shop.orders.find_one({})
            async for row in client.shop.orders.find({}):
                print(row)
            other = AsyncMongoClient(uri)
            await other.shop.orders.insert_one({})
            return doc
    ''',
    "xmlrpc-proxy-namespaces": '''
        import xmlrpc.client
        from xmlrpc.client import ServerProxy

        async def rpc_version(url: str) -> str:
            return xmlrpc.client.ServerProxy(url).system.version()  # ACK102

        async def rpc_calls(url: str, proxy: ServerProxy):
            proxy.add(1, 2)  # ACK102
            with ServerProxy(url) as p:
                p.jobs.submit("x")  # ACK102
    ''',
    "xmlrpc-proxy-offloaded-or-built": '''
        import asyncio
        import xmlrpc.client

        async def offloaded(url: str):
            proxy = xmlrpc.client.ServerProxy(url)
            method = proxy.system.version
            return await asyncio.to_thread(method)

        def in_a_thread(url: str):
            return xmlrpc.client.ServerProxy(url).system.version()
    ''',
    "boto3-clients-and-resources": '''
        import boto3

        s3 = boto3.client("s3")

        async def publish(name: str, path: str) -> None:
            boto3.resource("s3").Bucket("reports").upload_file(path, name)  # ACK102
            boto3.client("s3").put_object(Bucket="b", Key=name, Body=b"")  # ACK102
            s3.head_object(Bucket="b", Key=name)  # ACK102

        async def resources(session: boto3.Session, name: str):
            bucket = session.resource("s3").Bucket(name)
            obj = bucket.Object("key")
            obj.delete()  # ACK102
            bucket.download_file("key", "/tmp/key")  # ACK102
    ''',
    "boto3-building-and-offloaded": '''
        import asyncio
        import boto3

        async def building(name: str):
            s3 = boto3.resource("s3")
            bucket = s3.Bucket(name)
            obj = bucket.Object("key")
            print(bucket.name, obj.key)
            paginator = boto3.client("s3").get_paginator("list_objects_v2")
            await asyncio.to_thread(bucket.upload_file, "/tmp/a", "a")
            return paginator
    ''',
    "partial-of-a-blocking-call-called": '''
        import functools
        import queue
        import subprocess
        import time
        from functools import partial

        async def delayed(fn) -> None:
            pause = functools.partial(time.sleep, 0.5)
            pause()  # ACK101
            await fn()

        async def direct(q: queue.Queue):
            functools.partial(time.sleep, 1)()  # ACK101
            partial(subprocess.run, ["ls"], check=True)()  # ACK104
            take = partial(q.get, timeout=5)
            return take()  # ACK106

        def sync_helper():
            nap = partial(time.sleep, 1)
            nap()

        async def through_a_helper():
            sync_helper()  # ACK101
    ''',
    "partial-handed-over-or-harmless": '''
        import asyncio
        import functools
        import queue
        import subprocess
        import time
        from functools import partial

        async def offloaded(q: queue.Queue, loop: asyncio.AbstractEventLoop):
            pause = partial(time.sleep, 1)
            await asyncio.to_thread(pause)
            await loop.run_in_executor(None, functools.partial(subprocess.run, ["convert"], check=True))
            loop.call_soon(functools.partial(print, "done"))
            take = partial(q.get, block=False)
            take()
            await asyncio.to_thread(partial(time.sleep, 1))

        async def rebound(flag: bool):
            step = partial(time.sleep, 1)
            if flag:
                step = partial(print, "no wait")
            step()

        def in_a_thread():
            partial(time.sleep, 1)()
    ''',
    "concurrent-future-declared-in-a-coroutine": '''
        import concurrent.futures
        from concurrent.futures import Future

        async def wait_for_render(fut: Future) -> bytes:
            return fut.result(timeout=30)  # ACK106

        async def typed(fut: "concurrent.futures.Future[int]", other: Future[str] | None):
            other.exception()  # ACK106
            return fut.result()  # ACK106

        class Job:
            def __init__(self, pool: concurrent.futures.ThreadPoolExecutor):
                self.handle: concurrent.futures.Future = pool.submit(print)

            async def finish(self):
                return self.handle.result()  # ACK106
    ''',
    "concurrent-future-known-done-or-asyncio": '''
        import asyncio
        import concurrent.futures
        from concurrent.futures import Future

        async def awaited_first(fut: Future) -> bytes:
            await asyncio.wrap_future(fut)
            return fut.result()

        async def checked(fut: Future):
            if fut.done() and not fut.cancelled():
                return fut.result()

        async def asyncio_future(fut: asyncio.Future, task: "asyncio.Task[int]"):
            return fut.result(), task.result(), fut.exception()

        async def waited(futs: list, fut: Future):
            done, _ = await asyncio.wait([asyncio.wrap_future(fut)])
            return fut.result()

        def on_done(fut: concurrent.futures.Future) -> None:
            print(fut.result())

        async def schedules(fut: Future):
            fut.add_done_callback(on_done)
            on_done(fut)

        async def made_here():
            fut = Future()
            fut.set_result(1)
            return fut.result()

        class Lifespan:
            task: "Future[None]"  # set by code elsewhere, which says when it is done

            def __init__(self, portal):
                self.task = portal.start_task_soon(print)

            async def wait_shutdown(self, stream):
                if await stream.receive() is None:
                    self.task.result()
                pending: Future = self.task
                pending.result()
    ''',
    "urllib3-request-with-a-method": '''
        import urllib3
        from urllib3 import PoolManager

        async def sends(pool: urllib3.HTTPConnectionPool, method: str, url: str):
            http = PoolManager()
            http.request("GET", url)  # ACK102
            http.request("put", url, body=b"")  # ACK102
            http.request(method, url)  # ACK102
            http.urlopen(method="PROPFIND", url=url)  # ACK102
            pool.urlopen("POST", "/x")  # ACK102
            urllib3.request("GET", url)  # ACK102
    ''',
    "urllib3-request-that-sends-nothing": '''
        from urllib3 import PoolManager

        async def raises_first(url: str):
            http = PoolManager()
            http.request()
            http.request(None)
            http.request(..., "PUT")
            http.request("sPUTnik")
            http.urlopen("REQUEST", url)
    ''',
    "typevar-bounds": '''
        import threading
        import typing
        from typing import Generic, TypeVar

        import requests

        class Client:
            def __init__(self):
                self.session = requests.Session()

            def fetch(self):
                return self.session.get("https://example.com")

        ClientT = TypeVar("ClientT", bound="Client")
        SessionT = typing.TypeVar("SessionT", bound=requests.Session)
        LockT = TypeVar("LockT", threading.Lock, "threading.Lock")

        class Service(Generic[ClientT]):
            client: ClientT

            async def run(self):
                self.client.fetch()  # ACK102

        class Holder(Generic[ClientT]):
            def __init__(self, client: ClientT):
                self.client = client

            async def run(self):
                self.client.fetch()  # ACK102

        async def direct(c: ClientT, s: "SessionT | None", lock: LockT):
            c.fetch()  # ACK102
            s.get("u")  # ACK102
            with lock:  # ACK201
                await direct(c, s, lock)
    ''',
    "typevar-without-a-known-bound": '''
        import asyncio
        import threading
        from typing import TypeVar

        import httpx
        import requests

        T = TypeVar("T")
        ClientT = TypeVar("ClientT", bound=httpx.AsyncClient)
        Either = TypeVar("Either", requests.Session, httpx.AsyncClient)
        LockT = TypeVar("LockT", bound=asyncio.Lock)

        async def loose(x: T, c: ClientT, e: Either, lock: LockT):
            x.get("u")
            await c.get("u")
            e.get("u")
            async with lock:
                await asyncio.sleep(0)
    ''',
}

LOCK_CASES = {
    "exit-stack-holds-a-thread-lock": '''
        import asyncio
        import contextlib
        import threading
        from contextlib import AsyncExitStack, ExitStack

        LOCK = threading.Lock()

        async def with_stack(lock: threading.Lock):
            with contextlib.ExitStack() as stack:
                stack.enter_context(lock)  # ACK201
                await asyncio.sleep(1)

        async def async_stack(lock: threading.RLock, flag: bool):
            async with AsyncExitStack() as stack:
                stack.enter_context(lock)  # ACK201
                if flag:
                    print("held")
                await asyncio.sleep(1)

        async def never_closed():
            contextlib.ExitStack().enter_context(LOCK)  # ACK201
            await asyncio.sleep(1)

        async def nested(lock: threading.Lock, items):
            with ExitStack() as stack:
                for item in items:
                    if item:
                        stack.enter_context(lock)  # ACK201
                await asyncio.sleep(1)
    ''',
    "exit-stack-look-alikes": '''
        import asyncio
        import threading
        from contextlib import AsyncExitStack, ExitStack

        async def closed_before(lock: threading.Lock):
            with ExitStack() as stack:
                stack.enter_context(lock)
                print("held")
            await asyncio.sleep(1)

        async def closed_by_hand(lock: threading.Lock):
            stack = ExitStack()
            stack.enter_context(lock)
            stack.close()
            await asyncio.sleep(1)

        async def asyncio_lock(lock: asyncio.Lock, path: str):
            async with AsyncExitStack() as stack:
                await stack.enter_async_context(lock)
                stack.enter_context(open(path))
                await asyncio.sleep(1)

        def sync_code(lock: threading.Lock):
            with ExitStack() as stack:
                stack.enter_context(lock)
    ''',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_library_objects(name: str) -> None:
    check_marked(CASES[name], BLOCKING)


@pytest.mark.parametrize("name", sorted(LOCK_CASES))
def test_locks_held_by_an_exit_stack(name: str) -> None:
    check_marked(LOCK_CASES[name], ["ACK201"])


def test_sync_callbacks_of_the_loop_are_not_told_to_await() -> None:
    """In a protocol method or a callback the loop calls, nothing can be awaited: the advice hands the call to a
    thread (or schedules it); in a coroutine, and in a lambda it calls right there, the advice awaits."""
    import textwrap

    from asynccheck.lint import lint_source

    from .helpers import ALL

    source = textwrap.dedent('''
        import asyncio
        import time
        import requests

        def poll():
            requests.get("http://x")

        class Proto(asyncio.Protocol):
            def data_received(self, data):
                time.sleep(1)
                poll()
                open("log").write("x")

        async def main(loop: asyncio.AbstractEventLoop):
            loop.call_soon(lambda: time.sleep(1))
            loop.call_later(1, poll)
            sorted([1], key=lambda x: time.sleep(x))
            time.sleep(1)
            poll()
    ''')
    report = lint_source(source, "example.py", ALL)
    by_line = {}
    for f in report.findings:
        if f.code.startswith("ACK1"):
            by_line.setdefault(f.line, []).append(f.message)
    in_callbacks = [m for line in (11, 12, 13, 16, 17) for m in by_line[line]]
    in_coroutine = [m for line in (18, 19, 20) for m in by_line[line]]
    assert len(in_callbacks) == 5 and len(in_coroutine) == 3, by_line
    assert all("await" not in m and ("run_in_executor" in m or "call_later" in m) for m in in_callbacks), in_callbacks
    assert all("await asyncio" in m for m in in_coroutine), in_coroutine
