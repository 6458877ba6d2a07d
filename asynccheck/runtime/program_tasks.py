"""ACK401 on the tasks the program makes: ``task.cancel()`` called from a thread that is not the task's loop's,
whatever the task is doing at that moment (waiting, ready, running).

asyncio's task is a C type whose methods cannot be patched. A task the program makes (``create_task``,
``ensure_future``, ``TaskGroup.create_task``; tasks.py looks at the frame that creates each task already) is
made of the Python subclass below instead, whose ``cancel`` checks the calling thread; asyncio's own tasks (each
member of a ``gather``) stay asyncio's, so that its hot paths pay nothing. Measured: ~600 instructions more per
program task awaited by another (a C task awaiting a subclass loses its fast path), 0.7% of a workload of 60k
``create_task`` tasks of 5 steps each.

Without it a foreign ``cancel`` is seen only when it schedules the task's wake-up through the loop's
``call_soon``, that is when the task waits on a future (runtime/loop.py), and never on uvloop, whose ``call_soon``
is compiled. Futures are not made of a checked subclass: telling the program's ``loop.create_future()`` from
asyncio's own (a Queue getter, a Lock waiter, a stream's read waiter) costs a frame look per future, measured at
~1,100 instructions (+3% on the Queue+Lock workload, +6-7% on uvloop's): see docs/runtime.md, Limits.
"""
from __future__ import annotations

import sys
from asyncio import events, tasks as asyncio_tasks
from typing import Any, Callable, List

from asynccheck.runtime.recorder import Recorder, thread_name

_get_running_loop = events._get_running_loop
_getframe = sys._getframe
_Task = asyncio_tasks.Task
_task_cancel = _Task.cancel
_task_uncancel = getattr(_Task, "uncancel", None)


def _not_installed(task: Any, method: str) -> None:
    pass


# [report(task, method)]: called when the calling thread's running loop is not the task's (set while installed)
_report: List[Callable[[Any, str], None]] = [_not_installed]


def not_watching(task: Any, caller: Any) -> None:
    pass


# [watch(task, caller's frame)]: told of each successful cancel(); [told(task, caller's frame)]: of each
# uncancel() (3.11+) (cancellation.py: ACK601, a cancellation swallowed)
cancelled: List[Callable[[Any, Any], None]] = [not_watching]
uncancelled: List[Callable[[Any, Any], None]] = [not_watching]


class Task(_Task):  # type: ignore[misc,valid-type]
    """asyncio's task, with ``cancel`` checked for the calling thread. A task's result is set by its own step,
    on the loop's thread; ``cancel`` is what other code calls on it."""

    # (code, f_lasti, scope) of the program's line that made the task, set by tasks.py's create_task wrapper:
    # a slot store instead of an entry keyed by id() in the tracker's dict, and an entry no other task can match
    __slots__ = ("_asynccheck_site",)

    def cancel(self, *args: Any, **kwargs: Any) -> bool:
        if self._loop is not _get_running_loop():
            _report[0](self, "cancel")
        if _task_cancel(self, *args, **kwargs):
            cancelled[0](self, _getframe(1))
            return True
        return False

    if hasattr(_Task, "uncancel"):
        def uncancel(self) -> int:
            left = _task_uncancel(self)
            uncancelled[0](self, _getframe(1))
            return left

    def __reduce_ex__(self, protocol: Any) -> Any:
        # a task cannot be pickled or copied: refused in python's words, which name the C type the interpreter
        # refuses (its tp_name, "_asyncio.Task"), where this subclass's own would say 'Task' (copy.copy, pickle)
        raise TypeError(f"cannot pickle {_PICKLE_NAMES[protocol >= 2]!r} object")


# Shown as asyncio's own (`_asyncio.Task`, or `asyncio.tasks.Task` where C tasks are missing): a program that prints
# or compares its task's type sees what it would see without us (only an AttributeError's text names the bare class)
Task.__module__ = _Task.__module__

# what python's refusal to pickle a task names: protocols 0 and 1 go through copyreg, which names the class; 2 and up
# through the type's tp_name, "_asyncio.Task" for the C task (a static type up to 3.11, a heap type from a spec
# after: both named with their module), the bare name for a class written in Python
_PICKLE_NAMES = (_Task.__name__, f"_asyncio.{_Task.__name__}" if _Task.__module__ == "_asyncio" else _Task.__name__)

# the frame of the checked call: loop.py's check of the call_soon a cancel leads to (the wake-up of the task) skips it
CHECKED_CODES = frozenset({Task.cancel.__code__})


# ``task_maker``'s answer: tasks.py's create_task wrapper makes the program's task of the checked kind itself, as
# ``BaseEventLoop.create_task`` or ``uvloop.Loop.create_task`` would (a call less per task the program makes)
MADE_BY_THE_WRAPPER = object()


class ProgramTasks:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder

    def install(self) -> None:
        if self.recorder.wants("ACK401"):
            _report[0] = self.foreign

    def foreign(self, obj: Any, method: str) -> None:
        """``obj.method()`` was called on a thread whose running loop (if any) is not ``obj``'s loop."""
        caller = _getframe(2)
        if caller.f_code in CHECKED_CODES:
            return  # a task's cancel() cancelling the task it awaits: the outer one was reported
        loop = obj._loop
        try:
            if loop is _get_running_loop() or not loop.is_running():
                return  # not started yet, or stopped: no thread owns the loop now
        except Exception:
            return
        kind = type(obj).__name__
        self.recorder.report(
            "ACK401", f"`{kind}.{method}()` was called from thread {thread_name()!r} on an "
            f"asyncio {kind} of a loop that runs in another thread: asyncio objects are not thread-safe, and the "
            f"loop is not woken to see the change; use `loop.call_soon_threadsafe({kind.lower()}.{method})`",
            caller, raise_here=True)

    def uninstall(self) -> None:
        _report[0] = _not_installed

    def task_maker(self, loop_cls: type) -> Any:
        """MADE_BY_THE_WRAPPER when the program's tasks on ``loop_cls`` (asyncio's or uvloop's) are made of the
        checked kind, or None (nothing to check on them)."""
        if not self.recorder.wants_any("ACK401", "ACK601", "ACK602"):
            return None
        return MADE_BY_THE_WRAPPER
