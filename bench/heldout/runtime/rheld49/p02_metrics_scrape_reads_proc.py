"""A metrics exporter served by aiohttp: each scrape of /metrics reads the process's memory from /proc."""
import asyncio

import aiohttp
from aiohttp import web

FIELDS = {"VmRSS": "process_resident_memory_kb", "VmSize": "process_virtual_memory_kb", "Threads": "process_threads"}


def parse_status(text):
    values = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in FIELDS:
            values[FIELDS[key]] = int(rest.split()[0])
    return values


async def metrics(request):
    request.app["state"]["scrapes"] += 1
    with open("/proc/self/status") as f:  # PLANT ACK103
        values = parse_status(f.read())
    values["exporter_scrapes_total"] = request.app["state"]["scrapes"]
    body = "".join(f"{name} {value}\n" for name, value in sorted(values.items()))
    return web.Response(text=body)


async def main():
    app = web.Application()
    app["state"] = {"scrapes": 0}
    app.router.add_get("/metrics", metrics)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    names = []
    async with aiohttp.ClientSession() as session:
        for _ in range(3):
            async with session.get(f"http://127.0.0.1:{port}/metrics") as resp:
                text = await resp.text()
            names.append(sorted(line.split()[0] for line in text.splitlines()))
    await runner.cleanup()
    print(names[-1], text.splitlines()[0].split()[1])


asyncio.run(main())
