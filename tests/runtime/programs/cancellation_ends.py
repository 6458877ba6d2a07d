"""Cancellations swallowed by tasks that then end, as completed instead of cancelled (ACK602, at the handler):
a worker cancelled by `asyncio.run` at its end. Look-alikes: a member of a cancelled `gather` that flushes and
returns (the gather raises CancelledError once its members are done, swallowed or not: nobody's cancel is lost;
the linter, which does not follow gather's own tasks, still reports it: docs/runtime.md), a member that flushes
and re-raises, a task that catches the CancelledError of another task it awaited (its own cancellation count is
zero), a timeout caught as TimeoutError."""
import asyncio

flushed = []


async def flush(name):
    await asyncio.sleep(0.001)
    flushed.append(name)


async def uploads_then_returns(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # flushes, then the member ends as completed: the gather raises anyway
        await flush(name)
        return name


async def uploads_then_reraises(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await flush(name)
        raise


async def waits_for_other(other):
    try:
        await other
    except asyncio.CancelledError:  # the other task's cancellation: this one was never cancelled
        flushed.append("other was cancelled")
    return "done"


async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.001)
    except asyncio.CancelledError:  # ACK602: asyncio.run cancels it at the end, and it ends as completed
        flushed.append("heartbeat stopped")


async def main():
    group = asyncio.gather(uploads_then_returns("a"), uploads_then_reraises("b"))
    await asyncio.sleep(0.005)
    group.cancel()
    try:
        await group
    except asyncio.CancelledError:
        print("group cancelled")
    other = asyncio.create_task(asyncio.sleep(10))
    waiter = asyncio.create_task(waits_for_other(other))
    await asyncio.sleep(0)
    other.cancel()
    print(await waiter)
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.001)
    except asyncio.TimeoutError:
        print("timed out")
    global beat
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.003)


asyncio.run(main())
print(sorted(flushed))
