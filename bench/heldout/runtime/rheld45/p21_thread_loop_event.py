"""A sidecar thread runs its own event loop and, when its probe passes, sets the main loop's Event directly."""
import asyncio
import threading


class Sidecar(threading.Thread):
    def __init__(self, ready):
        super().__init__(name="sidecar")
        self.ready = ready

    async def probe(self):
        await asyncio.sleep(0.01)
        self.ready.set()  # PLANT ACK401

    def run(self):
        asyncio.run(self.probe())


async def beat():
    while True:
        await asyncio.sleep(0.01)


async def main():
    ready = asyncio.Event()
    side = Sidecar(ready)
    side.start()
    heartbeat = asyncio.create_task(beat())
    await asyncio.wait_for(ready.wait(), 2)
    heartbeat.cancel()
    await asyncio.to_thread(side.join)
    print("ready", ready.is_set())


asyncio.run(main())
