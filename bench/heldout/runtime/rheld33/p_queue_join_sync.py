"""A coroutine that feeds a thread worker pool's queue.Queue and waits with join()."""
import asyncio
import queue
import threading
import time

jobs = queue.Queue()
DONE = []


def worker():
    while True:
        item = jobs.get()
        time.sleep(0.02)
        DONE.append(item)
        jobs.task_done()


async def dispatch(items):
    for i in items:
        jobs.put(i)
    await asyncio.sleep(0)
    jobs.join()  # PLANT ACK106


threading.Thread(target=worker, daemon=True).start()
asyncio.run(dispatch(range(5)))
print(sorted(DONE))
