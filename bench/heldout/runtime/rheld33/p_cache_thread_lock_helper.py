"""A read-through cache whose per-key threading lock is taken by a helper and held while fetching."""
import asyncio
import contextlib
import threading


class Cache:
    def __init__(self, loader):
        self._loader = loader
        self._data = {}
        self._locks = {}

    @contextlib.contextmanager
    def _key_lock(self, key):
        lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            yield

    async def get(self, key):
        with self._key_lock(key):  # PLANT ACK201
            if key not in self._data:
                self._data[key] = await self._loader(key)
            return self._data[key]


async def load(key):
    await asyncio.sleep(0.01)
    return key.upper()


async def main():
    cache = Cache(load)
    print(await cache.get("a"), await cache.get("b"), await cache.get("a"))


asyncio.run(main())
