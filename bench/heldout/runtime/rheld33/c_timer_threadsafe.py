"""A deadline helper that resolves a future from a threading.Timer via call_soon_threadsafe."""
import asyncio
import threading


async def deadline(seconds, value):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    timer = threading.Timer(seconds, loop.call_soon_threadsafe, args=(fut.set_result, value))
    timer.start()
    return await asyncio.wait_for(fut, 5)


print(asyncio.run(deadline(0.05, "expired")))
