"""A supervisor starts helper processes under spawn and forkserver with stdlib callables as their targets."""
import asyncio
import functools
import multiprocessing
import os
import time


def pinger(conn, pause):
    pause(0.001)
    conn.send((pause.__name__, type(pause).__name__, pause.__module__))
    conn.close()


def run_method(method):
    ctx = multiprocessing.get_context(method)
    results = []
    p = ctx.Process(target=time.sleep, args=(0.01,), name=f"sleeper-{method}")
    p.start()
    p.join()
    results.append((p.name, p.exitcode))
    parent, child = ctx.Pipe()
    p = ctx.Process(target=pinger, args=(child, time.sleep))
    p.start()
    results.append(parent.recv())
    p.join()
    results.append(p.exitcode)
    with ctx.Pool(2) as pool:
        results.append(pool.map(os.path.basename, ["/x/one", "/y/two"]))
        results.append(pool.starmap(time.sleep, [(0,), (0.001,)]))
        results.append(pool.apply(functools.partial(divmod, 17), (5,)))
    return results


async def main():
    for method in ("spawn", "forkserver"):
        print(method, await asyncio.to_thread(run_method, method))


if __name__ == "__main__":
    asyncio.run(main())
