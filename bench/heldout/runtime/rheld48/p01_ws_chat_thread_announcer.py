"""A websocket chat room: a thread posts system announcements to the room's outbox, a broadcaster fans them out."""
import asyncio
import threading

import aiohttp
from aiohttp import web


class Room:
    def __init__(self):
        self.members = set()
        self.outbox = asyncio.Queue()

    def announce_from_thread(self, texts):
        for text in texts:
            self.outbox.put_nowait(f"[system] {text}")  # PLANT ACK401

    async def broadcaster(self, count):
        for _ in range(count):
            while True:
                try:
                    msg = await asyncio.wait_for(self.outbox.get(), 0.05)
                    break
                except asyncio.TimeoutError:
                    continue
            for ws in list(self.members):
                await ws.send_str(msg)


async def chat(request):
    room = request.app["room"]
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    room.members.add(ws)
    async for _ in ws:
        pass
    room.members.discard(ws)
    return ws


async def main():
    room = Room()
    app = web.Application()
    app["room"] = room
    app.router.add_get("/chat", chat)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    fan = asyncio.create_task(room.broadcaster(3))
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/chat") as ws:
            while not room.members:
                await asyncio.sleep(0.01)
            feeder = threading.Thread(target=room.announce_from_thread, args=(["maintenance at 5", "welcome", "bye"],))
            feeder.start()
            got = [(await ws.receive()).data for _ in range(3)]
            await asyncio.to_thread(feeder.join)
    await fan
    await runner.cleanup()
    print(got)


asyncio.run(main())
