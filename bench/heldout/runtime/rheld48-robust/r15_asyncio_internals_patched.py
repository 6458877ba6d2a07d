"""A profiler counts the loop's callbacks by wrapping asyncio.events.Handle._run, and sets a task factory."""
import asyncio
import asyncio.events
import inspect
import os

COUNTS = {"callbacks": 0, "tasks": 0}
ORIGINAL_RUN = asyncio.events.Handle._run


def counting_run(self):
    COUNTS["callbacks"] += 1
    return ORIGINAL_RUN(self)


def factory(loop, coro, **kwargs):
    COUNTS["tasks"] += 1
    return asyncio.Task(coro, loop=loop, **kwargs)


async def leaf(i):
    await asyncio.sleep(0)
    return i


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(factory)
    print(loop.get_task_factory() is factory)
    results = await asyncio.gather(*(leaf(i) for i in range(10)))
    for i in range(5):
        loop.call_soon(COUNTS.__setitem__, f"cb{i}", i)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    loop.set_task_factory(None)
    return results


def where(fn):
    code = fn.__code__
    return os.path.basename(code.co_filename), code.co_name, code.co_firstlineno == inspect.getsourcelines(fn)[1]


print(where(ORIGINAL_RUN), inspect.getsource(ORIGINAL_RUN).splitlines()[0].strip())
print(where(asyncio.run), where(asyncio.BaseEventLoop.run_until_complete), where(asyncio.BaseEventLoop.create_task))
print(where(asyncio.Queue.put_nowait), where(asyncio.Event.set), where(asyncio.BaseEventLoop.call_soon))
print(inspect.getsourcefile(asyncio.run).endswith("runners.py"), asyncio.run.__module__, asyncio.run.__qualname__)
asyncio.events.Handle._run = counting_run
print(asyncio.run(main()))
asyncio.events.Handle._run = ORIGINAL_RUN
print(COUNTS)
print(asyncio.events.Handle._run is ORIGINAL_RUN, asyncio.Handle._run is ORIGINAL_RUN)
