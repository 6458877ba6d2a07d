"""A fan-out buffer with a bound: the producer waits for the consumer."""
import asyncio


class Fanout:
    def __init__(self):
        self.pending = asyncio.Queue(maxsize=256)
        self.seen = 0

    async def consume(self):
        while True:
            item = await self.pending.get()
            if item is None:
                return
            self.seen += 1


async def main():
    f = Fanout()
    consumer = asyncio.create_task(f.consume())
    for i in range(12_000):
        await f.pending.put(i)
    await f.pending.put(None)
    await consumer
    print("consumed", f.seen)


asyncio.run(main())
