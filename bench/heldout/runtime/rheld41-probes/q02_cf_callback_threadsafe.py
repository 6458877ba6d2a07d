"""A concurrent future's done callback that wakes the loop with call_soon_threadsafe."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def export(n):
    time.sleep(0.03)
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    box = {}
    pool = ThreadPoolExecutor(1)
    fut = pool.submit(export, 21)

    def finished(f):
        box["v"] = f.result()
        loop.call_soon_threadsafe(done.set)

    fut.add_done_callback(finished)
    await asyncio.wait_for(done.wait(), 2)
    pool.shutdown(wait=False)
    print("exported", box["v"])


asyncio.run(main())
