"""Coroutines kept for a while and then dropped without being awaited: reported where they were created (not
where they happened to be freed), without --track-origins. Their look-alikes await what they keep."""
import asyncio


async def notify(user):
    await asyncio.sleep(0)


async def early(flag):
    coro = notify("early")  # ACK301: freed by the early return, at the caller's line
    if flag:
        return 1
    await coro


async def replaced():
    coro = notify("first")  # ACK301: freed when the name is rebound below
    coro = None
    return coro


async def kept_then_awaited():
    coro = notify("later")
    await asyncio.sleep(0)
    await coro
    waits = [notify("a"), notify("b")]
    await asyncio.gather(*waits)


async def main():
    await early(True)
    await early(False)
    await replaced()
    pending = [asyncio.sleep(1)]  # ACK301: freed with the list
    del pending
    await kept_then_awaited()
    print("done")


asyncio.run(main())
