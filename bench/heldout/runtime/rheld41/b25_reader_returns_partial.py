"""A stream reader that turns cancellation into a partial result, under a supervisor that awaits it."""
import asyncio


async def read_stream(chunks):
    try:
        for c in "abcdef":
            await asyncio.sleep(0.02)
            chunks.append(c)
        return "full"
    except asyncio.CancelledError:  # PLANT ACK602
        return "partial"


async def supervise(task):
    return await task


async def main():
    chunks = []
    reader = asyncio.create_task(read_stream(chunks))
    sup = asyncio.create_task(supervise(reader))
    await asyncio.sleep(0.05)
    sup.cancel()
    result = await sup
    print("supervisor got", result, "cancelled:", sup.cancelled())


asyncio.run(main())
