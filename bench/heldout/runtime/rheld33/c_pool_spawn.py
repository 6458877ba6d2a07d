"""A render farm handing CPU work to a spawn process pool through run_in_executor."""
import asyncio
import concurrent.futures
import multiprocessing


def render(n):
    return sum(i * i for i in range(n))


async def main():
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        print(await asyncio.gather(*(loop.run_in_executor(pool, render, n) for n in (10, 100, 1000))))


if __name__ == "__main__":
    asyncio.run(main())
