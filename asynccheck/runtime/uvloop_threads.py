"""ACK402 on uvloop: ``loop.call_later``, ``loop.call_at`` and ``loop.create_task`` called from a thread that is
not the loop's.

On asyncio's loop one comparison in ``BaseEventLoop._check_closed`` covers every scheduling method
(runtime/loop.py). uvloop's are compiled, and its own thread check runs only in debug mode (and raises). Methods
set on the Python subclass ``uvloop.Loop`` win over the compiled ones, so these three are wrapped there: none of
them is on uvloop's hot path (a timer per ``asyncio.sleep(delay)`` or timeout, a task per ``create_task``; the
tasks ``gather`` makes skip the check). ``call_soon`` is not wrapped: the C task calls it for every step it
schedules and every future wakes its waiters through it, and a Python frame there measured +20% CPU on the 60k
tasks workload on uvloop. A ``call_soon`` from another thread is not seen on uvloop.

Which thread runs a uvloop loop is known from asynccheck's ``run_forever`` on it (runtime/uvloop_steps.py): one
dict look per call on the fast path, and asyncio's own record of the running loop to confirm a foreign call.
"""
from __future__ import annotations

import sys
import threading
from asyncio import events
from typing import Any, Set

from asynccheck.runtime.creation_stacks import without_ours
from asynccheck.runtime.handovers import bound_later
from asynccheck.runtime.recorder import Recorder, thread_name
from asynccheck.runtime.uvloop_steps import UvloopLoops

_get_ident = threading.get_ident
_getframe = sys._getframe


class UvloopForeignCalls:
    def __init__(self, recorder: Recorder, loops: UvloopLoops):
        self.recorder = recorder
        self.running = loops.running  # thread id -> (loop, frame of its run_forever)
        self._own: Set[Any] = set()  # code of the wrappers: uvloop's call_at calls call_later, checked once

    def check(self, loop: Any, method: str, caller: Any) -> None:
        """``loop.method()`` was called from ``caller``'s frame: ACK402 unless this thread runs the loop (or no
        thread does: before it starts, after it stopped)."""
        entry = self.running.get(_get_ident())
        if entry is not None and entry[0] is loop:
            return  # the loop's own thread: nearly every call
        if caller is None or caller.f_code in self._own or events._get_running_loop() is loop:
            return
        try:
            if not loop.is_running():
                return
        except Exception:
            return
        # (`schedule = partial(loop.call_at, when)` handed to a worker calling `schedule(...)`: the binding is the
        # line, as on asyncio's loop, runtime/loop.py)
        self.recorder.report(
            "ACK402", f"`loop.{method}()` was called from thread {thread_name()!r}, not the "
            "loop's thread: use `loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`",
            caller, raise_here=True, where_from=bound_later(self.recorder.frames, caller, method))

    def scheduling(self, original: Any, method: str) -> Any:
        """``call_later``/``call_at`` checked for the calling thread first."""
        check, running = self.check, self.running

        def schedule(loop: Any, when: Any, callback: Any, *args: Any, context: Any = None) -> Any:
            entry = running.get(_get_ident())
            if entry is None or entry[0] is not loop:
                check(loop, method, _getframe(1))
            handle = original(loop, when, callback, *args, context=context)
            if handle._source_traceback:  # (debug mode only: this frame was the last of it)
                without_ours(handle)
            return handle

        schedule.__name__ = schedule.__qualname__ = method
        schedule.__doc__ = original.__doc__
        schedule.__wrapped__ = original  # type: ignore[attr-defined]
        self._own.add(schedule.__code__)
        return schedule

    def creating(self, original: Any) -> Any:
        """``create_task`` checked for the calling thread (when the task checks do not wrap it already)."""
        check, running = self.check, self.running

        def create_task(loop: Any, coro: Any, **kwargs: Any) -> Any:
            entry = running.get(_get_ident())
            if entry is None or entry[0] is not loop:
                check(loop, "create_task", _getframe(1))
            task = original(loop, coro, **kwargs)
            if getattr(task, "_source_traceback", None):
                without_ours(task)
            return task

        create_task.__doc__ = original.__doc__
        create_task.__wrapped__ = original  # type: ignore[attr-defined]
        return create_task
