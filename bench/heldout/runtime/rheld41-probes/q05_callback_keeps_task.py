"""A sync callback, run by the loop, that starts a task and keeps it until it is done."""
import asyncio

log = []
running = set()


async def persist(item):
    await asyncio.sleep(0.005)
    log.append(item)


def on_message(loop, item):
    t = loop.create_task(persist(item))
    running.add(t)
    t.add_done_callback(running.discard)


async def main():
    loop = asyncio.get_running_loop()
    for i in range(3):
        loop.call_soon(on_message, loop, i)
    await asyncio.sleep(0.05)
    print("persisted", sorted(log), "running", len(running))


asyncio.run(main())
