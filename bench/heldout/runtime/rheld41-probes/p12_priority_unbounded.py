"""A scheduler with an unbounded PriorityQueue that a burst fills past ten thousand entries."""
import asyncio


async def main():
    pq = asyncio.PriorityQueue()  # PLANT ACK501
    for i in range(12_000):
        pq.put_nowait((i % 7, i))
    await asyncio.sleep(0.3)
    first = pq.get_nowait()
    while not pq.empty():
        pq.get_nowait()
    print("first", first)


asyncio.run(main())
