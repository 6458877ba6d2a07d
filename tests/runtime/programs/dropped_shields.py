"""The future `asyncio.shield(coro)` hands back is the only handle on the task shield makes of the coroutine:
dropped, nothing holds that task (ACK302 at the call). Kept, awaited, given to wait_for or gather, or a shield of
a task the program keeps, it is not."""
import asyncio
from asyncio import shield

background = set()


async def save(n):
    await asyncio.sleep(0.02)
    return n


async def shielded_save(n):
    return await asyncio.shield(save(n))


async def main():
    asyncio.ensure_future(asyncio.shield(save(1)))  # ACK302
    shield(save(2))  # ACK302
    asyncio.create_task(shielded_save(3))  # ACK302

    kept = asyncio.shield(save(4))
    future = asyncio.ensure_future(shield(save(5)))
    background.add(future)
    future.add_done_callback(background.discard)
    await asyncio.shield(save(6))
    await asyncio.wait_for(asyncio.shield(save(7)), 1)
    await asyncio.gather(asyncio.shield(save(8)), shield(save(9)))
    task = asyncio.create_task(save(10))
    asyncio.shield(task)  # the program holds the task itself
    await kept
    await task
    await asyncio.sleep(0.05)


def not_in_a_loop():
    return asyncio.shield  # a reference, no call


asyncio.run(main())
