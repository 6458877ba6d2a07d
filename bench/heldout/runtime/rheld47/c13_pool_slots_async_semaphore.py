"""A connection pool limits checkouts with an asyncio.BoundedSemaphore; sync callers use their own thread lock."""
import asyncio
import threading


class Pool:
    def __init__(self, size):
        self.slots = asyncio.BoundedSemaphore(size)
        self.sync_slots = threading.BoundedSemaphore(size)
        self.used = 0
        self.count_lock = threading.Lock()

    def _count(self):
        with self.count_lock:
            self.used += 1

    async def query(self, sql):
        async with self.slots:
            self._count()
            await asyncio.sleep(0.02)
            return f"{sql} -> ok"

    def query_sync(self, sql):
        with self.sync_slots:
            self._count()
            return f"{sql} -> ok (sync)"


async def main():
    pool = Pool(4)
    results = await asyncio.gather(*(pool.query(f"select {i}") for i in range(3)))
    results.append(await asyncio.to_thread(pool.query_sync, "select 99"))
    print(results, pool.used)


asyncio.run(main())
