"""Waits the program asks concurrent.futures and queue for, made inside those libraries: an executor's
shutdown() joining its workers, the results of Executor.map (each a Future's result()), a SimpleQueue's get
(a C type: the name hands out a watched subclass). Look-alikes: shutdown(wait=False), leaving a `with` block
whose jobs were awaited, shutdown and map in a worker thread, get(block=False)."""
import asyncio
import concurrent.futures
import queue
import threading
import time


def square(x):
    return x * x


async def main():
    loop = asyncio.get_running_loop()
    pool = concurrent.futures.ThreadPoolExecutor(2)
    job = loop.run_in_executor(pool, time.sleep, 0.02)
    await asyncio.sleep(0)
    pool.shutdown()  # ACK106
    await job
    other = concurrent.futures.ThreadPoolExecutor(2)
    print(list(other.map(square, range(4))))  # ACK106
    print(await loop.run_in_executor(None, lambda: list(other.map(square, range(3)))))
    await asyncio.to_thread(other.shutdown)
    with concurrent.futures.ThreadPoolExecutor(1) as scoped:
        print(await loop.run_in_executor(scoped, square, 5))
    quick = concurrent.futures.ThreadPoolExecutor(1)
    quick.submit(square, 2)
    quick.shutdown(wait=False)
    replies = queue.SimpleQueue()
    threading.Thread(target=replies.put, args=("pong",)).start()
    print(replies.get(timeout=2))  # ACK106
    try:
        replies.get(block=False)
    except queue.Empty:
        print("empty", type(replies).__name__)


asyncio.run(main())
