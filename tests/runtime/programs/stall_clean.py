import asyncio
import time


def crunch(n):
    return sum(i * i for i in range(n))


async def chunked(name):
    total = 0
    for _ in range(25):
        total += crunch(60_000)  # a few ms per step: many short steps are not a stall
        await asyncio.sleep(0)
    return name, total


async def main():
    background = set()
    for name in ("a", "b"):
        task = asyncio.create_task(chunked(name))
        background.add(task)
        task.add_done_callback(background.discard)
    await asyncio.to_thread(crunch, 3_000_000)  # CPU work in a worker thread: fine
    await asyncio.gather(*background)
    time.sleep(0.15)  # ACK101: a blocking call is its own finding, not a stall as well
    print("steps")


asyncio.run(main())
