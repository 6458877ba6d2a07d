"""A driver thread failing a pending asyncio future with set_exception when its connection drops."""
import asyncio
import threading
import time


def driver(fut):
    time.sleep(0.02)
    fut.set_exception(ConnectionAbortedError("link down"))  # PLANT ACK401


async def ticker(n):
    for _ in range(n):
        await asyncio.sleep(0.005)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = threading.Thread(target=driver, args=(fut,))
    t.start()
    tick = asyncio.create_task(ticker(30))
    try:
        await asyncio.wait_for(fut, 2)
    except ConnectionAbortedError as e:
        print("failed:", e)
    await tick
    await asyncio.to_thread(t.join)


asyncio.run(main())
