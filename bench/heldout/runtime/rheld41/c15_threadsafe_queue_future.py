"""An executor producer feeding an asyncio.Queue through run_coroutine_threadsafe; a worker result wrapped."""
import asyncio
import concurrent.futures
import threading
import time


def produce(loop, q, n):
    for i in range(n):
        asyncio.run_coroutine_threadsafe(q.put(i * i), loop).result(timeout=2)


def worker(cf):
    time.sleep(0.02)
    cf.set_result(42)


async def main():
    q = asyncio.Queue()
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, produce, loop, q, 5)
    items = [q.get_nowait() for _ in range(q.qsize())]
    cf = concurrent.futures.Future()
    threading.Thread(target=worker, args=(cf,), daemon=True).start()
    result = await asyncio.wrap_future(cf)
    print("items", items, "result", result)


asyncio.run(main())
