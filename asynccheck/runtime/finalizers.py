"""Where the program registered a ``weakref.finalize`` whose callback is not its own code (``finalize(conn,
time.sleep, 1)``, ``finalize(obj, shutil.rmtree, path)``): a blocking call it makes runs when its object is freed
or at exit, wherever that happens to be, and no frame of the program's is inside it. The line to change is the
registration, found in the program's bytecode as a hand-over to a thread is (handovers.py); a callback of the
program's own is reported inside itself, as a ``__del__`` is (frames.py). Nothing is recorded when a finalizer is
registered: this runs only for such a finding."""
from __future__ import annotations

import weakref
from typing import Any, Optional, Tuple


_CALL = weakref.finalize.__call__.__code__
_TAKERS = frozenset({"finalize"})
_sites: dict = {}  # (callback's name, number of the program's modules) -> registration lines


def registered_where(frames: Any, frame: Any) -> Optional[Tuple[str, int]]:
    """The line that registered the finalizer whose callback made the call at ``frame``, when no frame of the
    program's is between the two; None otherwise, or when the program registers that callback in several places."""
    while frame is not None:
        code = frame.f_code
        if code is _CALL:
            break
        if frames.is_user(code.co_filename):
            return None  # a callback of the program's (or no finalizer at all)
        frame = frame.f_back
    else:
        return None
    info = frame.f_locals.get("info")
    name = getattr(getattr(info, "func", None), "__name__", None)
    if not isinstance(name, str):
        return None
    from asynccheck.runtime.coroutines import handed_sites  # (the thread pool's module: not at start-up)
    from asynccheck.runtime.handovers import _program_modules

    namespaces = _program_modules(frames)
    key = (name, len(namespaces))
    found = _sites.get(key)
    if found is None:
        found = _sites[key] = {where for where, _taker in handed_sites(namespaces, name, _TAKERS)}
    return next(iter(found)) if len(found) == 1 else None
