"""A service with a context-tagging task factory; one background task is created and dropped."""
import asyncio

TAGS = {}


def tagging_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    TAGS[id(task)] = "req-1"
    return task


async def audit():
    await asyncio.sleep(0.03)
    print("audited")


async def main():
    asyncio.get_running_loop().set_task_factory(tagging_factory)
    asyncio.create_task(audit())  # PLANT ACK302
    await asyncio.sleep(0.1)


asyncio.run(main())
