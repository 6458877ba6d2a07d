"""A notifier that builds its coroutines in a list and then forgets to gather them."""
import asyncio

SENT = []


async def notify(user):
    await asyncio.sleep(0)
    SENT.append(user)


async def notify_all(users):
    pending = [notify(u) for u in users]  # PLANT ACK301
    if not users:
        return 0
    return len(pending)


async def main():
    print(await notify_all(["a", "b"]), SENT)


asyncio.run(main())
