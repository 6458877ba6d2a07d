"""Where rides live: sqlite for the ledger, redis for the hot state."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Optional

import redis
import redis.asyncio as aioredis

DB_PATH = Path("/var/lib/dispatch/rides.db")


class RideStore:
    def __init__(self, conn: sqlite3.Connection, hot: "aioredis.Redis"):
        self.conn = conn
        self.hot = hot

    def record(self, ride_id: str, payload: dict) -> None:
        with self.conn:
            self.conn.execute("INSERT INTO rides(id, body) VALUES (?, ?)", (ride_id, json.dumps(payload)))

    async def last_position(self, driver_id: str) -> Optional[dict]:
        raw = await self.hot.get(f"pos:{driver_id}")
        return json.loads(raw) if raw else None


def open_store(path: Path = DB_PATH, url: str = "redis://localhost") -> RideStore:
    conn = sqlite3.connect(path, check_same_thread=False)
    return RideStore(conn, aioredis.from_url(url))


async def persist_ride(store: RideStore, ride_id: str, payload: dict) -> None:  # expect: blocking-call
    store.record(ride_id, payload)
    await store.hot.set(f"ride:{ride_id}", json.dumps(payload))


async def persist_ride_offloaded(store: RideStore, ride_id: str, payload: dict) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(store.record, ride_id, payload)
    await store.hot.set(f"ride:{ride_id}", json.dumps(payload))


async def driver_snapshot(store: RideStore, driver_id: str) -> dict:  # expect: clean  # near: blocking-call
    pos = await store.last_position(driver_id)
    return {"driver": driver_id, "pos": pos}


class LedgerReader:  # expect: blocking-call
    def __init__(self, path: Path = DB_PATH):
        self.path = path
        self._conn: Optional[sqlite3.Connection] = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(self.path)
        return self._conn

    async def rides_for(self, rider_id: str) -> list:
        cur = self._connection().execute("SELECT body FROM rides WHERE rider = ?", (rider_id,))
        return [json.loads(row[0]) for row in cur.fetchall()]


class LegacyCache:  # expect: blocking-call
    """The old sync redis client, kept for the admin pages."""

    client: redis.Redis

    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url)

    async def surge_for(self, zone: str) -> float:
        value = self.client.get(f"surge:{zone}")
        return float(value or 1.0)


class HotState:  # expect: clean  # near: blocking-call
    client: aioredis.Redis

    def __init__(self, url: str):
        self.client = aioredis.from_url(url)

    async def surge_for(self, zone: str) -> float:
        value = await self.client.get(f"surge:{zone}")
        return float(value or 1.0)


async def export_ledger(path: Path, out: Path) -> int:  # expect: blocking-call
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT id, body FROM rides").fetchall()
    out.write_text("\n".join(body for _, body in rows))
    return len(rows)


def _dump_ledger(path: Path, out: Path) -> int:  # expect: clean
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT id, body FROM rides").fetchall()
    out.write_text("\n".join(body for _, body in rows))
    return len(rows)


async def export_ledger_offloaded(path: Path, out: Path) -> int:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _dump_ledger, path, out)
