"""Runs through asyncio.Runner when there is one (3.11+); a notifier is scheduled with ensure_future and dropped."""
import asyncio
import sys

SENT = []


async def notify(user):
    await asyncio.sleep(0.005)
    SENT.append(user)


async def signup(user):
    asyncio.ensure_future(notify(user))  # PLANT ACK302
    await asyncio.sleep(0.03)
    return f"welcome {user}"


if sys.version_info >= (3, 11):
    with asyncio.Runner() as runner:
        print(runner.run(signup("ann")))
else:
    print(asyncio.run(signup("ann")))
print("sent", SENT)
