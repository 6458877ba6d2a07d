"""A connection pool shared with sync workers limits checkouts with a threading.BoundedSemaphore."""
import asyncio
import threading


class Pool:
    def __init__(self, size):
        self.slots = threading.BoundedSemaphore(size)
        self.used = 0

    async def query(self, sql):
        with self.slots:  # PLANT ACK201
            self.used += 1
            await asyncio.sleep(0.02)
            return f"{sql} -> ok"

    def query_sync(self, sql):
        with self.slots:
            self.used += 1
            return f"{sql} -> ok (sync)"


async def main():
    pool = Pool(4)
    results = await asyncio.gather(*(pool.query(f"select {i}") for i in range(3)))
    results.append(await asyncio.to_thread(pool.query_sync, "select 99"))
    print(results, pool.used)


asyncio.run(main())
