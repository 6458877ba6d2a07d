"""A scoring job that yields to the loop between small chunks of work."""
import asyncio
import hashlib


async def score_all(items):
    total = 0
    for i, item in enumerate(items):
        total += hashlib.sha256(item).digest()[0]
        if i % 200 == 0:
            await asyncio.sleep(0)
    return total


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        beats += 1
        await asyncio.sleep(0.01)
    return beats


async def main():
    stop = asyncio.Event()
    hb = asyncio.create_task(heartbeat(stop))
    total = await score_all([str(i).encode() * 50 for i in range(40000)])
    stop.set()
    await hb
    print("scored", total > 0)


asyncio.run(main())
