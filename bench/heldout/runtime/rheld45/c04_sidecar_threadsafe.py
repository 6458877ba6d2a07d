"""A sidecar thread with its own loop signals the main loop through call_soon_threadsafe."""
import asyncio
import threading


class Sidecar(threading.Thread):
    def __init__(self, main_loop, ready):
        super().__init__(name="sidecar")
        self.main_loop = main_loop
        self.ready = ready
        self.local_hits = 0

    async def probe(self):
        mine = asyncio.Event()
        q = asyncio.Queue()
        q.put_nowait("ping")
        self.local_hits += len(await q.get())
        mine.set()
        await mine.wait()
        self.main_loop.call_soon_threadsafe(self.ready.set)

    def run(self):
        asyncio.run(self.probe())


async def main():
    ready = asyncio.Event()
    side = Sidecar(asyncio.get_running_loop(), ready)
    side.start()
    await asyncio.wait_for(ready.wait(), 2)
    await asyncio.to_thread(side.join)
    print("ready", ready.is_set(), side.local_hits)


asyncio.run(main())
