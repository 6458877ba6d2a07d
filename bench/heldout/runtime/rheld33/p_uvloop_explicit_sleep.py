"""A service started with uvloop.run whose startup hook sleeps with time.sleep."""
import asyncio
import time

import uvloop


async def startup():
    time.sleep(0.12)  # PLANT ACK101


async def main():
    await startup()
    await asyncio.sleep(0.01)
    print("up", type(asyncio.get_running_loop()).__module__.split(".")[0])


uvloop.run(main())
