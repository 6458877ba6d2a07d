"""ACK401 for a module-level Event set early by a thread and then only awaited: the thread runs no loop and sets
the Event while the main loop runs, before any loop used it (its owner is not known yet); the main loop never
reads it with is_set(), it awaits `wait()`, which returns at once for a set Event and binds no loop. Reported at
the set, when the main loop's wait reads it. Look-alikes: a module-level Event set by a thread before any loop ran
(nobody's), then awaited; one set through call_soon_threadsafe; a worker's Event made by the main loop, set by
the worker's own loop and awaited there only."""
import asyncio
import threading

CONFIG_LOADED = asyncio.Event()  # set by a thread while the main loop runs, awaited by that loop
PRELOADED = asyncio.Event()  # set by a thread before any loop ran
SAFE = asyncio.Event()  # set on the loop's thread, at a thread's request


def load_config():
    CONFIG_LOADED.set()  # ACK401


class Worker:
    def __init__(self):
        self.done = asyncio.Event()  # made while the main loop runs, used by the worker's loop only

    def run(self):
        async def serve():
            await asyncio.sleep(0)
            self.done.set()
            await self.done.wait()
        asyncio.run(serve())


async def in_thread(target, *args):
    t = threading.Thread(target=target, args=args)
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.002)


async def main():
    loop = asyncio.get_running_loop()
    await in_thread(load_config)
    await asyncio.wait_for(CONFIG_LOADED.wait(), 1)
    await PRELOADED.wait()
    await in_thread(loop.call_soon_threadsafe, SAFE.set)
    await SAFE.wait()
    worker = Worker()
    await in_thread(worker.run)
    print("loaded", CONFIG_LOADED.is_set(), PRELOADED.is_set(), SAFE.is_set())


t = threading.Thread(target=PRELOADED.set)
t.start()
t.join()
asyncio.run(main())
