"""Which step a uvloop loop is running, read from another thread (the watchdog) with nothing on the hot path.

uvloop runs its steps from compiled code, so no Python frame marks one, as asyncio's ``Handle._run`` does. But
each Python frame a step runs has for its caller the last Python frame before the loop's compiled code: the
frame of ``run_forever``, which asynccheck sets on uvloop's ``Loop`` as a Python function (one call per run of
the loop, off the hot path). That frame is the anchor. The frame just inside it is the step's outermost frame
(the task's coroutine, or the callback); a thread whose innermost frame is the anchor is waiting in libuv (or
running uvloop's compiled code, which is not the program's).

A callback's frame is new at each call, so the same outermost frame at two looks is one step. A task's
coroutine frame is the same object at every step of the task: there the watchdog posts a no-op marker with
``call_soon_threadsafe`` when it first sees the step. The loop runs the marker only after the current step has
ended, and the task's next step only after the marker (a task is woken through ``call_soon``, which queues
behind it), so the same coroutine frame while the marker has not run is still the step that ran when the marker
was queued: its time is counted from then (the stacks were read a moment before, and the task may have begun
another step in between).
"""
from __future__ import annotations

import _thread
import inspect
import sys
import threading
from typing import Any, Callable, Dict, Optional, Tuple

from asynccheck.runtime.frames import LOOP_ENTRIES
from asynccheck.runtime.owners import Owners

_get_ident = threading.get_ident
_SUSPENDABLE = (inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE | inspect.CO_GENERATOR
                | inspect.CO_ASYNC_GENERATOR)
_RAN = (None,)  # the marker of a step whose end cannot be told: every look is a new step (never a stall)


class UvloopLoops:
    """The uvloop loops running now: thread id -> (loop, frame of its ``run_forever``)."""

    def __init__(self) -> None:
        self.running: Dict[int, Tuple[Any, Any]] = {}
        # loop -> the thread running it now (only while it runs): read through ``owner_property``
        self.owners: Dict[Any, int] = {}
        # loop -> the RLock its thread holds while it runs (runtime/owners.py): ``loop._asynccheck_owner``, read
        # through ``lock_property`` for the same reason
        self.locks = Owners()

    def owner_property(self) -> property:
        """``loop._thread_id`` for uvloop's ``Loop`` class: the thread running the loop, as asyncio's loop has it
        (runtime/threads.py compares it with the calling thread's), or None. Kept in a dict, not in the loop's
        ``__dict__``: a uvloop loop has none until an attribute is set on it, and once it has one, every lookup
        of a method on the loop (the C task's ``loop.call_soon`` at each step) probes it first, ~150 instructions
        a step (the 60k tasks workload on uvloop: 1.7% of its instructions). The getter is the dict's own ``get``,
        no Python frame."""
        owners = self.owners

        def set_owner(loop: Any, thread: Optional[int]) -> None:
            if thread is None:
                owners.pop(loop, None)  # (a stopped loop: not kept alive by this dict)
            else:
                owners[loop] = thread

        def forget(loop: Any) -> None:
            owners.pop(loop, None)

        return property(owners.get, set_owner, forget, "the thread running this loop now, or None")

    def lock_property(self) -> property:
        """``loop._asynccheck_owner`` for uvloop's ``Loop`` class (runtime/owners.py): the getter is the dict's own
        ``__getitem__`` (``NOBODY`` for a loop not running)."""
        return property(self.locks.__getitem__, None, None, "the RLock held by the thread running this loop")

    def run_forever(self, original: Any, before: Optional[Callable[[Any, Any], None]] = None) -> Any:
        """A ``run_forever`` for ``uvloop.Loop`` that notes where the loop runs (``before(loop, caller)`` first)."""
        running, locks = self.running, self.locks

        def run_forever(loop: Any) -> Any:
            if before is not None:
                before(loop, sys._getframe(1))
            thread = _get_ident()
            outer = running.get(thread)  # a loop run inside another's step (a finding of its own, ACK108)
            running[thread] = (loop, sys._getframe())
            owner = _set_owner(loop, thread)
            lock = locks.get(loop)
            if lock is None:
                lock = locks[loop] = _thread.RLock()
            taken = lock.acquire(False)  # (not blocking: see owners.owning)
            try:
                return original(loop)
            finally:
                if taken:
                    lock.release()
                    if not lock._is_owned():
                        locks.pop(loop, None)  # (a stopped loop: not kept alive by this dict)
                _set_owner(loop, owner)
                if outer is None:
                    running.pop(thread, None)
                else:
                    running[thread] = outer

        run_forever.__wrapped__ = original  # type: ignore[attr-defined]
        LOOP_ENTRIES.add(run_forever.__code__)
        return run_forever

    def activity(self, thread_id: int, frame: Any) -> Optional[Tuple[Any, Any]]:
        """(loop, outermost frame of the step it runs, or None when it waits) for a thread's innermost frame;
        None when the thread runs no uvloop loop."""
        entry = self.running.get(thread_id)
        if entry is None:
            return None
        loop, anchor = entry
        step = None
        while frame is not None and frame is not anchor:
            step, frame = frame, frame.f_back
        if frame is None:
            return None  # it left run_forever after the stacks were read
        return loop, step


def _set_owner(loop: Any, thread: Optional[int]) -> Optional[int]:
    """Set ``loop._thread_id`` as asyncio's loop has it while it runs (runtime/threads.py compares it with the
    calling thread's); the value it had before."""
    before = getattr(loop, "_thread_id", None)
    try:
        loop._thread_id = thread
    except AttributeError:  # (a subclass with __slots__: its objects' checks take the slow path)
        pass
    return before


def needs_marker(step: Any) -> bool:
    """Whether the same outermost frame can be seen in two steps: a task's coroutine (or generator) frame."""
    return bool(step.f_code.co_flags & _SUSPENDABLE)


def post_marker(loop: Any) -> Any:
    """A list that becomes non-empty once the loop has finished the step it is running now."""
    ran: list = []
    try:
        loop.call_soon_threadsafe(ran.append, None)
    except Exception:  # closed since it was seen running
        return _RAN
    return ran
