"""A loop object's method handed to another thread (a Thread's target, a Timer, an executor job): the thread
runs it with none of the program's frames on its stack; the hand-over is reported."""
import asyncio
import functools
import queue
import threading
from concurrent.futures import ThreadPoolExecutor


async def main():
    loop = asyncio.get_running_loop()
    deadline = asyncio.Event()
    lock = asyncio.Lock()
    results = asyncio.Queue()
    noted = []

    timer = threading.Timer(0.001, deadline.set)  # ACK401
    timer.start()
    await asyncio.to_thread(timer.join)

    await lock.acquire()
    waiter = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    releaser = threading.Thread(target=lock.release)  # ACK401: the thread releases the loop's lock
    releaser.start()
    await asyncio.to_thread(releaser.join)
    await asyncio.wait_for(waiter, 5)
    lock.release()

    await loop.run_in_executor(None, results.put_nowait, "computed")  # ACK401
    with ThreadPoolExecutor(1) as pool:
        pool.submit(results.put_nowait, "submitted").result(5)  # ACK401  # ACK106: and the wait for it blocks
    await asyncio.to_thread(functools.partial(results.put_nowait, "partial"))  # ACK401
    scheduler = threading.Thread(target=functools.partial(loop.call_soon, noted.append, 1))  # ACK402: on uvloop (compiled call_soon) seen when handed
    scheduler.start()
    await asyncio.to_thread(scheduler.join)

    answer = loop.create_future()
    listener = asyncio.create_task(asyncio.wait_for(answer, 5))
    await asyncio.sleep(0)  # a waiter first: a C future's set_result is seen when it wakes one
    resolver = threading.Thread(target=answer.set_result, args=(42,))  # ACK401: a C setter handed over is seen when handed (uvloop too)
    resolver.start()
    await listener
    await asyncio.to_thread(resolver.join)

    late = loop.create_future()
    resolve = functools.partial(late.set_result, "late")
    finisher = threading.Thread(target=lambda: resolve())  # ACK401 (3.12+: nothing awaits it yet, seen at the call of the partial)
    finisher.start()
    await asyncio.to_thread(finisher.join)
    await late

    stream = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0)
    await loop.run_in_executor(None, stream.cancel)  # ACK401: the program's task cancelled by the executor's thread
    await asyncio.gather(stream, return_exceptions=True)

    # look-alikes: what is handed is thread-safe, or no loop's object
    safe = threading.Timer(0.001, loop.call_soon_threadsafe, args=(deadline.clear,))
    safe.start()
    await asyncio.to_thread(safe.join)
    plain = queue.Queue()
    worker = threading.Thread(target=plain.put_nowait, args=("plain",))
    worker.start()
    await asyncio.to_thread(worker.join)
    flag = threading.Event()
    await loop.run_in_executor(None, flag.set)
    await asyncio.to_thread(asyncio.run, asyncio.sleep(0))  # a loop of the worker's own
    later = functools.partial(noted.append, 2)
    await asyncio.to_thread(lambda: later())  # a partial of something else

    await asyncio.sleep(0.01)
    print(results.qsize(), deadline.is_set(), plain.get_nowait(), flag.is_set(), noted)


asyncio.run(main())
