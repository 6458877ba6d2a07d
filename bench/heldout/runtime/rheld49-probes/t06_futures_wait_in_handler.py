import asyncio, concurrent.futures, time
from aiohttp import web
import aiohttp
POOL = concurrent.futures.ThreadPoolExecutor(2)
def work(n):
    time.sleep(0.02); return n * n
async def squares(request):
    futs = [POOL.submit(work, n) for n in range(3)]
    concurrent.futures.wait(futs)  # PLANT ACK106
    return web.json_response([f.result() for f in futs])
async def main():
    app = web.Application(); app.router.add_get("/", squares)
    runner = web.AppRunner(app, access_log=None); await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0); await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as s:
        async with s.get(f"http://127.0.0.1:{port}/") as r:
            print(await r.json())
    await runner.cleanup()
    await asyncio.to_thread(POOL.shutdown)
asyncio.run(main())
