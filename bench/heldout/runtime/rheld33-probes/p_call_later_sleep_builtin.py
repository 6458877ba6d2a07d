"""A rate limiter that schedules time.sleep itself as a loop callback to pause the loop."""
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, time.sleep, 0.15)  # PLANT ACK101
    await asyncio.sleep(0.3)
    print("done")


asyncio.run(main())
