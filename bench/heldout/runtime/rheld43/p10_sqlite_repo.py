"""A repository class over sqlite3 on a file, used straight from a coroutine."""
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


async def status(repo):
    n = repo.count()  # PLANT ACK105
    await asyncio.sleep(0)
    return n


async def main():
    with tempfile.TemporaryDirectory() as d:
        print("orders", await status(Orders(os.path.join(d, "orders.db"))))


asyncio.run(main())
