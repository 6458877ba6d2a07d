"""A download manager whose done callback throttles with time.sleep."""
import asyncio
import time

LOG = []


def throttle_done(task):
    LOG.append(task.result())
    time.sleep(0.15)  # PLANT ACK101


async def download(name):
    await asyncio.sleep(0.01)
    return name.upper()


async def main():
    tasks = []
    for name in ("a.bin", "b.bin"):
        t = asyncio.create_task(download(name))
        t.add_done_callback(throttle_done)
        tasks.append(t)
    await asyncio.gather(*tasks)
    await asyncio.sleep(0)
    print(sorted(LOG))


asyncio.run(main())
