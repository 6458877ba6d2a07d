"""A warm-up thread that signals readiness by setting an asyncio.Event."""
import asyncio
import threading
import time


class Warmup:
    def __init__(self):
        self.ready = asyncio.Event()

    def _warm(self):
        time.sleep(0.05)
        self.ready.set()  # PLANT ACK401

    def start(self):
        threading.Thread(target=self._warm).start()


async def main():
    w = Warmup()
    w.start()
    await asyncio.wait_for(w.ready.wait(), 5)
    print("warm")


asyncio.run(main())
