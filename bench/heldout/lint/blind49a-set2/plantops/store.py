"""Readings in Postgres: psycopg 3's async pool for the poller, the sync pool for the nightly report thread."""
from __future__ import annotations

import asyncio
from typing import Generic, Protocol, TypeVar, cast

import psycopg
from psycopg_pool import AsyncConnectionPool, ConnectionPool

INSERT = "INSERT INTO readings (tag, value) VALUES (%s, %s)"
C = TypeVar("C", bound=psycopg.Connection)


class Sink(Protocol):  # expect: clean
    async def save(self, tag: str, value: float) -> None: ...

    def pending(self) -> int: ...


class ReadingStore:  # expect: clean  # near: blocking-call
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool
        self.buffer: list[tuple[str, float]] = []

    async def save(self, tag: str, value: float) -> None:
        async with self.pool.connection() as conn:
            await conn.execute(INSERT, (tag, value))

    def pending(self) -> int:
        return len(self.buffer)


class LegacyStore:  # expect: blocking-call
    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool

    async def save(self, tag: str, value: float) -> None:
        with self.pool.connection() as conn:
            conn.execute(INSERT, (tag, value))

    def pending(self) -> int:
        return 0


def make_sink(pool: AsyncConnectionPool) -> Sink:  # expect: clean
    return ReadingStore(pool)


async def archive_day(conn: C, day: str) -> C:  # expect: blocking-call
    conn.execute("CALL archive_readings(%s)", (day,))
    return conn


class Repo(Generic[C]):  # expect: blocking-call
    def __init__(self, conn: C) -> None:
        self.conn = conn

    async def count(self, tag: str) -> int:
        row = self.conn.execute("SELECT count(*) FROM readings WHERE tag = %s", (tag,)).fetchone()
        return row[0]


async def vacuum(raw: object) -> None:  # expect: blocking-call
    conn = cast(psycopg.Connection, raw)
    conn.execute("VACUUM ANALYZE readings")


async def record(pool: AsyncConnectionPool, tag: str, value: float) -> None:  # expect: unawaited-coroutine
    sink = make_sink(pool)
    if sink.pending() > 1000:
        raise RuntimeError("sink backlog")
    sink.save(tag, value)


async def record_ok(pool: AsyncConnectionPool, tag: str, value: float) -> None:  # expect: clean  # near: unawaited-coroutine
    sink = make_sink(pool)
    if sink.pending() > 1000:
        raise RuntimeError("sink backlog")
    await sink.save(tag, value)


class Batcher:  # expect: unawaited-coroutine
    def __init__(self, conn: psycopg.AsyncConnection) -> None:
        self.conn = conn
        self.rows: list[tuple[str, float]] = []

    async def flush(self) -> int:
        async with self.conn.cursor() as cur:
            await cur.executemany(INSERT, self.rows)
        self.conn.commit()
        count, self.rows = len(self.rows), []
        return count


async def nightly_report(pool: ConnectionPool, day: str) -> list[tuple]:  # expect: clean  # near: blocking-call
    def query() -> list[tuple]:
        with pool.connection() as conn:
            return conn.execute("SELECT tag, avg(value) FROM readings WHERE day = %s GROUP BY tag", (day,)).fetchall()

    return await asyncio.to_thread(query)
