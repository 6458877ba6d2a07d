"""On uvloop: a foreign thread using loop-bound asyncio objects is reported; the threadsafe way is not."""
import asyncio
import threading

import uvloop


async def main():
    loop = asyncio.get_running_loop()
    queue, event = asyncio.Queue(), asyncio.Event()
    getter = asyncio.ensure_future(queue.get())  # binds the queue to this loop
    await asyncio.sleep(0)
    queue.put_nowait(0)
    await getter
    waiter = asyncio.ensure_future(event.wait())
    await asyncio.sleep(0)

    def worker():
        queue.put_nowait("item")  # ACK401
        loop.call_soon_threadsafe(event.set)

    thread = threading.Thread(target=worker)
    thread.start()
    while thread.is_alive():  # (not to_thread: uvloop.run joins its default executor's thread at the end)
        await asyncio.sleep(0.01)
    await asyncio.wait_for(waiter, 2)
    print("uvloop", queue.qsize(), type(loop).__module__)


uvloop.run(main())
