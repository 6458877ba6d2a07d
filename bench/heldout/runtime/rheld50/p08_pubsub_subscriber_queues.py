"""A pub/sub broker with one queue per subscriber; a slow audit subscriber falls behind a burst of events."""
import asyncio
import collections


class Broker:
    def __init__(self):
        self.topics = collections.defaultdict(list)

    def subscribe(self, topic):
        queue = asyncio.Queue()  # PLANT ACK501
        self.topics[topic].append(queue)
        return queue

    def publish(self, topic, message):
        for queue in self.topics[topic]:
            queue.put_nowait(message)


async def consume(queue, delay, got):
    while True:
        message = await queue.get()
        if message is None:
            return len(got)
        got.append(message)
        if delay and len(got) % 500 == 0:
            await asyncio.sleep(delay)


async def main():
    broker = Broker()
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
    print(await asyncio.gather(*consumers))


asyncio.run(main())
