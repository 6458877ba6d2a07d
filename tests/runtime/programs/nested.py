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
        return asyncio.run(inner())  # (once: not also ACK301 for the coroutine it refused)
    except RuntimeError:
        return 0


def on_ready(done):
    done.set_result(token_sync())  # ACK108: the callback the loop ran entered the helper here


async def main():
    await handler()
    print(token_sync())  # ACK108: where the coroutine entered the helper that starts a loop
    print(await asyncio.to_thread(token_sync))  # a worker thread runs no loop: its own asyncio.run is fine
    done = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(on_ready, done)
    print(await done)
    inner()  # ACK301: a coroutine dropped by the program itself still is


asyncio.run(main())
