"""A supervisor that starts a fork worker process and joins it from the coroutine."""
import asyncio
import multiprocessing
import time


def work():
    time.sleep(0.2)


async def supervise():
    ctx = multiprocessing.get_context("fork")
    p = ctx.Process(target=work)
    p.start()
    await asyncio.sleep(0)
    p.join()  # PLANT ACK106
    return p.exitcode


if __name__ == "__main__":
    print(asyncio.run(supervise()))
