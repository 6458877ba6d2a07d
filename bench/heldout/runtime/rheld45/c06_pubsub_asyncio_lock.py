"""A pub/sub hub guarding its subscriber table with asyncio.Lock while it awaits the deliveries."""
import asyncio
import threading


class Hub:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._stats_lock = threading.Lock()
        self._subs = {}
        self.published = 0

    async def subscribe(self, topic):
        q = asyncio.Queue(maxsize=100)
        async with self._lock:
            self._subs.setdefault(topic, []).append(q)
        return q

    async def publish(self, topic, msg):
        async with self._lock:
            for q in self._subs.get(topic, []):
                await q.put(msg)
        with self._stats_lock:
            self.published += 1
        return len(self._subs.get(topic, []))


async def main():
    hub = Hub()
    a = await hub.subscribe("news")
    b = await hub.subscribe("news")
    n = await hub.publish("news", "hello")
    print(n, await a.get(), await b.get(), hub.published)


asyncio.run(main())
