"""A bounded PriorityQueue, and map() over a small batch in a coroutine."""
import asyncio
import hashlib


def fingerprint(rec):
    return hashlib.md5(rec).hexdigest()[:8]


async def producer(jobs):
    for i in range(15_000):
        await jobs.put((i % 10, i))


async def main():
    jobs = asyncio.PriorityQueue(maxsize=500)
    prod = asyncio.create_task(producer(jobs))
    served = 0
    while served < 15_000:
        await jobs.get()
        served += 1
    await prod
    seen = set(map(fingerprint, [b"a", b"b", b"a"]))
    print("served", served, "unique", len(seen))


asyncio.run(main())
