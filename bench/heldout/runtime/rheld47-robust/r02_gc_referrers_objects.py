"""A leak hunter: who refers to each asyncio object a coroutine made, a few loop iterations later."""
import asyncio
import gc
import threading


class Job:
    pass


def referrer_kinds(obj, skip):
    return sorted(type(r).__name__ for r in gc.get_referrers(obj) if r is not skip)


async def sleeper(job):
    await asyncio.sleep(0.05)
    return job


async def main():
    loop = asyncio.get_running_loop()
    job = Job()
    registry = {"job": job}
    ev = asyncio.Event()
    q = asyncio.Queue()
    lock = threading.Lock()
    alock = asyncio.Lock()
    fut = loop.create_future()
    task = asyncio.create_task(sleeper(job))
    for _ in range(5):
        await asyncio.sleep(0)
    here = registry
    for name, obj in [("job", job), ("event", ev), ("queue", q), ("lock", lock), ("alock", alock),
                      ("future", fut), ("task", task)]:
        print(name, referrer_kinds(obj, here))
    await task
    fut.cancel()
    print("after", referrer_kinds(task, here), gc.is_tracked(task))


asyncio.run(main())
