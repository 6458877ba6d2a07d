"""A threading.BoundedSemaphore guarding sync work run in a thread pool; coroutines use asyncio.Semaphore."""
import asyncio
import threading

slots = threading.BoundedSemaphore(2)


def sync_call(i):
    with slots:
        return i * 10


async def call_upstream(sem, i):
    async with sem:
        await asyncio.sleep(0.01)
        return await asyncio.to_thread(sync_call, i)


async def main():
    sem = asyncio.Semaphore(4)
    print("results", await asyncio.gather(*(call_upstream(sem, i) for i in range(3))))


asyncio.run(main())
