"""A coroutine polling a thread's queue.Queue with get_nowait between sleeps."""
import asyncio
import queue
import threading
import time

results = queue.Queue()


def worker():
    for i in range(3):
        time.sleep(0.02)
        results.put(i)


async def main():
    threading.Thread(target=worker).start()
    got = []
    while len(got) < 3:
        try:
            got.append(results.get_nowait())
        except queue.Empty:
            await asyncio.sleep(0.01)
    print(got)


asyncio.run(main())
