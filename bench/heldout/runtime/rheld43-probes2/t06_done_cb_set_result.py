"""A pool job's done-callback resolving an asyncio future straight from the worker thread."""
import asyncio
import concurrent.futures
import time


def render(page):
    time.sleep(0.03)
    return f"<html>{page}</html>"


async def ticker(n):
    for _ in range(n):
        await asyncio.sleep(0.005)


async def main():
    loop = asyncio.get_running_loop()
    page = loop.create_future()
    pool = concurrent.futures.ThreadPoolExecutor(1)
    job = pool.submit(render, "home")
    job.add_done_callback(lambda f: page.set_result(f.result()))  # PLANT ACK401
    tick = asyncio.create_task(ticker(30))
    print(await asyncio.wait_for(page, 2))
    await tick
    await asyncio.to_thread(pool.shutdown)


asyncio.run(main())
