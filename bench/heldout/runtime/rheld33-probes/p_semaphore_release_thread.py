"""A connection pool that releases its asyncio.Semaphore from the worker thread that used the slot."""
import asyncio
import time


class Pool:
    def __init__(self, size):
        self.slots = asyncio.Semaphore(size)
        self.used = 0

    def _work_then_release(self, n):
        time.sleep(0.01)
        self.used += 1
        self.slots.release()  # PLANT ACK401
        return n

    async def run(self, n):
        await self.slots.acquire()
        return await asyncio.get_running_loop().run_in_executor(None, self._work_then_release, n)


async def main():
    pool = Pool(2)
    print(await asyncio.gather(*(pool.run(n) for n in range(4))))


asyncio.run(main())
