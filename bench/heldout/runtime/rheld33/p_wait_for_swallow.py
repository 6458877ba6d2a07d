"""A poller under wait_for whose loop keeps polling after the timeout's cancellation."""
import asyncio

POLLS = []


async def poll_until_ready():
    while len(POLLS) < 30:
        try:
            await asyncio.sleep(0.01)
            POLLS.append(1)
        except asyncio.CancelledError:  # PLANT ACK601
            POLLS.append(0)
    return "ready"


async def main():
    try:
        print(await asyncio.wait_for(poll_until_ready(), 0.05))
    except asyncio.TimeoutError:
        print("timed out")


asyncio.run(main())
