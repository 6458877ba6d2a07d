"""An asyncio.Event set from a concurrent future's done callback, which runs on the pool's thread."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def export(n):
    time.sleep(0.03)
    return n * 2


async def main():
    done = asyncio.Event()
    box = {}
    pool = ThreadPoolExecutor(1)
    fut = pool.submit(export, 21)

    def finished(f):
        box["v"] = f.result()
        done.set()  # PLANT ACK401

    fut.add_done_callback(finished)
    while not done.is_set():
        await asyncio.sleep(0.01)
    pool.shutdown(wait=False)
    print("exported", box["v"])


asyncio.run(main())
