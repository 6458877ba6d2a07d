"""A coroutine that waits on a thread-safe queue.Queue with a timeout."""
import asyncio
import queue
import threading
import time


def producer(q):
    time.sleep(0.1)
    q.put("job-1")


async def next_job(q):
    await asyncio.sleep(0)
    return q.get(timeout=2)  # PLANT ACK106


async def main():
    q = queue.Queue()
    threading.Thread(target=producer, args=(q,), daemon=True).start()
    print("job", await next_job(q))


asyncio.run(main())
