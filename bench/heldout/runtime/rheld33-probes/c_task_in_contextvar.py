"""A request scope that keeps its background task in a contextvar and awaits it at the end."""
import asyncio
import contextvars

BACKGROUND = contextvars.ContextVar("background")


async def audit():
    await asyncio.sleep(0.02)
    return "audited"


async def handle():
    BACKGROUND.set(asyncio.create_task(audit()))
    await asyncio.sleep(0.05)
    return await BACKGROUND.get()


print(asyncio.run(handle()))
