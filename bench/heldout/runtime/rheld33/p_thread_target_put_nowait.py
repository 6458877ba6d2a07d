"""A loader that hands Queue.put_nowait itself to a thread as its target."""
import asyncio
import threading


async def main():
    q = asyncio.Queue()
    t = threading.Thread(target=q.put_nowait, args=("loaded",))  # PLANT ACK401
    t.start()
    await asyncio.to_thread(t.join)
    print(await asyncio.wait_for(q.get(), 5))


asyncio.run(main())
