"""Hooks on the event loop itself: calls from foreign threads (ACK401/402), nested loops
(ACK108), task failures nobody saw (ACK302/303, through tasks.py) and where unbounded queues are made
(ACK501).

All of them patch pure-Python methods of ``asyncio.BaseEventLoop`` and friends at class level, so loops created
before installation are covered too. uvloop's loop is compiled: only the checks that do not need these hooks
work with it (see docs/runtime.md).
"""
from __future__ import annotations

import asyncio
import collections
import functools
import sys
import threading
import selectors
import weakref
from asyncio import base_events, events, runners
from typing import Any, Dict, Tuple

from asynccheck.runtime import scheduling
from asynccheck.runtime.blocking import call_position, chained
from asynccheck.runtime.coroutines import refused
from asynccheck.runtime.frameless import CheckedFunction, CheckedMethod
from asynccheck.runtime.frames import FrameFilter, frame_line
from asynccheck.runtime.handovers import bound_later
from asynccheck.runtime.owners import unowned
from asynccheck.runtime.program_tasks import CHECKED_CODES
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder, thread_name
from asynccheck.runtime.tasks import _CREATING, TaskTracker

_get_running_loop = events._get_running_loop
_get_ident = threading.get_ident


# When the thread does not hold the loop's RLock (runtime/owners.py): from 3.12 asyncio's C `_get_running_loop()` is
# a read of the thread state, which tells the loop's own thread without making an int of the thread's id. Up to
# 3.11 it makes a getpid() system call (~200 ns): there the thread's id decides alone.
_RUNNING_IS_CHEAP = sys.version_info >= (3, 12)
_UNSAFE_FROM_THREADS = frozenset({"call_soon", "call_at", "create_task"})
_FUTURE_API = frozenset(name for name in dir(asyncio.Task) if not name.startswith("_"))


def current_handle(frame: Any) -> Any:
    """The Handle whose callback (a task step, or a plain callback) is running in ``frame``'s stack, if any."""
    while frame is not None:
        code = frame.f_code
        if code.co_name == "_run" and code.co_filename == events.__file__:
            return frame.f_locals.get("self")
        frame = frame.f_back
    return None


def loop_activity(frame: Any) -> Tuple[Any, Any, bool]:
    """(frame of the loop's `_run_once`, frame of the running `Handle._run`, idle) for a thread's innermost
    frame; the first is None when the thread runs no loop.

    Read from the stack, not recorded by a hook: the loop's hot path pays nothing for it. Frames, not their
    locals: reading ``f_locals`` of a running frame copies them all, which the watchdog does only when needed.
    """
    idle = frame is not None and frame.f_code.co_filename == selectors.__file__
    run = None
    while frame is not None:
        code = frame.f_code
        if code.co_name == "_run_once" and code.co_filename == base_events.__file__:
            return frame, run, idle
        if run is None and code.co_name == "_run" and code.co_filename == events.__file__:
            run = frame
        frame = frame.f_back
    return None, None, False


class LoopHooks:
    def __init__(self, recorder: Recorder, queue_threshold: int = 10_000):
        self.recorder = recorder
        self.queue_threshold = queue_threshold
        self.watched: Dict[int, tuple] = {}  # id(unbounded queue) -> (weak ref, its deque, site, stack positions)
        self.reported_queues: set = set()
        self.exact_puts = False  # every put is checked by `Queue.put_nowait` itself (runtime/threads.py)
        self.tasks = TaskTracker(recorder)

    def install(self, patches: Patches) -> None:
        self._foreign_threads(patches)
        self._nested(patches)
        self._exception_handler(patches)
        self.tasks.install(patches)
        if self.recorder.wants("ACK501"):
            self._queues(patches)

    # -- ACK401/402 ----------------------------------------------------------------------------------------------
    def _foreign_threads(self, patches: Patches) -> None:
        recorder = self.recorder
        if not (recorder.wants("ACK401") or recorder.wants("ACK402")):
            return
        loop_cls = base_events.BaseEventLoop

        def foreign(loop: Any, method: str, callback: Any, scheduler: Any) -> None:
            owner = getattr(callback, "__self__", None)
            args = scheduler.f_locals.get("args") or ()
            frame = scheduler.f_back
            thread = thread_name()
            # a future finishing schedules its callbacks as call_soon(callback, future): set_result/cancel
            # from the thread, through C code that leaves no frame of its own
            done_future = args[0] if len(args) == 1 and isinstance(args[0], asyncio.Future) else None
            if _from_checked_object(frame) or (frame is not None and frame.f_code in CHECKED_CODES):
                return  # Queue/Event/Lock, a program's task... waking a waiter: their own check reported it
            # a future's own scheduling (a task's wake-up or step, from C: only ever through call_soon) is the
            # future used from the thread; the program handing a future's public method to call_soon/call_later
            # (`loop.call_later(1, fut.cancel)`) is the loop call made from the thread
            internal = (isinstance(owner, asyncio.Future) and method == "call_soon"
                        and getattr(callback, "__name__", "") not in _FUTURE_API)
            # (`create_task` reached through asyncio's own `ensure_future(coro, loop=loop)` or a TaskGroup is the
            # program's call of it from the thread: a loop call, never a future's own scheduling)
            if method != "create_task" and (internal or done_future is not None or _from_asyncio(frame)):
                kind = _asyncio_object(frame, "Future" if done_future is None else type(done_future).__name__)
                recorder.report(
                    "ACK401",
                    f"a loop-bound asyncio object ({kind}) was used from thread {thread!r}, not its loop's thread: "
                    "wrap the call in `loop.call_soon_threadsafe(...)`", frame, raise_here=True)
            else:
                # (`report = partial(loop.call_soon, ...)` handed to a worker calling `report(...)`: the binding
                # is the line, looked for once the call has run)
                where_from = None if frame is None else bound_later(recorder.frames, frame, method)
                recorder.report(
                    "ACK402",
                    f"`loop.{method}()` was called from thread {thread!r}, not the loop's thread: use "
                    "`loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`", frame,
                    raise_here=True, where_from=where_from)

        # Every non-threadsafe scheduling method (call_soon, call_at, create_task ...) starts with
        # `self._check_closed()`: one extra comparison there costs far less than a wrapper per method.
        def _check_closed(self: Any) -> None:
            if self._closed:
                raise RuntimeError("Event loop is closed")
            try:
                # the loop's own thread while it runs: nearly every call (twice per task: its first step and its end)
                if self._asynccheck_owner._is_owned():  # (runtime/owners.py: the loop's own, no default on its class)
                    return
            except AttributeError:
                if unowned(self)._is_owned():
                    return
            if self._thread_id != _get_ident() and self._thread_id is not None:
                foreign_call(self)

        def _check_closed_running(self: Any) -> None:
            if self._closed:
                raise RuntimeError("Event loop is closed")
            try:
                if self._asynccheck_owner._is_owned():
                    return
            except AttributeError:
                if unowned(self)._is_owned():
                    return
            if self is not _get_running_loop() and self._thread_id != _get_ident() and self._thread_id is not None:
                foreign_call(self)

        def foreign_call(self: Any) -> None:
            """A scheduling method of ``self`` runs on a thread that is not the running loop's."""
            caller = sys._getframe(2)
            method = caller.f_code.co_name
            if method in _UNSAFE_FROM_THREADS and _loop_method(caller.f_code):
                outer = caller.f_back
                if outer is not None and _loop_method(outer.f_code):
                    if outer.f_code.co_name == "create_task":
                        return  # the new task scheduling its first step: create_task was reported
                    if method == "call_at" and outer.f_code.co_name == "call_later":
                        caller, method = outer, "call_later"
                foreign(self, method, caller.f_locals.get("callback"), caller)

        check_closed = _check_closed_running if _RUNNING_IS_CHEAP else _check_closed
        patches.replace(loop_cls, "_check_closed", check_closed)
        scheduling.install(patches, check_closed)  # (the hot callers skip the call on the loop's own thread)

    # -- ACK108 --------------------------------------------------------------------------------------------------
    def nested(self, what: str, caller: Any, coro: Any = None) -> None:
        """``what`` (a call that runs a loop, given ``coro``) was made from ``caller``'s frame: ACK108 if a loop
        runs here."""
        if _get_running_loop() is not None:
            refused(coro)  # the RuntimeError leaves it never awaited: not a second finding (ACK301) at this line
            # as for a blocking call (and as the linter reports it): where the program's coroutine, or the
            # callback the loop ran, entered the sync helper that starts a loop, which is the line to change
            entered = self.recorder.frames.entry(caller)
            site, callee = entered if entered is not None else (None, None)
            self.recorder.report("ACK108", f"{chained(self.recorder.frames, callee, caller, what)} was called while an event loop is running on this thread "
                                 "(RuntimeError, or a deadlock when worked around); await the coroutine instead",
                                 caller, raise_here=True, where=call_position(site) if site is not None else None)

    def checked_loop_runner(self, original: Any, name: str) -> Any:
        """``loop.run_until_complete``/``run_forever`` that first checks for a loop already running here."""
        hooks = self

        def checked(loop: Any, *args: Any, **kwargs: Any) -> Any:
            # pytest leaves a frame with this local out of a failure's traceback
            __tracebackhide__ = True  # noqa: F841
            if _get_running_loop() is not None:
                hooks.nested(f"loop.{name}()", sys._getframe(1), args[0] if args else kwargs.get("future"))
            return original(loop, *args, **kwargs)

        checked.__name__ = name
        checked.__wrapped__ = original  # type: ignore[attr-defined]
        # only a loop already running here needs the check: otherwise the program calls asyncio's method itself,
        # and no frame of ours shows in the tracebacks and stacks it sees (frameless.py)
        return CheckedMethod(original, checked, _get_running_loop)

    def _nested(self, patches: Patches) -> None:
        if not self.recorder.wants("ACK108"):
            return
        hooks, run = self, runners.run

        def checked_run(main: Any, *args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as `checked` above)
            if _get_running_loop() is not None:
                hooks.nested("asyncio.run()", sys._getframe(1), main)
            return run(main, *args, **kwargs)

        functools.update_wrapper(checked_run, run)
        stand_in = CheckedFunction(run, checked_run, _get_running_loop)  # asyncio.run.__name__ and signature stay asyncio's
        patches.replace(runners, "run", stand_in)
        patches.replace(asyncio, "run", stand_in)
        runner = getattr(runners, "Runner", None)  # 3.11+
        if runner is not None:
            runner_run = runner.run

            # `Runner.run()` refuses a running loop before it reaches run_until_complete: checked itself. From
            # 3.12 asyncio.run() goes through it, and was checked (and reported) as itself already.
            def checked_runner_run(self: Any, coro: Any, *args: Any, **kwargs: Any) -> Any:
                __tracebackhide__ = True  # noqa: F841
                if _get_running_loop() is not None:
                    caller = sys._getframe(1)
                    if caller.f_code is not run.__code__:
                        hooks.nested("Runner.run()", caller, coro)
                return runner_run(self, coro, *args, **kwargs)

            functools.update_wrapper(checked_runner_run, runner_run)
            patches.replace(runner, "run", CheckedMethod(runner_run, checked_runner_run, _get_running_loop))
        for name in ("run_until_complete", "run_forever"):
            original = getattr(base_events.BaseEventLoop, name)
            patches.replace(base_events.BaseEventLoop, name, self.checked_loop_runner(original, name))

    # -- ACK302/303 ----------------------------------------------------------------------------------------------
    def checked_exception_handler(self, original: Any) -> Any:
        """``loop.call_exception_handler`` that first looks for the task failures nobody saw."""
        task_failure = self.tasks.task_failure

        def call_exception_handler(loop: Any, context: Dict[str, Any]) -> None:
            try:
                task_failure(context)
            finally:
                original(loop, context)

        call_exception_handler.__wrapped__ = original  # type: ignore[attr-defined]
        return call_exception_handler

    def _exception_handler(self, patches: Patches) -> None:
        if not (self.recorder.wants("ACK302") or self.recorder.wants("ACK303")):
            return
        original = base_events.BaseEventLoop.call_exception_handler
        patches.replace(base_events.BaseEventLoop, "call_exception_handler", self.checked_exception_handler(original))

    # -- ACK501 --------------------------------------------------------------------------------------------------
    def _queues(self, patches: Patches) -> None:
        """Unbounded queues made by the program are remembered (weakly) with their items. Each put is checked
        by `Queue.put_nowait` (recompiled with a size test by runtime/threads.py: ``high_water``), so a queue
        filled and drained between two looks is still seen. When that recompiling is not possible, a FIFO
        queue's deque is one that notices the moment it passes the threshold; the watchdog also looks at
        every queue, as does its death and the program's end."""
        original = asyncio.Queue.__init__
        frames, watched = self.recorder.frames, self.watched

        def __init__(q: Any, maxsize: int = 0, *args: Any, **kwargs: Any) -> None:
            original(q, maxsize, *args, **kwargs)
            # asyncio stores maxsize unchecked (None, a string from a config file) and compares it only when a
            # put asks full(): a construction that succeeds without us must succeed with us
            if not isinstance(maxsize, (int, float)) or maxsize > 0:
                return
            frame = sys._getframe(1)
            user = frames.user_frame(frame)
            if user is None:
                return
            key = id(q)
            site = frames.field_site(frame) or (user.f_code.co_filename, frame_line(user))
            if not self.exact_puts and type(q._queue) is collections.deque and not q._queue:
                q._queue = _HighWater(self._passed_threshold, self.queue_threshold, key)
            # the deque is held strongly: when the queue dies, the callback can still see how full it was
            ref = weakref.ref(q, lambda _ref, key=key: self._queue_died(key))
            # the stack's frames as (code, instruction): their lines are looked up only if the queue is reported (a
            # line lookup scans each code's line table, ~0.3M instructions for a 10-frame stack, at every queue made)
            watched[key] = (ref, q._queue, site, frames.positions(frame))

        functools.update_wrapper(__init__, original)  # inspect.signature(asyncio.Queue) stays asyncio's
        patches.replace(asyncio.Queue, "__init__", __init__)

    def high_water(self, q: Any) -> None:
        """``q`` holds more items than the threshold after a put (called by the recompiled `put_nowait`)."""
        entry = self.watched.get(id(q))
        if entry is not None and entry[0]() is q:
            self._check_queue(entry)

    def _passed_threshold(self, key: int) -> None:
        entry = self.watched.get(key)
        if entry is not None:
            self._check_queue(entry)

    def _queue_died(self, key: int) -> None:
        entry = self.watched.pop(key, None)
        if entry is not None:
            self._check_queue(entry)

    def check_queues(self) -> None:
        for entry in list(self.watched.values()):
            self._check_queue(entry)

    def _check_queue(self, entry: tuple) -> None:
        _ref, items, site, positions = entry
        size = len(items)
        if size > self.queue_threshold and site not in self.reported_queues:
            self.reported_queues.add(site)
            self.recorder.report(
                "ACK501", f"this unbounded asyncio queue grew to {size} items (threshold {self.queue_threshold}): "
                "producers outpace consumers and nothing pushes back; give it a maxsize", None, where=site,
                stack=FrameFilter.at_positions(positions), thread=None)


class _HighWater(collections.deque):
    """An unbounded queue's items: each append checks the size against the threshold, once past it the deque
    reports and turns into ``_Items`` (same layout, no Python-level append) so the cost ends there."""

    __slots__ = ("_on_pass", "_limit", "_key")

    def __init__(self, on_pass: Any, limit: int, key: int):
        super().__init__()
        self._on_pass, self._limit, self._key = on_pass, limit, key

    def append(self, item: Any, _append: Any = collections.deque.append, _len: Any = len) -> None:
        _append(self, item)  # (bound as defaults: this runs on every put, and local lookups are the cheapest)
        if _len(self) > self._limit:
            self.__class__ = _HighWaterPassed
            self._on_pass(self._key)


class _HighWaterPassed(_HighWater):
    __slots__ = ()
    append = collections.deque.append  # type: ignore[assignment]


for _kind in (_HighWater, _HighWaterPassed):
    _kind.__name__ = "deque"  # as the queue's repr shows it


def _loop_method(code: Any) -> bool:
    """A method of asyncio's loop, or the ``create_task`` wrapper of tasks.py (it makes the program's tasks itself
    on asyncio's loop)."""
    return code.co_filename == base_events.__file__ or code in _CREATING


def _from_asyncio(frame: Any) -> bool:
    name = frame.f_code.co_filename if frame is not None else ""
    return "asyncio" in name and name.endswith(("queues.py", "locks.py", "futures.py", "tasks.py"))


def _from_checked_object(frame: Any) -> bool:
    name = frame.f_code.co_filename if frame is not None else ""
    return "asyncio" in name and name.endswith(("queues.py", "locks.py"))


def _asyncio_object(frame: Any, kind: str = "Future") -> str:
    """The outermost asyncio object on the way in: `Queue` for put_nowait -> _wakeup_next -> set_result."""
    while frame is not None and _from_asyncio(frame):
        owner = frame.f_locals.get("self")
        if owner is not None:
            kind = type(owner).__name__
        frame = frame.f_back
    return kind
