"""A coroutine object kept in a name and awaited after other work; a shielded task kept and awaited."""
import asyncio


async def load(name):
    await asyncio.sleep(0.01)
    return name.upper()


async def main():
    pending = load("config")
    first = await load("secrets")
    task = asyncio.create_task(load("cache"))
    shielded = asyncio.shield(task)
    print(first, await pending, await shielded)


asyncio.run(main())
