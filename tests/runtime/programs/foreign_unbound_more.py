"""ACK401 on asyncio objects nobody has waited on yet, beyond foreign_unbound.py: a Queue made by a coroutine (its
`join()` Event noted the loop) fed from a thread while the loop polls it; an Event made by the main loop, set by
a thread running its own loop, that the main loop reads; an Event made at module level, set by a thread that
runs no loop while the main loop runs, that the main loop reads afterwards (reported at the set, once the loop
reads it). Look-alikes: a queue fed through call_soon_threadsafe; a worker's Event made by the main loop but
used only by the worker thread's own loop (and its Lock, released there); a module-level Event set by a thread and read by threads only."""
import asyncio
import threading

LOADED = asyncio.Event()  # set by a thread, read by the main loop
PLAIN = asyncio.Event()  # set and read by threads only


def load():
    LOADED.set()  # ACK401


def side_loop(ready):
    async def serve():
        await asyncio.sleep(0)
        ready.set()  # ACK401
    asyncio.run(serve())


class Worker:
    def __init__(self):
        self.stop = asyncio.Event()  # made while the main loop runs, used by the worker's loop only
        self.lock = asyncio.Lock()  # likewise: taken and released by the worker's loop, never waited on
        self.ticks = 0

    def run(self):
        async def serve():
            self.stop.clear()
            asyncio.get_running_loop().call_later(0.003, self.stop.set)
            while not self.stop.is_set():
                async with self.lock:
                    self.ticks += 1
                await asyncio.sleep(0.001)
            await self.stop.wait()
        asyncio.run(serve())


async def in_thread(target, *args):
    t = threading.Thread(target=target, args=args)
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.002)


async def main():
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()
    await in_thread(lambda: inbox.put_nowait("m1"))  # ACK401
    safe = asyncio.Queue()
    await in_thread(loop.call_soon_threadsafe, safe.put_nowait, "m2")
    got = [inbox.get_nowait(), await safe.get()]
    ready = asyncio.Event()
    await in_thread(side_loop, ready)
    worker = Worker()
    await in_thread(worker.run)
    await in_thread(load)
    await in_thread(lambda: (PLAIN.set(), PLAIN.is_set()))
    print(got, ready.is_set(), worker.ticks > 0, LOADED.is_set())


asyncio.run(main())
