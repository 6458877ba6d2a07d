"""A pub/sub hub with bounded per-subscriber queues: the publisher waits for the slow subscriber."""
import asyncio


class Hub:
    def __init__(self):
        self.subs = []

    def subscribe(self):
        q = asyncio.Queue(maxsize=500)
        self.subs.append(q)
        return q

    async def publish(self, event):
        for q in self.subs:
            await q.put(event)


async def consumer(q, out):
    while True:
        ev = await q.get()
        if ev is None:
            return
        out.append(ev)


async def main():
    hub = Hub()
    q = hub.subscribe()
    out = []
    c = asyncio.create_task(consumer(q, out))
    for i in range(12000):
        await hub.publish(i)
    await hub.publish(None)
    await c
    print("consumed", len(out))


asyncio.run(main())
