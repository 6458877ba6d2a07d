"""A pub/sub broker with one bounded queue per subscriber; a subscriber that falls behind loses its oldest
events instead of growing without bound."""
import asyncio
import collections


class Broker:
    def __init__(self, depth):
        self.topics = collections.defaultdict(list)
        self.depth = depth
        self.dropped = 0

    def subscribe(self, topic):
        queue = asyncio.Queue(maxsize=self.depth)
        self.topics[topic].append(queue)
        return queue

    def publish(self, topic, message):
        for queue in self.topics[topic]:
            if queue.full():
                queue.get_nowait()
                self.dropped += 1
            queue.put_nowait(message)


async def consume(queue, delay, got):
    while True:
        message = await queue.get()
        if message is None:
            return len(got) > 0
        got.append(message)
        if delay and len(got) % 500 == 0:
            await asyncio.sleep(delay)


async def main():
    broker = Broker(2000)
    fast, slow = [], []
    consumers = [
        asyncio.create_task(consume(broker.subscribe("orders"), 0, fast)),
        asyncio.create_task(consume(broker.subscribe("orders"), 0.001, slow)),
    ]
    for n in range(20_000):
        broker.publish("orders", {"id": n})
        if n % 1000 == 0:
            await asyncio.sleep(0)
    broker.publish("orders", None)
    print(await asyncio.gather(*consumers), broker.dropped > 0)


asyncio.run(main())
