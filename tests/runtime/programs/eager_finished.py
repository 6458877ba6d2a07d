"""Tasks that finish in their first step (eagerly, from 3.12, under asyncio's eager task factory): one that
failed there and was dropped is ACK303 at its create_task line, one that succeeded is nothing. Python 3.12.0-3.12.1
crash in ``get_coro()`` of such a task (it has no coroutine left): the checker must not ask it."""
import asyncio


async def ok(n):
    return n


async def bad():
    raise ValueError("failed in the first step")


async def main():
    loop = asyncio.get_running_loop()
    factory = getattr(asyncio, "eager_task_factory", None)
    # (uvloop 0.21's create_task refuses 3.13's eager factory)
    if factory is not None and type(loop).__module__.startswith("asyncio"):
        loop.set_task_factory(factory)
    asyncio.create_task(ok(1))
    kept = asyncio.create_task(ok(2))
    print(await kept)
    asyncio.create_task(bad())  # ACK303
    await asyncio.sleep(0.01)
    print([await t for t in [asyncio.create_task(ok(i)) for i in range(3)]])


asyncio.run(main())
