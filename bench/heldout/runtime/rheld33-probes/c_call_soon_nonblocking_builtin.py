"""A loop callback that is a builtin but does not block: list.append and a sleep(0) yield."""
import asyncio
import time

SEEN = []


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(SEEN.append, 1)
    loop.call_later(0.01, time.sleep, 0)
    await asyncio.sleep(0.05)
    print(SEEN)


asyncio.run(main())
