"""Inventory sync: a SQLite ledger, a supplier REST API, and a reconciler that runs every few minutes."""
from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Iterator

import httpx
import requests

log = logging.getLogger("inventory")

_db_lock = threading.Lock()


@contextmanager
def ledger(path: str) -> Iterator[sqlite3.Connection]:  # expect: clean
    conn = sqlite3.connect(path)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


async def stock_level(path: str, sku: str) -> int:  # expect: blocking-call
    with ledger(path) as conn:
        row = conn.execute("SELECT qty FROM stock WHERE sku = ?", (sku,)).fetchone()
    return row[0] if row else 0


async def stock_level_offloaded(path: str, sku: str) -> int:  # expect: clean  # near: blocking-call
    def read() -> int:
        with ledger(path) as conn:
            row = conn.execute("SELECT qty FROM stock WHERE sku = ?", (sku,)).fetchone()
        return row[0] if row else 0

    return await asyncio.to_thread(read)


async def adjust(path: str, sku: str, delta: int, supplier: httpx.AsyncClient) -> None:  # expect: lock-across-await, blocking-call
    with _db_lock:
        confirmed = await supplier.post(f"/reserve/{sku}", json={"qty": delta})
        confirmed.raise_for_status()
        with ledger(path) as conn:
            conn.execute("UPDATE stock SET qty = qty + ? WHERE sku = ?", (delta, sku))


class SupplierClient:  # expect: clean
    def __init__(self, base_url: str, token: str) -> None:
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.base_url = base_url

    def catalogue(self) -> list[dict]:
        return self.session.get(f"{self.base_url}/catalogue", timeout=30).json()


async def refresh_catalogue(client: SupplierClient) -> list[dict]:  # expect: blocking-call
    items = client.catalogue()
    log.info("catalogue has %d items", len(items))
    return items


async def refresh_catalogue_offloaded(client: SupplierClient) -> list[dict]:  # expect: clean  # near: blocking-call
    items = await asyncio.to_thread(client.catalogue)
    log.info("catalogue has %d items", len(items))
    return items


class Reconciler:  # expect: cancellation-swallowed
    def __init__(self, interval: float, client: httpx.AsyncClient) -> None:
        self.interval = interval
        self.client = client
        self.runs = 0

    async def _once(self) -> None:
        resp = await self.client.get("/stock")
        resp.raise_for_status()
        self.runs += 1

    async def loop(self) -> None:
        while True:
            try:
                await self._once()
                await asyncio.sleep(self.interval)
            except (httpx.HTTPError, asyncio.CancelledError) as exc:
                log.warning("reconcile failed: %s", exc)
                await asyncio.sleep(1)


class PatientReconciler:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, interval: float, client: httpx.AsyncClient) -> None:
        self.interval = interval
        self.client = client

    async def loop(self) -> None:
        while True:
            try:
                resp = await self.client.get("/stock")
                resp.raise_for_status()
                await asyncio.sleep(self.interval)
            except httpx.HTTPError as exc:
                log.warning("reconcile failed: %s", exc)
                await asyncio.sleep(1)


class RateGate:  # expect: lock-across-await
    """One supplier call at a time, across worker threads and the loop alike."""

    def __init__(self) -> None:
        self._gate = threading.Semaphore(1)

    async def call(self, client: httpx.AsyncClient, url: str) -> httpx.Response:
        self._gate.acquire()
        try:
            return await client.get(url)
        finally:
            self._gate.release()


class AsyncRateGate:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._gate = asyncio.Semaphore(1)

    async def call(self, client: httpx.AsyncClient, url: str) -> httpx.Response:
        async with self._gate:
            return await client.get(url)


class Counters:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.values: dict[str, int] = {}

    def bump(self, key: str) -> None:
        with self._lock:
            self.values[key] = self.values.get(key, 0) + 1

    async def flush(self, client: httpx.AsyncClient) -> None:
        with self._lock:
            snapshot = dict(self.values)
            self.values.clear()
        await client.post("/metrics", json=snapshot)


async def wait_for_import(path: str, batch_id: str) -> None:  # expect: blocking-call
    while True:
        with ledger(path) as conn:
            done = conn.execute("SELECT done FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if done and done[0]:
            return
        time.sleep(2)


async def export_csv(path: str, out: str, pool: ThreadPoolExecutor) -> int:  # expect: blocking-call
    def dump() -> int:
        with ledger(path) as conn, open(out, "w") as fh:
            rows = conn.execute("SELECT sku, qty FROM stock").fetchall()
            fh.writelines(f"{sku},{qty}\n" for sku, qty in rows)
        return len(rows)

    return pool.submit(dump).result()


async def export_csv_awaited(path: str, out: str, pool: ThreadPoolExecutor) -> int:  # expect: clean  # near: blocking-call
    def dump() -> int:
        with ledger(path) as conn, open(out, "w") as fh:
            rows = conn.execute("SELECT sku, qty FROM stock").fetchall()
            fh.writelines(f"{sku},{qty}\n" for sku, qty in rows)
        return len(rows)

    return await asyncio.wrap_future(pool.submit(dump))


def start_background_sync(loop: asyncio.AbstractEventLoop, reconciler: PatientReconciler) -> None:  # expect: thread-unsafe-capture, ?dangling-task
    def kick() -> None:
        loop.create_task(reconciler.loop())

    threading.Timer(5.0, kick).start()


def start_background_sync_safely(loop: asyncio.AbstractEventLoop, reconciler: PatientReconciler) -> None:  # expect: clean  # near: thread-unsafe-capture
    def kick() -> None:
        asyncio.run_coroutine_threadsafe(reconciler.loop(), loop)

    threading.Timer(5.0, kick).start()


async def price_feed(client: httpx.AsyncClient, skus: list[str]) -> dict[str, float]:  # expect: ?unbounded-spawn
    results = await asyncio.gather(*(client.get(f"/price/{sku}") for sku in skus))
    return {sku: r.json()["price"] for sku, r in zip(skus, results)}
