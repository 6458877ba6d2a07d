"""An aiohttp currency service whose on_startup hook starts a rate refresher task and keeps no handle on it."""
import asyncio

import aiohttp
from aiohttp import web


async def refresh_rates(app):
    tick = 0
    while not app["state"]["stopping"]:
        tick += 1
        app["state"]["rates"] = {"EURUSD": 1.08 + tick / 1000}
        await asyncio.sleep(0.02)


async def start_refresher(app):
    asyncio.create_task(refresh_rates(app))  # PLANT ACK302


async def stop_refresher(app):
    app["state"]["stopping"] = True
    await asyncio.sleep(0.05)


async def convert(request):
    amount = float(request.query["amount"])
    return web.json_response({"usd": round(amount * request.app["state"]["rates"]["EURUSD"], 1)})


async def main():
    app = web.Application()
    app["state"] = {"stopping": False, "rates": {"EURUSD": 1.08}}
    app.on_startup.append(start_refresher)
    app.on_cleanup.append(stop_refresher)
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
