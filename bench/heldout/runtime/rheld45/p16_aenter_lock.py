"""A connection pool lease whose __aenter__ takes a threading.Lock and __aexit__ releases it."""
import asyncio
import threading


class Pool:
    def __init__(self):
        self._mutex = threading.Lock()
        self.leased = 0

    def lease(self):
        return Lease(self)


class Lease:
    def __init__(self, pool):
        self.pool = pool

    async def __aenter__(self):
        self.pool._mutex.acquire()
        self.pool.leased += 1
        return self

    async def __aexit__(self, *exc):
        self.pool.leased -= 1
        self.pool._mutex.release()

    async def query(self, sql):
        await asyncio.sleep(0.001)
        return sql.lower()


async def main():
    pool = Pool()
    async with pool.lease() as conn:  # PLANT ACK201
        print(await conn.query("SELECT 1"))
    print("leased", pool.leased)


asyncio.run(main())
