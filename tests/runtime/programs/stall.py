"""A task's step that keeps the loop busy (ACK120), next to a short one. The step runs for 0.4 s of CPU time, far
over the 100 ms threshold: the watchdog counts a step from the first sample that sees it, and on a loaded machine
the watchdog itself may wait for a CPU (and the GIL) for a while after the step began. A fixed number of
iterations (~150 ms of CPU here) was too close: under CI's xdist load the uvloop run once saw less than 100 ms of
it and reported nothing."""
import asyncio
import time


async def crunch():
    total, until = 0, time.thread_time() + 0.4
    while time.thread_time() < until: total += 1  # ACK120: where the time goes
    return total


async def short():
    return sum(range(1000))


async def main():
    await short()
    await crunch()
    print("crunched")


asyncio.run(main())
