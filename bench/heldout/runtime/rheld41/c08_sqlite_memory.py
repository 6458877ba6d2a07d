"""A per-request scratch table in an in-memory sqlite database."""
import asyncio
import sqlite3


class Scratch:
    def __init__(self):
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("create table t (k text, n integer)")

    def add(self, k, n):
        self.conn.execute("insert into t values (?, ?)", (k, n))

    def total(self):
        return self.conn.execute("select count(*), sum(n) from t").fetchone()


async def handle(rows):
    s = Scratch()
    for k, n in rows:
        s.add(k, n)
        await asyncio.sleep(0)
    return s.total()


async def main():
    print("totals", await handle([("a", 1), ("b", 2), ("c", 3)]))


asyncio.run(main())
