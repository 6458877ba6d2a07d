"""A sync exporter thread draining an asyncio.Queue through run_coroutine_threadsafe; a plugin starting a task the same way."""
import asyncio
import threading

exported = []


async def refresh(name):
    exported.append(name)


def exporter(q, loop):
    for _ in range(3):
        exported.append(asyncio.run_coroutine_threadsafe(q.get(), loop).result(timeout=2))
    asyncio.run_coroutine_threadsafe(refresh("plugin-a"), loop).result(timeout=2)


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue(maxsize=100)
    t = threading.Thread(target=exporter, args=(q, loop))
    t.start()
    for i in range(3):
        await q.put(i)
    await asyncio.to_thread(t.join)
    print("exported", exported)


asyncio.run(main())
