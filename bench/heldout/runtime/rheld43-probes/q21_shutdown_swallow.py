"""A background flusher that, cancelled at shutdown by asyncio.run, swallows it and returns a count."""
import asyncio

flushed = []


async def flusher():
    n = 0
    try:
        while True:
            await asyncio.sleep(0.01)
            n += 1
    except asyncio.CancelledError:  # PLANT ACK602
        flushed.append(n)
        return n


async def main():
    global keep
    keep = asyncio.create_task(flusher())
    await asyncio.sleep(0.035)
    print("main done")


asyncio.run(main())
print("flushed at shutdown", len(flushed))
