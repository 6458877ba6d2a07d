"""ACK401 on an asyncio Lock or Semaphore made by a coroutine and never waited on (from 3.10 asyncio binds it to a
loop only at its first wait; 3.9 binds it when it is made), released by an executor's thread: it belongs to the
loop running where it was made. Look-alikes: a release handed back to the loop with call_soon_threadsafe, a lock
made and used in a thread's own loop, the loop's own acquire/release, a threading.Semaphore released by a
worker, a module-level Semaphore released by a thread (made where no loop runs: nobody's), a Semaphore released
by a thread after its loop has closed."""
import asyncio
import threading

SLOTS = asyncio.Semaphore(0)  # made where no loop runs


def finish(job, gate):
    job.append("done")
    gate.release()  # ACK401


def own_loop(out):
    async def inner():
        lock = asyncio.Lock()
        async with lock:
            out.append("own")
        gate = asyncio.Semaphore(0)
        gate.release()
        async with gate:
            out.append("gate")

    asyncio.run(inner())


async def main():
    loop = asyncio.get_running_loop()
    ready = asyncio.Semaphore(0)
    lock = asyncio.Lock()
    job = []
    await loop.run_in_executor(None, ready.release)  # ACK401
    await loop.run_in_executor(None, finish, job, ready)
    await lock.acquire()
    await asyncio.to_thread(lock.release)  # ACK401
    bounded = asyncio.BoundedSemaphore(1)
    await bounded.acquire()
    done = threading.Thread(target=bounded.release)  # ACK401
    done.start()
    await asyncio.to_thread(done.join)

    # look-alikes
    safe = asyncio.Semaphore(0)
    await loop.run_in_executor(None, loop.call_soon_threadsafe, safe.release)
    await safe.acquire()
    async with lock:
        pass
    ready.release()
    plain = threading.Semaphore(0)
    await loop.run_in_executor(None, plain.release)
    out = []
    await asyncio.to_thread(own_loop, out)
    await asyncio.to_thread(SLOTS.release)
    print(ready._value, lock.locked(), bounded._value, job, safe.locked(), out, SLOTS._value)
    return asyncio.Semaphore(0)


left = asyncio.run(main())
after = threading.Thread(target=left.release)  # its loop is closed: nobody's now
after.start()
after.join()
print(left._value)
