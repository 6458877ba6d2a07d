"""A crawler that handles results as they complete."""
import asyncio


async def fetch(url):
    await asyncio.sleep(0.01 * (4 - len(url)))
    return url


async def main():
    for fut in asyncio.as_completed([fetch(u) for u in ("a", "bb", "ccc")]):
        print(await fut)


asyncio.run(main())
