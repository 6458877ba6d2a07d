"""Results of a thread pool handed back to the loop from a concurrent future's done callback."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def crunch(n):
    time.sleep(0.05)
    return sum(range(n))


async def main():
    loop = asyncio.get_running_loop()
    results = []
    pool = ThreadPoolExecutor(2)
    fut = pool.submit(crunch, 1000)
    fut.add_done_callback(lambda f: loop.call_soon(results.append, f.result()))  # PLANT ACK402
    while not results:
        await asyncio.sleep(0.01)
    pool.shutdown(wait=False)
    print("result", results[0])


asyncio.run(main())
