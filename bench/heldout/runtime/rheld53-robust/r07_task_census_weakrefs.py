"""A task census as a service's debug page takes it: `asyncio.all_tasks()` by name and coroutine, the tasks,
futures and handles `gc.get_objects()` finds, what refers to a pending task (`gc.get_referrers`), and weak
references to tasks: when they die, and in which order `weakref.finalize` callbacks run."""
import asyncio
import gc
import weakref

DIED = []


async def worker(n, gate):
    await gate.wait()
    return n


async def quick():
    return "quick"


def census():
    counts = {}
    for obj in gc.get_objects():
        if isinstance(obj, (asyncio.Task, asyncio.Future, asyncio.Handle)):
            key = "Task" if isinstance(obj, asyncio.Task) else type(obj).__name__
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


async def main():
    gate = asyncio.Event()
    tasks = [asyncio.create_task(worker(n, gate), name=f"worker-{n}") for n in range(3)]
    refs = [weakref.ref(t) for t in tasks]
    for t in tasks:
        weakref.finalize(t, DIED.append, t.get_name())
    await asyncio.sleep(0)
    print("all tasks:", sorted((t.get_name(), t.get_coro().__qualname__) for t in asyncio.all_tasks()))
    print("census:", census())
    holders = sorted(type(r).__name__ for r in gc.get_referrers(tasks[0]) if r is not tasks)
    print("referrers of a waiting task:", holders)
    gate.set()
    print(await asyncio.gather(*tasks))
    del tasks
    print("alive after del:", [r() is not None for r in refs], "died:", DIED)
    t = asyncio.create_task(quick(), name="quick")
    ref = weakref.ref(t)
    weakref.finalize(t, DIED.append, "quick")
    print(await t)
    del t
    print("quick alive:", ref() is not None, "died:", DIED)
    fut = asyncio.get_running_loop().create_future()
    fref = weakref.ref(fut)
    fut.set_result(1)
    del fut
    print("future alive:", fref() is not None)
    ws = weakref.WeakSet(asyncio.create_task(quick(), name=f"w{i}") for i in range(2))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    gc.collect()
    print("weakset left:", len(ws), "tasks now:", sorted(t.get_name() for t in asyncio.all_tasks()))


asyncio.run(main())
gc.collect()
print("at the end:", DIED)
