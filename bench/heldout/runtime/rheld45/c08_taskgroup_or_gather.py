"""Fan-out through a TaskGroup on 3.11+, gather before; a failing child's error is handled."""
import asyncio
import sys


async def fetch(i):
    await asyncio.sleep(0.001 * i)
    if i == 3:
        raise LookupError(f"missing {i}")
    return i * 10


async def fan_out():
    if sys.version_info >= (3, 11):
        results = []
        try:
            async with asyncio.TaskGroup() as tg:
                tasks = [tg.create_task(fetch(i)) for i in (1, 2)]
            results = [t.result() for t in tasks]
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fetch(3))
        except* LookupError as eg:
            results.append(str(eg.exceptions[0]))
        return results
    got = await asyncio.gather(fetch(1), fetch(2), fetch(3), return_exceptions=True)
    return [g if not isinstance(g, Exception) else str(g) for g in got]


print(asyncio.run(fan_out()))
