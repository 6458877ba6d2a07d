"""A pub/sub hub guarding its subscriber table with threading.Lock while it awaits the deliveries."""
import asyncio
import threading


class Hub:
    def __init__(self):
        self._lock = threading.Lock()
        self._subs = {}

    def subscribe(self, topic):
        q = asyncio.Queue(maxsize=100)
        with self._lock:
            self._subs.setdefault(topic, []).append(q)
        return q

    async def publish(self, topic, msg):
        with self._lock:  # PLANT ACK201
            for q in self._subs.get(topic, []):
                await q.put(msg)
        return len(self._subs.get(topic, []))


async def main():
    hub = Hub()
    a = hub.subscribe("news")
    b = hub.subscribe("news")
    n = await hub.publish("news", "hello")
    print(n, await a.get(), await b.get())


asyncio.run(main())
