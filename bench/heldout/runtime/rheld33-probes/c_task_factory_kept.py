"""A service with a context-tagging task factory whose tasks are awaited."""
import asyncio

TAGS = {}


def tagging_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    TAGS[id(task)] = "req-1"
    return task


async def audit(n):
    await asyncio.sleep(0.01)
    return n


async def main():
    asyncio.get_running_loop().set_task_factory(tagging_factory)
    t = asyncio.create_task(audit(1))
    print(await t, await asyncio.gather(audit(2), audit(3)))


asyncio.run(main())
