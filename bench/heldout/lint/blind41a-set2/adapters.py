"""Subclassed clients, generic repositories, adapters (a third batch, written after the first was scored)."""
from __future__ import annotations

import asyncio
import functools
import json
import os
import shutil
import socket
import threading
import time
import weakref
from pathlib import Path
from typing import Generic, TypeVar

import aiohttp
import motor.motor_asyncio
import psycopg2
import requests
import urllib3
from aiogram import Bot

T = TypeVar("T")
HANDLERS = {"get": requests.get, "post": requests.post}


class ApiSession(requests.Session):  # expect: blocking-call
    def __init__(self, base: str):
        super().__init__()
        self.base = base

    async def fetch(self, path: str) -> dict:
        return self.get(self.base + path, timeout=5).json()


class Pg:  # expect: blocking-call
    async def __aenter__(self):
        self.conn = psycopg2.connect("dbname=app")
        return self

    async def __aexit__(self, *exc):
        self.conn.close()


class Fetcher:  # expect: blocking-call
    def __init__(self):
        self.fetch = lambda url: requests.get(url, timeout=5)

    async def run(self, url: str) -> int:
        return self.fetch(url).status_code


async def route(method: str, url: str) -> int:  # expect: blocking-call
    return HANDLERS[method](url, timeout=5).status_code


async def raw_ping(host: str) -> bytes:  # expect: blocking-call
    s = socket.create_connection((host, 7), timeout=3)
    s.sendall(b"ping")
    return s.recv(4)


async def pool_get(url: str) -> bytes:  # expect: blocking-call
    return urllib3.PoolManager().request("GET", url).data


class Store:  # expect: blocking-call
    def __init__(self, base: Path):
        self.base = base

    async def load(self, name: str) -> dict:
        return json.loads((self.base / f"{name}.json").read_text())


async def stream_lines(path: str):  # expect: blocking-call
    with open(path) as fh:
        for line in fh:
            yield line.rstrip("\n")


async def backup(src: str, dst: str) -> None:  # expect: blocking-call
    shutil.copytree(src, dst, dirs_exist_ok=True)


async def list_uploads(root: str) -> list[str]:  # expect: ?blocking-call
    return sorted(os.listdir(root))


class LockedBase:  # expect: clean
    def __init__(self):
        self._lock = threading.Lock()


class LockedChild(LockedBase):  # expect: lock-across-await
    async def update(self, fetch) -> None:
        with self._lock:
            self.value = await fetch()


_key_locks: "weakref.WeakValueDictionary[str, threading.Lock]" = weakref.WeakValueDictionary()


async def per_key(key: str, job) -> None:  # expect: lock-across-await
    lock = _key_locks.setdefault(key, threading.Lock())
    with lock:
        await job(key)


class Poller:  # expect: lock-across-await
    def __init__(self):
        self._mu = threading.Lock()

    async def loop(self, check) -> None:
        while True:
            with self._mu:
                if await check():
                    return
            await asyncio.sleep(1)


class Downloader:  # expect: lock-across-await
    def __init__(self, session: aiohttp.ClientSession):
        self.session = session
        self._lock = threading.RLock()

    async def get(self, url: str) -> bytes:
        with self._lock:
            async with self.session.get(url) as resp:
                return await resp.read()


class Repo(Generic[T]):  # expect: clean
    async def get(self, key: str) -> T | None:
        await asyncio.sleep(0)
        return None


class Users(Repo[dict]):  # expect: unawaited-coroutine
    async def name(self, key: str) -> str:
        user = self.get(key)
        return user["name"]


class Wrapper:  # expect: unawaited-coroutine
    def __init__(self, inner):
        self.inner = inner

    async def __aenter__(self):
        await self.inner.__aenter__()
        return self

    async def __aexit__(self, *exc):
        self.inner.__aexit__(*exc)


async def get_json(session: aiohttp.ClientSession, url: str) -> int:  # expect: unawaited-coroutine
    async with session.get(url) as resp:
        data = resp.json()
        return data["count"]


class Audit:  # expect: unawaited-coroutine
    def __init__(self, url: str):
        self.db = motor.motor_asyncio.AsyncIOMotorClient(url).audit

    async def log(self, event: dict) -> None:
        self.db.events.insert_one(event)


class Alerts:  # expect: unawaited-coroutine
    def __init__(self, bot: Bot, chat: int):
        self.bot = bot
        self.chat = chat

    async def fire(self, text: str) -> None:
        self.bot.send_message(self.chat, text)


async def post_message(channel: str, text: str) -> None:  # expect: clean
    await asyncio.sleep(0)


async def broadcast(text: str) -> None:  # expect: unawaited-coroutine
    send = functools.partial(post_message, "general")
    send(text)


class Util:  # expect: clean
    @staticmethod
    async def ping(host: str) -> None:
        await asyncio.sleep(0)


async def ping_all(hosts: list[str]) -> None:  # expect: unawaited-coroutine
    for h in hosts:
        Util.ping(h)


async def ping_all_ok(hosts: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(Util.ping(h) for h in hosts))


async def delay_then(fn, seconds: float) -> None:  # expect: blocking-call
    t = time
    t.sleep(seconds)
    await fn()
