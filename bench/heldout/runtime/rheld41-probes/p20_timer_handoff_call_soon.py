"""A threading.Timer handed the loop's call_soon directly, to schedule a flush."""
import asyncio
import threading

flushed = []


def flush():
    flushed.append("now")


async def main():
    loop = asyncio.get_running_loop()
    threading.Timer(0.02, loop.call_soon, args=(flush,)).start()  # PLANT ACK402
    while not flushed:
        await asyncio.sleep(0.01)
    print("flushed", flushed)


asyncio.run(main())
