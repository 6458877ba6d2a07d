"""asyncio.current_task() seen inside a coroutine awaited through wait_for, shield and gather, compared with the
caller's task; names of the tasks each made."""
import asyncio
import sys


async def who(tag, outer):
    await asyncio.sleep(0)
    me = asyncio.current_task()
    return tag, me is outer, me.get_name() if me is not outer else "outer"


async def main():
    outer = asyncio.current_task()
    print(outer.get_name(), type(outer).__name__, outer.get_coro().__qualname__)
    print(await asyncio.wait_for(who("wait_for", outer), 1))
    print(await asyncio.shield(who("shield", outer)))
    print(await asyncio.gather(who("gather", outer)))
    print(await who("await", outer))
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(1):
            print(await who("timeout", outer))
    print(len(asyncio.all_tasks()))


asyncio.run(main())
