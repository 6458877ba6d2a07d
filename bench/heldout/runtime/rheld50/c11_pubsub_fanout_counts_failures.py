"""A pub/sub broker pushes each message to its webhook subscribers, one task per delivery, and counts the
failed deliveries at shutdown."""
import asyncio

SUBSCRIBERS = {"billing": 0.01, "search": 0.02, "legacy-crm": None}


async def push(subscriber, message):
    delay = SUBSCRIBERS[subscriber]
    if delay is None:
        raise ConnectionRefusedError(f"{subscriber} is down")
    await asyncio.sleep(delay)
    return subscriber


class Broker:
    def __init__(self):
        self.deliveries = []

    def publish(self, message):
        for subscriber in SUBSCRIBERS:
            self.deliveries.append(asyncio.ensure_future(push(subscriber, message)))

    async def drain(self):
        await asyncio.wait(self.deliveries)
        failed = [type(d.exception()).__name__ for d in self.deliveries if d.exception() is not None]
        return len(self.deliveries), failed


async def main():
    broker = Broker()
    broker.publish({"event": "price.changed"})
    print("deliveries ended:", await broker.drain())


asyncio.run(main())
