"""aiohttp handler reaching a sync sqlite repository through two helper layers."""
import asyncio
import os
import sqlite3
import tempfile

import aiohttp
from aiohttp import web

DB = os.path.join(tempfile.mkdtemp(), "shop.db")


def _connect():
    return sqlite3.connect(DB)


class Repo:
    def count_users(self):
        with _connect() as conn:
            return conn.execute("select count(*) from users").fetchone()[0]


class Service:
    def __init__(self):
        self.repo = Repo()

    def stats(self):
        return {"users": self.repo.count_users()}


async def stats(request):
    data = request.app["service"].stats()  # PLANT ACK105
    return web.json_response(data)


def setup_db():
    with sqlite3.connect(DB) as conn:
        conn.execute("create table users(id integer)")
        conn.executemany("insert into users values (?)", [(i,) for i in range(5)])


async def main():
    app = web.Application()
    app["service"] = Service()
    app.router.add_get("/stats", stats)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/stats") as resp:
            print(await resp.json())
    await runner.cleanup()


setup_db()
asyncio.run(main())
