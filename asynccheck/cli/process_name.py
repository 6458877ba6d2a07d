"""The process's name as the operating system shows it (``/proc/self/comm``: ``ps``, ``top``, psutil's
``name()``): under ``asynccheck run`` the kernel names the process after the console script, ``asynccheck``, where
``python app.py`` is named after the interpreter. The program is given the interpreter's name back, the one its
``sys.executable`` ends with, as python's own start gives it (``comm`` is the last part of the path executed)."""
from __future__ import annotations

import os
import sys

_COMM = "/proc/self/comm"
_TASK_COMM_LEN = 15  # the kernel keeps the first 15 bytes


def take_interpreter_name() -> None:
    """Name the process (its main thread, which threads started after inherit) after the interpreter. Linux only;
    where ``/proc`` is missing or read-only, the name stays the launcher's."""
    name = os.path.basename(sys.executable or "").encode()[:_TASK_COMM_LEN]
    if not name or not sys.platform.startswith("linux"):
        return
    try:
        fd = os.open(_COMM, os.O_WRONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.write(fd, name)
    except OSError:
        pass
    finally:
        os.close(fd)
