"""A coroutine that takes a threading.Lock that a background flusher thread holds while it writes."""
import asyncio
import threading
import time

STATE_LOCK = threading.Lock()
STATE = {"n": 0}


def flusher(started):
    with STATE_LOCK:
        started.set()
        time.sleep(0.2)


async def bump():
    await asyncio.sleep(0)
    with STATE_LOCK:  # PLANT ACK106
        STATE["n"] += 1


async def main():
    started = threading.Event()
    t = threading.Thread(target=flusher, args=(started,))
    t.start()
    await asyncio.to_thread(started.wait, 5)
    await bump()
    await asyncio.to_thread(t.join)
    print(STATE)


asyncio.run(main())
