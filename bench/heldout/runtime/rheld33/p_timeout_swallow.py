"""A fetch under asyncio.timeout whose inner except eats the cancellation the timeout sends."""
import asyncio


async def slow_fetch():
    await asyncio.sleep(1)
    return "data"


async def fetch_or_default():
    async with asyncio.timeout(0.05):
        try:
            return await slow_fetch()
        except asyncio.CancelledError:  # PLANT ACK601
            return "default"


async def main():
    print(await fetch_or_default())


asyncio.run(main())
