"""A set-like blocklist whose __contains__ asks sqlite on a file, tested with `in` inside a coroutine."""
import asyncio
import os
import sqlite3
import tempfile


class Blocklist:
    def __init__(self, path):
        self.path = path
        con = sqlite3.connect(path)
        con.execute("create table blocked (ip text)")
        con.execute("insert into blocked values ('10.0.0.9')")
        con.commit()
        con.close()

    def __contains__(self, ip):
        con = sqlite3.connect(self.path)
        try:
            return con.execute("select 1 from blocked where ip = ?", (ip,)).fetchone() is not None
        finally:
            con.close()


async def admit(blocklist, ip):
    await asyncio.sleep(0)
    if ip in blocklist:  # PLANT ACK105
        return "denied"
    return "admitted"


with tempfile.TemporaryDirectory() as d:
    bl = Blocklist(os.path.join(d, "bl.db"))
    print(asyncio.run(admit(bl, "10.0.0.9")))
