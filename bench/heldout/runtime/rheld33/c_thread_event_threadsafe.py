"""A warm-up thread that signals readiness through call_soon_threadsafe(event.set)."""
import asyncio
import threading
import time


class Warmup:
    def __init__(self):
        self.ready = asyncio.Event()
        self.loop = asyncio.get_running_loop()

    def _warm(self):
        time.sleep(0.05)
        self.loop.call_soon_threadsafe(self.ready.set)

    def start(self):
        threading.Thread(target=self._warm).start()


async def main():
    w = Warmup()
    w.start()
    await asyncio.wait_for(w.ready.wait(), 5)
    print("warm")


asyncio.run(main())
