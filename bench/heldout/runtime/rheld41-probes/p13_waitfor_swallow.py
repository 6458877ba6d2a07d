"""A fetch that swallows the cancellation wait_for's timeout sends and keeps waiting."""
import asyncio


async def fetch(tries):
    for attempt in range(3):
        try:
            await asyncio.sleep(0.05)
            return "data"
        except asyncio.CancelledError:  # PLANT ACK601
            tries.append(attempt)
    return "gave up"


async def main():
    tries = []
    try:
        r = await asyncio.wait_for(fetch(tries), 0.02)
    except asyncio.TimeoutError:
        r = "timeout"
    print("result", r, "tries", len(tries))


asyncio.run(main())
