import asyncio, time
import aiohttp
from aiohttp import web
async def add_headers(request, response):
    time.sleep(0.02)  # PLANT ACK101
    response.headers["X-Served-By"] = "edge"
async def ping(request):
    return web.Response(text="pong")
async def main():
    app = web.Application(); app.on_response_prepare.append(add_headers); app.router.add_get("/", ping)
    runner = web.AppRunner(app, access_log=None); await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0); await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as s:
        async with s.get(f"http://127.0.0.1:{port}/") as r:
            print(await r.text(), r.headers["X-Served-By"])
    await runner.cleanup()
asyncio.run(main())
