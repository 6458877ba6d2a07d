"""Prefetch tasks kept in a list that is cleared on reset; one failed and nobody looked."""
import asyncio
import gc


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
            self.tasks.append(asyncio.ensure_future(self._load(k)))  # PLANT ACK303

    def reset(self):
        self.tasks.clear()


async def main():
    p = Prefetcher()
    p.prefetch(["a", "bad"])
    await asyncio.sleep(0.02)
    p.reset()
    gc.collect()
    await asyncio.sleep(0)
    print("reset done")


asyncio.run(main())
