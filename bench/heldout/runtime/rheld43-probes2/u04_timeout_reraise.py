"""A poller whose asyncio.timeout expiry is handled outside the block (TimeoutError), after cleanup that re-raises."""
import asyncio

polls = []


async def poll_once(n):
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        polls.append(("cleanup", n))
        raise
    polls.append(("ok", n))


async def poller():
    for n in range(2):
        try:
            async with asyncio.timeout(0.01):
                await poll_once(n)
        except TimeoutError:
            polls.append(("timeout", n))
    return polls


print("polls", asyncio.run(poller()))
