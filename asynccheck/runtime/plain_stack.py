"""The stack a program looks at, as python would show it: without the checker's frames.

Under ``asynccheck run`` the program's module runs inside the launcher (the console script, asynccheck's command,
``Program.run``, then runpy's ``run_path``/``run_module``), and while a loop runs our ``run_forever`` wrapper sits
between asyncio's frames: ``traceback.print_stack()``, ``format_stack()``, ``extract_stack()``, ``logging``'s
``stack_info=True`` (all through ``traceback.walk_stack``) and ``inspect.stack()`` (through
``inspect.getouterframes``) listed them, so a program printing or counting its stack saw more than under python,
and ``inspect.stack()[-1]`` was the launcher's. Both functions are replaced while the checker runs by ones that
leave those frames out; what they are asked for costs one walk along ``f_back`` more, and nothing else runs them.

``FLOORS`` holds the code of the frame the launcher calls the program from: that frame, every frame outside it,
and the runpy frames between it and the program's first are the launcher's. Without one on the stack (the pytest
plugin, ``watch()``), only asynccheck's own frames are left out. Code that walks ``f_back`` itself still sees them
(docs/runtime.md, Limits).
"""
from __future__ import annotations

import inspect
import os
import sys
import traceback
from types import FrameType
from typing import Any, Iterator, List, Optional, Set, Tuple

from asynccheck.runtime.frames import ASYNCCHECK_FILES

FLOORS: Set[Any] = set()  # code objects (checker/program.py adds Program.run's)
AS_MAIN = "_run_module_as_main"  # runpy's entry for `python -m`, which the launcher calls for `-m` too
_RUNPY = frozenset({"<frozen runpy>", os.path.join(os.path.dirname(os.__file__), "runpy.py")})
# how many frames out from walk_stack's own generator frame its caller is, when it is given no frame
_WALK_CALLER = 4 if sys.version_info >= (3, 11) else 2


def launcher(frame: FrameType) -> bool:
    """Whether ``frame`` is the launcher's floor, or a runpy frame the floor called to start the program (not
    ``_run_module_as_main``'s, nor the ones inside it: ``python -m`` has them too)."""
    while frame is not None and frame.f_code.co_filename in _RUNPY:
        if frame.f_code.co_name == AS_MAIN:
            return False
        frame = frame.f_back  # type: ignore[assignment]
    return frame is not None and frame.f_code in FLOORS


def runpy_of_the_launcher(frames: List[FrameType]) -> int:
    """How many of ``frames`` (the program's outwards, up to the launcher's floor) at their outer end are runpy's
    of the launcher's: ``run_path``'s for a script, none for a module (``python -m`` shows its two runpy frames)."""
    if not frames or frames[-1].f_code.co_name == AS_MAIN:
        return 0
    count = 0
    while count < len(frames) and frames[-1 - count].f_code.co_filename in _RUNPY:
        count += 1
    return count


def plain_frames(frame: Optional[FrameType]) -> List[FrameType]:
    """The frames from ``frame`` outwards that python would have: not asynccheck's, not the launcher's."""
    frames = []
    while frame is not None:
        if frame.f_code in FLOORS:
            del frames[len(frames) - runpy_of_the_launcher(frames):]  # (run_path's: called by the floor)
            break
        if not frame.f_code.co_filename.startswith(ASYNCCHECK_FILES):
            frames.append(frame)
        frame = frame.f_back
    return frames


def _walk_stack(original: Any) -> Any:
    def walk_stack(f: Optional[FrameType]) -> Iterator[Tuple[FrameType, int]]:
        if f is None:
            f = sys._getframe()
            for _ in range(_WALK_CALLER):
                f = f.f_back  # type: ignore[union-attr]
        for frame in plain_frames(f):
            yield frame, frame.f_lineno

    walk_stack.__doc__, walk_stack.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return walk_stack


def _getouterframes(original: Any) -> Any:
    def getouterframes(frame: Any, context: int = 1) -> List[Any]:
        records = original(frame, context)
        try:
            kept = {id(f) for f in plain_frames(frame)}
        except AttributeError:  # not a frame: the original's own error came first, or this is no frame's list
            return records
        if len(kept) == len(records):
            return records
        return [record for record in records if id(record[0]) in kept]

    getouterframes.__doc__, getouterframes.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return getouterframes


def install(patches: Any) -> None:
    patches.replace(traceback, "walk_stack", _walk_stack(traceback.walk_stack))
    patches.replace(inspect, "getouterframes", _getouterframes(inspect.getouterframes))
