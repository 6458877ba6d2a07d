"""A module-level asyncio.Queue that a threading.Timer callback fills."""
import asyncio
import threading

jobs = asyncio.Queue()


def enqueue_tick():
    jobs.put_nowait("tick")  # PLANT ACK401


async def main():
    first = await asyncio.wait_for(jobs.get(), 1) if not jobs.empty() else None
    threading.Timer(0.02, enqueue_tick).start()
    while jobs.empty():
        await asyncio.sleep(0.01)
    print("first", first, "job", jobs.get_nowait())


asyncio.run(main())
