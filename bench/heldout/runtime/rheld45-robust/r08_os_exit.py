"""A coroutine that ends the process with os._exit after flushing its output."""
import asyncio
import os
import sys


async def main():
    print("shutting down hard")
    await asyncio.sleep(0)
    sys.stdout.flush()
    os._exit(7)


asyncio.run(main())
print("never printed")
