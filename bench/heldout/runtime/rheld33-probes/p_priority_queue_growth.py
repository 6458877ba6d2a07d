"""A scheduler whose unbounded PriorityQueue piles up jobs faster than it runs them."""
import asyncio


async def main():
    jobs = asyncio.PriorityQueue()  # PLANT ACK501
    for i in range(12000):
        jobs.put_nowait((i % 7, i))
    await asyncio.sleep(0.2)
    done = 0
    while not jobs.empty():
        jobs.get_nowait()
        done += 1
    print(done)


asyncio.run(main())
