"""A lock of the program that the loop's thread waits for while another thread holds it is ACK106. The standard
library's own short-held state locks are not: a concurrent.futures Future's condition (wrap_future adds a
done callback while a worker sets the result), a queue.Queue's mutex; how long the loop waits there is only
how the OS schedules the other thread."""
import asyncio
import concurrent.futures
import queue
import threading
import time


def hold(lock, held, go):
    with lock:
        held.set()
        # let go 30 ms after the loop's thread says it is about to take the lock (a fixed hold from `held` could
        # be over before a loaded machine brings the loop back from its wait)
        go.wait(10)
        time.sleep(0.03)


async def contend(lock):
    held, go = threading.Event(), threading.Event()
    thread = threading.Thread(target=hold, args=(lock, held, go))
    thread.start()
    await asyncio.to_thread(held.wait)
    return thread, go


async def main():
    guard = threading.Lock()
    thread, go = await contend(guard)
    go.set()
    with guard:  # ACK106: the program's lock, held by another thread for 30 ms
        print("got the lock")
    await asyncio.to_thread(thread.join)

    future = concurrent.futures.Future()
    thread, go = await contend(future._condition)
    go.set()
    wrapped = asyncio.wrap_future(future)  # waits for the future's condition: the stdlib's own business
    future.set_result("done")
    print(await wrapped)
    await asyncio.to_thread(thread.join)

    jobs = queue.Queue()
    thread, go = await contend(jobs.mutex)
    go.set()
    jobs.put_nowait(1)  # waits for the queue's mutex: the same
    print(jobs.get_nowait())
    await asyncio.to_thread(thread.join)


asyncio.run(main())
