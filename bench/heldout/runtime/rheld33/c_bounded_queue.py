"""A log shipper with a bounded queue giving back-pressure, printing a lot."""
import asyncio


async def produce(q, n):
    for i in range(n):
        await q.put(f"line {i}")
    await q.put(None)


async def consume(q):
    while (item := await q.get()) is not None:
        print(item)


async def main():
    q = asyncio.Queue(maxsize=100)
    await asyncio.gather(produce(q, 15000), consume(q))


asyncio.run(main())
