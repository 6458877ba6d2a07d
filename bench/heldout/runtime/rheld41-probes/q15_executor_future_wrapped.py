"""A coroutine that submits work to a thread pool and awaits the wrapped future."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(2)


def resize(size):
    time.sleep(0.05)
    return size // 2


async def thumbnail(size):
    fut = pool.submit(resize, size)
    done = await asyncio.wrap_future(fut)
    return done if fut.done() else None


async def main():
    print("thumb", await thumbnail(640))


asyncio.run(main())
pool.shutdown()
