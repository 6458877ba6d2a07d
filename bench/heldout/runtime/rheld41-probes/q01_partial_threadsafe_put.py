"""A thread whose target hands the Queue's put_nowait to the loop with call_soon_threadsafe."""
import asyncio
import functools
import threading


async def main():
    q = asyncio.Queue()
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=functools.partial(loop.call_soon_threadsafe, q.put_nowait, "ready"))
    t.start()
    print("got", await asyncio.wait_for(q.get(), 2))


asyncio.run(main())
