"""aiohttp handler reaching a sync sqlite repository through asyncio.to_thread."""
import asyncio
import os
import sqlite3
import tempfile

import aiohttp
from aiohttp import web

DB = os.path.join(tempfile.mkdtemp(), "shop.db")


class Repo:
    def count_users(self):
        with sqlite3.connect(DB) as conn:
            return conn.execute("select count(*) from users").fetchone()[0]


async def stats(request):
    users = await asyncio.to_thread(request.app["repo"].count_users)
    return web.json_response({"users": users})


async def main():
    await asyncio.to_thread(_setup)
    app = web.Application()
    app["repo"] = Repo()
    app.router.add_get("/stats", stats)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/stats") as resp:
            print(await resp.json())
    await runner.cleanup()


def _setup():
    with sqlite3.connect(DB) as conn:
        conn.execute("create table users(id integer)")
        conn.executemany("insert into users values (?)", [(i,) for i in range(7)])


asyncio.run(main())
