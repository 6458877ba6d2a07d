"""A counter whose threading lock guards only sync sections; an asyncio.Lock spans the await."""
import asyncio
import threading


class Counter:
    def __init__(self):
        self._lock = threading.Lock()
        self._alock = asyncio.Lock()
        self.value = 0

    async def bump(self, persist):
        async with self._alock:
            with self._lock:
                self.value += 1
                v = self.value
            await persist(v)

    def snapshot(self):
        with self._lock:
            return self.value


async def persist(v):
    await asyncio.sleep(0.005)


async def main():
    c = Counter()
    await asyncio.gather(*(c.bump(persist) for _ in range(3)))
    print("count", c.snapshot())


asyncio.run(main())
