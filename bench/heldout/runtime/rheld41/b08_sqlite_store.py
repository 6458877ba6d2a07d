"""An event store on a sqlite file, written from a coroutine through a small repository class."""
import asyncio
import os
import sqlite3
import tempfile

db_path = os.path.join(tempfile.mkdtemp(), "events.db")


class EventStore:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)
        self.conn.execute("create table if not exists events (kind text, n integer)")

    def add(self, kind, n):
        self.conn.execute("insert into events values (?, ?)", (kind, n))
        self.conn.commit()

    def total(self):
        return self.conn.execute("select count(*), sum(n) from events").fetchone()


store = EventStore(db_path)


async def record(kind, n):
    await asyncio.sleep(0)
    store.add(kind, n)  # PLANT ACK105


async def main():
    for i in range(3):
        await record("click", i)


asyncio.run(main())
print("events", store.total())
store.conn.close()
os.unlink(db_path)
