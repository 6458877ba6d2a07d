"""Cancellations swallowed by the program's tasks: caught, not re-raised, and the task went on awaiting and ended
as if it had completed (ACK601 at the clause that caught it). Look-alikes: re-raised after an awaited cleanup,
a timeout turned into TimeoutError (asyncio uncancels), a task that ends at once (ACK602, but its owner
cancelled it and then awaits it: quiet), a handler that does not catch it."""
import asyncio


async def swallowing(queue, seen):
    for _ in range(3):
        try:
            seen.append(await queue.get())
        except ValueError:
            pass
        except asyncio.CancelledError:  # ACK601: the loop goes on as if nothing had happened
            seen.append("interrupted")
    return len(seen)


async def fetch(lock):
    async with lock:
        await asyncio.sleep(1)


async def helper_swallows(lock):
    try:
        await fetch(lock)
    except BaseException:  # ACK601: in the coroutine the task awaits, past an `async with`
        pass
    await asyncio.sleep(0)
    return "carried on"


async def bare(seen):
    try:
        await asyncio.sleep(1)
    except:  # ACK601
        seen.append("bare")
    await asyncio.sleep(0)


async def reraises(seen):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await asyncio.sleep(0)  # cleanup that awaits, then the cancellation goes on
        seen.append("cleaned")
        raise


async def times_out(seen):
    try:
        async with asyncio.timeout(0.001):
            await asyncio.sleep(1)
    except TimeoutError:
        seen.append("timeout")
    await asyncio.sleep(0)
    return "after timeout"


async def ends_at_once():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # its owner cancels it, then awaits it: ends at once, as the owner wants
        return "stopped"


async def cleans_up_then_ends(seen):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # awaits in the handler, then ends: only its owner cancelled it
        await asyncio.sleep(0)
        seen.append("closed")
    return "closed"


class Worker:
    def __init__(self):
        self.rounds = 0

    async def run(self):
        while self.rounds < 2:
            self.rounds += 1
            try:
                await asyncio.sleep(1 if self.rounds == 1 else 0.01)
            except asyncio.CancelledError:  # ACK601: cleans up (awaiting), then the next round
                await asyncio.sleep(0)
        return self.rounds


async def not_caught(seen):
    try:
        await asyncio.sleep(1)
    except Exception:
        seen.append("never")
    await asyncio.sleep(0)


async def awaits_a_swallower(seen):
    inner = asyncio.create_task(Worker().run())
    try:
        rounds = await inner
    except asyncio.CancelledError:
        seen.append("never: the task it awaits swallowed the cancellation")
        raise
    await asyncio.sleep(0)
    return rounds


async def stubborn_read():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # ACK601: the timeout around the call expires and nothing happens
        return b""
    return b"data"


async def read_with_timeout(seen):
    async with asyncio.timeout(0.005):
        data = await stubborn_read()
    seen.append(("read", data))
    return data


async def poll_until_stopped(state):
    while state["polls"] < 3:
        try:
            await asyncio.sleep(1 if state["polls"] == 0 else 0)
        except asyncio.CancelledError:  # ACK601: wait_for's timeout cancels it, and it carries on
            pass
        state["polls"] += 1
    return state["polls"]


async def cancel_soon(task):
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        return await task
    except asyncio.CancelledError:
        return "cancelled"


async def main():
    seen = []
    queue = asyncio.Queue()
    first = asyncio.create_task(swallowing(queue, seen))
    await asyncio.sleep(0.01)
    first.cancel()
    await asyncio.sleep(0)
    queue.put_nowait("a")
    queue.put_nowait("b")
    print(await first)
    print(await asyncio.create_task(times_out(seen)))  # cancelled by its own timeout, which uncancels it
    print(await asyncio.create_task(read_with_timeout(seen)))
    print(await asyncio.wait_for(poll_until_stopped({"polls": 0}), 0.005))  # no TimeoutError: it was swallowed
    try:
        await asyncio.wait_for(reraises(seen), 0.005)
    except TimeoutError:
        print("timed out")
    for coro in (helper_swallows(asyncio.Lock()), bare(seen), reraises(seen), ends_at_once(),
                 not_caught(seen), cleans_up_then_ends(seen), Worker().run(), awaits_a_swallower(seen)):
        print(await cancel_soon(asyncio.create_task(coro)))
    print(seen)


asyncio.run(main())
