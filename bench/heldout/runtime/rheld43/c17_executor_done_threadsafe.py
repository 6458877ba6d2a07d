"""Thumbnails made in a thread pool, each result handed to the loop by call_soon_threadsafe; a timer does the same."""
import asyncio
import concurrent.futures
import threading


def thumbnail(name):
    return f"{name}.thumb"


async def main():
    loop = asyncio.get_running_loop()
    results = asyncio.Queue()
    timeout = loop.create_future()
    timer = threading.Timer(0.02, loop.call_soon_threadsafe, args=(timeout.set_result, "tick"))
    timer.start()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for name in ["a.png", "b.png"]:
            job = pool.submit(thumbnail, name)
            job.add_done_callback(lambda f: loop.call_soon_threadsafe(results.put_nowait, f.result()))
        got = [await results.get(), await results.get()]
    print("thumbs", sorted(got), await timeout)
    await asyncio.to_thread(timer.join)


asyncio.run(main())
