"""A batch writer that schedules the sqlite connection's commit as a loop callback."""
import asyncio
import os
import sqlite3
import tempfile

DB = os.path.join(tempfile.mkdtemp(), "b.db")
conn = sqlite3.connect(DB)
conn.execute("create table t(x)")


async def main():
    loop = asyncio.get_running_loop()
    for i in range(3):
        await asyncio.sleep(0)
    loop.call_soon(conn.commit)  # PLANT ACK105
    await asyncio.sleep(0.05)
    print("committed")


asyncio.run(main())
