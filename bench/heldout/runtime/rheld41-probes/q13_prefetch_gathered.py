"""Prefetch tasks kept in a list and gathered on reset, failures included."""
import asyncio


class Prefetcher:
    def __init__(self):
        self.tasks = []

    async def _load(self, key):
        await asyncio.sleep(0)
        if key == "bad":
            raise LookupError(key)
        return key

    def prefetch(self, keys):
        for k in keys:
            self.tasks.append(asyncio.ensure_future(self._load(k)))

    async def reset(self):
        results = await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()
        return [type(r).__name__ if isinstance(r, Exception) else r for r in results]


async def main():
    p = Prefetcher()
    p.prefetch(["a", "bad"])
    await asyncio.sleep(0.02)
    print("reset", await p.reset())


asyncio.run(main())
