"""A cancellation swallowed by a `with` block's exit rather than an `except` clause: the task carries on past it.
Look-alikes: the cancel-and-await idiom (the awaited task's CancelledError is not this task's cancellation), a
suppress that lets CancelledError through, a task that ends once the block is left (ACK602, but
its owner cancelled it: quiet), a timeout."""
import asyncio
import contextlib


class Ignoring:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        return kind is not None and issubclass(kind, asyncio.CancelledError)


async def ticker(counts):
    for _ in range(4):
        with contextlib.suppress(asyncio.CancelledError):  # ACK601: the loop goes round again
            await asyncio.sleep(0.01)
        counts.append(1)
    return len(counts)


async def guarded(counts):
    with Ignoring():  # ACK601: a context manager of the program's that says the exception was handled
        await asyncio.sleep(1)
    await asyncio.sleep(0.001)
    counts.append("after")
    return counts


async def stops_at_once():
    with contextlib.suppress(asyncio.CancelledError):  # ends as completed, but only its owner cancelled it
        await asyncio.sleep(1)


async def lets_it_through():
    with contextlib.suppress(ValueError):
        await asyncio.sleep(1)


async def reaps(child):
    child.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await child  # the child's cancellation, asked for by this task: the idiom
    await asyncio.sleep(0.001)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(0.001):
            await asyncio.sleep(1)
    await asyncio.sleep(0.001)
    return "reaped"


async def cancel_soon(task, delay=0.015):
    await asyncio.sleep(delay)
    task.cancel()
    return await asyncio.gather(task, return_exceptions=True)


async def main():
    counts = []
    print(await cancel_soon(asyncio.create_task(ticker(counts))))
    print(await cancel_soon(asyncio.create_task(guarded([]))))
    print(await cancel_soon(asyncio.create_task(stops_at_once())))
    through = await cancel_soon(asyncio.create_task(lets_it_through()))
    print(type(through[0]).__name__)
    child = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    print(await reaps(child))


asyncio.run(main())
