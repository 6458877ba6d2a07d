"""A leak detector compares reference counts of tasks and futures before and after they finish, and watches
them die through weak references."""
import asyncio
import gc
import sys
import weakref

DIED = []


async def worker(ev):
    await ev.wait()
    return "done"


async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    task = asyncio.create_task(worker(ev))
    await asyncio.sleep(0)
    waiting = sys.getrefcount(task)
    fut = loop.create_future()
    fresh_fut = sys.getrefcount(fut)
    ev.set()
    await task
    done = sys.getrefcount(task)
    print("task", waiting, done, "future", fresh_fut)
    coro = worker(ev)
    print("coro", sys.getrefcount(coro))
    coro.close()
    refs = [weakref.ref(task, lambda r: DIED.append("task")), weakref.ref(fut, lambda r: DIED.append("future"))]
    fut.cancel()
    del task, fut
    gc.collect()
    await asyncio.sleep(0)
    gc.collect()
    print("died", sorted(DIED), [r() for r in refs])
    kinds = {}
    t = asyncio.create_task(worker(ev))
    await asyncio.sleep(0)
    for r in gc.get_referrers(t):
        kinds[type(r).__name__] = kinds.get(type(r).__name__, 0) + 1
    print("referrers", sorted(kinds.items()))
    await t


asyncio.run(main())
