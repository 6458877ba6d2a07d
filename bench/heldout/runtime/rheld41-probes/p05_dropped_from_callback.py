"""A sync callback, run by the loop, that starts a task and drops it."""
import asyncio

log = []


async def persist(item):
    await asyncio.sleep(0.005)
    log.append(item)


def on_message(loop, item):
    loop.create_task(persist(item))  # PLANT ACK302


async def main():
    loop = asyncio.get_running_loop()
    for i in range(3):
        loop.call_soon(on_message, loop, i)
    await asyncio.sleep(0.05)
    print("persisted", sorted(log))


asyncio.run(main())
