"""A step stuck in one C call that never releases the GIL (a regular expression backtracking): the watchdog
cannot sample until it returns, and then finds the step at that call's line. Look-alikes: the same call in a
worker thread while the loop runs short steps (the loop's thread waited for the GIL, it did not run), and many
short matches."""
import asyncio
import re

BACKTRACKS = re.compile(r"(a+)+$")  # exponential on a run of a's that does not match at the end


def slow_match(n):
    return BACKTRACKS.match("a" * n + "!") is not None


async def short_steps(until):
    while not until.done():
        await asyncio.sleep(0)


async def main():
    await asyncio.sleep(0.05)  # (the watchdog's first samples)
    worker = asyncio.ensure_future(asyncio.to_thread(slow_match, 24))
    await short_steps(worker)
    for _ in range(50):
        slow_match(10)
        await asyncio.sleep(0)
    await asyncio.sleep(0.05)
    print(BACKTRACKS.match("a" * 24 + "!") is not None)  # ACK120
    await asyncio.sleep(0.05)


asyncio.run(main())
