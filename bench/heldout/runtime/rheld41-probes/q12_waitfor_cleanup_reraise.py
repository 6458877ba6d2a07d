"""A fetch that notes the timeout's cancellation and lets it through."""
import asyncio


async def fetch(tries):
    for attempt in range(3):
        try:
            await asyncio.sleep(0.05)
            return "data"
        except asyncio.CancelledError:
            tries.append(attempt)
            raise
    return "gave up"


async def main():
    tries = []
    try:
        r = await asyncio.wait_for(fetch(tries), 0.02)
    except asyncio.TimeoutError:
        r = "timeout"
    print("result", r, "tries", len(tries))


asyncio.run(main())
