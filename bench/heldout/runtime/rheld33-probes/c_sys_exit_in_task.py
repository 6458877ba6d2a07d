"""A task that decides the process's exit status with sys.exit(2)."""
import asyncio
import sys


async def checker():
    await asyncio.sleep(0.01)
    print("check failed")
    sys.exit(2)


async def main():
    t = asyncio.create_task(checker())
    await asyncio.sleep(0.1)
    print("not reached", t.done())


asyncio.run(main())
