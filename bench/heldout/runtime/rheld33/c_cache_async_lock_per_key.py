"""A read-through cache with a per-key asyncio.Lock, hit concurrently."""
import asyncio
import collections


class Cache:
    def __init__(self, loader):
        self._loader = loader
        self._data = {}
        self._locks = collections.defaultdict(asyncio.Lock)
        self.loads = 0

    async def get(self, key):
        async with self._locks[key]:
            if key not in self._data:
                self.loads += 1
                self._data[key] = await self._loader(key)
            return self._data[key]


async def load(key):
    await asyncio.sleep(0.02)
    return key.upper()


async def main():
    cache = Cache(load)
    values = await asyncio.gather(*(cache.get(k) for k in "abab"))
    print(values, cache.loads)


asyncio.run(main())
