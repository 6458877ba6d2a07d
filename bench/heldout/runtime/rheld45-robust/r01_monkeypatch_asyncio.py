"""A program that monkeypatches asyncio.sleep and asyncio.create_task itself, as test helpers do."""
import asyncio

_real_sleep = asyncio.sleep
_real_create_task = asyncio.create_task
calls = {"sleep": 0, "tasks": 0}


async def counting_sleep(delay, result=None):
    calls["sleep"] += 1
    return await _real_sleep(0, result)


def counting_create_task(coro, **kw):
    calls["tasks"] += 1
    return _real_create_task(coro, **kw)


asyncio.sleep = counting_sleep
asyncio.create_task = counting_create_task


async def child(i):
    await asyncio.sleep(10)
    return i


async def main():
    tasks = [asyncio.create_task(child(i)) for i in range(3)]
    return [await t for t in tasks]


print(asyncio.run(main()), calls)
asyncio.sleep = _real_sleep
asyncio.create_task = _real_create_task
print(asyncio.sleep is _real_sleep, asyncio.sleep.__module__)
