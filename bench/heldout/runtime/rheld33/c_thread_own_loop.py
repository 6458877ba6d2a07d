"""A worker thread that runs its own loop with its own queue and event."""
import asyncio
import threading

OUT = []


def worker():
    async def inner():
        q = asyncio.Queue()
        ready = asyncio.Event()
        q.put_nowait(1)
        ready.set()
        await ready.wait()
        OUT.append(await q.get())
    asyncio.run(inner())


async def main():
    t = threading.Thread(target=worker)
    t.start()
    await asyncio.to_thread(t.join)
    print(OUT)


asyncio.run(main())
