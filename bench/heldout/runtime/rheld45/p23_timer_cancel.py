"""A watchdog built on threading.Timer cancels the slow request task from the timer's thread."""
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
    task = asyncio.create_task(slow_request())
    timer = threading.Timer(0.05, task.cancel)  # PLANT ACK401
    timer.start()
    try:
        await task
    except asyncio.CancelledError:
        print("gave up")
    await asyncio.to_thread(timer.join)


asyncio.run(main())
