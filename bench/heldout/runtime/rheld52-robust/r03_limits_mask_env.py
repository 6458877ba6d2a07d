"""The process's settings a service reads at start-up: resource limits, umask, nice value, CPU affinity, the
blocked-signal mask and pending signals of the main thread and of a worker, interval timers, and which
environment variables of python's and the dynamic linker's are set."""
import asyncio
import os
import resource
import signal
import threading


def mask():
    return sorted(s.name for s in signal.pthread_sigmask(signal.SIG_BLOCK, []))


def worker(out):
    out.append(mask())


async def main():
    seen = []
    t = threading.Thread(target=worker, args=(seen,))
    t.start()
    t.join()
    print("worker mask:", seen[0])
    print("to_thread mask:", await asyncio.to_thread(mask))
    print("task mask:", mask(), "pending:", sorted(s.name for s in signal.sigpending()))


for name in ("RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_STACK", "RLIMIT_AS", "RLIMIT_CORE"):
    print(name, resource.getrlimit(getattr(resource, name)))
old = os.umask(0o22)
os.umask(old)
print("umask", oct(old), "nice", os.nice(0), "cpus", len(os.sched_getaffinity(0)))
print("main mask:", mask(), "itimer:", signal.getitimer(signal.ITIMER_REAL), signal.getitimer(signal.ITIMER_PROF))
print("env:", sorted(k for k in os.environ if k.startswith(("PYTHON", "LD_", "ASYNC")) or "ASYNCCHECK" in k))
asyncio.run(main())
