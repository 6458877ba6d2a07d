"""A maintenance thread clearing an asyncio.Event to pause the workers."""
import asyncio
import threading


def pause(ready):
    ready.clear()  # PLANT ACK401


async def main():
    ready = asyncio.Event()
    ready.set()
    await asyncio.wait_for(ready.wait(), 1)
    t = threading.Thread(target=pause, args=(ready,))
    t.start()
    await asyncio.to_thread(t.join)
    print("paused", not ready.is_set())


asyncio.run(main())
