"""Functions and classes defined in __main__ pickled into a spawn pool's workers, from a coroutine through
run_in_executor; what the workers report of their own __main__."""
import asyncio
import concurrent.futures
import multiprocessing
import os
import sys


class Job:
    def __init__(self, n):
        self.n = n


def square(job):
    import __main__
    return job.n * job.n, __main__.__name__, os.path.basename(getattr(__main__, "__file__", "?")), type(job).__module__


def where():
    return sys.argv[0] == "" or os.path.basename(sys.argv[0]), multiprocessing.current_process().name.split("-")[0]


async def main():
    ctx = multiprocessing.get_context("spawn")
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, square, Job(n)) for n in range(4)))
        print(results)
        print(await loop.run_in_executor(pool, where))


if __name__ == "__main__":
    asyncio.run(main())
