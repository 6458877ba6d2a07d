"""A thread whose target is a functools.partial of an asyncio.Queue's put_nowait."""
import asyncio
import functools
import threading


async def main():
    q = asyncio.Queue()
    t = threading.Thread(target=functools.partial(q.put_nowait, "ready"))  # PLANT ACK401
    t.start()
    while q.empty():
        await asyncio.sleep(0.01)
    print("got", q.get_nowait())


asyncio.run(main())
