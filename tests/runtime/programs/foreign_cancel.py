"""Futures and tasks of a loop resolved or cancelled from another thread. A task the program made, cancelled, is
reported at the calling line whatever it is doing (waiting, ready); a future, when the call wakes a waiter
(asyncio's loop only: uvloop wakes it through its compiled call_soon). Each thread-safe way of doing the same is
not reported, nor a future or task of a loop that runs in the calling thread, or of a loop that is not running
(not started yet, closed)."""
import asyncio
import concurrent.futures
import threading


def in_thread(target):
    thread = threading.Thread(target=target)
    thread.start()
    return asyncio.to_thread(thread.join)  # a thread-safe wake-up: the unsafe call may not wake the loop itself


async def wait(future):
    return await future


def own_loop():
    async def inner():
        loop = asyncio.get_running_loop()
        future, other = loop.create_future(), loop.create_future()
        loop.call_soon(future.set_result, 6)
        other.cancel()
        return await future
    print("own loop", asyncio.run(inner()))


async def main():
    loop = asyncio.get_running_loop()
    result, failure, cancelled = loop.create_future(), loop.create_future(), loop.create_future()

    def worker():
        result.set_result(1)  # ACK401 (nothing awaits it: seen at the program's call site)
        failure.set_exception(ValueError("from a thread"))  # ACK401
        cancelled.cancel()  # ACK401

    await in_thread(worker)
    print(result.result(), repr(failure.exception()), cancelled.cancelled())

    awaited = loop.create_future()
    direct = asyncio.Future()
    waiters = [asyncio.ensure_future(wait(awaited)), asyncio.ensure_future(wait(direct))]
    parked = asyncio.ensure_future(wait(loop.create_future()))
    sleeper = asyncio.ensure_future(asyncio.sleep(10))
    await asyncio.sleep(0.01)  # every task is parked on its future

    def wake():
        awaited.set_result(2)  # ACK401 (on uvloop: seen at the program's call site)
        direct.set_result(3)  # ACK401
        parked.cancel()  # ACK401
        sleeper.cancel()  # ACK401

    await in_thread(wake)
    print(await waiters[0], await waiters[1])
    for task in (parked, sleeper):
        try:
            await task
        except asyncio.CancelledError:
            print("cancelled", task.cancelled())

    async def spin():
        while True:
            await asyncio.sleep(0)

    spinning, stopped = asyncio.create_task(spin()), asyncio.create_task(spin())
    await asyncio.sleep(0)

    def stop():
        spinning.cancel()  # ACK401
        loop.call_soon_threadsafe(stopped.cancel)

    await in_thread(stop)
    for task in (spinning, stopped):
        try:
            await task
        except asyncio.CancelledError:
            print("stopped", task.cancelled())

    def schedule():
        loop.call_at(loop.time() + 0.001, print, "at")  # ACK402

    await in_thread(schedule)
    await asyncio.sleep(0.05)

    safe, safe_cancel, on_loop = loop.create_future(), loop.create_future(), loop.create_future()

    def threadsafe():
        safe.get_loop().call_soon_threadsafe(safe.set_result, 4)
        loop.call_soon_threadsafe(safe_cancel.cancel)
        plain = concurrent.futures.Future()  # not asyncio's
        plain.set_result(5)
        asyncio.run_coroutine_threadsafe(wait(on_loop), loop)

    await in_thread(threadsafe)
    on_loop.set_result("on the loop")
    await in_thread(own_loop)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # run_in_executor, wrap_future: asyncio's own
        print(await safe, safe_cancel.cancelled(), await loop.run_in_executor(pool, sum, [1, 2]))
        print(await asyncio.wrap_future(pool.submit(sum, [3])))
    return loop.create_future()


leftover = asyncio.run(main())
closed = threading.Thread(target=lambda: leftover.set_result("after"))  # its loop is closed: no thread owns it
closed.start()
closed.join()

later = asyncio.new_event_loop()
early = later.create_future()
before = threading.Thread(target=lambda: early.set_result("before"))  # its loop has not started yet
before.start()
before.join()
print(later.run_until_complete(early), leftover.result())
later.close()
