"""Reads of the watchdog's small /proc files that keep the GIL (``pread``).

``os.pread`` lets go of the GIL around its system call, as every blocking call of Python's does. A look of the
watchdog that finds a step running reads one schedstat file per thread of the program (watchdog.py,
``_CpuWaits``, on the files thread) and its own after the look; each let-go hands the GIL to the busy loop's
thread, which the reader then waits up to the switch interval (5 ms) for and takes back by a forced switch: one
stop of the loop's thread per file. Counted by hand for the 60k-task workload (three threads, a step running at
nearly every look): 7 stops a look, 4 of them the reads; the other 3 are the look's own begin and the hand-over to
the files thread and back. A read of a schedstat file copies a few numbers the kernel keeps (it never waits
for a device): done holding the GIL, through the C library's ``pread`` called as the interpreter's own API is
(``_ctypes``'s PYTHONAPI flag: no let-go), the reads stop the loop's thread no more.

``_ctypes`` alone, not the ``ctypes`` package (~8M instructions to import, private_files.py); made at the first
read (the watchdog's start, on the files thread; start-up +0.5M instructions, 3.11, which has imported
``_ctypes`` already). Where it cannot be made, ``os.pread`` reads as before.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Optional

SIZE = 128  # (a schedstat line is three numbers: far shorter)

_pread: Optional[Callable[[int], bytes]] = None


def pread_small(fd: int) -> bytes:
    """Up to ``SIZE`` bytes of ``fd`` from its start, without letting go of the GIL where that can be done."""
    global _pread
    if _pread is None:
        _pread = _checked(_gil_held_pread(), fd)
    return _pread(fd)


def _checked(read: Callable[[int], bytes], fd: int) -> Callable[[int], bytes]:
    """``read`` if its first answer reads as os.pread's does (the same fields: their numbers move), else os.pread.
    Checked on the file asked for: opening one more here would take a number of the program's descriptors."""
    if read is _os_pread:
        return read
    try:
        if len(read(fd).split()) == len(os.pread(fd, SIZE, 0).split()):
            return read
    except Exception:
        pass
    return _os_pread


def _os_pread(fd: int) -> bytes:
    return os.pread(fd, SIZE, 0)


def _gil_held_pread() -> Callable[[int], bytes]:
    try:
        import _ctypes

        class Int(_ctypes._SimpleCData):  # type: ignore[name-defined,misc]
            _type_ = "i"

        class Long(_ctypes._SimpleCData):  # type: ignore[name-defined,misc]
            # (ssize_t, size_t and off_t as glibc's `pread` takes them are each as wide as a C long on Linux)
            _type_ = "l"

        class Char(_ctypes._SimpleCData):  # type: ignore[name-defined,misc]
            _type_ = "c"

        class Buffer(_ctypes.Array):  # type: ignore[name-defined,misc]
            _type_ = Char
            _length_ = SIZE

        class Function(_ctypes.CFuncPtr):  # type: ignore[name-defined,misc]
            # PYTHONAPI: called as a function of the interpreter's is, the GIL held throughout
            _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_PYTHONAPI
            _restype_ = Long

        class Process:  # the program's own symbols, as ``ctypes.PyDLL(None)`` opens them
            _handle = _ctypes.dlopen(None, os.RTLD_LOCAL)

        pread = Function(("pread", Process))
        pread.argtypes = (Int, Buffer, Long, Long)
    except Exception:  # (no _ctypes, no libffi, another C library): os.pread, which hands the GIL over
        return _os_pread

    def read(fd: int, _new: Any = Buffer, _read: Any = pread) -> bytes:
        buffer = _new()  # (a buffer per read: another of the watchdog's threads may read between this call and .raw)
        got = _read(fd, buffer, SIZE, 0)
        if got < 0:
            raise OSError("pread failed")  # (as os.pread fails: the callers take a thread that ended so)
        return buffer.raw[:got]

    return read
