"""A stall deep inside sync calls the coroutine made (a helper's helper, a method, the body of an async context
manager before its yield): reported at the line where the coroutine, or the context manager's generator, entered
the sync code, on asyncio's loop and on uvloop's alike (uvloop's steps are read from its run_forever frame, not
from a Handle). Each busy part is 0.3 s of CPU time (see stall.py)."""
import asyncio
import contextlib
import time


def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def checksum(rows):
    spin(0.3)
    return rows


def load(rows):
    return checksum(rows)


class Report:
    def render(self):
        return load(2)


@contextlib.asynccontextmanager
async def prepared():
    load(3)  # ACK120: the generator of the context manager entered the helper here
    yield


async def handle():
    await asyncio.sleep(0)
    return load(1)  # ACK120: the helper the coroutine called, two calls from where the time went


async def main():
    await handle()
    await asyncio.sleep(0.01)
    Report().render()  # ACK120: through a method
    await asyncio.sleep(0.01)
    async with prepared():
        pass
    await asyncio.sleep(0.01)
    print("rendered")


asyncio.run(main())
