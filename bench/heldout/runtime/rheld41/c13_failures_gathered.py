"""Refresh attempts whose failures are collected with gather(return_exceptions=True)."""
import asyncio


class Refresher:
    def __init__(self):
        self.runs = 0

    async def _refresh(self, n):
        self.runs += 1
        await asyncio.sleep(0)
        if n == 0:
            raise ConnectionError("upstream reset")
        return "fresh"

    async def refresh_all(self):
        tasks = [asyncio.create_task(self._refresh(n)) for n in range(3)]
        return await asyncio.gather(*tasks, return_exceptions=True)


async def main():
    r = Refresher()
    results = await r.refresh_all()
    print([type(x).__name__ if isinstance(x, Exception) else x for x in results], "runs", r.runs)


asyncio.run(main())
