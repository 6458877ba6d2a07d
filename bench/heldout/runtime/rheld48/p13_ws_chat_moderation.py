"""A websocket chat runs every message past a moderation model that lives in a thread pool."""
import asyncio
import concurrent.futures
import time

import aiohttp
from aiohttp import web

BANNED = {"spam", "scam"}
POOL = concurrent.futures.ThreadPoolExecutor(2)


def moderate(text):
    time.sleep(0.03)
    return "blocked" if set(text.split()) & BANNED else "ok"


async def chat(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        verdict = POOL.submit(moderate, msg.data).result()  # PLANT ACK106
        await ws.send_str(f"{verdict}: {msg.data}")
    return ws


async def main():
    app = web.Application()
    app.router.add_get("/chat", chat)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    got = []
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/chat") as ws:
            for text in ("hello all", "cheap spam here", "bye"):
                await ws.send_str(text)
                got.append((await ws.receive()).data)
    await runner.cleanup()
    await asyncio.to_thread(POOL.shutdown)
    print(got)


asyncio.run(main())
