"""An executor job's done-callback telling the loop with loop.call_soon (it runs on the worker thread)."""
import asyncio
import concurrent.futures
import time

results = []


def resize(name):
    time.sleep(0.03)
    return name.upper()


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        job = pool.submit(resize, "logo")
        job.add_done_callback(lambda f: loop.call_soon(results.append, f.result()))  # PLANT ACK402
        for _ in range(20):
            await asyncio.sleep(0.005)
            if results:
                break
        await asyncio.wrap_future(job)
    await asyncio.sleep(0.02)
    print("results", results)


asyncio.run(main())
