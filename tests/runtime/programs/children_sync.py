"""A spawn or forkserver Pool doing sync work, in a program that never imports asyncio: what its workers have
imported is printed, the same under python and under `asynccheck run` (which starts a child's session only when
the child imports asyncio). `python children_sync.py METHOD`."""
import multiprocessing
import signal
import sys

WATCHED = ("asyncio", "ssl", "asynccheck.checker", "asynccheck.runtime")


def work(n):
    seen = [name for name in WATCHED if name in sys.modules]
    return n * n, seen, signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def late_asyncio(_):
    import asyncio

    async def main():
        return "loop ran"

    return asyncio.run(main())


if __name__ == "__main__":
    with multiprocessing.get_context(sys.argv[1]).Pool(2) as pool:
        print(pool.map(work, range(4)))
        print(pool.map(late_asyncio, range(2)))
        pool.close()
        pool.join()
