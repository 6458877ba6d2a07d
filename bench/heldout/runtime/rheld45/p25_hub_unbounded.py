"""A pub/sub hub fanning events into an unbounded per-subscriber queue; the slow subscriber falls behind."""
import asyncio


class Hub:
    def __init__(self):
        self.subs = []

    def subscribe(self):
        q = asyncio.Queue()  # PLANT ACK501
        self.subs.append(q)
        return q

    def publish(self, event):
        for q in self.subs:
            q.put_nowait(event)


async def slow_consumer(q, out):
    while True:
        ev = await q.get()
        if ev is None:
            return
        out.append(ev)
        if len(out) % 5000 == 0:
            await asyncio.sleep(0)


async def main():
    hub = Hub()
    q = hub.subscribe()
    out = []
    consumer = asyncio.create_task(slow_consumer(q, out))
    for i in range(12000):
        hub.publish(i)
    hub.publish(None)
    await consumer
    print("consumed", len(out))


asyncio.run(main())
