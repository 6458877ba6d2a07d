"""An aiohttp reverse proxy with a response cache; a lock keeps two misses of one key from both going upstream."""
import asyncio
import threading

import aiohttp
from aiohttp import web

CACHE = {}
CACHE_LOCK = threading.Lock()
UPSTREAM_HITS = []


async def upstream_item(request):
    UPSTREAM_HITS.append(request.path)
    await asyncio.sleep(0.01)
    return web.json_response({"item": request.match_info["id"], "price": len(request.path)})


async def proxy(request):
    key = request.path_qs
    with CACHE_LOCK:  # PLANT ACK201
        entry = CACHE.get(key)
        if entry is None:
            async with request.app["client"].get(request.app["upstream"] + key) as resp:
                entry = (resp.status, await resp.read())
            CACHE[key] = entry
    status, body = entry
    return web.Response(status=status, body=body, content_type="application/json")


async def serve(app):
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"


async def main():
    upstream = web.Application()
    upstream.router.add_get("/items/{id}", upstream_item)
    up_runner, up_url = await serve(upstream)
    async with aiohttp.ClientSession() as client:
        front = web.Application()
        front["client"], front["upstream"] = client, up_url
        front.router.add_get("/items/{id}", proxy)
        front_runner, front_url = await serve(front)
        bodies = []
        for item in ("7", "9", "7", "7", "9"):
            async with client.get(f"{front_url}/items/{item}") as resp:
                bodies.append((await resp.json())["item"])
        await front_runner.cleanup()
    await up_runner.cleanup()
    print(bodies, sorted(UPSTREAM_HITS))


asyncio.run(main())
