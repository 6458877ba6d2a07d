"""A render farm whose spawn-started worker runs its own loop and sleeps with time.sleep."""
import asyncio
import concurrent.futures
import multiprocessing
import time


async def render_async(n):
    await asyncio.sleep(0)
    time.sleep(0.15)  # PLANT ACK101
    return n * 2


def render(n):
    return asyncio.run(render_async(n))


async def main():
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        print(await loop.run_in_executor(pool, render, 21))


if __name__ == "__main__":
    asyncio.run(main())
