"""A watchdog thread that cancels a stuck task through call_soon_threadsafe."""
import asyncio
import threading
import time


def watchdog(loop, task, after):
    time.sleep(after)
    loop.call_soon_threadsafe(task.cancel)


async def stuck():
    await asyncio.sleep(0.3)
    return "finished"


async def main():
    task = asyncio.create_task(stuck())
    threading.Thread(target=watchdog, args=(asyncio.get_running_loop(), task, 0.05), daemon=True).start()
    try:
        print(await task)
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())
