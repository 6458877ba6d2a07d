"""An asyncio future's C setter handed to another thread to call (ACK401 at the hand-over): no Python code runs
when the worker calls it while nothing awaits the future yet. Look-alikes: the same setters handed over through
call_soon_threadsafe, a sync function handed to the executor that resolves a concurrent future, and a future
whose loop is not running (made for a loop that a worker thread runs later)."""
import asyncio
import concurrent.futures
import functools
import threading


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    await loop.run_in_executor(None, done.set_result, "ok")  # ACK401
    failed = loop.create_future()
    await asyncio.to_thread(failed.set_exception, ValueError("x"))  # ACK401
    failed.exception()
    dropped = loop.create_future()
    t = threading.Thread(target=dropped.cancel)  # ACK401
    t.start()
    await asyncio.to_thread(t.join)
    curried = loop.create_future()
    await loop.run_in_executor(None, functools.partial(curried.set_result, 3))  # ACK401
    safe = loop.create_future()
    await loop.run_in_executor(None, loop.call_soon_threadsafe, safe.set_result, "safe")
    cf = concurrent.futures.Future()
    await loop.run_in_executor(None, cf.set_result, "cf")
    print(await done, await curried, await safe, cf.result(timeout=0), dropped.cancelled())


def later():
    other = asyncio.new_event_loop()
    fut = other.create_future()
    t = threading.Thread(target=fut.set_result, args=(5,))  # the loop does not run: nobody races
    t.start()
    t.join()
    print("later", other.run_until_complete(fut))
    other.close()


asyncio.run(main())
later()
