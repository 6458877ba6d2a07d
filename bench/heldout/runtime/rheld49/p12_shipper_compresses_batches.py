"""A log shipper that batches lines, compresses each batch with gzip on a flush timer and posts it to a local sink."""
import asyncio
import gzip
import subprocess

import aiohttp
from aiohttp import web

RECEIVED = []


async def sink(request):
    body = gzip.decompress(await request.read()).decode()
    RECEIVED.extend(body.splitlines())
    return web.Response(text="ok")


class Shipper:
    def __init__(self, session, url, interval):
        self.loop = asyncio.get_running_loop()
        self.session = session
        self.url = url
        self.interval = interval
        self.batch = []
        self.posts = set()
        self.timer = None

    def log(self, line):
        self.batch.append(line)
        if self.timer is None:
            self.timer = self.loop.call_later(self.interval, self.flush)

    def flush(self):
        self.timer = None
        lines, self.batch = self.batch, []
        packed = subprocess.run(["gzip", "-c", "-n"], input="\n".join(lines).encode(), capture_output=True).stdout  # PLANT ACK104
        post = self.loop.create_task(self.post(packed))
        self.posts.add(post)
        post.add_done_callback(self.posts.discard)

    async def post(self, packed):
        async with self.session.post(self.url, data=packed) as resp:
            await resp.read()

    async def drain(self):
        while self.batch or self.timer or self.posts:
            await asyncio.sleep(0.01)


async def main():
    app = web.Application()
    app.router.add_post("/ingest", sink)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/ingest"
    async with aiohttp.ClientSession() as session:
        shipper = Shipper(session, url, interval=0.02)
        for n in range(30):
            shipper.log(f"GET /health 200 req={n}")
            if n % 10 == 9:
                await asyncio.sleep(0.05)
        await shipper.drain()
    await runner.cleanup()
    print(len(RECEIVED), RECEIVED[0], RECEIVED[-1])


asyncio.run(main())
