"""ACK107 for a read of standard input that keeps a loop's thread waiting, whatever reads it: ``sys.stdin.readline()``,
``sys.stdin.read()``, ``sys.stdin.buffer.read()``, ``for line in sys.stdin``, ``os.read(0, n)`` (``input()`` is
wrapped, blocking.py). The standard streams are C objects whose methods cannot be wrapped without replacing
``sys.stdin`` itself, which a program would notice; so the watchdog, at a step it sees running at two looks in a
row, asks Linux which system call the loop's thread waits in (``/proc/self/task/TID/syscall``, read where no
descriptor of the program's is taken: private_files.py). A read of descriptor 0 found there is the finding.

Only a read that waits is seen: one that finds its data there (a pipe already holding the line, a pipe at its end,
a file or /dev/null given as stdin) returns at once and is no finding; nor is a wait shorter than the watchdog's
interval. What waits is what the rule is about: the loop stops until a person types a line, or the program at
the other end of the pipe writes one."""
from __future__ import annotations

import os
import stat
from typing import Optional

# the system calls that read a descriptor, by machine: read, readv, pread64 (the descriptor is the first argument)
# (os.uname: the platform module would cost every `asynccheck run` more than the rest of this check)
_READS = {"x86_64": {0, 19, 17}, "aarch64": {63, 65, 67}}.get(os.uname().machine if hasattr(os, "uname") else "", set())
WORKS = bool(_READS) and os.path.isdir("/proc/self/task")


def waits_reading_stdin(native_id: int) -> bool:
    """Whether the thread (Linux's id) is in a system call reading descriptor 0 (run on the private files'
    thread: the file is opened each time)."""
    try:
        fd = os.open(f"/proc/self/task/{native_id}/syscall", os.O_RDONLY)
    except OSError:
        return False
    try:
        fields = os.read(fd, 256).split()
    except OSError:
        return False
    finally:
        os.close(fd)
    try:
        return len(fields) > 1 and int(fields[0]) in _READS and int(fields[1], 16) == 0
    except ValueError:  # "running"
        return False


def stdin_kind() -> Optional[str]:
    """What standard input is, in the words of a finding: a terminal, a pipe, a socket; None otherwise."""
    try:
        if os.isatty(0):
            return "a terminal"
        mode = os.fstat(0).st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def message(kind: Optional[str]) -> str:
    waits_for = "a person types a line" if kind == "a terminal" else "the other end writes"
    return (f"reads standard input ({kind or 'descriptor 0'}) on the event loop's thread: the loop waits until "
            f"{waits_for}; read it in `asyncio.to_thread(...)` or through `loop.connect_read_pipe`")
