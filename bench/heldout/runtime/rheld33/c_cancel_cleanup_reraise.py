"""A consumer that cleans up on cancellation and re-raises."""
import asyncio


async def consumer(q, out):
    try:
        while True:
            out.append(await q.get())
    except asyncio.CancelledError:
        out.append("closed")
        raise


async def main():
    q = asyncio.Queue()
    out = []
    task = asyncio.create_task(consumer(q, out))
    await q.put(1)
    await asyncio.sleep(0.02)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(out)


asyncio.run(main())
