"""A log shipper whose producer outpaces a slow consumer through an unbounded queue."""
import asyncio


class Shipper:
    def __init__(self):
        self.queue = asyncio.Queue()  # PLANT ACK501
        self.sent = 0

    async def produce(self, n):
        for i in range(n):
            self.queue.put_nowait(f"line {i}")
            if i % 12000 == 11999:
                await asyncio.sleep(0)
        await self.queue.put(None)

    async def consume(self):
        while (item := await self.queue.get()) is not None:
            self.sent += 1


async def main():
    s = Shipper()
    await asyncio.gather(s.produce(15000), s.consume())
    print("shipped", s.sent)


asyncio.run(main())
