"""A deadline helper that resolves a future from a threading.Timer."""
import asyncio
import threading


async def deadline(seconds, value):
    fut = asyncio.get_running_loop().create_future()
    timer = threading.Timer(seconds, fut.set_result, args=(value,))  # PLANT ACK401
    timer.start()
    return await asyncio.wait_for(fut, 5)


print(asyncio.run(deadline(0.05, "expired")))
