"""A watchdog thread that cancels a stuck task directly with task.cancel()."""
import asyncio
import threading
import time


def watchdog(task, after):
    time.sleep(after)
    task.cancel()  # PLANT ACK401


async def stuck():
    await asyncio.sleep(0.3)
    return "finished"


async def main():
    task = asyncio.create_task(stuck())
    threading.Thread(target=watchdog, args=(task, 0.05), daemon=True).start()
    try:
        print(await task)
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())
