"""A config file watcher thread setting an asyncio.Event directly."""
import asyncio
import threading
import time


class Watcher(threading.Thread):
    def __init__(self, changed):
        super().__init__(daemon=True)
        self.changed = changed

    def run(self):
        time.sleep(0.03)
        self.changed.set()  # PLANT ACK401


async def ticker(stop):
    while not stop.is_set():
        await asyncio.sleep(0.005)


async def main():
    changed = asyncio.Event()
    stop = asyncio.Event()
    t = asyncio.create_task(ticker(stop))
    Watcher(changed).start()
    await asyncio.wait_for(changed.wait(), 2)
    stop.set()
    await t
    print("reloaded config")


asyncio.run(main())
