"""A service using eager tasks (where asyncio has them) that drops a poller's task."""
import asyncio

POLLS = []


async def poll():
    for _ in range(3):
        await asyncio.sleep(0.01)
        POLLS.append(1)


async def main():
    if hasattr(asyncio, "eager_task_factory") and type(asyncio.get_running_loop()).__module__.startswith("asyncio"):
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    asyncio.create_task(poll())  # PLANT ACK302
    await asyncio.sleep(0.1)
    print(len(POLLS))


asyncio.run(main())
