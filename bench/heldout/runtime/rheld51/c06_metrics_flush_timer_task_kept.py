"""A metrics aggregator: counters are summed as events arrive and a loop timer flushes them to the sink every
50 ms, each flush a task the aggregator keeps until it is done."""
import asyncio
import collections


class Aggregator:
    def __init__(self, loop):
        self.loop = loop
        self.counts = collections.Counter()
        self.flushed = []
        self.pending = set()
        self.timer = None

    def start(self):
        self.timer = self.loop.call_later(0.05, self.tick)

    def tick(self):
        task = self.loop.create_task(self.push(dict(self.counts)))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)
        self.counts.clear()
        self.timer = self.loop.call_later(0.05, self.tick)

    async def push(self, snapshot):
        await asyncio.sleep(0)
        if snapshot:
            self.flushed.append(sum(snapshot.values()))

    async def stop(self):
        self.timer.cancel()
        await asyncio.gather(*self.pending)


async def main():
    agg = Aggregator(asyncio.get_running_loop())
    agg.start()
    for n in range(30):
        agg.counts["http.requests" if n % 3 else "http.errors"] += 1
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.12)
    await agg.stop()
    print("points", sum(agg.flushed) + sum(agg.counts.values()))


asyncio.run(main())
