"""The checks asynccheck leaves out where asyncio has checked the thread already (a Queue.get that waited, the
event a put_nowait clears, a lock nobody waited for): look-alikes that must still be reported, and subclasses
whose own methods must still run."""
import asyncio
import threading


class CountingQueue(asyncio.Queue):
    taken = 0

    def get_nowait(self):  # a subclass's own method: called after a wait as before
        CountingQueue.taken += 1
        return super().get_nowait()


async def waited_get(queue, item):
    getter = asyncio.ensure_future(queue.get())
    await asyncio.sleep(0)  # it waits: asyncio binds the queue to this loop
    queue.put_nowait(item)
    return await getter


async def main():
    loop = asyncio.get_running_loop()
    counting, ordered, joined, plain = CountingQueue(), asyncio.PriorityQueue(), asyncio.Queue(), asyncio.Queue()
    first = await waited_get(counting, "a")
    await waited_get(plain, "d")
    ordered_item = await waited_get(ordered, (1, "b"))
    await waited_get(joined, "c")
    joined.task_done()
    lock = asyncio.Lock()
    await lock.acquire()
    waiting = asyncio.ensure_future(lock.acquire())  # binds the lock: a later foreign release is reported
    await asyncio.sleep(0)
    lock.release()
    await waiting
    joiner = asyncio.ensure_future(joined.join())  # binds the queue's own event
    await asyncio.sleep(0)

    def worker():
        counting.put_nowait("x")  # ACK401
        plain.put_nowait("z")  # ACK401
        joined.put_nowait("y")  # ACK401
        lock.release()  # ACK401

    thread = threading.Thread(target=worker)
    thread.start()
    await asyncio.to_thread(thread.join)
    other = []

    def other_loop():
        async def take():
            other.append(await plain.get())  # ACK401 (its loop is another thread's)
        asyncio.run(take())

    thread = threading.Thread(target=other_loop)
    thread.start()
    await asyncio.to_thread(thread.join)
    joined.get_nowait()
    counting.get_nowait()
    joined.task_done()
    await asyncio.wait_for(joiner, 2)
    print(first, ordered_item, CountingQueue.taken, other, lock.locked(), loop.is_running())


asyncio.run(main())
