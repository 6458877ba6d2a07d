"""A caching proxy's LRU cache keeps hot responses in memory and schedules the disk store's removal of what it evicts."""
import asyncio
from collections import OrderedDict


class DiskStore:
    def __init__(self):
        self.files = {}

    async def put(self, key, body):
        await asyncio.sleep(0.001)
        self.files[key] = body

    async def delete(self, key):
        await asyncio.sleep(0.001)
        self.files.pop(key, None)


class LRU:
    def __init__(self, capacity, on_evict):
        self.capacity = capacity
        self.on_evict = on_evict
        self.items = OrderedDict()

    def get(self, key):
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, key, value):
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.capacity:
            old_key, old_value = self.items.popitem(last=False)
            self.on_evict(old_key, old_value)


class CachingProxy:
    def __init__(self):
        self.store = DiskStore()
        self.cache = LRU(2, self.evicted)
        self.upstream_calls = 0
        self.removals = set()

    def evicted(self, key, value):
        task = asyncio.get_running_loop().create_task(self.store.delete(key))
        self.removals.add(task)
        task.add_done_callback(self.removals.discard)

    async def upstream(self, path):
        self.upstream_calls += 1
        await asyncio.sleep(0.002)
        return f"<body of {path}>"

    async def get(self, path):
        body = self.cache.get(path)
        if body is None:
            body = await self.upstream(path)
            self.cache.put(path, body)
            await self.store.put(path, body)
        return body


async def main():
    proxy = CachingProxy()
    for path in ("/a", "/b", "/a", "/c", "/d", "/a", "/b"):
        await proxy.get(path)
    await asyncio.gather(*proxy.removals)
    print(proxy.upstream_calls, list(proxy.cache.items), sorted(proxy.store.files))


asyncio.run(main())
