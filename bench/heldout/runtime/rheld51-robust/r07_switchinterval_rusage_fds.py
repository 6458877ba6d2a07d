"""Process settings and counters the program reads of itself: the switch interval, recursion limit, open file
descriptors (by number), resource limits, and whether its own CPU time moved while a step computed."""
import asyncio
import os
import resource
import sys


def fds():
    return sorted(int(n) for n in os.listdir("/proc/self/fd"))


async def main():
    print("switch", sys.getswitchinterval(), "recursion", sys.getrecursionlimit())
    print("fds in loop", len(fds()) - len(START_FDS))
    before = resource.getrusage(resource.RUSAGE_SELF)
    sum(i * i for i in range(300_000))
    after = resource.getrusage(resource.RUSAGE_SELF)
    print("cpu moved", after.ru_utime + after.ru_stime > before.ru_utime + before.ru_stime)
    print("children", resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime == 0.0)
    print("nofile", resource.getrlimit(resource.RLIMIT_NOFILE) == LIMIT)
    r, w = os.pipe()
    print("next fd", r - max(START_FDS), w - r)
    os.close(r)
    os.close(w)


START_FDS = fds()
LIMIT = resource.getrlimit(resource.RLIMIT_NOFILE)
print("start fds", START_FDS)
asyncio.run(main())
print("end fds", fds() == START_FDS, sys.getswitchinterval())
