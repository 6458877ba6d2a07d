"""An over-the-air update server for a fleet of sensors: devices ask `GET /ota/<model>/manifest` for the current
firmware's version, size and SHA-256, then download the image. The manifest's digest is computed with the
system's `sha256sum`, as the release tooling does, so both always agree."""
import asyncio
import os
import subprocess
import tempfile

import aiohttp
from aiohttp import web


class OtaServer:
    def __init__(self, folder):
        self.folder = folder

    async def manifest(self, request):
        model = request.match_info["model"]
        path = os.path.join(self.folder, f"{model}.bin")
        digest = subprocess.run(["sha256sum", path], capture_output=True, text=True).stdout.split()[0]  # PLANT ACK104
        return web.json_response({"model": model, "version": "2.4.1", "size": os.path.getsize(path),
                                  "sha256": digest})

    def app(self):
        app = web.Application()
        app.router.add_get("/ota/{model}/manifest", self.manifest)
        return app


def publish(folder):
    for model, fill in (("th-100", b"\x01"), ("co2-7", b"\x02")):
        with open(os.path.join(folder, f"{model}.bin"), "wb") as image:
            image.write(fill * 65536)


async def main(folder):
    runner = web.AppRunner(OtaServer(folder).app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    async with aiohttp.ClientSession() as session:
        for model in ("th-100", "co2-7"):
            async with session.get(f"{base}/ota/{model}/manifest") as response:
                manifest = await response.json()
            print(manifest["model"], manifest["version"], manifest["size"], manifest["sha256"][:12])
    await runner.cleanup()


with tempfile.TemporaryDirectory() as folder:
    publish(folder)
    asyncio.run(main(folder))
