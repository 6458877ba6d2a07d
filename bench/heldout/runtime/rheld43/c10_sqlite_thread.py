"""A repository over sqlite3 on a file, run with asyncio.to_thread; a memory database for the cache."""
import asyncio
import os
import sqlite3
import tempfile


class Orders:
    def __init__(self, path):
        self.path = path

    def count(self):
        con = sqlite3.connect(self.path)
        try:
            con.execute("create table if not exists orders (id integer)")
            con.executemany("insert into orders values (?)", [(i,) for i in range(5)])
            con.commit()
            return con.execute("select count(*) from orders").fetchone()[0]
        finally:
            con.close()


async def status(repo, cache):
    n = await asyncio.to_thread(repo.count)
    cache.execute("insert into hits values (?)", (n,))
    return n, cache.execute("select count(*) from hits").fetchone()[0]


async def main():
    cache = sqlite3.connect(":memory:")
    cache.execute("create table hits (n integer)")
    with tempfile.TemporaryDirectory() as d:
        print("orders", await status(Orders(os.path.join(d, "orders.db")), cache))
    cache.close()


asyncio.run(main())
