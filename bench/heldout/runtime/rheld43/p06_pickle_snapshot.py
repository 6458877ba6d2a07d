"""A cache that snapshots itself with pickle from inside its refresh coroutine."""
import asyncio
import pickle


def build_cache():
    return {f"user:{i}": {"id": i, "name": f"user{i}", "tags": ["a", "b", str(i)]} for i in range(120_000)}


class Cache:
    def __init__(self, data):
        self.data = data
        self.blob = b""

    def snapshot(self):
        return pickle.dumps(self.data)


async def refresh(cache):
    await asyncio.sleep(0)
    cache.blob = cache.snapshot()  # PLANT ACK120
    return len(cache.data)


DATA = build_cache()


async def main():
    cache = Cache(DATA)
    print("entries", await refresh(cache), "snapshot ok", len(cache.blob) > 1000)


asyncio.run(main())
