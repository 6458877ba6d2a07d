"""A batch launcher that keeps its tasks in a list, then clears the list without awaiting them."""
import asyncio


async def push(n):
    await asyncio.sleep(0.01)
    if n == 2:
        raise ValueError(f"push {n} rejected")
    return n


async def main():
    batch = []
    for n in range(4):
        batch.append(asyncio.create_task(push(n)))  # PLANT ACK303
    await asyncio.sleep(0.1)
    print("finished", sum(1 for t in batch if t.done()))
    batch.clear()
    await asyncio.sleep(0.01)


asyncio.run(main())
