"""The main task of `asyncio.run` is asyncio's, not made by the program's `create_task`; in a file that may catch a
CancelledError (this one) it is made of the program's kind, so that a cancellation it swallows is seen (ACK601).
Look-alikes: a timeout in it turned into TimeoutError; a main that catches its cancellation and ends at once
(ACK602); one that cleans up and re-raises."""
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
        except asyncio.CancelledError:  # ACK601
            print("interrupted, going on")
        steps += 1
    await stopper
    print("steps", steps)


async def ends_at_once():
    stopper = asyncio.create_task(stop_soon(asyncio.current_task()))
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # ACK602: the main task ends as completed
        print("stopped", stopper.done())
        return "bye"


async def re_raises():
    asyncio.get_running_loop().call_later(0.005, asyncio.current_task().cancel)
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await asyncio.sleep(0)
        raise


asyncio.run(main())
print(asyncio.run(ends_at_once()))
try:
    asyncio.run(re_raises())
except asyncio.CancelledError:
    print("cancelled")


async def returns_then_finally():
    stopper = asyncio.create_task(stop_soon(asyncio.current_task()))
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # ACK602: the return goes through the finally, then the main task ends
        print("stopping")
        return "done"
    finally:  # a cleanup the handler's return goes through: still ending at once
        await asyncio.gather(stopper, return_exceptions=True)
        await asyncio.sleep(0)


print(asyncio.run(returns_then_finally()))
