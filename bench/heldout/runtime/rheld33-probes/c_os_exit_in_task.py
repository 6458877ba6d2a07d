"""A worker that flushes and ends the process with os._exit(5) from a task."""
import asyncio
import os
import sys


async def worker():
    await asyncio.sleep(0.01)
    print("bye")
    sys.stdout.flush()
    os._exit(5)


async def main():
    await asyncio.create_task(worker())


asyncio.run(main())
