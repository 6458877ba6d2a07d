"""A counter shared with a reporting thread, its threading lock held across an await."""
import asyncio
import threading


class Counter:
    def __init__(self):
        self._lock = threading.Lock()
        self.value = 0

    async def bump(self, persist):
        with self._lock:  # PLANT ACK201
            self.value += 1
            await persist(self.value)

    def snapshot(self):
        with self._lock:
            return self.value


async def persist(v):
    await asyncio.sleep(0.005)


async def main():
    c = Counter()
    for _ in range(3):
        await c.bump(persist)
    print("count", c.snapshot())


asyncio.run(main())
