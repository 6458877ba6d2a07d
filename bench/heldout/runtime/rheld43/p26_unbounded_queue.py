"""An ingest pipeline whose asyncio.Queue has no maxsize while the parser is slower than the reader."""
import asyncio


class Pipeline:
    def __init__(self):
        self.lines = asyncio.Queue()  # PLANT ACK501
        self.parsed = 0

    async def read(self, n):
        for i in range(n):
            self.lines.put_nowait(f"row {i}")
            if i % 15000 == 0:
                await asyncio.sleep(0)

    async def parse(self):
        while True:
            await self.lines.get()
            self.parsed += 1
            self.lines.task_done()


async def main():
    p = Pipeline()
    worker = asyncio.create_task(p.parse())
    await p.read(30_000)
    await p.lines.join()
    worker.cancel()
    print("parsed", p.parsed)


asyncio.run(main())
