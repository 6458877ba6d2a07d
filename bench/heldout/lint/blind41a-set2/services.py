"""Chat bots, infra agents and auth endpoints (a second batch, written after the first was scored)."""
from __future__ import annotations

import asyncio
import contextlib
import ftplib
import glob
import imaplib
import os
import threading
import urllib.request
from dataclasses import dataclass, field
from functools import cached_property

import aiofiles
import anyio
import bcrypt
import boto3
import docker
import pymysql
import telebot
import websockets
from argon2 import PasswordHasher
from google.cloud import bigquery
from kubernetes import client as k8s
from sqlalchemy.ext.asyncio import AsyncSession
from twilio.rest import Client as Twilio

ph = PasswordHasher()
tg = telebot.TeleBot(os.environ.get("TG_TOKEN", "x"))


class Infra:  # expect: blocking-call
    @cached_property
    def dynamo(self):
        return boto3.resource("dynamodb")

    async def get_user(self, uid: str) -> dict:
        return self.dynamo.Table("users").get_item(Key={"id": uid}).get("Item", {})


async def run_job(image: str) -> str:  # expect: blocking-call
    return docker.from_env().containers.run(image, remove=True).decode()


async def pods(ns: str) -> list[str]:  # expect: blocking-call
    v1 = k8s.CoreV1Api()
    return [p.metadata.name for p in v1.list_namespaced_pod(ns).items]


async def daily_stats(bq: bigquery.Client, day: str) -> list:  # expect: blocking-call
    return list(bq.query(f"SELECT * FROM stats WHERE day = '{day}'").result())


async def sms(to: str, body: str) -> None:  # expect: blocking-call
    Twilio("sid", "token").messages.create(to=to, from_="+100", body=body)


async def legacy_user(uid: int) -> dict:  # expect: blocking-call
    conn = pymysql.connect(host="db", user="app", database="app")
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM users WHERE id=%s", (uid,))
        return cur.fetchone()


async def login(password: str, hashed: bytes) -> bool:  # expect: blocking-call
    return bcrypt.checkpw(password.encode(), hashed)


async def register(password: str) -> str:  # expect: blocking-call
    return ph.hash(password)


async def notify_admin(text: str) -> None:  # expect: blocking-call
    tg.send_message(42, text)


async def mirror(url: str, dest: str) -> None:  # expect: blocking-call
    urllib.request.urlretrieve(url, dest)


async def fetch_invoices(host: str) -> list[str]:  # expect: blocking-call
    with ftplib.FTP(host) as ftp:
        ftp.login()
        return ftp.nlst()


async def unread(host: str, user: str, pw: str) -> int:  # expect: blocking-call
    box = imaplib.IMAP4_SSL(host)
    box.login(user, pw)
    _, data = box.search(None, "UNSEEN")
    return len(data[0].split())


async def find_reports(root: str) -> list[str]:  # expect: ?blocking-call
    return glob.glob(os.path.join(root, "**", "*.pdf"), recursive=True)


@dataclass
class Paths:  # expect: clean
    root: "os.PathLike"


_locks: dict[str, threading.Lock] = {}


def lock_for(key: str) -> threading.Lock:  # expect: clean
    return _locks.setdefault(key, threading.Lock())


async def update_key(key: str, compute) -> None:  # expect: lock-across-await
    with lock_for(key):
        await compute(key)


class Pool:  # expect: lock-across-await
    _sem = threading.BoundedSemaphore(4)

    async def run(self, job):
        with self._sem:
            return await job()


@dataclass
class State:  # expect: clean
    lock: threading.Lock = field(default_factory=threading.Lock)
    items: list = field(default_factory=list)


async def drain_state(state: State, sink) -> None:  # expect: lock-across-await
    with state.lock:
        while state.items:
            await sink(state.items.pop())


async def maybe_locked(lock: threading.Lock | None, fn) -> None:  # expect: lock-across-await
    with lock if lock is not None else contextlib.nullcontext():
        await fn()


def make_counter():  # expect: lock-across-await
    lock = threading.Lock()
    count = 0

    async def bump(store):
        nonlocal count
        with lock:
            count += 1
            await store.save(count)

    return bump


async def save_all(session: AsyncSession, objs: list) -> None:  # expect: unawaited-coroutine
    session.add_all(objs)
    session.commit()


async def broadcast(ws: websockets.WebSocketServerProtocol, msgs: list[str]) -> None:  # expect: unawaited-coroutine
    for m in msgs:
        ws.send(m)


async def write_log(path: str, line: str) -> None:  # expect: unawaited-coroutine
    async with aiofiles.open(path, "a") as fh:
        fh.write(line)


async def offload(fn, *args) -> None:  # expect: unawaited-coroutine
    asyncio.to_thread(fn, *args)


async def pause() -> None:  # expect: unawaited-coroutine
    anyio.sleep(1)


async def fetch_status(client) -> str:  # expect: clean
    await asyncio.sleep(0)
    return "ok"


async def log_status(log, client) -> None:  # expect: unawaited-coroutine
    log.info("status: %s", fetch_status(client))


async def statuses(clients: list) -> list:  # expect: ?unawaited-coroutine
    return list(map(fetch_status, clients))


async def wait_ready(ev: asyncio.Event) -> None:  # expect: unawaited-coroutine
    if not ev.is_set():
        ev.wait()


async def finish(q: asyncio.Queue) -> None:  # expect: unawaited-coroutine
    q.join()


async def close_stack(stack: contextlib.AsyncExitStack) -> None:  # expect: unawaited-coroutine
    stack.aclose()


def schedule(loop: asyncio.AbstractEventLoop, client) -> None:  # expect: unawaited-coroutine
    loop.call_soon(lambda: fetch_status(client))


async def status_or_default(client, fallback: str) -> str:  # expect: unawaited-coroutine
    return fetch_status(client) or fallback
