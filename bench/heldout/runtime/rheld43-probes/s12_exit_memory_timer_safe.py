"""A context manager whose __exit__ only updates counters; a Timer reaching the loop with call_soon_threadsafe."""
import asyncio
import threading

fired = []


class Counted:
    saves = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        Counted.saves += 1
        return False


async def main():
    loop = asyncio.get_running_loop()
    with Counted():
        await asyncio.sleep(0)
    timer = threading.Timer(0.01, loop.call_soon_threadsafe, args=(fired.append, "ping"))
    timer.start()
    for _ in range(20):
        await asyncio.sleep(0.005)
    await asyncio.to_thread(timer.join)
    print("fired", fired, "saves", Counted.saves)


asyncio.run(main())
