"""A crawler supervisor gives the crawl a time budget; the crawl keeps its progress in a list the supervisor
reads once the cancelled crawl has ended."""
import asyncio

SITE = {"/": ["/a", "/b"], "/a": ["/a/1", "/a/2"], "/b": ["/b/1"], "/a/1": [], "/a/2": [], "/b/1": []}


async def fetch(path):
    await asyncio.sleep(0.02)
    return SITE[path]


async def crawl(start, seen):
    frontier = [start]
    while frontier:
        path = frontier.pop(0)
        seen.append(path)
        frontier.extend(await fetch(path))
    return seen


async def supervisor():
    seen = []
    job = asyncio.create_task(crawl("/", seen))
    try:
        async with asyncio.timeout(0.07):
            await job
    except TimeoutError:
        pass
    return seen


async def main():
    pages = await supervisor()
    print(len(pages) >= 1, pages[0])


asyncio.run(main())
