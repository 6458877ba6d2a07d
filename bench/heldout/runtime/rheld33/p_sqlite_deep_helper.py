"""A nightly job whose coroutine calls a metrics helper that writes to a sqlite file."""
import asyncio
import os
import sqlite3
import tempfile

DB = os.path.join(tempfile.mkdtemp(), "metrics.db")


def _record(conn, name, value):
    conn.execute("insert into metrics values (?, ?)", (name, value))


def record_metric(name, value):
    conn = sqlite3.connect(DB)
    try:
        _record(conn, name, value)
        conn.commit()
    finally:
        conn.close()


async def nightly():
    await asyncio.sleep(0.01)
    record_metric("rows", 42)  # PLANT ACK105


def init():
    with sqlite3.connect(DB) as c:
        c.execute("create table metrics(name, value)")


init()
asyncio.run(nightly())
print(sqlite3.connect(DB).execute("select count(*) from metrics").fetchone()[0])
