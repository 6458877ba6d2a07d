"""Threads still running when the main program ends: a non-daemon one finishes and prints after."""
import asyncio
import threading
import time


def late_writer():
    time.sleep(0.2)
    print("late writer done", flush=True)


def forever():
    while True:
        time.sleep(0.05)


async def main():
    threading.Thread(target=late_writer).start()
    threading.Thread(target=forever, daemon=True).start()
    await asyncio.sleep(0.01)
    print("main returns", threading.active_count() >= 3)


asyncio.run(main())
print("after run")
