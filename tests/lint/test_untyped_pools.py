"""A connection pool nobody types (handed in, kept on `self`, looked up in an app's state): what its `acquire()`
or `getconn()` lends gives the driver away by the module's imports, async (asyncpg, aiomysql, aiopg) or sync
(psycopg2's pools)."""
from __future__ import annotations

from tests.lint.helpers import check_marked

CODES = ("ACK301", "ACK105")


def test_an_async_pools_connection_methods_are_coroutines():
    check_marked('''
        import asyncpg

        class Repo:
            def __init__(self, pool):
                self.pool = pool

            async def touch(self, uid):
                async with self.pool.acquire() as conn:
                    conn.execute("update users set seen = now() where id = $1", uid)  # ACK301
                    return await conn.fetchrow("select * from users where id = $1", uid)

        async def handler(request):
            async with request.app["db_pool"].acquire() as conn:
                conn.execute("delete from sessions")  # ACK301
                await conn.execute("vacuum")

        async def not_a_pool(limiter):
            async with limiter.acquire() as slot:  # a name that says nothing: left alone
                slot.execute("x")
    ''', CODES)


def test_aiomysql_cursors_from_an_untyped_pool():
    check_marked('''
        import aiomysql

        async def rows(pool):
            async with pool.acquire() as conn:
                async with conn.cursor() as cur:
                    cur.execute("select 1")  # ACK301
                    await cur.execute("select 2")
                    return await cur.fetchall()
    ''', CODES)


def test_a_sync_pools_connection_blocks_in_a_coroutine_only():
    check_marked('''
        import asyncio
        import psycopg2

        async def count(db_pool):
            conn = db_pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("select count(*) from users")  # ACK105
                return cur.fetchone()  # ACK105
            finally:
                db_pool.putconn(conn)

        def count_sync(db_pool):
            conn = db_pool.getconn()
            cur = conn.cursor()
            cur.execute("select count(*) from users")
            return cur.fetchone()

        async def offloaded(db_pool):
            return await asyncio.to_thread(count_sync, db_pool)
    ''', CODES)


def test_without_the_drivers_import_nothing_is_assumed():
    check_marked('''
        async def touch(pool):
            async with pool.acquire() as conn:
                conn.execute("x")

        async def count(db_pool):
            conn = db_pool.getconn()
            conn.cursor().execute("x")
    ''', CODES)
