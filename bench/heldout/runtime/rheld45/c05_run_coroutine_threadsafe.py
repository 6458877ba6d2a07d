"""A legacy sync worker thread calls into the service's loop with run_coroutine_threadsafe."""
import asyncio
import threading


class Cache:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.data = {}

    async def put(self, key, value):
        async with self.lock:
            await asyncio.sleep(0.001)
            self.data[key] = value
            return len(self.data)


def legacy_importer(loop, cache, out):
    for i in range(3):
        fut = asyncio.run_coroutine_threadsafe(cache.put(f"k{i}", i), loop)
        out.append(fut.result(timeout=2))


async def main():
    cache = Cache()
    out = []
    t = threading.Thread(target=legacy_importer, args=(asyncio.get_running_loop(), cache, out))
    t.start()
    await asyncio.to_thread(t.join)
    print(out, sorted(cache.data))


asyncio.run(main())
