"""An aiohttp currency service whose rate refresher runs in a cleanup_ctx that keeps and cancels its task."""
import asyncio
import contextlib

import aiohttp
from aiohttp import web


async def refresh_rates(app):
    tick = 0
    while True:
        tick += 1
        app["state"]["rates"] = {"EURUSD": 1.08 + tick / 1000}
        await asyncio.sleep(0.02)


async def refresher(app):
    task = asyncio.create_task(refresh_rates(app))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def convert(request):
    amount = float(request.query["amount"])
    return web.json_response({"usd": round(amount * request.app["state"]["rates"]["EURUSD"], 1)})


async def main():
    app = web.Application()
    app["state"] = {"stopping": False, "rates": {"EURUSD": 1.08}}
    app.cleanup_ctx.append(refresher)
    app.router.add_get("/convert", convert)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        await asyncio.sleep(0.1)
        async with session.get(f"http://127.0.0.1:{port}/convert", params={"amount": "100"}) as resp:
            print((await resp.json())["usd"] > 100)
    await runner.cleanup()
    print("stopped")


asyncio.run(main())
