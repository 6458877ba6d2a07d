"""A fan-out buffer whose queue has no bound; a burst fills it far past what the consumer drains."""
import asyncio


class Fanout:
    def __init__(self):
        self.pending = asyncio.Queue()  # PLANT ACK501
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
        f.pending.put_nowait(i)
    f.pending.put_nowait(None)
    await consumer
    print("consumed", f.seen)


asyncio.run(main())
