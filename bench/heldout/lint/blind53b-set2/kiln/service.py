"""The controller's async handlers."""
from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import TypeVar, cast

import httpx
import redis
import redis.asyncio as aioredis
import requests

from . import Bridge, Pool, firing_db, kiln_http, open_bridge, pooled

log = logging.getLogger(__name__)
S = TypeVar("S", bound=requests.Session)
HTTP_POOL = pooled(4)
ASYNC_POOL: Pool[httpx.AsyncClient] = Pool([httpx.AsyncClient(base_url="http://kiln.local") for _ in range(4)])


async def record_firing(kiln: str, peak: int) -> None:  # expect: blocking-call
    with firing_db() as db:
        db.execute("INSERT INTO firings (kiln, peak) VALUES (?, ?)", (kiln, peak))


async def record_firing_offloaded(kiln: str, peak: int) -> None:  # expect: clean  # near: blocking-call
    def write() -> None:
        with firing_db() as db:
            db.execute("INSERT INTO firings (kiln, peak) VALUES (?, ?)", (kiln, peak))

    await asyncio.to_thread(write)


async def kiln_temperature(base_url: str) -> float:  # expect: clean  # near: blocking-call
    async with kiln_http(base_url) as http:
        resp = await http.get("/temperature")
    return resp.json()["celsius"]


async def kiln_temperature_sync_client(kiln: str) -> float:  # expect: blocking-call
    client = HTTP_POOL.take()
    try:
        return client.get(f"/{kiln}/temperature").json()["celsius"]
    finally:
        HTTP_POOL.give(client)


async def kiln_temperature_async_pool(kiln: str) -> float:  # expect: clean  # near: blocking-call
    client = ASYNC_POOL.take()
    try:
        return (await client.get(f"/{kiln}/temperature")).json()["celsius"]
    finally:
        ASYNC_POOL.give(client)


async def push_schedule(token: str, schedule: dict) -> int:  # expect: blocking-call
    bridge: Bridge = open_bridge(token)
    return bridge.post("https://bridge.example.invalid/schedule", json=schedule, timeout=10).status_code


async def fetch_with(session: S, url: str) -> bytes:  # expect: blocking-call
    return session.get(url, timeout=5).content


async def make_client(factory: type[httpx.Client], url: str) -> int:  # expect: blocking-call
    with factory(base_url=url) as client:
        return client.get("/ping").status_code


async def make_async_client(factory: type[httpx.AsyncClient], url: str) -> int:  # expect: clean  # near: blocking-call
    async with factory(base_url=url) as client:
        return (await client.get("/ping")).status_code


class FiringLog:  # expect: blocking-call
    db: sqlite3.Connection | None = None

    def open(self, path: str) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    async def last(self, kiln: str) -> tuple | None:
        assert self.db is not None
        return self.db.execute("SELECT * FROM firings WHERE kiln = ? ORDER BY id DESC", (kiln,)).fetchone()


class Ledger:  # expect: clean
    """A sqlite ledger that is its own context manager."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> "Ledger":
        self.conn = sqlite3.connect(self.path)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.conn is not None
        self.conn.close()

    def balance(self, account: str) -> int:
        assert self.conn is not None
        return self.conn.execute("SELECT SUM(amount) FROM ledger WHERE account = ?", (account,)).fetchone()[0]

    def label(self, account: str) -> str:
        return f"{self.path}:{account}"


async def clay_balance(account: str) -> int:  # expect: blocking-call
    with Ledger("/var/lib/kiln/ledger.db") as ledger:
        return ledger.balance(account)


async def clay_label(account: str, ledger: Ledger) -> str:  # expect: clean  # near: blocking-call
    return ledger.label(account)


async def cached_profile(registry: dict, name: str) -> bytes | None:  # expect: blocking-call
    cache = cast("redis.Redis", registry["cache"])
    return cache.get(f"profile:{name}")


async def cached_profile_async(registry: dict, name: str) -> bytes | None:  # expect: clean  # near: blocking-call
    cache = cast("aioredis.Redis", registry["cache"])
    return await cache.get(f"profile:{name}")


async def warm_kilns(clients: list[httpx.Client], kilns: list[str]) -> None:  # expect: blocking-call
    for i, client in enumerate(clients):
        client.post("/warm", json={"kiln": kilns[i]})


async def warm_kilns_async(clients: list[httpx.AsyncClient], kilns: list[str]) -> None:  # expect: clean  # near: blocking-call
    for kiln, client in zip(kilns, clients):
        await client.post("/warm", json={"kiln": kiln})


async def vent(handle: object) -> None:  # expect: blocking-call
    assert isinstance(handle, requests.Session)
    handle.post("http://kiln.local/vent", timeout=5)
