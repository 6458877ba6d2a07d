"""Look-alikes of foreign-thread use that are correct: nothing here may be reported."""
import asyncio
import concurrent.futures
import threading

unbound = asyncio.Event()  # never used by a loop (3.10+: bound on first use)


def own_loop():
    async def main():  # a thread running its own loop, using its own objects
        queue = asyncio.Queue()
        queue.put_nowait(1)
        event = asyncio.Event()
        event.set()
        await queue.get()
        await event.wait()
    asyncio.run(main())


def own_forever():
    loop = asyncio.new_event_loop()
    event = asyncio.Event()
    queue = asyncio.Queue()

    async def use():
        event.set()
        queue.put_nowait(2)
        await queue.get()
        loop.stop()
    # (kept: a dropped handle is ACK302, also when the task ends in its first step, as this one does)
    task = loop.create_task(use())
    loop.run_forever()
    assert task.done()
    loop.close()


async def main():
    loop = asyncio.get_running_loop()
    event = asyncio.Event()
    queue = asyncio.Queue()
    lock = asyncio.Lock()
    async with lock:
        pass
    waiter = asyncio.ensure_future(event.wait())
    await asyncio.sleep(0)

    def threadsafe():
        loop.call_soon_threadsafe(event.set)  # runs on the loop's thread
        loop.call_soon_threadsafe(queue.put_nowait, 1)
        asyncio.run_coroutine_threadsafe(queue.put(2), loop).result(2)
        unbound.set()
        unbound.clear()

    for target in (threadsafe, own_loop, own_forever):
        thread = threading.Thread(target=target)
        thread.start()
        await asyncio.to_thread(thread.join)
    await asyncio.wait_for(waiter, 2)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # wrap_future: asyncio's own machinery
        assert await loop.run_in_executor(pool, sum, [1, 2]) == 3
        assert await asyncio.wrap_future(pool.submit(sum, [3])) == 3
    print("clean", queue.qsize())
    return event, queue, lock


event, queue, lock = asyncio.run(main())
# after their loop closed, from another thread: no loop owns them any more
worker = threading.Thread(target=lambda: (event.clear(), queue.put_nowait(3), queue.get_nowait()))
worker.start()
worker.join()

# a loop made here and run in another thread: objects used from here before it starts
later = asyncio.new_event_loop()
early = asyncio.Queue()


async def bind_and_wait():
    early._get_loop() if hasattr(early, "_get_loop") else None
    return early.get_nowait()


early.put_nowait("before")
runner = threading.Thread(target=lambda: print("early", later.run_until_complete(bind_and_wait())))
runner.start()
runner.join()
later.close()
