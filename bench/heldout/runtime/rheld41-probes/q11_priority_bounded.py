"""A scheduler with a bounded PriorityQueue: producers wait for room."""
import asyncio


async def main():
    pq = asyncio.PriorityQueue(maxsize=500)
    out = []

    async def drain():
        for _ in range(12_000):
            out.append(await pq.get())

    d = asyncio.create_task(drain())
    for i in range(12_000):
        await pq.put((i % 7, i))
    await d
    print("drained", len(out))


asyncio.run(main())
