"""A rate-limited API crawler: a token bucket refilled by a threading.Timer, which hands the wake-up to the
loop with call_soon_threadsafe."""
import asyncio
import threading

PAGES = [f"/api/items?page={n}" for n in range(6)]


class TokenBucket:
    def __init__(self, capacity, loop):
        self.capacity = capacity
        self.tokens = capacity
        self.loop = loop
        self.refilled = asyncio.Event()
        self.timer = None
        self.stopped = False

    def _refill_on_loop(self):
        self.tokens = self.capacity
        self.refilled.set()

    def start(self, every):
        def refill():
            if self.stopped:
                return
            self.loop.call_soon_threadsafe(self._refill_on_loop)
            self.timer = threading.Timer(every, refill)
            self.timer.start()

        self.timer = threading.Timer(every, refill)
        self.timer.start()

    async def take(self):
        while self.tokens <= 0:
            self.refilled.clear()
            await self.refilled.wait()
        self.tokens -= 1

    def stop(self):
        self.stopped = True
        self.timer.cancel()


async def fetch(bucket, path, seen):
    await bucket.take()
    await asyncio.sleep(0.005)
    seen.append(path)


async def metrics_tick(ticks):
    while True:
        await asyncio.sleep(0.01)
        ticks.append(1)


async def main():
    ticks = []
    ticker = asyncio.create_task(metrics_tick(ticks))
    bucket = TokenBucket(2, asyncio.get_running_loop())
    bucket.start(0.05)
    seen = []
    try:
        await asyncio.wait_for(asyncio.gather(*(fetch(bucket, p, seen) for p in PAGES)), 5)
    finally:
        bucket.stop()
        ticker.cancel()
    print(len(seen), sorted(seen)[:2])


asyncio.run(main())
