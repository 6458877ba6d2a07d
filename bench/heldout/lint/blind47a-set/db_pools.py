"""Repositories of an accounts service in the middle of moving from psycopg 3 sync to asyncpg/SQLAlchemy async."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import AsyncIterator, Optional, Union

import asyncpg
import psycopg
from psycopg_pool import AsyncConnectionPool, ConnectionPool
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session

log = logging.getLogger("accounts")
SyncConn = psycopg.Connection
Conn = Union[asyncpg.Connection, asyncpg.pool.PoolConnectionProxy]


def make_sync_pool(dsn: str) -> ConnectionPool:  # expect: clean
    return ConnectionPool(dsn, min_size=1, max_size=4, open=True)


async def balance(pool: ConnectionPool, account: int) -> int:  # expect: blocking-call
    with pool.connection() as conn:
        row = conn.execute("SELECT balance FROM accounts WHERE id = %s", (account,)).fetchone()
    return row[0]


async def balance_async(pool: AsyncConnectionPool, account: int) -> int:  # expect: clean  # near: blocking-call
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT balance FROM accounts WHERE id = %s", (account,))
        row = await cur.fetchone()
    return row[0]


async def credit(conn: SyncConn, account: int, cents: int) -> None:  # expect: blocking-call
    with conn.transaction():
        conn.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (cents, account))


async def credit_async(conn: psycopg.AsyncConnection, account: int, cents: int) -> None:  # expect: unawaited-coroutine
    async with conn.transaction():
        conn.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (cents, account))


async def credit_async_ok(conn: psycopg.AsyncConnection, account: int, cents: int) -> None:  # expect: clean  # near: unawaited-coroutine
    async with conn.transaction():
        async with conn.cursor() as cur:
            await cur.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (cents, account))


async def open_report_conn(dsn: str) -> list[tuple]:  # expect: blocking-call
    conn = psycopg.connect(dsn, autocommit=True)
    try:
        return conn.execute("SELECT id, balance FROM accounts ORDER BY id").fetchall()
    finally:
        conn.close()


async def open_report_conn_async(dsn: str) -> list[tuple]:  # expect: clean  # near: blocking-call
    conn = await psycopg.AsyncConnection.connect(dsn, autocommit=True)
    try:
        cur = await conn.execute("SELECT id, balance FROM accounts ORDER BY id")
        return await cur.fetchall()
    finally:
        await conn.close()


def report_engine(url: str) -> Engine:  # expect: clean
    return create_engine(url, pool_pre_ping=True)


async def monthly_report(url: str, month: str) -> list:  # expect: blocking-call
    with report_engine(url).connect() as conn:
        return conn.execute(text("SELECT * FROM ledger WHERE month = :m"), {"m": month}).all()


class LedgerRepo:  # expect: blocking-call
    def __init__(self, session: Session) -> None:
        self.session = session

    async def entries(self, account: int) -> list:
        return list(self.session.scalars(select(Ledger).where(Ledger.account == account)))


class LedgerRepoAsync:  # expect: clean  # near: blocking-call
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def entries(self, account: int) -> list:
        return list(await self.session.scalars(select(Ledger).where(Ledger.account == account)))

    async def add(self, entry: "Ledger") -> None:
        self.session.add(entry)
        await self.session.flush()


class Ledger:  # expect: clean
    __tablename__ = "ledger"
    account: int
    cents: int


class TransferService:  # expect: unawaited-coroutine
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def transfer(self, src: int, dst: int, cents: int) -> None:
        async with self.sessions() as session:
            session.add(Ledger(account=src, cents=-cents))
            session.add(Ledger(account=dst, cents=cents))
            session.commit()


class TransferServiceOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def transfer(self, src: int, dst: int, cents: int) -> None:
        async with self.sessions.begin() as session:
            session.add(Ledger(account=src, cents=-cents))
            session.add(Ledger(account=dst, cents=cents))


async def dispose_engine(engine: AsyncEngine) -> None:  # expect: unawaited-coroutine
    log.info("disposing %s", engine.url)
    engine.dispose()


def dispose_sync_engine(engine: Engine) -> None:  # expect: clean  # near: unawaited-coroutine
    log.info("disposing %s", engine.url)
    engine.dispose()


class AccountCache:  # expect: unawaited-coroutine
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self._conn: Optional[asyncpg.Connection] = None

    async def connect(self) -> None:
        self._conn = await self.pool.acquire()

    async def invalidate(self, account: int) -> None:
        if self._conn is not None:
            self._conn.execute("NOTIFY account_changed, $1", str(account))


class AccountCacheOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def invalidate(self, account: int) -> None:
        async with self.pool.acquire() as conn:
            tx = conn.transaction()
            await tx.start()
            try:
                await conn.execute("SELECT pg_notify('account_changed', $1)", str(account))
            except BaseException:
                await tx.rollback()
                raise
            await tx.commit()


def shutdown_now(pool: asyncpg.Pool) -> None:  # expect: clean  # near: unawaited-coroutine
    # terminate() is the sync, immediate close; close() would be the coroutine
    pool.terminate()


_migrations_lock = threading.Lock()


async def migrate(pool: asyncpg.Pool, statements: list[str]) -> None:  # expect: lock-across-await
    with _migrations_lock:
        async with pool.acquire() as conn:
            for stmt in statements:
                await conn.execute(stmt)


async def migrate_ok(pool: asyncpg.Pool, statements: list[str]) -> None:  # expect: clean  # near: lock-across-await
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(42)")
            for stmt in statements:
                await conn.execute(stmt)


class PoolRegistry:  # expect: lock-across-await
    def __init__(self) -> None:
        self._pools: dict[str, asyncpg.Pool] = {}
        self._guard = threading.Lock()

    @property
    def guard(self) -> threading.Lock:
        return self._guard

    async def pool_for(self, dsn: str) -> asyncpg.Pool:
        with self.guard:
            if dsn not in self._pools:
                self._pools[dsn] = await asyncpg.create_pool(dsn, min_size=1, max_size=5)
            return self._pools[dsn]


class PoolRegistryOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._pools: dict[str, asyncpg.Pool] = {}
        self._guard = asyncio.Lock()

    @property
    def guard(self) -> asyncio.Lock:
        return self._guard

    async def pool_for(self, dsn: str) -> asyncpg.Pool:
        async with self.guard:
            if dsn not in self._pools:
                self._pools[dsn] = await asyncpg.create_pool(dsn, min_size=1, max_size=5)
            return self._pools[dsn]


@contextlib.asynccontextmanager
async def borrowed(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:  # expect: cancellation-swallowed
    conn = await pool.acquire()
    try:
        yield conn
    except BaseException:
        log.exception("connection used in a failed block")
    finally:
        await pool.release(conn)


@contextlib.asynccontextmanager
async def borrowed_ok(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:  # expect: clean  # near: cancellation-swallowed
    conn = await pool.acquire()
    try:
        yield conn
    except Exception:
        log.exception("connection used in a failed block")
        raise
    finally:
        await pool.release(conn)


async def listen_forever(conn: Conn, channel: str, on_event) -> None:  # expect: cancellation-swallowed
    await conn.add_listener(channel, on_event)
    while True:
        try:
            await asyncio.sleep(30)
            await conn.execute("SELECT 1")
        except (asyncio.CancelledError, asyncpg.PostgresConnectionError) as exc:
            log.warning("listener keepalive failed: %r", exc)


async def listen_forever_ok(conn: Conn, channel: str, on_event) -> None:  # expect: clean  # near: cancellation-swallowed
    await conn.add_listener(channel, on_event)
    try:
        while True:
            await asyncio.sleep(30)
            await conn.execute("SELECT 1")
    finally:
        await conn.remove_listener(channel, on_event)


async def with_retry(pool: asyncpg.Pool, query: str, *args):  # expect: cancellation-swallowed
    for attempt in range(3):
        try:
            return await pool.fetch(query, *args)
        except BaseException as exc:
            if isinstance(exc, asyncpg.UniqueViolationError):
                raise
            log.warning("attempt %d failed: %r", attempt, exc)
            await asyncio.sleep(0.1 * 2**attempt)
    return []


async def with_retry_ok(pool: asyncpg.Pool, query: str, *args):  # expect: clean  # near: cancellation-swallowed
    for attempt in range(3):
        try:
            return await pool.fetch(query, *args)
        except BaseException as exc:
            if isinstance(exc, (asyncio.CancelledError, asyncpg.UniqueViolationError)):
                raise
            log.warning("attempt %d failed: %r", attempt, exc)
            await asyncio.sleep(0.1 * 2**attempt)
    return []


def engine_for_tests(url: str) -> AsyncEngine:  # expect: clean
    return create_async_engine(url, echo=False)
