import asyncio
class Jobs(asyncio.PriorityQueue):
    pass
async def main():
    jobs = Jobs()  # PLANT ACK501
    for n in range(10500):
        jobs.put_nowait((n % 5, n))
    await asyncio.sleep(0.05)
    first = jobs.get_nowait()
    print(first, jobs.qsize())
asyncio.run(main())
