"""A metrics exporter whose collector thread samples the process counters and tells the exporter a sample is fresh."""
import asyncio
import threading
import time


class Collector(threading.Thread):
    def __init__(self, fresh, samples):
        super().__init__(daemon=True, name="collector")
        self.fresh = fresh
        self.samples = samples
        self.values = {}

    def sample(self, n):
        return {"requests_total": 10 * n, "errors_total": n // 3, "queue_depth": n % 4}

    def run(self):
        for n in range(1, self.samples + 1):
            time.sleep(0.01)
            self.values = self.sample(n)
            self.fresh.set()  # PLANT ACK401


def render(values):
    return "".join(f"app_{key} {value}\n" for key, value in sorted(values.items()))


async def main():
    fresh = asyncio.Event()
    collector = Collector(fresh, samples=4)
    collector.start()
    while collector.is_alive():
        try:
            await asyncio.wait_for(fresh.wait(), 0.05)
        except asyncio.TimeoutError:
            continue
        fresh.clear()
    await asyncio.to_thread(collector.join)
    print(render(collector.values), end="")


asyncio.run(main())
