"""A fetch under asyncio.timeout that handles TimeoutError outside the block."""
import asyncio


async def slow_fetch():
    await asyncio.sleep(1)
    return "data"


async def fetch_or_default():
    try:
        async with asyncio.timeout(0.05):
            return await slow_fetch()
    except TimeoutError:
        return "default"


async def main():
    print(await fetch_or_default())


asyncio.run(main())
