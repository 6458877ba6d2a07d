"""Events delivered by tasks of a TaskGroup, through a spawn() helper that returns the task."""
import asyncio
import sys


def spawn(group, coro):
    return group.create_task(coro)


async def deliver(event, out):
    await asyncio.sleep(0.005)
    out.append(event)


async def main():
    out = []
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as tg:
            for e in ("signup", "login"):
                spawn(tg, deliver(e, out))
    else:
        await asyncio.gather(*(deliver(e, out) for e in ("signup", "login")))
    print("delivered", sorted(out))


asyncio.run(main())
