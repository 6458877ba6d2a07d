"""A service-name resolver cache: names are looked up in the (slow, synchronous) zone client on the default
executor, answers are cached with their TTL, misses are cached negatively for a shorter time, and each entry's
expiry is scheduled on the loop by the lookup job as soon as it has the answer, through the loop's thread-safe door."""
import asyncio
import time

ZONE = {"billing.svc": ("10.1.0.7", 0.3), "search.svc": ("10.1.0.9", 5.0), "auth.svc": ("10.1.0.2", 0.3)}
NEGATIVE_TTL = 0.3


class ZoneClient:
    def query(self, name):
        time.sleep(0.01)
        return ZONE.get(name, (None, NEGATIVE_TTL))


class ResolverCache:
    def __init__(self, loop, client):
        self.loop = loop
        self.client = client
        self.entries = {}
        self.lookups = 0

    def evict(self, name):
        self.entries.pop(name, None)

    def lookup_job(self, name):
        address, ttl = self.client.query(name)
        self.lookups += 1
        self.loop.call_soon_threadsafe(self.loop.call_later, ttl, self.evict, name)
        return address

    async def resolve(self, name):
        if name not in self.entries:
            self.entries[name] = self.loop.run_in_executor(None, self.lookup_job, name)
        return await self.entries[name]


async def main():
    cache = ResolverCache(asyncio.get_running_loop(), ZoneClient())
    names = ["billing.svc", "search.svc", "ledger.svc", "billing.svc", "auth.svc", "ledger.svc"]
    print([await cache.resolve(n) for n in names])
    print("lookups:", cache.lookups, "cached:", sorted(cache.entries))
    await asyncio.sleep(0.7)
    print("after 0.7 s cached:", sorted(cache.entries))
    await cache.resolve("billing.svc")
    print("lookups:", cache.lookups)


asyncio.run(main())
