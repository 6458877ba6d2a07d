"""Event handlers looked up in a module-level table; every coroutine is awaited."""
import asyncio

seen = []


async def on_join(evt):
    await asyncio.sleep(0)
    seen.append(("join", evt))


async def on_leave(evt):
    await asyncio.sleep(0)
    seen.append(("leave", evt))


HANDLERS = {"join": on_join, "leave": on_leave}


async def route(kind, evt):
    job = HANDLERS[kind](evt)
    await job
    return kind


async def main():
    print(await route("join", 1), await route("leave", 2), seen)


asyncio.run(main())
