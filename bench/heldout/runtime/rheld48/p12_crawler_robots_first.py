"""A rate-limited crawler reads the site's robots.txt first, then fetches pages with aiohttp at the crawl delay."""
import asyncio
import re
import urllib.request

import aiohttp

import _site

BASE = _site.start()


async def read_robots(base):
    with urllib.request.urlopen(base + "/robots.txt", timeout=5) as resp:  # PLANT ACK102
        text = resp.read().decode()
    disallowed = re.findall(r"Disallow: (\S+)", text)
    delay = float(re.search(r"Crawl-delay: (\S+)", text).group(1))
    return disallowed, delay


async def crawl(base, limit):
    disallowed, delay = await read_robots(base)
    seen, frontier = [], ["/page/0"]
    async with aiohttp.ClientSession() as session:
        while frontier and len(seen) < limit:
            path = frontier.pop(0)
            if path in seen or any(path.startswith(d) for d in disallowed):
                continue
            seen.append(path)
            async with session.get(base + path) as resp:
                frontier.extend(re.findall(r'href="([^"]+)"', await resp.text()))
            await asyncio.sleep(delay)
    return seen


print(asyncio.run(crawl(BASE, 6)))
