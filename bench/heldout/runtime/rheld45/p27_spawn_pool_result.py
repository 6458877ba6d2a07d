"""A report builder farms work to a spawn ProcessPoolExecutor and waits on the future's result() in a coroutine."""
import asyncio
import concurrent.futures
import multiprocessing


def build(n):
    return sum(i * i for i in range(n))


async def report(pool):
    fut = pool.submit(build, 1000)
    await asyncio.sleep(0)
    total = fut.result()  # PLANT ACK106
    return total


def main():
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        print("total", asyncio.run(report(pool)))


if __name__ == "__main__":
    main()
