"""Handlers registered in a dict; the coroutine built is awaited a few lines later."""
import asyncio

sent = []


async def send_email(to):
    await asyncio.sleep(0)
    sent.append(to)


async def dispatch(kind, to):
    handlers = {"email": send_email}
    pending = None
    if kind in handlers:
        pending = handlers[kind](to)
    await asyncio.sleep(0)
    if pending is not None:
        await pending
    return kind


async def main():
    print("dispatched", await dispatch("email", "ada@example.org"), "sent", sent)


asyncio.run(main())
