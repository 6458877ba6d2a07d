"""What the linter knows about aio-libs' asyncio database drivers, aiomysql and aiopg (older code's way to reach
MySQL and PostgreSQL from a coroutine): their pools, connections and cursors, and which of their calls are
coroutine functions, so that a dropped `cur.execute(...)` is ACK301. knowledge.py merges these tables into its own.

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
RETURNS: Dict[str, str] = dict(_MADE)
ASYNC_RETURNS: Dict[str, str] = dict(_MADE)

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{TYPES[driver, kind]}.{m}" for driver, kind, methods in (
        ("aiomysql", "Cursor", "execute executemany callproc close"),
        ("aiomysql", "Connection", "commit rollback begin ping select_db autocommit ensure_closed show_warnings "
                                   "set_charset"),
        ("aiomysql", "Pool", "wait_closed clear"),
        ("aiopg", "Cursor", "execute callproc fetchone fetchmany fetchall scroll"),
        ("aiopg", "Pool", "wait_closed clear"),
    ) for m in methods.split()
)
