"""aiohttp handler that throttles with time.sleep."""
import asyncio
import time

import aiohttp
from aiohttp import web


async def orders(request):
    time.sleep(0.2)  # PLANT ACK101
    return web.json_response({"orders": [1, 2, 3]})


async def main():
    app = web.Application()
    app.router.add_get("/orders", orders)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/orders") as resp:
            print(resp.status, await resp.json())
    await runner.cleanup()


asyncio.run(main())
