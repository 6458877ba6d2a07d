"""A scheduler thread arming a loop timer with loop.call_later."""
import asyncio
import threading

fired = []


def arm(loop):
    loop.call_later(0.01, fired.append, "reminder")  # PLANT ACK402


async def main():
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=arm, args=(loop,))
    t.start()
    await asyncio.to_thread(t.join)
    for _ in range(10):
        await asyncio.sleep(0.005)
    print("fired", fired)


asyncio.run(main())
