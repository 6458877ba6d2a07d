"""What the linter knows about aio-libs' asyncio database drivers, aiomysql and aiopg (older code's way to reach
MySQL and PostgreSQL from a coroutine), about psycopg 3's async half (`AsyncConnection`, its cursors and
psycopg_pool's `AsyncConnectionPool`) and about SQLAlchemy's asyncio extension (the session a FastAPI dependency
hands its handlers): their pools, engines, connections, sessions and cursors, and which of their calls are
coroutine functions, so that a dropped `cur.execute(...)` or `session.commit()` is ACK301. knowledge.py merges
these tables into its own.

Their `connect()`, `create_pool()`, `acquire()` and `cursor()` return awaitable context managers, not coroutines;
aiomysql's buffered `fetch*()` return futures: none of those is listed as a coroutine function.
"""
from __future__ import annotations

from typing import Dict, FrozenSet

_KINDS = ("Pool", "Connection", "Cursor")
TYPES = {(driver, kind): f"{driver}.{kind}" for driver in ("aiomysql", "aiopg") for kind in _KINDS}

CANONICAL: Dict[str, str] = {
    "aiomysql.pool.Pool": TYPES["aiomysql", "Pool"],
    "aiomysql.connection.Connection": TYPES["aiomysql", "Connection"],
    **{f"aiomysql.{module}{kind}": TYPES["aiomysql", "Cursor"]
       for module in ("", "cursors.") for kind in ("Cursor", "DictCursor", "SSCursor", "SSDictCursor")},
    "aiopg.pool.Pool": TYPES["aiopg", "Pool"],
    "aiopg.connection.Connection": TYPES["aiopg", "Connection"],
    "aiopg.connection.Cursor": TYPES["aiopg", "Cursor"],
}

# What `await x` and `async with x as y` give for each maker alike.
_MADE: Dict[str, str] = {
    **{f"{driver}.{maker}": TYPES[driver, kind] for driver in ("aiomysql", "aiopg")
       for maker, kind in (("connect", "Connection"), ("create_pool", "Pool"))},
    **{f"{TYPES[driver, 'Pool']}.acquire": TYPES[driver, "Connection"] for driver in ("aiomysql", "aiopg")},
    **{f"{TYPES[driver, 'Connection']}.cursor": TYPES[driver, "Cursor"] for driver in ("aiomysql", "aiopg")},
}

# SQLAlchemy's asyncio extension. `add()`, `add_all()`, `expunge()`, `expire()` only touch the session's identity
# map and stay plain; `begin()` and `begin_nested()` give an awaitable context manager, not a coroutine.
SA_ASYNC_SESSION = "sqlalchemy.ext.asyncio.AsyncSession"
SA_ASYNC_CONNECTION = "sqlalchemy.ext.asyncio.AsyncConnection"
SA_ASYNC_ENGINE = "sqlalchemy.ext.asyncio.AsyncEngine"
SA_ASYNC_SESSIONMAKER = "sqlalchemy.ext.asyncio.async_sessionmaker"
CANONICAL.update({
    "sqlalchemy.ext.asyncio.session.AsyncSession": SA_ASYNC_SESSION,
    # a proxy with the session's methods, as `scoped_session` is for Session
    "sqlalchemy.ext.asyncio.async_scoped_session": SA_ASYNC_SESSION,
    "sqlalchemy.ext.asyncio.scoping.async_scoped_session": SA_ASYNC_SESSION,
    "sqlalchemy.ext.asyncio.engine.AsyncConnection": SA_ASYNC_CONNECTION,
    "sqlalchemy.ext.asyncio.engine.AsyncEngine": SA_ASYNC_ENGINE,
    "sqlalchemy.ext.asyncio.engine.create_async_engine": "sqlalchemy.ext.asyncio.create_async_engine",
    "sqlalchemy.ext.asyncio.session.async_sessionmaker": SA_ASYNC_SESSIONMAKER,
})
# calling an `async_sessionmaker` instance makes a session (knowledge.CALL_RETURNS)
CALL_RETURNS: Dict[str, str] = {SA_ASYNC_SESSIONMAKER: SA_ASYNC_SESSION}

# `async with engine.connect() as conn`, `async with engine.begin() as conn`, `conn = await engine.connect()`
_SA_CONNECTS = {f"{SA_ASYNC_ENGINE}.{m}": SA_ASYNC_CONNECTION for m in ("connect", "begin")}
RETURNS: Dict[str, str] = {
    **_MADE,
    **_SA_CONNECTS,
    "sqlalchemy.ext.asyncio.create_async_engine": SA_ASYNC_ENGINE,
    SA_ASYNC_SESSIONMAKER: SA_ASYNC_SESSIONMAKER,
}
ASYNC_RETURNS: Dict[str, str] = {**_MADE, **_SA_CONNECTS}

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{TYPES[driver, kind]}.{m}" for driver, kind, methods in (
        ("aiomysql", "Cursor", "execute executemany callproc close"),
        ("aiomysql", "Connection", "commit rollback begin ping select_db autocommit ensure_closed show_warnings "
                                   "set_charset"),
        ("aiomysql", "Pool", "wait_closed clear"),
        ("aiopg", "Cursor", "execute callproc fetchone fetchmany fetchall scroll"),
        ("aiopg", "Pool", "wait_closed clear"),
    ) for m in methods.split()
) | frozenset(
    f"{kind}.{m}" for kind, methods in (
        (SA_ASYNC_SESSION, "execute scalar scalars get get_one stream stream_scalars delete merge flush refresh "
                           "commit rollback close invalidate connection run_sync reset"),
        (SA_ASYNC_CONNECTION, "execute exec_driver_sql scalar scalars stream stream_scalars commit rollback close "
                              "invalidate run_sync start get_raw_connection"),
        (SA_ASYNC_ENGINE, "dispose"),
    ) for m in methods.split()
)

# psycopg 3's async twins of its sync connection, cursors and pool (the sync ones block: knowledge.py). Their
# `cursor()`, `transaction()` and `pipeline()` and the pool's `connection()` make context managers, `notifies()`
# and a cursor's `stream()` async generators: plain calls, not listed.
PG_ASYNC_CONNECTION = "psycopg.AsyncConnection"
PG_ASYNC_CURSOR = "psycopg.AsyncCursor"
PG_ASYNC_POOL = "psycopg_pool.AsyncConnectionPool"
CANONICAL.update({
    "psycopg.connection_async.AsyncConnection": PG_ASYNC_CONNECTION,
    **{f"psycopg.{where}": PG_ASYNC_CURSOR for where in (
        "cursor_async.AsyncCursor", "AsyncClientCursor", "client_cursor.AsyncClientCursor", "AsyncRawCursor",
        "raw_cursor.AsyncRawCursor", "AsyncServerCursor", "server_cursor.AsyncServerCursor")},
    **{f"psycopg_pool.{where}": PG_ASYNC_POOL for where in (
        "pool_async.AsyncConnectionPool", "AsyncNullConnectionPool", "null_pool_async.AsyncNullConnectionPool")},
})
# (`async with conn.cursor() as cur`, `async with pool.connection() as conn`: what the call makes is entered)
RETURNS.update({
    f"{PG_ASYNC_CONNECTION}.cursor": PG_ASYNC_CURSOR,
    f"{PG_ASYNC_POOL}.connection": PG_ASYNC_CONNECTION,
    PG_ASYNC_POOL: PG_ASYNC_POOL,
})
ASYNC_RETURNS.update({
    f"{PG_ASYNC_CONNECTION}.connect": PG_ASYNC_CONNECTION,
    f"{PG_ASYNC_CONNECTION}.execute": PG_ASYNC_CURSOR,
    f"{PG_ASYNC_POOL}.getconn": PG_ASYNC_CONNECTION,
})
COROUTINE_FUNCTIONS = COROUTINE_FUNCTIONS | frozenset(
    f"{kind}.{m}" for kind, methods in (
        (PG_ASYNC_CONNECTION, "connect close commit rollback execute set_autocommit set_isolation_level "
                              "set_read_only set_deferrable tpc_begin tpc_prepare tpc_commit tpc_rollback "
                              "tpc_recover cancel_safe"),
        (PG_ASYNC_CURSOR, "execute executemany fetchone fetchmany fetchall scroll close"),
        (PG_ASYNC_POOL, "open close wait getconn putconn check resize"),
    ) for m in methods.split()
)
