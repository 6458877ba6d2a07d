"""A thumbnail service on aiohttp: an upload is probed for its dimensions by an external tool (here a short
python one-liner standing in for `identify`, run as an asyncio subprocess), then the thumbnail's size is computed to fit a 128 px box."""
import asyncio
import json
import sys

import aiohttp
from aiohttp import web

PROBE = "import sys, json; d = sys.stdin.buffer.read(); print(json.dumps({'w': d[0] * 10, 'h': d[1] * 10}))"


def fit(w, h, box=128):
    scale = min(box / w, box / h, 1.0)
    return max(1, round(w * scale)), max(1, round(h * scale))


async def upload(request):
    data = await request.read()
    probe = await asyncio.create_subprocess_exec(sys.executable, "-c", PROBE, stdin=asyncio.subprocess.PIPE,
                                                 stdout=asyncio.subprocess.PIPE)
    out, _ = await probe.communicate(data)
    dims = json.loads(out)
    return web.json_response({"name": request.match_info["name"], "thumb": fit(dims["w"], dims["h"])})


async def main():
    app = web.Application()
    app.router.add_post("/upload/{name}", upload)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as session:
        for name, blob in [("cat.png", bytes([64, 48])), ("pano.jpg", bytes([200, 20])), ("icon.gif", bytes([3, 3]))]:
            async with session.post(f"http://127.0.0.1:{port}/upload/{name}", data=blob) as resp:
                print(resp.status, await resp.json())
    await runner.cleanup()


asyncio.run(main())
