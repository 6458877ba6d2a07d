"""A coroutine that submits work to a thread pool and waits on the concurrent future's result()."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(2)


def resize(size):
    time.sleep(0.1)
    return size // 2


async def thumbnail(size):
    await asyncio.sleep(0)
    fut = pool.submit(resize, size)
    return fut.result()  # PLANT ACK106


async def main():
    print("thumb", await thumbnail(640))


asyncio.run(main())
pool.shutdown()
