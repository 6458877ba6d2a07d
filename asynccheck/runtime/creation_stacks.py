"""Debug mode's creation stacks read as without asynccheck.

In debug mode asyncio and uvloop note where each handle, timer, task and future was made (``_source_traceback``:
"created at" in reprs, warnings and the exception handler's ``source_traceback``), taken from the innermost
Python frame at the moment it is made. When that moment is inside one of our wrappers (``loop.create_task``,
``ensure_future``, uvloop's ``call_later``/``call_at``), the stack holds our frames, last or between the
program's and asyncio's: a program (or its tests) reading the caller there would read ours.
"""
from __future__ import annotations

from typing import Any

from asynccheck.runtime.frames import ASYNCCHECK_FILES



def without_ours(made: Any) -> None:
    """Takes our frames out of ``made``'s creation stack, in place (the object holds that list itself); nothing
    to do outside debug mode, where the stack is None."""
    stack = getattr(made, "_source_traceback", None)
    if not stack:
        return
    try:
        if any(entry.filename.startswith(ASYNCCHECK_FILES) for entry in stack):
            stack[:] = [entry for entry in stack if not entry.filename.startswith(ASYNCCHECK_FILES)]
    except (AttributeError, TypeError):  # (a stack of another shape: left as it is)
        pass
