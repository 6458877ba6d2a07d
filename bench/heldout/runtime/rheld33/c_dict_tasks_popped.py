"""A job registry that indexes running jobs by id and pops each when it is done."""
import asyncio
import functools
import itertools

_ids = itertools.count()
JOBS = {}
RESULTS = []


async def job(n):
    await asyncio.sleep(0.03)
    RESULTS.append(n * n)


def submit(n):
    job_id = next(_ids)
    JOBS[job_id] = asyncio.ensure_future(job(n))
    JOBS[job_id].add_done_callback(functools.partial(lambda i, _t: JOBS.pop(i, None), job_id))
    return job_id


async def main():
    ids = [submit(n) for n in range(3)]
    await asyncio.sleep(0.15)
    print(ids, sorted(RESULTS), JOBS)


asyncio.run(main())
