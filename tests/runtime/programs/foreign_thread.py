import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize=10)
    event = asyncio.Event()

    def unsafe():
        loop.call_soon(print, "from thread")  # ACK402 (on uvloop, compiled: seen at the program's call site)

    def arm(fut):
        loop.call_later(0.01, fut.cancel)  # ACK402: the loop call is what the thread must not make

    def safe():
        loop.call_soon_threadsafe(queue.put_nowait, 1)
        asyncio.run_coroutine_threadsafe(asyncio.sleep(0), loop)

    def touch_event():
        event.set()  # ACK401

    threading.Thread(target=unsafe).start()
    threading.Thread(target=safe).start()
    timer_target = loop.create_future()
    threading.Thread(target=arm, args=(timer_target,)).start()
    waiter = asyncio.create_task(event.wait())
    await asyncio.sleep(0.05)
    toucher = threading.Thread(target=touch_event)
    toucher.start()
    await asyncio.to_thread(toucher.join)  # a thread-safe wake-up: the unsafe set may not wake the loop itself
    await asyncio.wait_for(waiter, 2)
    await queue.get()
    await asyncio.gather(timer_target, return_exceptions=True)
    print("threads")


asyncio.run(main())
