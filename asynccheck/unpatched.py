"""File-system functions as they were when asynccheck was imported, for the runtime checker's own work on the
program's threads. A program's tools replace them on the module while it runs (blockbuster makes `os.stat`,
`os.getcwd` and `os.path.abspath` raise on a loop's thread; tests monkeypatch them): a call of the checker's
going through the replacement fails where the program never fails, inside a lock it takes or at its await."""
from __future__ import annotations

import os

_getcwd, _isabs, _join, _normpath = os.getcwd, os.path.isabs, os.path.join, os.path.normpath
_open, _read, _close, _RDONLY = os.open, os.read, os.close, os.O_RDONLY


def absolute(path: str) -> str:
    """``os.path.abspath``."""
    return _normpath(path if _isabs(path) else _join(_getcwd(), path))


def read_bytes(path: str) -> bytes:
    """The file's content; OSError when there is none."""
    fd = _open(path, _RDONLY)
    try:
        chunks = []
        while True:
            chunk = _read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        _close(fd)
