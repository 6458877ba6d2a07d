"""How the standard streams are set up: their classes, encodings, buffering, the descriptors' flags (blocking,
append, inheritable), from the module and from a task."""
import asyncio
import fcntl
import os
import stat
import sys


def describe(name):
    s = getattr(sys, name)
    fd = s.fileno()
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    mode = os.fstat(fd).st_mode
    kind = "fifo" if stat.S_ISFIFO(mode) else "chr" if stat.S_ISCHR(mode) else "reg" if stat.S_ISREG(mode) else "other"
    return (name, type(s).__name__, s.encoding, s.errors, s.line_buffering, s.write_through if hasattr(s, "write_through") else None,
            type(s.buffer).__name__, type(getattr(s.buffer, "raw", s.buffer)).__name__, fd, kind, os.get_blocking(fd), bool(flags & os.O_APPEND),
            bool(flags & os.O_NONBLOCK), os.get_inheritable(fd), s is getattr(sys, f"__{name}__"), s.isatty())


async def in_task():
    await asyncio.sleep(0)
    return [describe(n) for n in ("stdin", "stdout", "stderr")]


before = [describe(n) for n in ("stdin", "stdout", "stderr")]
during = asyncio.run(in_task())
for b, d in zip(before, during):
    print(b)
    print("same in task:", b == d)
print("fd flags of 3..5 open:", [os.path.exists(f"/proc/self/fd/{n}") for n in (3, 4, 5)])
