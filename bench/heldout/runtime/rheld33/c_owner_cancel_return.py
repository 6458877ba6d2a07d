"""A metrics flusher stopped by its owner's cancel(), returning its last count."""
import asyncio


async def flusher(counter):
    try:
        while True:
            await asyncio.sleep(0.01)
            counter.append(1)
    except asyncio.CancelledError:
        return len(counter)


async def main():
    counter = []
    t = asyncio.create_task(flusher(counter))
    await asyncio.sleep(0.05)
    t.cancel()
    print("flushed", await t > 0)


asyncio.run(main())
