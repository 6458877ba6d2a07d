"""A consumer group member: one task per assigned partition pulls records from the broker and tracks the last
offset it processed. On a rebalance the member stops each partition's consumer within a deadline
(`wait_for` on the task), and the consumer commits its offset as it stops."""
import asyncio


class Broker:
    def __init__(self, partitions):
        self.logs = {p: [f"p{p}-rec{i}" for i in range(1000)] for p in range(partitions)}
        self.committed = {}

    async def fetch(self, partition, offset):
        await asyncio.sleep(0.01)
        return self.logs[partition][offset]

    def commit(self, partition, offset):
        self.committed[partition] = offset


class Member:
    def __init__(self, broker):
        self.broker = broker
        self.positions = {}

    async def consume(self, partition):
        offset = 0
        try:
            while True:
                await self.broker.fetch(partition, offset)
                offset += 1
                self.positions[partition] = offset
        except asyncio.CancelledError:  # PLANT ACK602
            self.broker.commit(partition, offset)

    async def rebalance(self, consumers, deadline):
        outcomes = {}
        for partition, task in consumers.items():
            try:
                await asyncio.wait_for(task, timeout=deadline)
                outcomes[partition] = "stopped"
            except asyncio.TimeoutError:
                outcomes[partition] = "timed out"
        return outcomes


async def main():
    broker = Broker(partitions=3)
    member = Member(broker)
    consumers = {p: asyncio.create_task(member.consume(p)) for p in range(3)}
    await asyncio.sleep(0.1)
    outcomes = await member.rebalance(consumers, deadline=0.05)
    print("rebalance:", outcomes)
    print("committed partitions:", sorted(broker.committed), all(n > 0 for n in broker.committed.values()))


asyncio.run(main())
