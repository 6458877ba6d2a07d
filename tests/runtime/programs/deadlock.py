"""A threading lock held across an await (ACK201) that another task then waits for: the loop's thread is stuck for
good. The taker goes on once the holder holds the lock (an Event, not a shorter timer: on a loaded machine the
holder's sleep could end before the taker's, and the program then ran to its end)."""
import asyncio, threading

lock = threading.Lock()


async def holder(held):
    with lock:
        held.set()
        await asyncio.sleep(0.05)


async def taker(held):
    await held.wait()
    with lock:
        pass


async def main():
    held = asyncio.Event()
    await asyncio.gather(holder(held), taker(held))


asyncio.run(main())
