"""A coroutine that tries a threading.Lock without blocking and skips when a thread holds it."""
import asyncio
import threading
import time

STATE_LOCK = threading.Lock()
SKIPPED = []


def flusher(started):
    with STATE_LOCK:
        started.set()
        time.sleep(0.1)


async def bump():
    if STATE_LOCK.acquire(blocking=False):
        try:
            return "bumped"
        finally:
            STATE_LOCK.release()
    SKIPPED.append(1)
    return "skipped"


async def main():
    started = threading.Event()
    t = threading.Thread(target=flusher, args=(started,))
    t.start()
    await asyncio.to_thread(started.wait, 5)
    print(await bump())
    await asyncio.to_thread(t.join)
    print(await bump())


asyncio.run(main())
