"""A report builder using loop.run_in_executor with a custom pool, and the default one."""
import asyncio
import concurrent.futures
import time


def render(n):
    time.sleep(0.05)
    return f"report-{n}"


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        reports = await asyncio.gather(*(loop.run_in_executor(pool, render, n) for n in range(3)))
    print(reports)
    print(await loop.run_in_executor(None, render, 9))


asyncio.run(main())
