"""ACK401 on the futures and tasks the program makes: ``set_result``, ``set_exception`` and ``cancel`` of a future
it made with ``loop.create_future()``, ``cancel`` of a task it made with ``create_task``/``ensure_future``/
``TaskGroup.create_task``, called from a thread that is not their loop's, whether or not anything awaits them.

asyncio's future and task are C types whose methods cannot be patched, and making every future and task a
Python subclass costs asyncio's own hot paths (a Queue getter, a Lock waiter, a stream's read waiter are
futures, each member of a ``gather`` a task; a C task awaiting a subclass loses its fast path). Those need no
check of their own: asyncio resolves them itself, on the loop's thread, or on the thread where the program
called the owning object's method (``Queue.put_nowait``...), which is checked there (runtime/threads.py). The
futures a program resolves by hand, and the tasks it cancels, are the ones it made: only those are made of the
subclasses below, told apart by the calling frame's file (one frame look per ``create_future``; tasks.py
already looks at the frame that creates each task that is not a ``gather``'s).

Without them a foreign ``set_result`` is seen only when it schedules a waiter's wake-up through the loop's
``call_soon`` (runtime/loop.py). With nothing waiting, the call still races with the loop's thread, and the loop
is not woken: a task that starts waiting on the future a moment before is never woken, a cancelled task that is
ready runs on until its next step. It is reported all the same.
"""
from __future__ import annotations

import os
import sys
import threading
from asyncio import base_events, events, futures, tasks as asyncio_tasks
from typing import Any, Callable, Dict, List

from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder

_get_running_loop = events._get_running_loop
_getframe = sys._getframe
_Base, _Task = futures.Future, asyncio_tasks.Task
_set_result, _set_exception, _cancel, _task_cancel = _Base.set_result, _Base.set_exception, _Base.cancel, _Task.cancel
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _not_installed(future: Any, method: str) -> None:
    pass


# [report(future, method)]: called when the calling thread's running loop is not the future's (set while installed)
_report: List[Callable[[Any, str], None]] = [_not_installed]


class Future(_Base):  # type: ignore[misc,valid-type]
    """asyncio's future, with the three methods that resolve it checked for the calling thread. Named as
    asyncio's, so that its repr is the same."""

    __slots__ = ()

    def set_result(self, result: Any) -> None:
        if self._loop is not _get_running_loop():
            _report[0](self, "set_result")
        _set_result(self, result)

    def set_exception(self, exception: Any) -> None:
        if self._loop is not _get_running_loop():
            _report[0](self, "set_exception")
        _set_exception(self, exception)

    def cancel(self, *args: Any, **kwargs: Any) -> bool:
        if self._loop is not _get_running_loop():
            _report[0](self, "cancel")
        return _cancel(self, *args, **kwargs)


class Task(_Task):  # type: ignore[misc,valid-type]
    """asyncio's task, with ``cancel`` checked for the calling thread. A task's result is set by its own step,
    on the loop's thread; ``cancel`` is what other code calls on it."""

    __slots__ = ()

    def cancel(self, *args: Any, **kwargs: Any) -> bool:
        if self._loop is not _get_running_loop():
            _report[0](self, "cancel")
        return _task_cancel(self, *args, **kwargs)


# the frames of these methods are the checked call's own: loop.py's check of the call_soon they lead to skips them
CHECKED_CODES = frozenset(f.__code__ for f in (Future.set_result, Future.set_exception, Future.cancel, Task.cancel))


def create_task(loop: Any, coro: Any, name: Any, context: Any) -> Any:
    """``BaseEventLoop.create_task`` for the program's tasks, of the checked kind; None when the loop has a task
    factory (then the factory decides). Named as the loop's method: loop.py's foreign-thread check of the loop's
    ``_check_closed`` takes this frame for the loop's ``create_task`` (CREATE_TASK)."""
    if loop._task_factory is not None:
        return None
    loop._check_closed()
    task = Task(coro, loop=loop, name=name) if context is None else Task(coro, loop=loop, name=name, context=context)
    if task._source_traceback:  # (debug mode) it ends with asynccheck's frames, then asyncio's create_task
        while task._source_traceback and task._source_traceback[-1].filename.startswith(_PACKAGE):
            del task._source_traceback[-1]
    return task


CREATE_TASK = create_task.__code__


def _uvloop_create_task(loop: Any, coro: Any, name: Any, context: Any) -> Any:
    """What ``uvloop.Loop.create_task`` does, for the program's tasks, of the checked kind."""
    if loop.get_task_factory() is not None:
        return None
    if loop.is_closed():
        raise RuntimeError("Event loop is closed")
    task = Task(coro, loop=loop) if context is None else Task(coro, loop=loop, context=context)
    if name is not None:
        task.set_name(name)
    return task


class ProgramFutures:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self._user_files: Dict[str, bool] = {}

    def install(self, patches: Patches) -> None:
        if not self.recorder.wants("ACK401"):
            return
        _report[0] = self.foreign
        patches.replace(base_events.BaseEventLoop, "create_future", self._creating(None))

    def foreign(self, obj: Any, method: str) -> None:
        """``obj.method()`` was called on a thread whose running loop (if any) is not ``obj``'s loop."""
        caller = _getframe(2)
        if caller.f_code in CHECKED_CODES:
            return  # a task's cancel() cancelling the future it awaits: the task's was reported
        loop = obj._loop
        try:
            if loop is _get_running_loop() or not loop.is_running():
                return  # not started yet, or stopped: no thread owns the loop now
        except Exception:
            return
        kind = type(obj).__name__
        self.recorder.report(
            "ACK401", f"`{kind}.{method}()` was called from thread {threading.current_thread().name!r} on an "
            f"asyncio {kind} of a loop that runs in another thread: asyncio objects are not thread-safe, and the "
            f"loop is not woken to see the change; use `loop.call_soon_threadsafe({kind.lower()}.{method}, "
            "...)`", caller, raise_here=True)

    def uninstall(self) -> None:
        _report[0] = _not_installed

    def patch_loop_class(self, loop_cls: type, patches: Patches) -> None:
        """The same on another loop class (uvloop's), whose ``create_future`` is its own."""
        if self.recorder.wants("ACK401"):
            patches.replace(loop_cls, "create_future", self._creating(loop_cls.create_future))

    def task_maker(self, loop_cls: type) -> Any:
        """make(loop, coro, name, context) for the program's tasks on ``loop_cls`` (tasks.py calls it), or None."""
        if not self.recorder.wants("ACK401"):
            return None
        return create_task if issubclass(loop_cls, base_events.BaseEventLoop) else _uvloop_create_task

    def _creating(self, original: Any) -> Any:
        """``loop.create_future`` that makes the checked kind for the program's code, asyncio's for the rest.
        (On asyncio's loop ``original`` is None: the method is one line, made here, saving a call.)"""
        user_files, is_user, plain = self._user_files, self.recorder.frames.is_user, _Base

        def create_future(loop: Any) -> Any:
            filename = _getframe(1).f_code.co_filename
            user = user_files.get(filename)
            if user is None:
                user = user_files[filename] = is_user(filename)
            if user:
                return Future(loop=loop)
            return plain(loop=loop) if original is None else original(loop)

        create_future.__wrapped__ = original or base_events.BaseEventLoop.create_future  # type: ignore[attr-defined]
        create_future.__doc__ = "Create a Future object attached to the loop."
        return create_future

