"""A non-daemon flush thread that outlives the loop and prints after asyncio.run returns."""
import asyncio
import threading
import time

LINES = []


def flush_later():
    time.sleep(0.2)
    print("flushed", len(LINES))


async def main():
    for i in range(5):
        LINES.append(i)
        await asyncio.sleep(0.01)
    threading.Thread(target=flush_later).start()
    print("loop done")


asyncio.run(main())
print("main returned")
