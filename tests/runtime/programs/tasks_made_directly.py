"""Tasks the program makes with ``asyncio.Task(coro)`` (or a subclass of its own), which no ``create_task`` sees:
a dropped handle is reported at that line, and a failure nobody retrieved too; kept ones, and the tasks a task
factory of the program's makes for ``create_task``, ``gather`` and ``TaskGroup``, are not."""
import asyncio
import sys


async def work(delay=0.02):
    await asyncio.sleep(delay)


async def fail():
    raise LookupError("gone")


class Traced(asyncio.Task):
    pass


def factory(loop, coro, **kwargs):
    return Traced(coro, loop=loop, **kwargs)  # made for create_task: that call is the line


def start_detached():
    asyncio.Task(work())  # ACK302


async def main():
    loop = asyncio.get_running_loop()
    asyncio.Task(work())  # ACK302
    Traced(work())  # ACK302: a subclass of the program's
    asyncio.Task(fail())  # ACK303: it never awaits, so it fails in its first step (not also ACK302, before or after)
    start_detached()
    kept = [asyncio.Task(work()) for _ in range(2)]
    named = Traced(work(), name="kept")
    await asyncio.gather(asyncio.Task(work()), work())
    loop.set_task_factory(factory)
    via_factory = loop.create_task(work())
    loop.create_task(work())  # ACK302: made by the factory, reported at create_task
    await asyncio.gather(work(), work())
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work())
    loop.set_task_factory(None)
    await asyncio.gather(*kept, named, via_factory)
    await asyncio.sleep(0.05)
    print("done", type(named).__name__)


asyncio.run(main())
