"""A job run in the executor that schedules its progress report on the loop with call_soon."""
import asyncio


class Progress:
    def __init__(self, loop):
        self.loop = loop
        self.seen = []

    def tick(self, n):
        self.loop.call_soon(self.seen.append, n)  # PLANT ACK402

    def job(self, steps):
        for i in range(steps):
            self.tick(i)
        return steps


async def main():
    loop = asyncio.get_running_loop()
    p = Progress(loop)
    n = await loop.run_in_executor(None, p.job, 3)
    await asyncio.sleep(0.02)
    print("steps", n, "seen", sorted(p.seen))


asyncio.run(main())
