"""A python child started with `subprocess` (close_fds=False, as a legacy daemon launcher does) reports what it
inherited: environment variables, open descriptors beyond 0-2, the signal mask and dispositions, the modules
loaded at its start, and whether it is checked."""
import asyncio
import subprocess
import sys

CHILD = r"""
import os, signal, sys
def is_open(n):
    try:
        os.fstat(n)
        return True
    except OSError:
        return False
print("fds", [n for n in sorted(int(n) for n in os.listdir("/proc/self/fd")) if n > 2 and is_open(n)])
print("env", sorted(k for k in os.environ if k.startswith(("PYTHON", "LD_", "ASYNC")) or "ASYNCCHECK" in k))
print("mask", sorted(s.name for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])))
print("dispositions", [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD, signal.SIGHUP)])
print("checked", "asynccheck" in sys.modules, "asyncio" in sys.modules, len(sys.meta_path))
print("argv", sys.argv)
"""


def run_child():
    return subprocess.run([sys.executable, "-c", CHILD, "x"], close_fds=False, capture_output=True, text=True).stdout


async def main():
    from_loop = await asyncio.to_thread(run_child)
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", CHILD, "y", stdout=subprocess.PIPE, close_fds=False)
    out, _ = await proc.communicate()
    return from_loop, out.decode()


print(run_child(), end="")
a, b = asyncio.run(main())
print(a, end="")
print(b, end="")
