"""A dropped task that ended in its first step because what it awaited was ready (a set Event, a stream with room)
is the dropped handle all the same: under load it waits, held by nothing but the loop. Look-alikes: a coroutine
that never awaits (nothing can be lost; also when checked before its first step), a task kept in a local, a set with a discard callback, one whose done
callback is still to run, one that failed (ACK303 when freed, not also ACK302), one cancelled before it ran."""
import asyncio


async def publish(ready, out):
    await ready.wait()
    out.append("sent")


async def relay(source, out):
    async for item in source:
        out.append(item)


async def drain(lock, out):
    async with lock:
        out.append("drained")


async def stamp(out):
    out.append("stamped")


async def fail(ready):
    await ready.wait()
    raise ValueError("failed in the first step")


async def items():
    for i in range(2):
        yield i


async def main():
    ready, out, lock = asyncio.Event(), [], asyncio.Lock()
    ready.set()
    asyncio.create_task(publish(ready, out))  # ACK302
    await asyncio.sleep(0.01)
    asyncio.ensure_future(relay(items(), out))  # ACK302
    await asyncio.sleep(0.01)
    asyncio.get_running_loop().create_task(drain(lock, out))  # ACK302
    await asyncio.sleep(0.01)
    asyncio.create_task(stamp(out))  # never awaits: it cannot be caught waiting
    await asyncio.sleep(0.01)
    # the same after another task made in the same step: the check that task scheduled runs before this one's
    # first step, and finds it not started (the verdict must not hang on the order)
    later = asyncio.create_task(publish(ready, out))
    asyncio.create_task(stamp(out))
    await later
    kept = asyncio.create_task(publish(ready, out))
    await asyncio.sleep(0.01)
    background = set()
    task = asyncio.create_task(publish(ready, out))
    background.add(task)
    task.add_done_callback(background.discard)
    del task
    await asyncio.sleep(0.01)
    asyncio.create_task(publish(ready, out)).add_done_callback(lambda t: out.append("noted"))
    await asyncio.sleep(0.01)
    asyncio.create_task(fail(ready))  # ACK303
    await asyncio.sleep(0.01)
    asyncio.create_task(publish(ready, out)).cancel()
    await asyncio.sleep(0.01)
    print(out, kept.done(), len(background))


asyncio.run(main())
