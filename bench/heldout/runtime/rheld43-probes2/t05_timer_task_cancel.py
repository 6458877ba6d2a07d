"""A deadline armed with threading.Timer(budget, task.cancel)."""
import asyncio
import threading


async def crawl():
    for _ in range(100):
        await asyncio.sleep(0.005)
    return "crawled"


async def main():
    task = asyncio.create_task(crawl())
    deadline = threading.Timer(0.03, task.cancel)  # PLANT ACK401
    deadline.start()
    try:
        print(await task)
    except asyncio.CancelledError:
        print("crawl cut off")
    await asyncio.to_thread(deadline.join)


asyncio.run(main())
