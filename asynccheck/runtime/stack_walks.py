"""The stack a program walks itself reads as under python: no frame of asynccheck's in it.

`traceback.print_stack()`, `format_stack()`, `extract_stack()`, `StackSummary.extract(walk_stack(None))`,
logging's `stack_info=True` and `inspect.stack()` follow `f_back` from the caller to the outermost frame. Under
`asynccheck run` that passes frames python never has: the loop's `run_forever` wrapper (owners.py,
uvloop_steps.py), which must stay on the stack while the loop runs, and below the program's `<module>` the
launcher (runpy's frames, asynccheck's command line and its console script). A service that logs with
`stack_info=True` printed 13 lines more on stderr (rheld22's suite, c08).

`traceback.walk_stack` and `inspect.getouterframes` (the two walks the rest are built on: both looked up in
their module at each call) are replaced by walks that skip asynccheck's frames and end at the launcher: a frame
of asynccheck's or runpy's from which only such frames lead outwards (the outermost one may be a console
script's). Frames read one by one through `f_back` (`sys._getframe`, faulthandler's dump, written by C) still
show them: see docs/runtime.md, Limits.
"""
from __future__ import annotations

import inspect
import sys
import traceback
from typing import Any, Iterator, List, Tuple

from asynccheck.runtime.frames import ASYNCCHECK_FILES, _LAUNCHERS
from asynccheck.runtime.patches import Patches

_OURS_OR_LAUNCHER = (ASYNCCHECK_FILES,) + tuple(_LAUNCHERS)
# how many frames outwards `walk_stack(None)` starts, counted from its own frame, as python's own does
_NONE_DEPTH = 2 if sys.version_info < (3, 11) else 4


def _launcher_from(frame: Any) -> bool:
    """Whether ``frame`` (one of ours or runpy's) and every frame outwards of it launch the program: only ours and
    runpy's, the outermost one excepted (the console script that called asynccheck's main)."""
    while frame is not None:
        outer = frame.f_back
        if outer is None:
            return True
        if not frame.f_code.co_filename.startswith(_OURS_OR_LAUNCHER):
            return False
        frame = outer
    return True


def program_frames(frame: Any) -> Iterator[Any]:
    """``frame`` and the frames outwards of it, without ours, ending where the launcher begins."""
    while frame is not None:
        if frame.f_code.co_filename.startswith(_OURS_OR_LAUNCHER):
            if _launcher_from(frame):
                return
            if frame.f_code.co_filename.startswith(ASYNCCHECK_FILES):
                frame = frame.f_back
                continue
        yield frame
        frame = frame.f_back


def _walk_stack(f: Any) -> Iterator[Tuple[Any, int]]:
    if f is None:
        f = sys._getframe()
        for _ in range(_NONE_DEPTH):
            f = f.f_back
    for frame in program_frames(f):
        yield frame, frame.f_lineno


def install(patches: Patches) -> None:
    walk = traceback.walk_stack
    for name in ("__name__", "__qualname__", "__doc__", "__module__"):
        setattr(_walk_stack, name, getattr(walk, name))
    patches.replace(traceback, "walk_stack", _walk_stack)
    outer_frames = inspect.getouterframes

    def getouterframes(frame: Any, context: int = 1) -> List[Any]:
        records = outer_frames(frame, context)
        kept = {id(f) for f in program_frames(frame)}
        return records if len(kept) == len(records) else [r for r in records if id(r[0]) in kept]

    for name in ("__name__", "__qualname__", "__doc__", "__module__"):
        setattr(getouterframes, name, getattr(outer_frames, name))
    patches.replace(inspect, "getouterframes", getouterframes)
