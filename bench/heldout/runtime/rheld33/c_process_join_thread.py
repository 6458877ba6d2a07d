"""A supervisor that starts a fork worker process and joins it in a thread."""
import asyncio
import multiprocessing
import time


def work():
    time.sleep(0.1)


async def supervise():
    ctx = multiprocessing.get_context("fork")
    p = ctx.Process(target=work)
    p.start()
    await asyncio.to_thread(p.join)
    return p.exitcode


if __name__ == "__main__":
    print(asyncio.run(supervise()))
