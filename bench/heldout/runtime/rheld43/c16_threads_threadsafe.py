"""Threads reaching the loop the safe way: call_soon_threadsafe and run_coroutine_threadsafe."""
import asyncio
import threading
import time

samples = []


async def record(i):
    samples.append(i)
    return i


def sampler(loop, changed):
    time.sleep(0.01)
    for i in range(3):
        asyncio.run_coroutine_threadsafe(record(i), loop).result(timeout=2)
    loop.call_soon_threadsafe(changed.set)


async def main():
    loop = asyncio.get_running_loop()
    changed = asyncio.Event()
    t = threading.Thread(target=sampler, args=(loop, changed))
    t.start()
    await asyncio.wait_for(changed.wait(), 2)
    await asyncio.to_thread(t.join)
    print("samples", samples, "changed", changed.is_set())


asyncio.run(main())
