"""aiohttp handler that throttles with asyncio.sleep and serves several clients."""
import asyncio

import aiohttp
from aiohttp import web


async def orders(request):
    await asyncio.sleep(0.05)
    return web.json_response({"orders": [1, 2, 3], "who": request.query.get("who")})


async def main():
    app = web.Application()
    app.router.add_get("/orders", orders)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        async def one(who):
            async with session.get(f"http://127.0.0.1:{port}/orders", params={"who": who}) as resp:
                return await resp.json()
        for body in await asyncio.gather(*(one(w) for w in "abc")):
            print(body)
    await runner.cleanup()


asyncio.run(main())
