"""A coroutine that starts a worker thread and joins it directly."""
import asyncio
import threading
import time


def warm_cache(cache):
    time.sleep(0.1)
    cache["warm"] = True


async def startup():
    cache = {}
    t = threading.Thread(target=warm_cache, args=(cache,))
    t.start()
    await asyncio.sleep(0)
    t.join()  # PLANT ACK106
    return cache


async def main():
    print("cache", await startup())


asyncio.run(main())
