"""A crawler resolves each seed's host name once, to group seeds by address before fetching them."""
import asyncio
import re
import socket

import aiohttp

import _site

BASE = _site.start()
PORT = int(BASE.rsplit(":", 1)[1])
SEEDS = [f"http://localhost:{PORT}/page/{i}" for i in (0, 1)] + [f"{BASE}/page/2"]


async def resolve(host):
    infos = socket.getaddrinfo(host, PORT, type=socket.SOCK_STREAM)  # PLANT ACK105
    return sorted({info[4][0] for info in infos if info[0] == socket.AF_INET})


async def main():
    groups = {}
    for seed in SEEDS:
        host = seed.split("/")[2].split(":")[0]
        for addr in await resolve(host):
            groups.setdefault(addr, []).append(seed)
    titles = []
    async with aiohttp.ClientSession() as session:
        for addr, seeds in sorted(groups.items()):
            for seed in seeds:
                url = f"http://{addr}:{PORT}/" + seed.split("/", 3)[3]
                async with session.get(url) as resp:
                    titles.append(re.search(r"<title>(.*)</title>", await resp.text()).group(1))
    print(sorted(groups), titles)


asyncio.run(main())
