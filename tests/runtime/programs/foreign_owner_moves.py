"""Objects a loop has used from its own thread (their checks then keep the loop's lock: runtime/owners.py), used
from a thread that does not run the loop: still reported. Then the same loop stopped in one thread and run again
in another: the thread that ran it before is foreign to it now, the one that runs it now is not."""
import asyncio
import threading

loop = asyncio.new_event_loop()
ran_there = threading.Event()
main_runs = threading.Event()
put_done = threading.Event()
made = {}


async def bind_and_use():
    queue, event, lock = asyncio.Queue(), asyncio.Event(), asyncio.Lock()
    getter = asyncio.ensure_future(queue.get())
    await asyncio.sleep(0)  # it waits: the queue is bound to this loop
    queue.put_nowait(1)
    await getter
    waiter = asyncio.ensure_future(event.wait())
    await asyncio.sleep(0)  # the event too
    event.set()
    await waiter
    event.clear()
    await lock.acquire()
    contender = asyncio.ensure_future(lock.acquire())
    await asyncio.sleep(0)  # and the lock
    lock.release()
    await contender
    lock.release()
    for _ in range(3):  # each used again on this thread, once bound
        queue.put_nowait(2)
        queue.get_nowait()
        event.set()
        event.clear()
    made.update(queue=queue, event=event, lock=lock)


def first_runner():
    loop.run_until_complete(bind_and_use())
    ran_there.set()
    main_runs.wait(5)
    made["queue"].put_nowait(3)  # ACK401
    made["event"].set()  # ACK401
    put_done.set()


async def second_run():
    queue, event = made["queue"], made["event"]
    queue.put_nowait(4)  # this thread runs the loop now: not reported
    event.clear()
    main_runs.set()
    await loop.run_in_executor(None, put_done.wait, 5)
    event.clear()
    return [queue.get_nowait() for _ in range(queue.qsize())]


def foreign_after_use():
    async def main():
        queue, event = asyncio.Queue(), asyncio.Event()
        getter = asyncio.ensure_future(queue.get())
        await asyncio.sleep(0)
        queue.put_nowait("a")
        await getter
        waiter = asyncio.ensure_future(event.wait())
        await asyncio.sleep(0)
        event.set()
        await waiter
        queue.put_nowait("b")
        queue.get_nowait()

        def worker():
            queue.put_nowait("c")  # ACK401
            event.clear()  # ACK401

        await asyncio.to_thread(worker)
        asyncio.get_running_loop().call_soon_threadsafe(queue.put_nowait, "d")  # the right way: not reported
        await asyncio.sleep(0.01)
        return [queue.get_nowait() for _ in range(queue.qsize())]

    return asyncio.run(main())


thread = threading.Thread(target=first_runner)
thread.start()
ran_there.wait(5)
print(loop.run_until_complete(second_run()))
thread.join()
loop.close()
print(foreign_after_use())
