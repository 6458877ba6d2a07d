"""Leader election with a lease: a timer thread notices the lease ran out and starts a new campaign for the term."""
import asyncio
import threading


class Node:
    def __init__(self, name, ttl):
        self.loop = asyncio.get_running_loop()
        self.name = name
        self.ttl = ttl
        self.term = 0
        self.history = []
        self.campaign_task = None
        self.timer = None

    async def campaign(self):
        await asyncio.sleep(0.01)
        self.term += 1
        self.history.append(f"term {self.term}: {self.name} leads")
        self.arm()

    def arm(self):
        if self.term < 3:
            self.timer = threading.Timer(self.ttl, self.lease_expired)
            self.timer.start()

    def lease_expired(self):
        self.history.append(f"lease of term {self.term} expired")
        self.campaign_task = self.loop.create_task(self.campaign())  # PLANT ACK402


async def main():
    node = Node("node-a", ttl=0.03)
    await node.campaign()
    for _ in range(200):
        if node.term >= 3:
            break
        await asyncio.sleep(0.01)
    if node.campaign_task is not None:
        await node.campaign_task
    print(node.history)


asyncio.run(main())
