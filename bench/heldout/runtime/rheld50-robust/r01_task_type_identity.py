"""A task registry tags tasks with attributes and checks their exact types before it trusts them."""
import asyncio
import sys


async def job(n):
    await asyncio.sleep(0.001)
    return n


def describe(obj):
    kind = type(obj)
    tagged = True
    try:
        obj.owner = "registry"
    except AttributeError:
        tagged = False
    return (kind.__name__, kind.__module__, kind is asyncio.Task, kind is asyncio.Future, hasattr(obj, "__dict__"),
            tagged, "__weakref__" in dir(kind), len(kind.__mro__))


async def main():
    loop = asyncio.get_running_loop()
    task = loop.create_task(job(1))
    task2 = asyncio.create_task(job(2))
    task3 = asyncio.ensure_future(job(3))
    fut = loop.create_future()
    print(describe(task), describe(task2), describe(task3))
    print(describe(fut))
    print(describe(asyncio.current_task()))
    print(sorted(c.__name__ for c in asyncio.Task.__subclasses__()))
    print(type(task) == type(asyncio.current_task()), type(task).__qualname__, repr(type(task)))
    print(sys.getsizeof(task) == sys.getsizeof(asyncio.current_task()))
    fut.set_result(None)
    print(await asyncio.gather(task, task2, task3, fut))
    async with asyncio.TaskGroup() as tg:
        t4 = tg.create_task(job(4))
    print(describe(t4), t4.result())


asyncio.run(main())
