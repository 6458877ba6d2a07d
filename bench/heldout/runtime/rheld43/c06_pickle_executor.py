"""A cache snapshotting itself with pickle in the default executor; the small index is pickled inline."""
import asyncio
import pickle


class Cache:
    def __init__(self, data):
        self.data = data
        self.index = {"version": 3, "shards": list(range(16))}

    def snapshot(self):
        return pickle.dumps(self.data)


async def refresh(cache):
    loop = asyncio.get_running_loop()
    blob = await loop.run_in_executor(None, cache.snapshot)
    head = pickle.dumps(cache.index)
    return len(blob) > 1000, len(head) < 1000


DATA = {f"user:{i}": {"id": i, "name": f"user{i}", "tags": ["a", "b", str(i)]} for i in range(120_000)}


async def main():
    cache = Cache(DATA)
    print("snapshot", await refresh(cache))


asyncio.run(main())
