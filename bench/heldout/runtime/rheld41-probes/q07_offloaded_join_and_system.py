"""A startup that joins its worker thread and runs a shell command through to_thread."""
import asyncio
import os
import threading
import time


def warm_cache(cache):
    time.sleep(0.05)
    cache["warm"] = True


async def startup():
    cache = {}
    t = threading.Thread(target=warm_cache, args=(cache,))
    t.start()
    await asyncio.to_thread(t.join)
    rc = await asyncio.to_thread(os.system, "true")
    return cache, rc


async def main():
    print("startup", await startup())


asyncio.run(main())
