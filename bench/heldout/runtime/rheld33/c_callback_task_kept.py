"""A done-callback that schedules a follow-up upload and keeps its task in a set."""
import asyncio

UPLOADED = []
PENDING = set()


async def upload(name):
    await asyncio.sleep(0.03)
    UPLOADED.append(name)


def on_rendered(fut):
    task = asyncio.ensure_future(upload(fut.result()))
    PENDING.add(task)
    task.add_done_callback(PENDING.discard)


async def render(name):
    await asyncio.sleep(0.01)
    return name + ".pdf"


async def main():
    for name in ("a", "b"):
        t = asyncio.create_task(render(name))
        t.add_done_callback(on_rendered)
        await t
    await asyncio.sleep(0.1)
    print(UPLOADED, len(PENDING))


asyncio.run(main())
