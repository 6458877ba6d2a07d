"""A watchdog threading.Timer that cancels the slow request through call_soon_threadsafe."""
import asyncio
import threading


async def slow_request():
    try:
        await asyncio.sleep(0.3)
        return "body"
    except asyncio.CancelledError:
        print("request cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(slow_request())
    timer = threading.Timer(0.05, loop.call_soon_threadsafe, args=(task.cancel,))
    timer.start()
    try:
        await task
    except asyncio.CancelledError:
        print("gave up")
    await asyncio.to_thread(timer.join)


asyncio.run(main())
