"""A unit-of-work object that flushes to an sqlite file in __del__; sessions end inside handlers."""
import asyncio
import os
import sqlite3
import tempfile

DB = os.path.join(tempfile.mkdtemp(), "audit.db")
with sqlite3.connect(DB) as c:
    c.execute("create table audit (who text, what text)")


class AuditSession:
    def __init__(self, who):
        self.who = who
        self.pending = []

    def record(self, what):
        self.pending.append(what)

    def __del__(self):
        if self.pending:
            conn = sqlite3.connect(DB)  # PLANT ACK105
            conn.executemany("insert into audit values (?, ?)", [(self.who, w) for w in self.pending])
            conn.commit()
            conn.close()


async def handle(user, action):
    session = AuditSession(user)
    session.record(action)
    await asyncio.sleep(0.001)
    return f"{user}:{action}"


async def main():
    for user, action in [("ann", "login"), ("bob", "upload")]:
        print(await handle(user, action))
    await asyncio.sleep(0.01)


asyncio.run(main())
with sqlite3.connect(DB) as c:
    print("rows", c.execute("select count(*) from audit").fetchone()[0])
