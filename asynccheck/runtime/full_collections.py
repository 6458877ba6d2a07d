"""When the interpreter's full garbage collections ran, for the watchdog (watchdog.py).

A full collection holds the GIL as a C call does, for as long as it walks every object tracked (0.1-0.6 s with
60k tasks alive), and it begins at whichever allocation passes the collector's threshold: often in a step of a
few microseconds (a worker's `await asyncio.sleep(0)` queues a Handle), whose line is no more the pause's than
any other. A look that came late waiting for the GIL leaves that time out of what it credits the step with.

Only the collector's own time: a C call that allocates (`json.dumps` of a big dict) may start a full collection
itself, and its own time is still the step's. A `gc.collect()` the program calls is its line's, and kept.

The spans are read off `gc.callbacks` (a list the program can see: one function of ours, added while the
watchdog runs, removed when it stops). Young collections return at once (hundreds a second under a heavy
workload: ~1 us each).
"""
from __future__ import annotations

import gc
import sys
import time
from collections import deque
from typing import Any, Deque, Dict, Optional, Tuple

_perf = time.perf_counter


class FullCollections:
    """The spans (start, end, in perf_counter seconds) of the last few full collections the interpreter ran."""

    def __init__(self) -> None:
        # (appended on whichever thread collected, under the GIL; read by the watchdog's thread)
        self._spans: Deque[Tuple[float, float]] = deque(maxlen=16)
        self._began: Optional[float] = None
        self._installed = False

    def start(self) -> None:
        if not self._installed:
            gc.callbacks.append(self._seen)
            self._installed = True

    def stop(self) -> None:
        if self._installed:
            self._installed = False
            try:
                gc.callbacks.remove(self._seen)
            except ValueError:  # (the program cleared the list)
                pass

    def within(self, start: float, end: float) -> float:
        """Seconds of full collections between ``start`` and ``end``."""
        total = 0.0
        for began, ended in tuple(self._spans):
            if ended > start and began < end:
                total += min(ended, end) - max(began, start)
        return total

    def _seen(self, phase: str, info: Dict[str, Any]) -> None:
        # never raises: an exception in a collector's callback is printed on the program's stderr
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._began = None if _called_collect() else _perf()
        elif self._began is not None:
            self._spans.append((self._began, _perf()))
            self._began = None


def _called_collect() -> bool:
    """Whether the Python code under the collector is a call of `gc.collect()` (by the names its code uses: an
    automatic collection in a function that also names `collect` is kept as the step's, the old behaviour)."""
    try:
        frame = sys._getframe(2)  # (1 is _seen)
    except ValueError:
        return False
    return "collect" in frame.f_code.co_names


# (the watchdog may find a loop thread inside them: the GIL is handed over as a Python function begins)
COLLECTOR_CODES = frozenset({FullCollections._seen.__code__, _called_collect.__code__})
