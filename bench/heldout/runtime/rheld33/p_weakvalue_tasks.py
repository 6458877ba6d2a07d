"""A job registry that indexes running jobs by id in a WeakValueDictionary."""
import asyncio
import itertools
import weakref

_ids = itertools.count()
JOBS = weakref.WeakValueDictionary()
RESULTS = []


async def job(n):
    await asyncio.sleep(0.03)
    RESULTS.append(n * n)


def submit(n):
    job_id = next(_ids)
    JOBS[job_id] = asyncio.ensure_future(job(n))  # PLANT ACK302
    return job_id


async def main():
    ids = [submit(n) for n in range(3)]
    await asyncio.sleep(0.15)
    print(ids, sorted(RESULTS))


asyncio.run(main())
