"""An async context manager whose __aenter__ computes a large table before its first await."""
import asyncio


def table(n):
    t = 0
    for i in range(n):
        t = (t * 7 + i) % 1_000_033
    return t


class Warmed:
    async def __aenter__(self):
        self.seed = table(4_000_000)  # PLANT ACK120
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc):
        return False


async def main():
    async with Warmed() as w:
        print("seed ready", w.seed > 0)


asyncio.run(main())
