"""A file-watcher thread pushing events into an asyncio.Queue with put_nowait."""
import asyncio
import threading
import time


def watch(q, n):
    for i in range(n):
        time.sleep(0.01)
        q.put_nowait(f"changed-{i}")  # PLANT ACK401
    q.put_nowait(None)


async def main():
    q = asyncio.Queue()
    threading.Thread(target=watch, args=(q, 3), daemon=True).start()
    seen = []
    while True:
        try:
            item = await asyncio.wait_for(q.get(), 0.5)
        except asyncio.TimeoutError:
            break
        if item is None:
            break
        seen.append(item)
    print(len(seen) <= 3)


asyncio.run(main())
