import asyncio


async def inner():
    return 1


async def handler():
    coro = inner()
    try:
        asyncio.run(coro)  # ACK108
    except RuntimeError:
        coro.close()
        print("caught")


asyncio.run(handler())
