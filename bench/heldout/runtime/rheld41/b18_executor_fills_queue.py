"""A producer run in the default executor that puts into an asyncio.Queue directly."""
import asyncio


def produce(q, n):
    for i in range(n):
        q.put_nowait(i * i)  # PLANT ACK401


async def main():
    q = asyncio.Queue()
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, produce, q, 5)
    items = [q.get_nowait() for _ in range(q.qsize())]
    print("items", items)


asyncio.run(main())
