"""A coroutine that polls a thread-safe queue.Queue without blocking."""
import asyncio
import queue
import threading
import time


def producer(q):
    time.sleep(0.05)
    q.put("job-1")


async def next_job(q):
    while True:
        try:
            return q.get(block=False)
        except queue.Empty:
            await asyncio.sleep(0.01)


async def main():
    q = queue.Queue()
    threading.Thread(target=producer, args=(q,), daemon=True).start()
    print("job", await next_job(q))


asyncio.run(main())
