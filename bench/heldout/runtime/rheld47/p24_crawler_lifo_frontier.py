"""A depth-first site crawler keeps its frontier in a LifoQueue; every page links to more pages than it visits."""
import asyncio


def links(url):
    return [f"{url}/{k}" for k in range(5)]


async def crawl(limit):
    frontier = asyncio.LifoQueue()  # PLANT ACK501
    frontier.put_nowait("https://docs.example")
    seen = 0
    while seen < limit:
        url = await frontier.get()
        seen += 1
        for link in links(url):
            frontier.put_nowait(link)
        if seen % 500 == 0:
            await asyncio.sleep(0)
    return seen, frontier.qsize()


print(asyncio.run(crawl(3000)))
