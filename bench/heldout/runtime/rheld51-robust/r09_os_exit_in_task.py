"""A task that ends the process with os._exit(7) while another task has written unflushed output: python
leaves buffered stdout unwritten and runs no exit handlers."""
import asyncio
import atexit
import os

atexit.register(print, "atexit ran")


async def chatter():
    for n in range(3):
        print("chatter", n)
        await asyncio.sleep(0.01)


async def killer():
    await asyncio.sleep(0.05)
    print("about to exit", flush=True)
    print("this stays in the buffer")
    os._exit(7)


async def main():
    print("start", flush=True)
    await asyncio.gather(chatter(), killer())


asyncio.run(main())
print("not reached")
