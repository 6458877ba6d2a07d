"""A file-watcher thread pushing events through run_coroutine_threadsafe(queue.put(...))."""
import asyncio
import threading
import time


def watch(loop, q, n):
    for i in range(n):
        time.sleep(0.01)
        asyncio.run_coroutine_threadsafe(q.put(f"changed-{i}"), loop).result(5)
    asyncio.run_coroutine_threadsafe(q.put(None), loop).result(5)


async def main():
    q = asyncio.Queue()
    t = threading.Thread(target=watch, args=(asyncio.get_running_loop(), q, 3))
    t.start()
    seen = []
    while (item := await q.get()) is not None:
        seen.append(item)
    await asyncio.to_thread(t.join)
    print(seen)


asyncio.run(main())
