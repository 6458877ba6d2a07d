"""A job in the executor that calls call_soon of its own small scheduler class, not the loop's."""
import asyncio


class Batcher:
    def __init__(self):
        self.pending = []

    def call_soon(self, fn, *args):
        self.pending.append((fn, args))

    def flush(self):
        for fn, args in self.pending:
            fn(*args)
        self.pending.clear()


def job(b, seen, steps):
    for i in range(steps):
        b.call_soon(seen.append, i)
    return steps


async def main():
    loop = asyncio.get_running_loop()
    b, seen = Batcher(), []
    n = await loop.run_in_executor(None, job, b, seen, 3)
    b.flush()
    print("steps", n, "seen", seen)


asyncio.run(main())
