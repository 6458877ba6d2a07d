"""Foreign-thread use of loop-bound asyncio objects while nobody waits on them: reported all the same."""
import asyncio
import threading


async def bind(waiting, wake):
    """Bind an object to the running loop (asyncio does that the first time something waits on it)."""
    task = asyncio.ensure_future(waiting)
    await asyncio.sleep(0)
    wake()
    await task


async def main():
    queue, event, lock = asyncio.Queue(), asyncio.Event(), asyncio.Lock()
    semaphore, condition = asyncio.Semaphore(0), asyncio.Condition()
    await bind(queue.get(), lambda: queue.put_nowait(0))
    await bind(event.wait(), event.set)
    await bind(semaphore.acquire(), semaphore.release)
    await lock.acquire()
    await bind(lock.acquire(), lock.release)

    async def notified():
        async with condition:
            await condition.wait()

    async def notify():
        async with condition:
            condition.notify()

    waiter = asyncio.ensure_future(notified())
    await asyncio.sleep(0)
    await notify()
    await waiter
    await condition.acquire()

    def worker():
        queue.put_nowait("item")  # ACK401
        queue.get_nowait()  # ACK401
        event.clear()  # ACK401
        event.set()  # ACK401
        lock.release()  # ACK401
        semaphore.release()  # ACK401
        condition.notify_all()  # ACK401

    thread = threading.Thread(target=worker)
    thread.start()
    await asyncio.to_thread(thread.join)
    print("always", queue.qsize(), event.is_set(), lock.locked())


asyncio.run(main())
