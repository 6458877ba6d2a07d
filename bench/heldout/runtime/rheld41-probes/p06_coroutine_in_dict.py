"""Handlers registered in a dict; one path builds a coroutine and forgets to await it."""
import asyncio

sent = []


async def send_email(to):
    await asyncio.sleep(0)
    sent.append(to)


async def dispatch(kind, to):
    handlers = {"email": send_email}
    if kind in handlers:
        pending = handlers[kind](to)  # PLANT ACK301
    await asyncio.sleep(0)
    return kind if pending else None


async def main():
    print("dispatched", await dispatch("email", "ada@example.org"), "sent", sent)


asyncio.run(main())
