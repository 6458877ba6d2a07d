"""A webhook thread scheduling a coroutine with asyncio.ensure_future(coro, loop=loop)."""
import asyncio
import threading

hooks = []


async def deliver(name):
    hooks.append(name)


def webhook_thread(loop):
    asyncio.ensure_future(deliver("push"), loop=loop)  # PLANT ACK402


async def main():
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=webhook_thread, args=(loop,))
    t.start()
    await asyncio.to_thread(t.join)
    for _ in range(10):
        await asyncio.sleep(0.005)
    print("hooks", hooks)


asyncio.run(main())
