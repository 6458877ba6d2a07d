"""A driver thread failing, cancelling and resolving futures through call_soon_threadsafe."""
import asyncio
import threading
import time


def driver(loop, failing, cancelled, timer_fut):
    time.sleep(0.01)
    loop.call_soon_threadsafe(failing.set_exception, ConnectionAbortedError("link down"))
    loop.call_soon_threadsafe(cancelled.cancel)
    loop.call_soon_threadsafe(loop.call_later, 0.01, timer_fut.set_result, "armed")


async def main():
    loop = asyncio.get_running_loop()
    failing, cancelled, timer_fut = loop.create_future(), loop.create_future(), loop.create_future()
    t = threading.Thread(target=driver, args=(loop, failing, cancelled, timer_fut))
    t.start()
    try:
        await asyncio.wait_for(failing, 2)
    except ConnectionAbortedError as e:
        print("failed:", e)
    try:
        await cancelled
    except asyncio.CancelledError:
        print("cancelled")
    print("timer", await timer_fut)
    await asyncio.to_thread(t.join)


asyncio.run(main())
