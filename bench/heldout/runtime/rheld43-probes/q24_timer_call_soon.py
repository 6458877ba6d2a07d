"""A reminder armed with threading.Timer calling loop.call_soon when it fires."""
import asyncio
import threading

fired = []


async def main():
    loop = asyncio.get_running_loop()
    timer = threading.Timer(0.01, loop.call_soon, args=(fired.append, "ping"))  # PLANT ACK402
    timer.start()
    for _ in range(20):
        await asyncio.sleep(0.005)
    await asyncio.to_thread(timer.join)
    print("fired", fired)


asyncio.run(main())
