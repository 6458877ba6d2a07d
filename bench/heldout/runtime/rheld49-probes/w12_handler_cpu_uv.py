import asyncio
import aiohttp
from aiohttp import web
def rank(n):
    return sorted(((i * 2654435761) % 4294967296 for i in range(n)), reverse=True)[:3]
async def top(request):
    best = rank(int(request.query["n"]))  # PLANT ACK120
    return web.json_response(best)
async def main():
    app = web.Application(); app.router.add_get("/top", top)
    runner = web.AppRunner(app, access_log=None); await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0); await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as s:
        async with s.get(f"http://127.0.0.1:{port}/top?n=1500000") as r:
            print(await r.json())
    await runner.cleanup()
asyncio.run(main())
