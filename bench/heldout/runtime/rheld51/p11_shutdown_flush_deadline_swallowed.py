"""A service's shutdown path flushes its write-behind cache with a deadline: the flusher is given 100 ms, after
which the shutdown gives up on it and reports the loss; the flusher treats cancellation as "stop early"."""
import asyncio


def make_loop():
    loop = asyncio.new_event_loop()
    loop.set_debug(False)
    return loop


async def flusher(dirty, written):
    try:
        for key in dirty:
            await asyncio.sleep(0.03)
            written.append(key)
    except asyncio.CancelledError:  # PLANT ACK602
        return len(written)
    return len(written)


async def shutdown(dirty):
    written = []
    task = asyncio.create_task(flusher(dirty, written))
    try:
        count = await asyncio.wait_for(task, 0.1)
    except asyncio.TimeoutError:
        return "gave up", len(written) < len(dirty)
    return "flushed", count < len(dirty)


with asyncio.Runner(loop_factory=make_loop) as runner:
    print(runner.run(shutdown([f"k{n}" for n in range(10)])))
