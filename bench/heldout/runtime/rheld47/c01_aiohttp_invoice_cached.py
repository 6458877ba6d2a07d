"""An aiohttp invoice service that loads its template once in a thread at start-up and keeps it on the app."""
import asyncio
import os
import tempfile

import aiohttp
from aiohttp import web

TEMPLATES = tempfile.mkdtemp()
with open(os.path.join(TEMPLATES, "invoice.txt"), "w") as fh:
    fh.write("INVOICE {number}: {amount} EUR due {due}\n")


def load_template(name):
    with open(os.path.join(TEMPLATES, name)) as f:
        return f.read()


async def load_templates(app):
    app["template"] = await asyncio.to_thread(load_template, "invoice.txt")


async def invoice(request):
    number = request.match_info["number"]
    body = request.app["template"].format(number=number, amount=int(number) * 10, due="2027-01-31")
    return web.Response(text=body)


async def main():
    app = web.Application()
    app.on_startup.append(load_templates)
    app.router.add_get("/invoice/{number}", invoice)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        for n in (7, 8):
            async with session.get(f"http://127.0.0.1:{port}/invoice/{n}") as resp:
                print((await resp.text()).strip())
    await runner.cleanup()


asyncio.run(main())
