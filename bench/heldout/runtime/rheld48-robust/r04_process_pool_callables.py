"""A batch converter hands stdlib callables, and partials of them, to a spawn process pool from its event loop."""
import asyncio
import functools
import multiprocessing
import os
import socket
import time
from concurrent.futures import ProcessPoolExecutor


def apply(fn, *args):
    out = fn(*args)
    return type(fn).__name__, getattr(fn, "__name__", "?"), out


def child_view(_):
    return (type(time.sleep).__name__, time.sleep.__module__, callable(socket.socket.recv),
            type(open).__name__, os.getpid() != 0)


async def main():
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        print(await loop.run_in_executor(pool, time.sleep, 0.01))
        print(await loop.run_in_executor(pool, functools.partial(time.sleep, 0.01)))
        print(await loop.run_in_executor(pool, apply, time.sleep, 0.005))
        print(await loop.run_in_executor(pool, apply, os.path.basename, "/a/b/c.txt"))
        print(await loop.run_in_executor(pool, apply, functools.partial(pow, 2), 10))
        print(await loop.run_in_executor(pool, child_view, 0))
        futs = [pool.submit(apply, socket.gethostname) for _ in range(2)]
        names = await asyncio.gather(*(asyncio.wrap_future(f) for f in futs))
        print([n[:2] for n in names], names[0][2] == socket.gethostname())
        print(await asyncio.to_thread(lambda: list(pool.map(apply, [time.sleep, time.sleep], [0, 0.001]))))


if __name__ == "__main__":
    asyncio.run(main())
