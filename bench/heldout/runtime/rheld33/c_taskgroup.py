"""A crawler that fans out with a TaskGroup."""
import asyncio


async def fetch(url):
    await asyncio.sleep(0.01 * len(url))
    return len(url)


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(u)) for u in ("a", "bb", "ccc")]
    print([t.result() for t in tasks])


asyncio.run(main())
