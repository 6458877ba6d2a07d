"""A connection limiter taking a threading.Semaphore in a sync helper and awaiting before giving it back."""
import asyncio
import threading


class Limiter:
    def __init__(self, n):
        self._slots = threading.BoundedSemaphore(n)

    def take(self):
        self._slots.acquire()

    def give(self):
        self._slots.release()


async def call_upstream(limiter, i):
    limiter.take()  # PLANT ACK201
    try:
        await asyncio.sleep(0.01)
        return i * 10
    finally:
        limiter.give()


async def main():
    lim = Limiter(4)
    print("results", [await call_upstream(lim, i) for i in range(2)])


asyncio.run(main())
