"""A poller whose asyncio.timeout block's cancellation is caught inside it and turned into a retry."""
import asyncio

polls = []


async def poll_once(n):
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:  # PLANT ACK601
        polls.append(("timeout", n))
        return None
    polls.append(("ok", n))


async def poller():
    for n in range(2):
        async with asyncio.timeout(0.01):
            await poll_once(n)
    return polls


print("polls", asyncio.run(poller()))
