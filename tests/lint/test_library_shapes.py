"""Shapes of library use found missing or misread on a held-out set of realistic cases: each flagged shape beside
the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_archives_over_memory_buffers_touch_no_disk():
    check_marked('''
        import bz2
        import gzip
        import io
        import tarfile
        import zipfile

        async def from_upload(blob: bytes):
            with zipfile.ZipFile(io.BytesIO(blob)) as zf:
                names = zf.namelist()
                first = zf.read(names[0])
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w:gz") as tf:
                tf.addfile(tarfile.TarInfo("x"))
            with gzip.GzipFile(fileobj=io.BytesIO(blob)) as gz:
                gz.read()
            return bz2.open(io.BytesIO(blob)).read(), first

        async def from_disk(path: str, fh):
            with zipfile.ZipFile(path) as zf:  # ACK103
                zf.read("a")  # ACK103
            with zipfile.ZipFile(fh) as zf:  # ACK103
                zf.read("a")  # ACK103
            with tarfile.open(path) as tf:  # ACK103
                tf.getnames()  # ACK103
            with gzip.open(open(path, "rb")) as gz:  # ACK103
                gz.read()  # ACK103
    ''', BLOCKING)


def test_async_client_methods_are_coroutine_functions():
    check_marked('''
        import aiofiles
        import redis.asyncio as aioredis
        from redis.asyncio import Redis

        async def remember(r: aioredis.Redis, sid: str):
            r.set(f"session:{sid}", 1, ex=60)  # ACK301
            await r.expire(sid, 10)
            pipe = r.pipeline()
            pipe.incr("hits")
            pipe.execute()  # ACK301
            r.lock("resource")

        async def publish(url: str):
            client = Redis.from_url(url)
            client.publish("events", "x")  # ACK301
            return client.pubsub()

        async def audit(path: str, line: str):
            async with aiofiles.open(path, "a") as fh:
                fh.write(line)  # ACK301
                await fh.flush()
            f = await aiofiles.open(path)
            f.name
            await f.close()
    ''', ["ACK301"])


def test_pymongo_databases_and_collections_reached_by_attribute_or_item():
    check_marked('''
        from pymongo import MongoClient
        from pymongo.collection import Collection
        from pymongo.database import Database

        class ProfileStore:
            def __init__(self, uri: str) -> None:
                self.client = MongoClient(uri)
                self.profiles: Collection = self.client["app"]["profiles"]

            async def by_email(self, email: str):
                return self.profiles.find_one({"email": email})  # ACK105

            async def names(self):
                return self.client.list_database_names()  # ACK105

            async def lazy(self):
                cursor = self.profiles.find({})  # a cursor: nothing is asked until it is iterated
                return cursor, self.client.app.name, self.client.address

        async def mark_shipped(db: Database, order_id: str) -> None:
            db.orders.update_one({"_id": order_id}, {"$set": {"status": "shipped"}})  # ACK105
            db.get_collection("audit").insert_one({"order": order_id})  # ACK105
            db.command("ping")  # ACK105

        async def motor_like(client, order_id: str) -> None:
            await client.app.orders.update_one({"_id": order_id}, {"$set": {}})
    ''', BLOCKING)


def test_sqlalchemy_sync_sessions_engines_and_queries():
    check_marked('''
        from fastapi import Depends
        from sqlalchemy import create_engine, select, text
        from sqlalchemy.ext.asyncio import AsyncSession
        from sqlalchemy.orm import Session, sessionmaker

        engine = create_engine("postgresql://app@db/app")
        SessionLocal = sessionmaker(bind=engine)

        async def list_users(db: Session = Depends()):
            return db.query(User).filter(User.active).order_by(User.id).all()  # ACK105

        async def count(db: Session) -> int:
            q = db.query(User)  # building a query sends nothing
            db.add(User())
            db.commit()  # ACK105
            return q.count()  # ACK105

        async def with_factory(uid: int):
            with SessionLocal() as session:
                return session.execute(select(User).where(User.id == uid)).scalar_one()  # ACK105

        async def raw():
            with engine.connect() as conn:  # ACK105
                conn.execute(text("SELECT 1"))  # ACK105

        async def native(session: AsyncSession, uid: int):
            await session.execute(select(User).where(User.id == uid))
            await session.commit()

        def sync_repo(uid: int):
            with SessionLocal() as session:
                return session.get(User, uid)
    ''', BLOCKING)


def test_data_files_read_and_written_by_pandas_and_pillow():
    check_marked('''
        import io

        import pandas as pd
        from PIL import Image

        async def import_prices(path: str) -> int:
            frame = pd.read_csv(path, parse_dates=["day"])  # ACK103
            frame = frame.dropna()
            return len(frame)

        async def export(rows: list, target: str) -> bytes:
            frame = pd.DataFrame(rows)
            frame.to_parquet(target)  # ACK103
            text = frame.to_csv(index=False)  # no path: returns the text
            buf = io.BytesIO()
            frame.to_parquet(buf)
            return text.encode() + buf.getvalue()

        async def parse_upload(text: str) -> list:
            return pd.read_csv(io.StringIO(text)).to_dict(orient="records")

        async def thumbnail(src: str, dst: str) -> bytes:
            img = Image.open(src)  # ACK103
            img.thumbnail((256, 256))
            img.save(dst, format="PNG")  # ACK103
            out = io.BytesIO()
            img.save(out, format="PNG")
            return out.getvalue()

        async def thumbnail_from_bytes(blob: bytes) -> None:
            img = Image.open(io.BytesIO(blob))
            img.thumbnail((64, 64))
    ''', BLOCKING)


def test_boto3_typed_clients_and_resources():
    check_marked('''
        from typing import TYPE_CHECKING

        import boto3

        if TYPE_CHECKING:
            from mypy_boto3_s3.client import S3Client
            from mypy_boto3_dynamodb.service_resource import DynamoDBServiceResource

        class ReceiptStore:
            def __init__(self, bucket: str) -> None:
                self.bucket = bucket
                self.s3: S3Client = boto3.client("s3")

            async def put(self, key: str, body: bytes) -> str:
                self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)  # ACK102
                return self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key})

        async def archive(bucket_name: str, key: str, body: bytes) -> str:
            s3 = boto3.resource("s3")
            bucket = s3.Bucket(bucket_name)  # a handle: no request yet
            bucket.put_object(Key=key, Body=body)  # ACK102
            s3.Object(bucket_name, key).delete()  # ACK102
            return bucket.name

        async def save(ddb: "DynamoDBServiceResource", item: dict) -> None:
            table = ddb.Table("orders")
            table.put_item(Item=item)  # ACK102
    ''', BLOCKING)


def test_unions_of_types_the_rules_treat_alike():
    check_marked('''
        import threading
        from typing import Optional, Union

        import httpx
        import requests

        AnyLock = Union[threading.Lock, threading.RLock]

        async def locked_call(lock: Optional[AnyLock], fn, job: dict) -> None:
            if lock is None:
                await fn(job)
                return
            with lock:  # ACK201
                await fn(job)

        async def geocode(address: str, http: Union[httpx.Client, requests.Session]):
            return http.get("https://geo.example/search", params={"q": address}).json()  # ACK102

        async def either_client(http: Union[httpx.Client, httpx.AsyncClient]):
            return await http.get("https://example/")

        async def either_lock(lock: Union[threading.Lock, "asyncio.Lock"], fn):
            async with lock:
                await fn()
    ''', ["ACK102", "ACK201"])


def test_callables_annotated_to_return_an_awaitable():
    check_marked('''
        import asyncio
        from dataclasses import dataclass
        from typing import Any, Awaitable, Callable, Coroutine, Optional

        JobFn = Callable[[dict], Awaitable[None]]

        async def heartbeat(fn: JobFn) -> None:
            while True:
                fn({"id": "heartbeat"})  # ACK301
                await asyncio.sleep(10)

        async def run(fn: JobFn, make: Callable[[], Coroutine[Any, Any, int]]) -> list:
            await fn({})
            task = asyncio.create_task(make())
            pending = fn({"id": "later"})
            await pending
            coros = [fn({"id": i}) for i in range(3)]
            for done in asyncio.as_completed(coros):
                await done
            return [await task]

        def schedule(loop: asyncio.AbstractEventLoop, fn: Callable[[], Awaitable[None]]) -> None:
            loop.call_soon(fn)  # ACK301

        def plain(fn: Callable[[int], int], factory: Callable[[], Awaitable[int]]) -> Awaitable[int]:
            fn(1)
            return factory()

        async def send_email(to: str, text: str) -> None:
            await asyncio.sleep(0)

        class Notifier:
            def __init__(self, sender: Optional[Callable[..., Awaitable[None]]] = None) -> None:
                self._send = sender or send_email

            async def notify(self, to: str, text: str) -> None:
                self._send(to, text)  # ACK301

        class OneShotCallback:
            def __init__(self, callback) -> None:
                self.callback = callback

            def __call__(self, *args) -> None:
                asyncio.ensure_future(self.callback(*args))

        @dataclass(frozen=True)
        class NumberDescription:
            # a loose annotation: the lambdas filling it call sync methods (a field says less than a parameter)
            set_fn: Callable[[Any, int], Awaitable]

        class Number:
            def __init__(self, description: NumberDescription) -> None:
                self.description = description

            def set_value(self, data: Any, value: float) -> None:
                self.description.set_fn(data, int(value))

        async def watch_close(closing: asyncio.Future, close_callback: Callable[..., Awaitable[Any]]) -> None:
            close_callback = OneShotCallback(close_callback)  # rebound: a plain callable from here on
            closing.add_done_callback(close_callback)
            close_callback(None)
    ''', ["ACK301"])


def test_a_queue_size_put_in_a_reply_is_shown_not_checked():
    check_marked('''
        import asyncio

        from fastapi import FastAPI, Request

        def create_app() -> FastAPI:
            app = FastAPI()
            events: asyncio.Queue[dict] = asyncio.Queue()  # ACK501

            @app.post("/ingest")
            async def ingest(request: Request) -> dict:
                await events.put(await request.json())
                return {"queued": events.qsize()}

            return app

        def create_checked_app() -> FastAPI:
            app = FastAPI()
            events: asyncio.Queue[dict] = asyncio.Queue()

            @app.post("/ingest")
            async def ingest(request: Request) -> dict:
                if events.qsize() > 10_000:
                    return {"queued": False}
                await events.put(await request.json())
                return {"queued": True, "depth": events.qsize()}

            return app
    ''', ["ACK501"])


def test_task_handles_used_only_to_name_them_or_kept_in_a_weak_set():
    check_marked('''
        import asyncio
        import weakref

        async def spawn_followups(jobs: list, fn) -> None:
            for job in jobs:
                t = asyncio.create_task(fn(job))  # ACK302
                t.set_name(f"followup-{job}")

        async def spawn_followups_kept(jobs: list, fn) -> list:
            started = []
            for job in jobs:
                t = asyncio.create_task(fn(job))
                t.set_name(f"followup-{job}")
                started.append(t)
            return started

        async def named_and_awaited(fn) -> None:
            t = asyncio.create_task(fn())
            t.set_name("x")
            await t

        class Presence:
            _running: "weakref.WeakSet[asyncio.Task]" = weakref.WeakSet()
            _strong: "set[asyncio.Task]" = set()

            async def connect(self, client) -> None:
                self._running.add(asyncio.create_task(client.heartbeat()))  # ACK302
                self._strong.add(asyncio.create_task(client.heartbeat()))
    ''', ["ACK302"])


def test_async_library_objects_reached_through_async_with_and_attributes():
    check_marked('''
        import aiohttp
        import websockets
        from motor.motor_asyncio import AsyncIOMotorClient

        async def fetch(session: aiohttp.ClientSession, url: str):
            async with session.get(url) as resp:
                resp.raise_for_status()
                data = resp.json()  # ACK301
                return data["items"], resp.status

        async def fetch_ok(session: aiohttp.ClientSession, url: str):
            async with session.post(url, json={}) as resp:
                body = await resp.text()
            again = await session.get(url)
            return body, await again.json()

        async def chat(url: str) -> str:
            async with websockets.connect(url) as ws:
                ws.send("hello")  # ACK301
                await ws.send("hello again")
                return await ws.recv()

        async def echo(websocket: websockets.WebSocketServerProtocol) -> None:
            async for message in websocket:
                websocket.send(message)  # ACK301

        async def save(uri: str, doc: dict):
            client = AsyncIOMotorClient(uri)
            client.app.users.insert_one(doc)  # ACK301
            await client["app"]["users"].update_one({"_id": 1}, {"$set": doc})
            cursor = client.app.users.find({})
            return await cursor.to_list(10)
    ''', ["ACK301"])


def test_a_task_returned_by_a_lambda_the_loop_calls_back():
    check_marked('''
        import asyncio
        import collections
        import signal

        background: set = set()

        async def schedule(loop: asyncio.AbstractEventLoop, refresh) -> None:
            loop.call_later(5, lambda: asyncio.create_task(refresh()))  # ACK302
            loop.add_signal_handler(signal.SIGHUP, lambda: asyncio.ensure_future(refresh()))  # ACK302
            loop.call_soon(lambda: background.add(asyncio.create_task(refresh())))
            fut = loop.create_future()
            fut.add_done_callback(lambda _f: asyncio.create_task(refresh()))  # ACK302
            await fut

        async def kept(refresh) -> dict:
            tasks = collections.defaultdict(lambda: asyncio.create_task(refresh()))
            first = (lambda: asyncio.create_task(refresh()))()
            return {"tasks": tasks, "first": first}
    ''', ["ACK302"])


def test_paths_a_directory_listing_yields():
    check_marked('''
        import asyncio
        import json
        from pathlib import Path

        async def load_all(folder: Path) -> list:
            out = []
            for f in folder.glob("*.json"):  # ACK103
                out.append(json.loads(f.read_text()))  # ACK103
            return out

        async def purge(folder: Path) -> int:
            names = await asyncio.to_thread(lambda: [c.name for c in folder.iterdir()])
            return len(names)

        def purge_sync(folder: Path) -> None:
            for child in folder.iterdir():
                child.unlink()
    ''', ["ACK103"])
