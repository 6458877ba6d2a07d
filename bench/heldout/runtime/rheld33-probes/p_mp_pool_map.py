"""A coroutine that maps work over a multiprocessing Pool synchronously."""
import asyncio
import multiprocessing


def square(n):
    return n * n


async def compute(pool):
    await asyncio.sleep(0)
    return pool.map(square, range(5))  # PLANT ACK106


if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        print(asyncio.run(compute(pool)))
