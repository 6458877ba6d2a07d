"""``asyncio.shield(coro)`` and ``asyncio.gather(coro, ...)`` whose future the program drops (ACK302).

``shield`` makes a task of a coroutine for itself (asyncio's, which the task tracker leaves alone) and hands the
program an outer future. That future is the program's only handle: dropped (``asyncio.ensure_future(shield(c))``
as a statement, which returns the same future; ``shield(c)`` alone), nothing of the program's holds the task, which
the loop keeps no reference of its own to, as for a dropped ``create_task``. Told by reference counts, as tasks are
(runtime/tasks.py): at the loop's next iteration a dropped pending outer future is held once, by the inner task's
done callback, which closes over it; kept in a local, awaited (the awaiting task's ``_fut_waiter``), handed to
``wait_for`` or ``gather``, it has one more. A shield of a task or future the program made already is not looked
at: the program holds that one (or drops it, which is the tracker's finding at its own line).

``gather`` likewise makes tasks of the coroutines it is given and hands back one future; a dropped one is held,
at the next iteration, only by the done callback its children share (one closure cell), the same count as a
dropped shield's (the linter reports it too). A gather of tasks or futures only is not looked at.
"""
from __future__ import annotations

import asyncio
import sys
from asyncio import tasks as asyncio_tasks
from typing import Any, Dict, List, Tuple

# what holds a dropped outer future at the check: the inner task's done callback (its closure cell), the batch
# entry, the loop variable, and getrefcount's own argument
_DROPPED_REFS = 1 + 3
_getframe, _getrefcount = sys._getframe, sys.getrefcount


class ShieldWatch:
    def __init__(self, tracker: Any):
        self._tracker = tracker
        self._fresh: Dict[Any, List[Tuple[Any, Any, Any]]] = {}  # loop -> (outer, inner, site) made since its check

    def install(self, patches: Any) -> None:
        shield = self._shield(asyncio_tasks.shield)
        patches.replace(asyncio_tasks, "shield", shield)
        patches.replace(asyncio, "shield", shield)

    def gathered(self, outer: Any, args: Tuple[Any, ...], frame: Any) -> None:
        """``gather(*args)`` called at ``frame`` returned ``outer``: looked at if it made a task of a coroutine."""
        if not outer.done() and self._tracker._user_file(frame.f_code.co_filename) \
                and any(asyncio.iscoroutine(arg) for arg in args):
            self._noted(outer, frame, True)

    def _shield(self, original: Any) -> Any:
        noted, user_file = self._noted, self._tracker._user_file

        def shield(arg: Any) -> Any:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as create_task)
            outer = original(arg)
            if asyncio.iscoroutine(arg) and not outer.done():
                frame = _getframe(1)
                if user_file(frame.f_code.co_filename):
                    noted(outer, frame)
            return outer

        shield.__wrapped__ = original  # type: ignore[attr-defined]
        return shield

    def _noted(self, outer: Any, frame: Any, gathered: bool = False) -> None:
        loop = outer.get_loop()
        if asyncio._get_running_loop() is not loop:  # (from another thread: ACK402's business)
            return
        batch = self._fresh.get(loop)
        if batch is None:
            batch = self._fresh[loop] = []
            loop.call_soon(self._check, loop)
        batch.append((outer, frame.f_code, frame.f_lasti, gathered))

    def _check(self, loop: Any) -> None:
        batch = self._fresh.pop(loop, ())
        for entry in batch:
            outer = entry[0]
            if not outer.done() and _getrefcount(outer) == _DROPPED_REFS:
                if entry[3]:
                    self._tracker.report_dropped_gather(getattr(outer, "_children", ()), entry[1:3])
                else:
                    self._tracker.report_dropped_shield(_inner(outer), entry[1:3])
        del batch


def _inner(outer: Any) -> Any:
    """The task ``shield`` made, which its callback on ``outer`` closes over (None if not found)."""
    for callback, *_ in getattr(outer, "_callbacks", None) or ():
        for cell in getattr(callback, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, asyncio.Future) and value is not outer:
                return value
    return None
