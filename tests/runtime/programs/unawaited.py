import asyncio


async def notify(user):
    await asyncio.sleep(0)


async def main():
    notify("ann")  # ACK301
    coro = notify("bob")
    await coro
    await asyncio.gather(notify("cid"))
    print("notified")


asyncio.run(main())
