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


def token_sync():
    try:
        return asyncio.run(inner())  # ACK108 (once: not also ACK301 for the coroutine it refused)
    except RuntimeError:
        return 0


async def main():
    await handler()
    print(token_sync())
    inner()  # ACK301: a coroutine dropped by the program itself still is


asyncio.run(main())
