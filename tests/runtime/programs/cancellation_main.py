"""The main task of `asyncio.run` is asyncio's, not made by the program's `create_task`: a cancellation it
swallows is not seen (docs/runtime.md, Limits: of the program's kind, its steps would cost every workload whose
main task does the work). A timeout in it turned into TimeoutError is not a finding either."""
import asyncio


async def stop_soon(task):
    await asyncio.sleep(0.005)
    task.cancel()


async def main():
    try:
        async with asyncio.timeout(0.002):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out")
    stopper = asyncio.create_task(stop_soon(asyncio.current_task()))
    steps = 0
    while steps < 3:
        try:
            await asyncio.sleep(0.01)
        except asyncio.CancelledError:  # not seen: the main task (asyncio's) carries on
            print("interrupted, going on")
        steps += 1
    await stopper
    print("steps", steps)


asyncio.run(main())
