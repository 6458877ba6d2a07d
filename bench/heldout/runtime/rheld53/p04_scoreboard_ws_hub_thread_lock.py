"""A live scoreboard: viewers hold a websocket to an aiohttp hub, and every score change is fanned out to all of
them. The viewer list is shared with the stats thread that counts viewers, so the broadcast takes the list's lock
while it goes through the sockets."""
import asyncio
import json
import threading

import aiohttp
from aiohttp import web


class Hub:
    def __init__(self):
        self.lock = threading.Lock()
        self.viewers = []
        self.joined = asyncio.Event()

    async def handle(self, request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        with self.lock:
            self.viewers.append(ws)
            if len(self.viewers) == 3:
                self.joined.set()
        async for _ in ws:
            pass
        return ws

    async def broadcast(self, score):
        text = json.dumps(score)
        with self.lock:  # PLANT ACK201
            for ws in self.viewers:
                await ws.send_str(text)

    def viewer_count(self):
        with self.lock:
            return len(self.viewers)


async def viewer(session, url, name, updates):
    async with session.ws_connect(url) as ws:
        seen = [json.loads((await ws.receive()).data) for _ in range(updates)]
    return name, seen[-1]


async def main():
    hub = Hub()
    app = web.Application()
    app.router.add_get("/live", hub.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/live"
    goals = [{"home": 0, "away": 0}, {"home": 1, "away": 0}, {"home": 1, "away": 1}, {"home": 2, "away": 1}]
    async with aiohttp.ClientSession() as session:
        viewers = [asyncio.create_task(viewer(session, url, f"v{i}", len(goals))) for i in range(3)]
        await hub.joined.wait()
        counted = await asyncio.to_thread(hub.viewer_count)
        for score in goals:
            await hub.broadcast(score)
            await asyncio.sleep(0.01)
        results = await asyncio.gather(*viewers)
    await runner.cleanup()
    print("viewers:", counted, sorted(results, key=lambda r: r[0]))


asyncio.run(main())
