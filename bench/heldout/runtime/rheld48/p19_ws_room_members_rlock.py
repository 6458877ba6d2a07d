"""A websocket room guards its member list with an RLock shared with a sync admin API running in threads."""
import asyncio
import threading

import aiohttp
from aiohttp import web


class Room:
    def __init__(self):
        self.members = []
        self.lock = threading.RLock()

    def kick_all_sync(self):
        with self.lock:
            n = len(self.members)
            self.members.clear()
            return n

    async def broadcast(self, text):
        with self.lock:  # PLANT ACK201
            for ws in self.members:
                await ws.send_str(text)


async def chat(request):
    room = request.app["room"]
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    with room.lock:
        room.members.append(ws)
    async for msg in ws:
        await room.broadcast(f"someone said {msg.data}")
    return ws


async def main():
    app = web.Application()
    app["room"] = room = Room()
    app.router.add_get("/chat", chat)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/chat"
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url) as a, session.ws_connect(url) as b:
            while len(room.members) < 2:
                await asyncio.sleep(0.01)
            await a.send_str("hi")
            got = [(await a.receive()).data, (await b.receive()).data]
            kicked = await asyncio.to_thread(room.kick_all_sync)
    await runner.cleanup()
    print(got, kicked)


asyncio.run(main())
