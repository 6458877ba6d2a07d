"""A job queue's worker leases jobs through the broker's client library, whose sync facade runs its own event
loop; the worker calls the facade from a worker thread, where it may run a loop of its own."""
import asyncio


class BrokerClient:
    async def lease(self, queue, seconds):
        await asyncio.sleep(0.01)
        return {"queue": queue, "job": "job-41", "ttl": seconds}

    def lease_sync(self, queue, seconds=30):
        return asyncio.run(self.lease(queue, seconds))


def loop_factory():
    loop = asyncio.new_event_loop()
    loop.slow_callback_duration = 0.25
    return loop


async def work(client):
    lease = await asyncio.to_thread(client.lease_sync, "emails")
    await asyncio.sleep(0.01)
    return lease["job"], lease["ttl"]


with asyncio.Runner(loop_factory=loop_factory) as runner:
    print(runner.run(work(BrokerClient())))
