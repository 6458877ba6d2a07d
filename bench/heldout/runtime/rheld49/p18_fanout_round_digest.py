"""A websocket-style fan-out hub: each broadcast round goes to every subscriber, slow ones skip what they cannot
take, and when a round ends its done callback folds the round into the history's digest for late joiners."""
import asyncio


def digest(lines, seed=0):
    h = seed
    for line in lines:
        for ch in line:
            h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
            h ^= h >> 13
    return h


class Subscriber:
    def __init__(self, name, delay):
        self.name = name
        self.delay = delay
        self.inbox = asyncio.Queue(maxsize=50)
        self.received = 0
        self.skipped = 0

    def offer(self, message):
        if self.inbox.full():
            self.skipped += 1
        else:
            self.inbox.put_nowait(message)

    async def consume(self):
        while True:
            await self.inbox.get()
            await asyncio.sleep(self.delay)
            self.received += 1
            self.inbox.task_done()


class Hub:
    def __init__(self, subscribers):
        self.subscribers = subscribers
        self.history = []
        self.digest = 0

    async def broadcast(self, round_no, size):
        messages = [f"round {round_no} tick {n}: price={(n * 7919) % 1000}" for n in range(size)]
        for n, message in enumerate(messages):
            for sub in self.subscribers:
                sub.offer(message)
            if n % 100 == 99:
                await asyncio.sleep(0)
        self.history.extend(messages)
        return len(messages)

    def round_done(self, task):
        self.digest = digest(self.history, self.digest)  # PLANT ACK120


async def main():
    subs = [Subscriber("fast", 0), Subscriber("slow", 0.01)]
    consumers = [asyncio.create_task(sub.consume()) for sub in subs]
    hub = Hub(subs)
    sent = 0
    for round_no in range(4):
        task = asyncio.create_task(hub.broadcast(round_no, 10000))
        task.add_done_callback(hub.round_done)
        sent += await task
        await asyncio.sleep(0.01)
    for consumer in consumers:
        consumer.cancel()
    print(sent, hub.digest, subs[1].skipped > 0)


asyncio.run(main())
