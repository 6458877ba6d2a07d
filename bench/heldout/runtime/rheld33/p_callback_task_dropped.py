"""A done-callback that schedules a follow-up upload and drops its task."""
import asyncio

UPLOADED = []


async def upload(name):
    await asyncio.sleep(0.03)
    UPLOADED.append(name)


def on_rendered(fut):
    asyncio.ensure_future(upload(fut.result()))  # PLANT ACK302


async def render(name):
    await asyncio.sleep(0.01)
    return name + ".pdf"


async def main():
    for name in ("a", "b"):
        t = asyncio.create_task(render(name))
        t.add_done_callback(on_rendered)
        await t
    await asyncio.sleep(0.1)
    print(UPLOADED)


asyncio.run(main())
