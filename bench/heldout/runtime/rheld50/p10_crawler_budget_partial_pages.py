"""A crawler supervisor gives the crawl a time budget; the crawl returns the pages it has when it is cut short."""
import asyncio

SITE = {"/": ["/a", "/b"], "/a": ["/a/1", "/a/2"], "/b": ["/b/1"], "/a/1": [], "/a/2": [], "/b/1": []}


async def fetch(path):
    await asyncio.sleep(0.02)
    return SITE[path]


async def crawl(start):
    seen, frontier = [], [start]
    try:
        while frontier:
            path = frontier.pop(0)
            seen.append(path)
            frontier.extend(await fetch(path))
        return seen
    except asyncio.CancelledError:  # PLANT ACK602
        return seen


async def supervisor():
    job = asyncio.create_task(crawl("/"))
    async with asyncio.timeout(0.07):
        pages = await job
    return pages


async def main():
    pages = await supervisor()
    print(len(pages) >= 1, pages[0])


asyncio.run(main())
