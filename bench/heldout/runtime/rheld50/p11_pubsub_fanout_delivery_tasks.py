"""A pub/sub broker pushes each message to its webhook subscribers, one task per delivery, kept for shutdown."""
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
            self.deliveries.append(asyncio.ensure_future(push(subscriber, message)))  # PLANT ACK303

    async def drain(self):
        await asyncio.wait(self.deliveries)
        return sum(1 for d in self.deliveries if not d.cancelled())


async def main():
    broker = Broker()
    broker.publish({"event": "price.changed"})
    print("deliveries ended:", await broker.drain())


asyncio.run(main())
