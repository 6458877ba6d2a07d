"""A consumer loop that wraps each receive in contextlib.suppress(CancelledError)."""
import asyncio
import contextlib


async def consumer(q, out):
    while True:
        with contextlib.suppress(asyncio.CancelledError):  # PLANT ACK601
            item = await q.get()
            if item is None:
                return
            out.append(item)


async def main():
    q = asyncio.Queue()
    out = []
    task = asyncio.create_task(consumer(q, out))
    await q.put(1)
    await asyncio.sleep(0.02)
    task.cancel()
    await asyncio.sleep(0.02)
    await q.put(None)
    await task
    print(out)


asyncio.run(main())
