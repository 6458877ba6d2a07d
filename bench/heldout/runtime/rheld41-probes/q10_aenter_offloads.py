"""An async context manager whose __aenter__ computes its table in a worker thread."""
import asyncio


def table(n):
    t = 0
    for i in range(n):
        t = (t * 7 + i) % 1_000_033
    return t


class Warmed:
    async def __aenter__(self):
        self.seed = await asyncio.to_thread(table, 300_000)
        return self

    async def __aexit__(self, *exc):
        return False


async def main():
    async with Warmed() as w:
        print("seed ready", w.seed > 0)


asyncio.run(main())
