"""A report builder that awaits a spawn ProcessPoolExecutor through run_in_executor."""
import asyncio
import concurrent.futures
import multiprocessing


def build(n):
    return sum(i * i for i in range(n))


async def report(pool):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, build, 1000)


def main():
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        print("total", asyncio.run(report(pool)))


if __name__ == "__main__":
    main()
