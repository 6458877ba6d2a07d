"""A scheduler's unbounded asyncio.PriorityQueue filled far faster than it is served."""
import asyncio


async def main():
    jobs = asyncio.PriorityQueue()  # PLANT ACK501
    for i in range(15_000):
        jobs.put_nowait((i % 10, i))
    served = 0
    while not jobs.empty():
        await jobs.get()
        served += 1
        if served % 5000 == 0:
            await asyncio.sleep(0)
    print("served", served)


asyncio.run(main())
