"""A report builder that submits to a custom pool and then reads the result on the loop."""
import asyncio
import concurrent.futures
import time

POOL = concurrent.futures.ThreadPoolExecutor(max_workers=2)


def render(n):
    time.sleep(0.1)
    return f"report-{n}"


async def build(n):
    job = POOL.submit(render, n)
    await asyncio.sleep(0)
    return job.result()  # PLANT ACK106


async def main():
    print(await build(1))


asyncio.run(main())
POOL.shutdown()
