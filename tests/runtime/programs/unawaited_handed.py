"""Coroutine functions handed to something that calls them as plain functions (the loop's callbacks, a done
callback, a thread's target): the coroutine each call makes is dropped by asyncio's or threading's code, and
the line to change is the hand-over. Look-alikes hand over plain functions, or schedule the coroutine."""
import asyncio
import threading


class Cache:
    def __init__(self):
        self.refreshed = 0
        self.background = set()

    async def refresh(self):
        await asyncio.sleep(0)
        self.refreshed += 1

    def refresh_soon(self):
        task = asyncio.ensure_future(self.refresh())
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    def schedule(self, loop):
        loop.call_soon(self.refresh)  # ACK301: call_soon calls it, nothing awaits what it returns
        loop.call_soon(self.refresh_soon)


async def on_done(task):
    print("done", task.result())


async def poll():
    await asyncio.sleep(0)


def sync_poll():
    pass


async def work():
    await asyncio.sleep(0)
    return 42


async def load_settings():
    return {"retries": 3}


def read_settings():
    return {"retries": 3}


async def main():
    loop = asyncio.get_running_loop()
    cache = Cache()
    cache.schedule(loop)
    task = asyncio.create_task(work())
    task.add_done_callback(on_done)  # ACK301: a done callback is called, not awaited
    await task
    thread = threading.Thread(target=poll)  # ACK301: the thread calls it and drops the coroutine
    thread.start()
    await asyncio.to_thread(thread.join)
    threading.Thread(target=sync_poll).start()
    # (3.13 puts the NULL of the call after `asyncio.to_thread`'s load: right before the function handed over)
    settings = await asyncio.to_thread(load_settings)  # ACK301: the worker thread calls it, nothing awaits it
    del settings
    print(await asyncio.to_thread(read_settings))
    await asyncio.sleep(0.01)
    print("refreshed", cache.refreshed)


asyncio.run(main())
