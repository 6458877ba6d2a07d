import asyncio
import aiohttp
from aiohttp import web
async def warm_cache(app):
    await asyncio.sleep(0.005)
    raise ConnectionError("cache backend down")
async def start_warmup(app):
    app["warm"] = None
    asyncio.ensure_future(warm_cache(app))  # PLANT ACK303
async def ping(request):
    return web.Response(text="pong")
async def main():
    app = web.Application(); app.on_startup.append(start_warmup); app.router.add_get("/", ping)
    runner = web.AppRunner(app, access_log=None); await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0); await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as s:
        async with s.get(f"http://127.0.0.1:{port}/") as r:
            print(await r.text())
    await asyncio.sleep(0.02)
    await runner.cleanup()
asyncio.run(main())
