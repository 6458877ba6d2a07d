"""A cache warmer that hands a blocking job to to_thread but never awaits the coroutine."""
import asyncio
import time

WARM = []


def warm():
    time.sleep(0.01)
    WARM.append(1)


async def main():
    asyncio.to_thread(warm)  # PLANT ACK301
    await asyncio.sleep(0.05)
    print(WARM)


asyncio.run(main())
