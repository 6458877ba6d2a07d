"""A shutdown thread cancelling a pending asyncio future directly."""
import asyncio
import threading
import time


def shutdown(fut):
    time.sleep(0.02)
    fut.cancel()  # PLANT ACK401


async def ticker(n):
    for _ in range(n):
        await asyncio.sleep(0.005)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = threading.Thread(target=shutdown, args=(fut,))
    t.start()
    tick = asyncio.create_task(ticker(30))
    try:
        await asyncio.wait_for(fut, 2)
    except asyncio.CancelledError:
        print("request cancelled")
    await tick
    await asyncio.to_thread(t.join)


asyncio.run(main())
