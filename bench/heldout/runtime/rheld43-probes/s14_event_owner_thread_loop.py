"""A worker thread running its own loop with its own Event and Queue; the main loop only gets the result."""
import asyncio
import threading

result = {}


def worker():
    async def inner():
        ready = asyncio.Event()
        q = asyncio.Queue()
        q.put_nowait("job")
        ready.set()
        await ready.wait()
        result["got"] = await q.get()
        ready.clear()
    asyncio.run(inner())


async def main():
    t = threading.Thread(target=worker)
    t.start()
    await asyncio.to_thread(t.join)
    print("worker got", result["got"])


asyncio.run(main())
