import asyncio
import gc
import threading
import time

import uvloop  # imported after the checker started: its hooks are applied on import

lock = threading.Lock()


async def fails():
    raise ValueError("lost")


async def forever():
    await asyncio.get_running_loop().create_future()


async def work():
    await asyncio.sleep(0.005)


async def holds():
    with lock:  # ACK201
        await asyncio.sleep(0.01)


async def main():
    time.sleep(0.01)  # ACK101
    asyncio.create_task(fails())  # ACK303
    asyncio.create_task(forever())  # ACK302
    asyncio.get_running_loop().create_task(work())  # ACK302: dropped while it runs (and then finishes)
    kept = asyncio.create_task(work())
    await holds()
    coro = holds()
    try:
        asyncio.run(coro)  # ACK108
    except RuntimeError:
        coro.close()
    await asyncio.sleep(0.01)
    await kept
    gc.collect()
    print("uvloop", type(asyncio.get_running_loop()).__module__)


uvloop.run(main())
