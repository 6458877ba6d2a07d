"""Pool jobs reaching the loop the safe ways: wrap_future, and a done-callback using call_soon_threadsafe."""
import asyncio
import concurrent.futures
import threading
import time


def render(page):
    time.sleep(0.03)
    return f"<html>{page}</html>"


async def crawl():
    for _ in range(100):
        await asyncio.sleep(0.005)
    return "crawled"


async def main():
    loop = asyncio.get_running_loop()
    page = loop.create_future()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        job = pool.submit(render, "home")
        job.add_done_callback(lambda f: loop.call_soon_threadsafe(page.set_result, f.result()))
        other = await asyncio.wrap_future(pool.submit(render, "about"))
        print(await page, other)
    task = asyncio.create_task(crawl())
    deadline = threading.Timer(0.03, loop.call_soon_threadsafe, args=(task.cancel,))
    deadline.start()
    try:
        print(await task)
    except asyncio.CancelledError:
        print("crawl cut off")
    await asyncio.to_thread(deadline.join)


asyncio.run(main())
