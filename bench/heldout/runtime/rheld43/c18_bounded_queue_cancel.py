"""A bounded ingest queue, and a heartbeat that cleans up on cancel and re-raises."""
import asyncio

beats = []


class Pipeline:
    def __init__(self):
        self.lines = asyncio.Queue(maxsize=1000)
        self.parsed = 0

    async def read(self, n):
        for i in range(n):
            await self.lines.put(f"row {i}")

    async def parse(self):
        while True:
            await self.lines.get()
            self.parsed += 1
            self.lines.task_done()


async def heartbeat():
    try:
        for n in range(100):
            await asyncio.sleep(0.01)
            beats.append(n)
    except asyncio.CancelledError:
        beats.append(-1)
        raise


async def main():
    p = Pipeline()
    worker = asyncio.create_task(p.parse())
    await p.read(30_000)
    await p.lines.join()
    worker.cancel()
    hb = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.025)
    hb.cancel()
    try:
        await hb
    except asyncio.CancelledError:
        print("heartbeat cancelled", beats[-1])
    print("parsed", p.parsed)


asyncio.run(main())
