import asyncio
import threading

rlock = threading.RLock()
cond = threading.Condition()
sem = threading.Semaphore(2)
bounded = threading.BoundedSemaphore(2)  # its release is its own, not Semaphore's
plain = threading.Lock()


async def reentrant():
    with rlock:  # ACK201
        with rlock:
            await asyncio.sleep(0.01)


async def condition():
    with cond:  # ACK201
        cond.notify_all()
        await asyncio.sleep(0.01)


async def semaphore():
    sem.acquire()  # ACK201
    try:
        await asyncio.sleep(0.01)
    finally:
        sem.release()


async def bounded_held():
    with bounded:  # ACK201
        await asyncio.sleep(0.01)


def in_worker():
    with plain:
        return 1


async def look_alikes():
    with plain:  # released before the await: fine
        value = 1
    with bounded:  # released before the await: fine
        value += 0
    await asyncio.sleep(0.01)
    bounded.acquire()
    bounded.release()
    await asyncio.to_thread(in_worker)  # held in a worker thread: fine
    async with asyncio.Lock():  # an asyncio lock across an await: fine
        await asyncio.sleep(0.01)
    return value


async def main():
    await look_alikes()
    await asyncio.gather(reentrant(), condition(), semaphore(), bounded_held())
    print("locks")


asyncio.run(main())
