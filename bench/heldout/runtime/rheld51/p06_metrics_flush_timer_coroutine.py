"""A metrics aggregator: counters are summed as events arrive and a loop timer flushes them to the sink every
50 ms; the flush re-arms itself."""
import asyncio
import collections


class Aggregator:
    def __init__(self, loop):
        self.loop = loop
        self.counts = collections.Counter()
        self.flushed = []
        self.timer = None

    def start(self):
        self.timer = self.loop.call_later(0.05, self.tick)

    def tick(self):
        self.push(dict(self.counts))  # PLANT ACK301
        self.counts.clear()
        self.timer = self.loop.call_later(0.05, self.tick)

    async def push(self, snapshot):
        await asyncio.sleep(0)
        if snapshot:
            self.flushed.append(sum(snapshot.values()))

    def stop(self):
        self.timer.cancel()


async def main():
    agg = Aggregator(asyncio.get_running_loop())
    agg.start()
    for n in range(30):
        agg.counts["http.requests" if n % 3 else "http.errors"] += 1
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.12)
    agg.stop()
    print("flushes", len(agg.flushed), "points", sum(agg.flushed), "left", sum(agg.counts.values()))


asyncio.run(main())
