"""Sync SQLite reached through the DB-API module, as SQLAlchemy's pysqlite dialect does (`from sqlite3 import
dbapi2`, `dbapi2.connect(...)` at each new connection): the same queries on a file are the same findings."""
import asyncio
import os
import tempfile
from sqlite3 import dbapi2


class Pool:
    """A driver-style pool that looks `connect` up on the module it was handed, as a dialect does."""

    def __init__(self, module, path):
        self.module, self.path = module, path

    def connect(self):
        return self.module.connect(self.path, check_same_thread=False)


def count(pool):
    with pool.connect() as db:  # a worker thread: fine
        return db.execute("select count(*) from t").fetchone()[0]


async def main():
    memory = dbapi2.connect(":memory:")  # in memory: no I/O worth a finding
    memory.execute("create table t(x)")
    pool = Pool(dbapi2, os.path.join(tempfile.mkdtemp(), "app.db"))
    db = pool.connect()  # ACK105
    db.execute("create table t(x)")  # ACK105
    db.commit()  # ACK105
    rows = await asyncio.to_thread(count, pool)
    print(type(db).__name__, isinstance(db, dbapi2.Connection), rows)
    db.close()
    os.remove(pool.path)
    os.rmdir(os.path.dirname(pool.path))  # (the folder mkdtemp made: nothing left behind in /tmp)


asyncio.run(main())
