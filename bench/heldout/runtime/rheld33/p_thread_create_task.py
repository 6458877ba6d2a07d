"""A to_thread worker that schedules a follow-up coroutine with loop.create_task."""
import asyncio

DONE = []


async def follow_up(n):
    DONE.append(n)


def work(loop, n):
    return loop.create_task(follow_up(n))  # PLANT ACK402


async def main():
    loop = asyncio.get_running_loop()
    task = await asyncio.to_thread(work, loop, 7)
    await asyncio.sleep(0.05)
    await task
    print(DONE)


asyncio.run(main())
