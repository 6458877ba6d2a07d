"""A connection pool that releases its asyncio.Semaphore on the loop after the worker returns."""
import asyncio
import time


class Pool:
    def __init__(self, size):
        self.slots = asyncio.Semaphore(size)

    def _work(self, n):
        time.sleep(0.01)
        return n

    async def run(self, n):
        async with self.slots:
            return await asyncio.get_running_loop().run_in_executor(None, self._work, n)


async def main():
    pool = Pool(2)
    print(await asyncio.gather(*(pool.run(n) for n in range(4))))


asyncio.run(main())
