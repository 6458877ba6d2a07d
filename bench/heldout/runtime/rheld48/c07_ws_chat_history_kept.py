"""A websocket chat sends a newcomer the last messages in a background task it keeps, while it goes on reading."""
import asyncio

import aiohttp
from aiohttp import web

HISTORY = ["ann: hi", "bo: hello", "ann: lunch?"]


async def replay_history(ws):
    for line in HISTORY:
        await asyncio.sleep(0.01)
        await ws.send_str(f"(history) {line}")


async def chat(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    replay = asyncio.create_task(replay_history(ws))
    request.app["replays"].add(replay)
    replay.add_done_callback(request.app["replays"].discard)
    async for msg in ws:
        if msg.data == "bye":
            break
        await ws.send_str(f"echo {msg.data}")
    await ws.close()
    return ws


async def main():
    app = web.Application()
    app["replays"] = set()
    app.router.add_get("/chat", chat)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/chat") as ws:
            got = [(await ws.receive()).data for _ in range(3)]
            await ws.send_str("ping")
            got.append((await ws.receive()).data)
            await ws.send_str("bye")
    await runner.cleanup()
    print(got)


asyncio.run(main())
