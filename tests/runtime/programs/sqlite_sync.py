import asyncio
import os
import sqlite3
import tempfile


def in_worker(path):
    with sqlite3.connect(path) as db:  # a worker thread: fine
        return db.execute("select count(*) from t").fetchone()[0]


async def main():
    memory = sqlite3.connect(":memory:")  # in memory: no I/O worth a finding
    memory.execute("create table t(x)")
    shared = sqlite3.connect("file::memory:?cache=shared", uri=True)
    shared.close()
    path = os.path.join(tempfile.mkdtemp(), "app.db")
    db = sqlite3.connect(path)  # ACK105
    db.execute("create table t(x)")  # ACK105
    cursor = db.cursor()
    cursor.executemany("insert into t values (?)", [(1,), (2,)])  # ACK105
    db.commit()  # ACK105
    rows = await asyncio.to_thread(in_worker, path)
    print(type(db).__name__, isinstance(db, sqlite3.Connection), rows)
    db.close()
    os.remove(path)
    os.rmdir(os.path.dirname(path))  # (the folder mkdtemp made: nothing left behind in /tmp)


asyncio.run(main())
