"""A sync exporter thread draining an asyncio.Queue with get_nowait."""
import asyncio
import threading
import time

exported = []


def exporter(q, stop):
    while not stop.is_set():
        try:
            exported.append(q.get_nowait())  # PLANT ACK401
        except asyncio.QueueEmpty:
            time.sleep(0.005)


async def main():
    q = asyncio.Queue(maxsize=100)
    stop = threading.Event()
    t = threading.Thread(target=exporter, args=(q, stop))
    t.start()
    for i in range(3):
        await q.put(i)
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.03)
    stop.set()
    await asyncio.to_thread(t.join)
    print("exported", exported)


asyncio.run(main())
