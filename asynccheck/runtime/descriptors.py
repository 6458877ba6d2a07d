"""Descriptors of the checker's own, kept far above the program's: a program started with stdout closed, or one
that closes its standard streams, gets the lowest free numbers from its own opens as under python (a daemon's
``os.open(os.devnull)``; libuv aborts when a descriptor of its own is 0 to 2)."""
from __future__ import annotations

import os

HIGH = 960  # under the usual limit of 1024 descriptors


def moved_high(fd: int) -> int:
    """``fd`` moved to a number at or above ``HIGH`` (close-on-exec); OSError where the limit is lower (``fd`` is
    then left as it is)."""
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, HIGH)
    os.close(fd)
    return high
