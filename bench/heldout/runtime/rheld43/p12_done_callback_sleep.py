"""A done-callback that backs off with time.sleep before logging a finished job."""
import asyncio
import time

finished = []


def on_done(fut):
    time.sleep(0.15)  # PLANT ACK101
    finished.append(fut.result())


async def job(n):
    await asyncio.sleep(0.01)
    return n * 2


async def main():
    task = asyncio.create_task(job(21))
    task.add_done_callback(on_done)
    await task
    await asyncio.sleep(0.01)
    print("finished", finished)


asyncio.run(main())
