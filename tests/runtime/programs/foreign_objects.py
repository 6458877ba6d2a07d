import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    future = loop.create_future()
    lock = asyncio.Lock()
    await lock.acquire()

    def producer():
        queue.put_nowait("item")  # ACK401

    def resolver():
        future.set_result(42)  # ACK401 (on uvloop: seen at the program's call site)

    def unlocker():
        lock.release()  # ACK401

    def scheduler():
        loop.call_later(0, print, "later")  # ACK402
        loop.create_task(asyncio.sleep(0))  # ACK402

    def correct():
        loop.call_soon_threadsafe(print, "threadsafe")
        asyncio.run_coroutine_threadsafe(asyncio.sleep(0), loop).result(2)

    for target, waiter in ((producer, queue.get()), (resolver, asyncio.wait_for(future, 2)),
                           (unlocker, asyncio.wait_for(lock.acquire(), 2))):
        waiting = asyncio.ensure_future(waiter)
        await asyncio.sleep(0.01)  # the waiter is parked: the foreign call has to wake it
        thread = threading.Thread(target=target)
        thread.start()
        await asyncio.to_thread(thread.join)  # a thread-safe wake-up: the unsafe call may not wake the loop itself
        await asyncio.wait_for(waiting, 2)
    for target in (scheduler, correct):
        thread = threading.Thread(target=target)
        thread.start()
        await asyncio.to_thread(thread.join)
    await asyncio.sleep(0.05)
    print("foreign")


asyncio.run(main())
