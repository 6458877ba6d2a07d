"""Tasks the program creates: the line that created each one, tasks whose handle was dropped while they run
(ACK302), and task failures nobody saw (ACK302/303 from the loop's exception handler).

``loop.create_task`` is wrapped at class level (``asyncio.create_task``, ``ensure_future`` and
``TaskGroup.create_task`` all end there). Only tasks created by the program's own code are followed: the
wrapper looks past asyncio's own task-creating functions to the frame that called them, and a task created by
asyncio for itself (``gather``, ``shield``, ``wait_for``, the main task of ``asyncio.run``) or by a library is
left alone, at the cost of one frame walk.

A dropped handle is told by reference counts, without a GC run. A pending task that is not running is held by
the loop exactly once: through the ``Handle`` of its next step when it is ready, through the wake-up callback
on the future (or task) it awaits when it waits. A kept task has one more reference per holder (a local, a
set, a list, ``gather``, a ``TaskGroup``, ``shield``...). Checked on CPython 3.9-3.13, for asyncio's loop and
uvloop's alike (tests/runtime/test_tasks.py). Each task is looked at once, in a callback the loop runs at its
next iteration after the creation, when the step that created it has ended: whatever that step still holds is
in a live frame or object by then, and everything else is gone.
"""
from __future__ import annotations

import _weakrefset
import ast
import asyncio
import dis
import inspect
import linecache
import os
import re
import sys
import weakref
from asyncio import base_events, events, tasks as asyncio_tasks
from typing import Any, Dict, List, Optional, Tuple

from asynccheck.findings import Related
from asynccheck.runtime import program_tasks, threads
from asynccheck.runtime.code_cache import CodeCache
from asynccheck.runtime.creation_stacks import without_ours
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder
from asynccheck.runtime.threads import located, recompiled
from asynccheck.wording import HELD_BY_TIMER, HELD_BY_WORKER, HELD_UNTIL_DONE

_getframe = sys._getframe
_getrefcount = sys.getrefcount
_get_running_loop = events._get_running_loop
_ref = weakref.ref
Site = Tuple[str, int]

# What holds a dropped pending task at the check: the loop (one reference), its entry in the batch being
# checked, the loop variable, and getrefcount's own argument.
_DROPPED_REFS = 1 + 3
# what a coroutine's own suspension points compile to (await, async with, async for), 3.9-3.13
_SUSPENDING = frozenset({"GET_AWAITABLE", "GET_ANEXT", "BEFORE_ASYNC_WITH", "SETUP_ASYNC_WITH"})


def _passing_through() -> frozenset:
    """Code of asyncio's functions that create a task for their caller: the line that matters is the caller's.
    (``ensure_future`` is not one: its frames are also gather's way to ``create_task``, see ``_ensure_future``.)"""
    functions = [asyncio_tasks.create_task]
    taskgroups = sys.modules.get("asyncio.taskgroups")
    if taskgroups is not None:
        functions.append(taskgroups.TaskGroup.create_task)
    # by identity: hashing a code object hashes its whole content (constants, nested code) every time
    return frozenset(id(f.__code__) for f in functions)


class TaskTracker:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        # id(task) -> (code, f_lasti) of the program's line that created it, the id of its coroutine, and when the
        # recorder has a scope (a test runner's test) that scope with a weak reference to the task: one tuple per
        # task. (A task of the checked kind made by the create_task wrapper carries its (code, f_lasti, scope) in a
        # slot of its own instead, ``_asynccheck_site``: see ``_site``.) A task's entry outlives the task until a new
        # task of the program takes its address: a dict about as big as the most tasks alive at once, with no weak
        # reference or callback per task outside a test runner; the coroutine's id tells a stale entry apart.
        self.sites: Dict[int, Tuple[Any, int, int, Optional[Tuple[str, Any]]]] = {}
        self._scope = recorder.scope
        recorder.task_scope = self.running_task_scope
        # loop -> tasks created on it since its last check (per loop: each loop's check runs on its own thread,
        # between its own steps); their lines are in ``sites`` (a task alive in a batch is its own entry there) or
        # on the task (``_site``)
        self._fresh: Dict[Any, List[Any]] = {}
        # loop -> its batch in ``_fresh``, for the loops whose closed test the create_task wrapper's short way makes
        # itself: uvloop's, and asyncio's whose class keeps the `_check_closed` installed (decided once per batch,
        # not at each task); a loop class with a `_check_closed` of its own takes the long way, which calls it
        self._short: Dict[Any, List[Any]] = {}
        self._plain_check: Any = None  # BaseEventLoop._check_closed when the wrapper was installed
        self._check_dropped = recorder.wants("ACK302")
        self._user_files: Dict[str, bool] = {}
        # id(code) -> offsets of its calls whose result it returns (``returned_calls``), for the codes that made tasks
        self._returning: Dict[int, frozenset] = {}
        self._returning_codes: List[Any] = []
        # id(coroutine code) -> whether it can suspend by itself (``_awaits``); the codes are kept alive with it (by
        # identity: hashing a code object hashes its whole content)
        self._awaiting: Dict[int, bool] = {}
        self._swallowing_files: Dict[str, bool] = {}  # file -> has an `except` that may catch CancelledError
        # how many gather() calls are creating their tasks right now: those tasks are asyncio's (held by the
        # gather), and a gather of 60k coroutines should not pay a frame walk for each
        self._gathering = [0]
        self._handles: Any = None  # the futures shield and gather hand the program (shields.py), while ACK302 is on
        # the coroutine the program's own `asyncio.ensure_future(...)` is making a task of right now
        self._ensuring: List[Any] = [None]
        # the coroutine a create_task wrapper is making a task of right now (by asyncio's or uvloop's own code): the
        # registry's test (``_REGISTERING``) lets that task by without looking at frames
        self._making: List[Any] = [None]
        # task_maker(loop class) -> MADE_BY_THE_WRAPPER: the program's tasks made of a checked kind, or None
        # (program_tasks.py: ACK401 on `task.cancel()` from another thread); set by the runtime
        self.task_maker: Any = lambda loop_cls: None

    def install(self, patches: Patches) -> None:
        if self.recorder.wants_any("ACK302", "ACK303", "ACK401", "ACK601", "ACK602"):
            self.patch_loop_class(base_events.BaseEventLoop, patches)
            registry = _task_registry()
            if registry is not None and (self.recorder.wants("ACK302") or self.recorder.wants("ACK303")):
                registering = _registering(registry, self._made_directly, self._user_files, self._making)
                if registering is not None:
                    patches.replace(weakref.WeakSet, "add", registering)
            patches.replace(asyncio, "ensure_future", self._ensure_future(asyncio_tasks.ensure_future))
            gather = self._gather(asyncio_tasks.gather)
            patches.replace(asyncio_tasks, "gather", gather)
            patches.replace(asyncio, "gather", gather)
            if self._check_dropped:
                from asynccheck.runtime.shields import ShieldWatch

                self._handles = ShieldWatch(self)
                self._handles.install(patches)

    def patch_loop_class(self, loop_cls: type, patches: Patches, check_thread: Any = None) -> None:
        """``check_thread(loop, method, caller)``, if given, is told of each call first (but those of ``gather``)."""
        patches.replace(loop_cls, "create_task",
                        self._creating(loop_cls.create_task, check_thread, self.task_maker(loop_cls),
                                       issubclass(loop_cls, base_events.BaseEventLoop)))

    def _creating(self, original: Any, check_thread: Any = None, make: Any = None, asyncio_loop: bool = True) -> Any:
        """``loop.create_task`` that notes the program's tasks (and makes them of the checked kind, when ``make``
        is ``MADE_BY_THE_WRAPPER``). It runs for every task (60k of them for one ``gather`` of 60k coroutines), so
        the way out for asyncio's own is short: one frame, one identity test."""
        through, tasks_globals, noted, gathering = _passing_through(), vars(asyncio_tasks), self._noted, self._gathering
        ensuring, user_files, is_user = self._ensuring, self._user_files, self.recorder.frames.is_user
        making = self._making
        own_tasks, user_file = _runs_the_programs_coroutine(), self._user_file
        main_task = _MAIN_TASK if self.recorder.wants_any("ACK601", "ACK602") else None
        may_swallow = self._may_swallow
        # the program's task is made here, as the loop's create_task would make it, without a frame of its own (a
        # call per task the program makes); on asyncio's loop, loop.py's foreign-thread check takes this frame for
        # the loop's create_task
        checked_task = program_tasks.Task if make is program_tasks.MADE_BY_THE_WRAPPER else None
        # The loop's RLock (runtime/owners.py) tells the short way that this thread runs the loop: a method call the
        # interpreter specialises, where `_get_running_loop()` is a generic call of a C function (and a getpid()
        # system call up to 3.11); with the `_closed` read below ~0.35k instructions less per task (spawn.py,
        # asyncio's loop, 3.11 and 3.13). asyncio's loops have one when the foreign-thread checks are on (else a read
        # that fails at every task would cost more than it saves). Not uvloop's: its lock is read through a property
        # (uvloop_steps.py), ~0.35k more than the call there
        owned_loops = asyncio_loop and (self.recorder.wants("ACK401") or self.recorder.wants("ACK402"))
        # On the loop's own thread both asyncio's `_check_closed` and loop.py's (which then only tests `_closed`)
        # answer by `_closed` alone: the short way reads it, for the loops in ``_short`` only (``_noted``)
        if asyncio_loop:
            self._plain_check = base_events.BaseEventLoop._check_closed
        returning, fresh_lists, check_dropped = self._returning, self._fresh, self._check_dropped
        short_lists = self._short
        # the short way (below) needs both: tasks of the checked kind, noted for the dropped-handle check
        known_callers = returning if checked_task is not None and check_dropped else {}
        scope = self._scope
        # What only the program's tasks need, in one closure cell: each cell of a function is copied into its frame
        # at every call and let go at its end (3.11+), ~15 instructions a cell, paid by each of gather's tasks too
        # (~300 instructions a task with the 19 cells these were; the tuple is unpacked on the way that reads them)
        program_only = (through, tasks_globals, noted, ensuring, user_files, is_user, own_tasks, user_file,
                        main_task, may_swallow, checked_task, owned_loops, returning, fresh_lists, check_dropped,
                        short_lists, known_callers, scope, asyncio_loop)

        # (the gather way's own make, see there: only where ``original`` is asyncio's create_task, guarded or not)
        inline = asyncio_loop and _asyncios_create_task(original)

        def create_task(loop: Any, coro: Any, *, name: Any = None, context: Any = None) -> Any:
            # pytest leaves a frame with this local out of a failure's traceback (a closed loop's RuntimeError)
            __tracebackhide__ = True  # noqa: F841
            if gathering[0] and name is None and context is None:
                # asyncio's own task for one of gather's coroutines (60k of them for one gather of 60k): made
                # straight away, ~20 bytecodes fewer than the way through the tests below
                making[0] = coro
                try:
                    # On asyncio's loop the task is made here as the loop's guarded create_task (scheduling.py)
                    # makes it, without its frame (~12 bytecodes and a Python call less per task): an open loop
                    # whose RLock this thread holds (owners.py: its own thread) and no task factory. Either
                    # `_check_closed` that create_task can call (asyncio's, loop.py's) says nothing then. Any
                    # other case (another thread, a closed loop, a factory, no owner yet) calls it
                    try:
                        owned = inline and loop._asynccheck_owner._is_owned()
                    except AttributeError:  # (3.12+: a loop with no owner yet; a loop class with __slots__)
                        owned = False
                    if owned and not loop._closed and loop._task_factory is None:
                        task = asyncio_tasks.Task(coro, loop=loop)
                    else:
                        task = original(loop, coro)
                finally:
                    making[0] = None
                try:
                    traceback = task._source_traceback  # (a list in debug mode only)
                except AttributeError:  # (a task factory's object of another kind)
                    traceback = None
                if traceback:
                    without_ours(task)
                return task
            # (set for the program's tasks made here too: this wrapper notes them, the registry need not look)
            making[0] = coro
            try:
                if not gathering[0]:  # (gathering: asyncio's own tasks, the hot path, straight to the making)
                    (through, tasks_globals, noted, ensuring, user_files, is_user, own_tasks, user_file, main_task,
                     may_swallow, checked_task, owned_loops, returning, fresh_lists, check_dropped, short_lists,
                     known_callers, scope, asyncio_loop) = program_only
                    frame = _getframe(1)
                    code = frame.f_code  # (read once per frame: each read of f_code is an audit event)
                    # The short way, for nearly every task of the program: a caller whose code made a task here
                    # before and was noted (so a code of the program's files, not asyncio's: its returned calls
                    # are known), on its loop's thread, a batch waiting, no task factory. Every test the long way
                    # below makes then answers the same (and uvloop's thread check finds nothing), so the task is
                    # made and noted as there, in ~115 bytecodes instead of ~170 (3.11)
                    offsets = known_callers.get(id(code))
                    if offsets is not None:
                        lasti = frame.f_lasti
                        owned = False
                        if owned_loops:
                            try:
                                owned = loop._asynccheck_owner._is_owned()
                            except AttributeError:  # (a loop class with __slots__: the running loop decides)
                                pass
                        if lasti not in offsets and (owned or _get_running_loop() is loop):
                            fresh = short_lists.get(loop)
                            if fresh is not None and (loop._task_factory if asyncio_loop
                                                      else loop.get_task_factory()) is None:
                                # (uvloop's loop has `_closed` too, read-only: its create_task tests it, not
                                # is_closed(), as the attribute is read here)
                                if loop._closed:
                                    raise RuntimeError("Event loop is closed")
                                task = checked_task(coro, loop=loop, name=name) if context is None else \
                                    checked_task(coro, loop=loop, name=name, context=context)
                                if task._source_traceback:  # (debug mode only)
                                    without_ours(task)
                                # (on the task itself, not in ``sites``: no id() of the task or its coroutine,
                                # no weak reference for a scope; the entry cannot outlive its task)
                                task._asynccheck_site = (code, lasti, scope[0])
                                fresh.append(task)
                                return task
                    task = running = None
                    user = mine = here = False
                    if check_thread is not None:
                        # (uvloop's ACK402: asyncio's loop checks itself; on the loop's own thread, nearly every
                        # call, the check would find nothing to say, and the note below reads the answer again)
                        running = _get_running_loop()
                        if running is not loop:
                            check_thread(loop, "create_task", frame)
                    if id(code) in through:
                        frame = frame.f_back  # asyncio.create_task(), TaskGroup.create_task(): their caller
                        code = frame.f_code
                    elif frame.f_globals is tasks_globals:
                        # the program's ensure_future (which notes the line), or its wait_for's task (ACK601)
                        if checked_task is not None and (coro is ensuring[0]
                                                         or _for_program(frame, own_tasks, user_file)):
                            mine = True
                        frame = None  # else gather, shield, ensure_future...: asyncio's own
                    if frame is not None:
                        filename = code.co_filename
                        user = user_files.get(filename)
                        if user is None:
                            user = user_files[filename] = is_user(filename)
                        if checked_task is not None and (user or (code is main_task and may_swallow(coro))):
                            mine = True
                    # (else the loop's task factory makes it, below: uvloop's is read through its method)
                    if mine and (loop._task_factory if asyncio_loop else loop.get_task_factory()) is None:
                        if asyncio_loop:
                            loop._check_closed()
                        elif loop.is_closed():
                            raise RuntimeError("Event loop is closed")
                        task = checked_task(coro, loop=loop, name=name) if context is None else \
                            checked_task(coro, loop=loop, name=name, context=context)
                        here = True
                else:
                    task = running = None
                    user = False
                if task is None:
                    # (called from this frame, not a helper's: a warning the task factory raises with a stacklevel
                    # is placed as without asynccheck when one frame of ours is counted, see warning_sites.py)
                    if context is None:  # (not passed on: Python 3.9 and 3.10 have no such argument)
                        task = original(loop, coro) if name is None else original(loop, coro, name=name)
                    else:
                        task = original(loop, coro, name=name, context=context)
            finally:
                making[0] = None  # (not kept alive; a nested create_task's task is found from the frames)
            if getattr(task, "_source_traceback", None):  # (debug mode only)
                without_ours(task)
            if user:  # (the program's file: ``created`` without asking again)
                if here and check_dropped:
                    # ``_noted`` inline for a task made just now above (nearly every task of the program, on
                    # asyncio's loop or uvloop's; a call per task is ~900 instructions): its coroutine is ``coro``, not
                    # done yet. Its code's returned calls known, not one of them, on its loop's thread, a batch waiting
                    # for the check; any other case takes the call
                    offsets = returning.get(id(code))
                    # (running: read above on uvloop; a loop that tested false would only be read again)
                    if offsets is not None and frame.f_lasti not in offsets and \
                            (running or _get_running_loop()) is loop:
                        fresh = fresh_lists.get(loop)
                        if fresh is not None:
                            task._asynccheck_site = (code, frame.f_lasti, scope[0])
                            fresh.append(task)
                            return task
                noted(task, loop, frame)
            return task

        create_task.__wrapped__ = original  # type: ignore[attr-defined]
        _CREATING.add(create_task.__code__)
        return create_task

    def _made_directly(self, task: Any, frame: Any) -> None:
        """``task`` is being registered by asyncio, its maker's caller in ``frame``, a frame of the program's
        files (or of a file not looked at yet): a task the program made with ``asyncio.Task(coro)`` (or a
        subclass of its own), which no ``create_task`` saw. Tasks made through ``create_task`` (with a task
        factory of the program's, whose frame this is then) are noted there."""
        if not self._user_file(frame.f_code.co_filename) or not isinstance(task, asyncio.Task):
            return
        outer = frame.f_back
        for _ in range(8):  # a factory is called by asyncio's create_task (or uvloop's C one) in our wrapper
            if outer is None:
                break
            if outer.f_code in _CREATING:
                return
            outer = outer.f_back
        self.created(task, task.get_loop(), frame)

    def _gather(self, original: Any) -> Any:
        gathering, tracker = self._gathering, self

        def gather(*coros_or_futures: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as create_task)
            gathering[0] += 1
            try:
                outer = original(*coros_or_futures, **kwargs)
            finally:
                gathering[0] -= 1
            if tracker._handles is not None:  # (its future dropped: ACK302, as a dropped shield's; shields.py)
                tracker._handles.gathered(outer, coros_or_futures, _getframe(1))
            return outer

        gather.__wrapped__ = original  # type: ignore[attr-defined]
        return gather

    def _ensure_future(self, original: Any) -> Any:
        """``asyncio.ensure_future`` as the program calls it; asyncio's own modules call theirs, unwrapped."""
        created, ensuring, user_file = self.created, self._ensuring, self._user_file

        def ensure_future(coro_or_future: Any, *, loop: Any = None) -> Any:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as create_task)
            frame = _getframe(1)
            if not user_file(frame.f_code.co_filename) or asyncio.ensure_future is not ensure_future:
                # a library's; or the checks are over, and this is a copy taken while they ran (uvloop binds
                # asyncio.ensure_future when it is imported): it must not go on noting tasks for them
                return original(coro_or_future, loop=loop)
            outer, ensuring[0] = ensuring[0], coro_or_future  # create_task makes it of the program's kind
            try:
                task = original(coro_or_future, loop=loop)
            finally:
                ensuring[0] = outer
            if task is not coro_or_future and isinstance(task, asyncio.Task):
                without_ours(task)  # (this frame was in its creation stack, between the program's and asyncio's)
                created(task, task.get_loop(), frame)
            return task

        ensure_future.__wrapped__ = original  # type: ignore[attr-defined]
        return ensure_future

    def _may_swallow(self, coro: Any) -> bool:
        """The main task's coroutine (``asyncio.run(main())``) is defined in a file of the program with an
        ``except`` clause that catches ``CancelledError`` (by that name, ``BaseException`` or bare): then the main
        task is made of the program's kind, so that a cancellation it swallows is seen (ACK601). Read once per
        file; a program whose main file catches nothing of the kind keeps asyncio's task there (a Python task
        subclass costs each step of it, and the main task often does all the work)."""
        code = _coro_code(coro)
        filename = getattr(code, "co_filename", None)
        if filename is None or not self._user_file(filename):
            return False
        if self._may_catch(filename):
            return True
        # the swallow may be in a coroutine of another of the program's modules that main() awaits: any module
        # of the program imported by now (a `python -m` package's helpers, a library layer of the program's own)
        for module in list(sys.modules.values()):
            other = getattr(module, "__file__", None)
            if other and other.endswith(".py") and self._user_file(other) and self._may_catch(other):
                return True
        return False

    def _may_catch(self, filename: str) -> bool:
        found = self._swallowing_files.get(filename)
        if found is None:
            found = self._swallowing_files[filename] = any(_CATCHES_CANCEL.match(line)
                                                           for line in linecache.getlines(filename))
        return found

    def _user_file(self, filename: str) -> bool:
        user = self._user_files.get(filename)
        if user is None:
            user = self._user_files[filename] = self.recorder.frames.is_user(filename)
        return user

    def created(self, task: Any, loop: Any, frame: Any) -> None:
        """``task`` was just created by the code running in ``frame``: note the line, if it is the program's."""
        if self._user_file(frame.f_code.co_filename):
            self._noted(task, loop, frame)

    def _noted(self, task: Any, loop: Any, frame: Any) -> None:
        """``created`` for a ``frame`` of the program's files."""
        code = frame.f_code  # (read once: each read of f_code is an audit event)
        offsets = self._returning.get(id(code))
        if offsets is None:
            offsets = self._returned_calls(code)
        if frame.f_lasti in offsets:
            frame = self._receiver(frame)
            code = frame.f_code
        # the line is found when a finding needs it (``_line``): ``f_lineno`` scans the code's line table up to
        # the call at each task made (~700 instructions per task on 3.11, whether or not anything is reported)
        scope = self._scope[0]
        self.sites[id(task)] = (code, frame.f_lasti, id(coro_of(task)), scope and (scope, _ref(task)))
        if self._check_dropped and not task.done():
            running = _get_running_loop()
            # only on the loop's own thread (from another thread create_task is ACK402 itself)
            if running is loop or (running is None and not loop.is_running()):
                fresh = self._fresh.get(loop)
                if fresh is None:
                    fresh = self._fresh[loop] = []
                    if not isinstance(loop, base_events.BaseEventLoop) or \
                            type(loop)._check_closed is self._plain_check:
                        self._short[loop] = fresh
                    loop.call_soon(self.check_fresh, loop)
                fresh.append(task)

    def _returned_calls(self, code: Any) -> frozenset:
        """The offsets of the calls in ``code`` whose result it returns (memoised per code object)."""
        self._returning[id(code)] = offsets = returned_calls(code)
        self._returning_codes.append(code)  # (kept alive: its id stays its own)
        return offsets

    def _receiver(self, frame: Any) -> Any:
        """The frame a task made in ``frame`` is handed to: a wrapper of the program's that returns the task it made
        (a loop subclass's ``create_task`` calling ``super()``, a ``spawn(coro)`` helper) gives it to its caller, and
        a caller that drops it is the line to change. Up to a few such wrappers; never into code not the program's."""
        for _ in range(4):
            outer = frame.f_back
            if outer is None or not self._user_file(outer.f_code.co_filename):
                break
            frame = outer
            offsets = self._returning.get(id(frame.f_code))
            if offsets is None:
                offsets = self._returned_calls(frame.f_code)
            if frame.f_lasti not in offsets:
                break
        return frame

    def check_fresh(self, loop: Any) -> None:
        """ACK302 for each task created on ``loop`` since its last check that only the loop holds now."""
        batch = self._fresh.pop(loop, ())
        self._short.pop(loop, None)
        for task in batch:
            refs = _getrefcount(task)
            if refs == _DROPPED_REFS:
                if not task.done() and not self._ends_in_first_step(task):
                    self._report_dropped(task, self._site(task, coro_of(task)))
            elif refs == _DROPPED_REFS - 1 and task.done():
                # Nothing holds it, not even the loop: a batch's first task has run its first step by now, and
                # this one ended there. Its handle was dropped all the same, and if its coroutine awaits, it ended
                # only because what it awaited was ready this time (a websocket send with room in the buffer):
                # under load it waits, held by nothing but the loop (a coroutine that never awaits, or a task that
                # failed, which is ACK303 when freed, is not this)
                coro = coro_of(task)
                if coro is not None and not task.cancelled() and not getattr(task, "_log_traceback", True) \
                        and self._awaits(_coro_code(coro)):
                    self._report_dropped(task, self._site(task, coro), finished=True)
        del batch

    def _ends_in_first_step(self, task: Any) -> bool:
        """A task not started yet whose coroutine never awaits: it will end in its first step, as one that ran
        already did (below), whether this check came before that step (another task made earlier in the same step
        scheduled it) or after."""
        coro = coro_of(task)
        try:
            return inspect.getcoroutinestate(coro) == inspect.CORO_CREATED and not self._awaits(_coro_code(coro))
        except (AttributeError, TypeError):  # (not a native coroutine: a generator-based one, an awaitable)
            return False

    def _awaits(self, code: Any) -> bool:
        """Whether ``code`` has a suspension point of its own (await, async for, async with): memoised per code."""
        if code is None:
            return False
        known = self._awaiting.get(id(code))
        if known is None:
            known = self._awaiting[id(code)] = any(ins.opname in _SUSPENDING for ins in dis.get_instructions(code))
            self._returning_codes.append(code)
        return known

    def _site(self, task: Any, coro: Any) -> Optional[Tuple[Any, ...]]:
        """(code, f_lasti, ...) of the program's line that made ``task`` (running ``coro``), or None if not noted."""
        site = getattr(task, "_asynccheck_site", None)  # (the checked kind, made by the wrapper: its own)
        if site is None:
            site = self.sites.get(id(task))
            if site is None or site[2] != id(coro):  # (a dead task's entry at the same address)
                return None
        return site

    def _maker_scope(self, task: Any, coro: Any) -> Optional[str]:
        """The scope the program's ``task`` was made in, when that is not the scope running now (a test's task
        failing while the next test runs): whose finding it is. None when it is the same, or not known."""
        own = getattr(task, "_asynccheck_site", None)
        if own is not None:  # (the task's own: no other task's entry)
            scope = own[2]
            return scope if scope and scope != self._scope[0] else None
        _code, _lasti, coro_id, made_in = self.sites.get(id(task), (None, None, None, None))
        if not made_in or coro_id != id(coro):
            return None
        # (by the task itself: a dead task's entry can match a task not the program's, and its coroutine, both
        # at the dead ones' addresses, as a test runner's next test task does)
        scope, task_ref = made_in
        return scope if task_ref() is task and scope != self._scope[0] else None

    def running_task_scope(self) -> Optional[str]:
        """The scope the task running on this thread's loop was made in, when not the one running now."""
        loop = _get_running_loop()
        task = asyncio.current_task(loop) if loop is not None else None
        return self._maker_scope(task, coro_of(task)) if task is not None else None

    def _report_dropped(self, task: Any, site: Optional[Tuple[Any, ...]], finished: bool = False) -> None:
        coro = coro_of(task)
        code = _coro_code(coro)
        name = _qualname(code)
        related = (Related(code.co_filename, code.co_firstlineno, f"{name}() is defined here"),) if code else ()
        when = ("dropped: it finished in its first step this time, as what it awaited was ready, and when it waits"
                if finished else "dropped while the task runs:")
        holder = _held_until_done(code)
        fate = HELD_UNTIL_DONE.format(holder=holder) if holder else (
            "the event loop keeps no reference of its own, so the task can be garbage-collected mid-flight, and no "
            "code of yours retrieves its exception (at most the loop logs it)")
        self.recorder.report(
            "ACK302", f"the handle of task {task.get_name()!r} running {name}() was {when} "
            f"{fate}; keep it in a set (with a discard callback) or a TaskGroup", None,
            where=_line(site) if site is not None else None,
            task=task.get_name(), related=related, thread=None,
            test=self._maker_scope(task, coro) or "")

    def report_dropped_shield(self, inner: Any, site: Tuple[Any, ...]) -> None:
        """ACK302 at ``site``: the program dropped the future ``shield`` gave it, the one handle on ``inner``."""
        coro = coro_of(inner) if inner is not None else None
        code = _coro_code(coro)
        name = _qualname(code)
        related = (Related(code.co_filename, code.co_firstlineno, f"{name}() is defined here"),) if code else ()
        self.recorder.report(
            "ACK302", f"the future of `asyncio.shield({name}())` was dropped while the task shield made runs: it was "
            "the only handle on that task, which the event loop keeps no reference of its own to, so the task can "
            "be garbage-collected mid-flight, and no code of yours retrieves its exception; keep the future (or a "
            "task made with create_task, then shielded) in a set (with a discard callback)", None,
            where=_line(site), task=inner.get_name() if inner is not None else None, related=related, thread=None,
            test=self._scope[0] or "")

    def report_dropped_gather(self, children: Any, site: Tuple[Any, ...]) -> None:
        """ACK302 at ``site``: the program dropped the future ``gather`` gave it, the one handle on its tasks."""
        names = sorted({_qualname(_coro_code(coro_of(child))) for child in children
                        if isinstance(child, asyncio.Task) and coro_of(child) is not None})
        self.recorder.report(
            "ACK302", "the future returned by `asyncio.gather(...)` was dropped while the tasks it made run"
            + (f" ({', '.join(n + '()' for n in names)})" if names else "") + ": it was the only handle on them, "
            "which the event loop keeps no reference of its own to, so they can be garbage-collected mid-flight, "
            "and no code of yours retrieves their exceptions; `await` it, or keep it", None,
            where=_line(site), task=None, related=(), thread=None, test=self._scope[0] or "")

    # -- the loop's exception handler ----------------------------------------------------------------------------
    def task_failure(self, context: Dict[str, Any]) -> None:
        """ACK303 for "Task exception was never retrieved", ACK302 for "Task was destroyed but it is pending!"."""
        message = context.get("message", "")
        task = context.get("task") or context.get("future")
        if not isinstance(task, asyncio.Task):
            return
        coro = coro_of(task)
        code = _coro_code(coro)
        name = _qualname(code)
        site = self._site(task, coro)
        created = (_line(site) if site is not None else None) or _origin(self.recorder, coro)
        test = self._maker_scope(task, coro) or ""  # (not the task running the exception handler's)
        defined = (code.co_filename, code.co_firstlineno) if code is not None else None
        # asyncio names the future's class: "TracedTask exception was never retrieved" for a subclass of Task
        if message.endswith(" exception was never retrieved"):
            exc = context.get("exception")
            if isinstance(exc, (SystemExit, KeyboardInterrupt)):
                # asyncio's task step re-raises these out of the loop after storing them (`sys.exit()` in a task
                # ends the program): the error did not vanish, and the task's handle is nobody's to await
                return
            raised = _raise_site(self.recorder, exc) or defined
            related = (Related(raised[0], raised[1], "where the exception was raised"),) if raised and created else ()
            self.recorder.report(
                "ACK303", f"task {task.get_name()!r} running {name}() failed with {type(exc).__name__}: {exc} and "
                "nobody retrieved the exception; await the task or use a TaskGroup", None, task=task.get_name(),
                where=created or raised, related=related, test=test)
        elif message.startswith("Task was destroyed but it is pending"):
            related = (Related(defined[0], defined[1], f"{name}() is defined here"),) if defined and created else ()
            self.recorder.report(
                "ACK302", f"task {task.get_name()!r} running {name}() was garbage-collected while still pending: "
                "nothing kept a reference to it; keep tasks in a set or a TaskGroup", None, task=task.get_name(),
                where=created or defined, related=related, test=test)


# the code of each create_task wrapper (a task made under one is noted by it, not by the registry)
_CREATING: set = set()


# Run first in WeakSet.add when the set is asyncio's registry of tasks (a WeakSet the C ``Task.__init__`` adds
# each new task to): the one place that sees ``asyncio.Task(coro)`` called by the program itself, which goes
# through no ``create_task``. A task of the coroutine a create_task wrapper is making one of (nearly every task) is
# that wrapper's to note: one attribute read (``_coro``: no method call, as ``get_coro()`` was; a task being
# registered has not run yet, so it still holds its coroutine). Else the caller of ``Task(...)`` is the frame below add's (the C
# constructor has none); a file already known not to be the program's costs one dict look. (A coroutine, not a
# flag: a task made meanwhile on another thread is tested on its own.)
_REGISTERING = """\
if {self} is _asynccheck_registry:
    try:
        _asynccheck_wrapped = {item}._coro is _asynccheck_making[0]
    except Exception:  # (a task class of another kind, registered through asyncio's _register_task)
        _asynccheck_wrapped = False
    if not _asynccheck_wrapped:
        _asynccheck_frame = _asynccheck_getframe(1)
        if _asynccheck_files.get(_asynccheck_frame.f_code.co_filename) is not False:
            _asynccheck_made({item}, _asynccheck_frame)
"""


def _registering(registry: Any, made: Any, user_files: Dict[str, bool], making: List[Any]) -> Any:
    """WeakSet.add recompiled with ``_REGISTERING`` first (``made(task, frame)`` told of a task whose maker's caller
    may be the program's), or None when its source is not what runs. Not a wrapper, nor a class or an ``add`` of
    the registry's own: the registry's attributes then lost the reads WeakSet.add's code is specialised for (the
    object's inline values become a dict). With a class of its own and the wrapper's frame, the registry cost ~3,300
    instructions per task, ~1,600 so (callgrind, 60k-task workload on uvloop, 3.11); every other WeakSet pays one
    identity test."""

    def edit(function: Any, self_name: str) -> bool:
        body = function.body
        if len(function.args.args) != 2 or (isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)):
            return False  # (another signature, or a docstring to keep first)
        body[0:0] = located(_REGISTERING.format(self=self_name, item=function.args.args[1].arg), body[0])
        return True

    cache = CodeCache((__file__, threads.__file__, getattr(_weakrefset, "__file__", None)))
    try:
        return recompiled(weakref.WeakSet, "add", ast.FunctionDef, edit, {
            "_asynccheck_registry": registry, "_asynccheck_getframe": _getframe, "_asynccheck_files": user_files,
            "_asynccheck_made": made, "_asynccheck_making": making}, cache, "registering")
    finally:
        cache.save()


def _task_registry() -> Any:
    """The WeakSet the C task registers each new task in (3.12+: the tasks that are not eager), or None."""
    for name in ("_scheduled_tasks", "_all_tasks"):
        registry = getattr(asyncio_tasks, name, None)
        if type(registry) is weakref.WeakSet:
            return registry
    return None


# the frame that makes the main task of `asyncio.run` (3.11+: `Runner.run`; ACK601 needs 3.11)
_runners = sys.modules.get("asyncio.runners")
_MAIN_TASK = getattr(getattr(getattr(_runners, "Runner", None), "run", None), "__code__", None)
# `except:`, `except CancelledError`, `except (asyncio.CancelledError, ...)`, `except BaseException as e` ...
_CATCHES_CANCEL = re.compile(r"\s*except\s*(:|[^:#]*\b(CancelledError|BaseException)\b)")


def _runs_the_programs_coroutine() -> frozenset:
    """Code of asyncio's functions that make a task of a coroutine the program hands them, and cancel it: the
    task ``wait_for`` runs its coroutine in (up to 3.11). Those tasks are made of the program's kind
    (program_tasks.py), so that their ``cancel`` is checked too (ACK601: a timeout the coroutine swallowed).
    Not the main task of ``asyncio.run``, unless its file may catch a CancelledError (``_may_swallow``): of the
    program's kind, it cost the TCP workload, whose main task does all the work, 0.7% more instructions and the
    tasks workload ~1% (callgrind, 3.11)."""
    return frozenset({id(asyncio_tasks.wait_for.__code__)})  # (by identity, as in _passing_through)


def _for_program(frame: Any, own_tasks: frozenset, user_file: Any) -> bool:
    """The task being made by asyncio's task module (``frame``) is for ``wait_for`` called by the program."""
    frame = frame.f_back
    while frame is not None and frame.f_code.co_name in ("ensure_future", "_ensure_future"):
        frame = frame.f_back
    return (frame is not None and id(frame.f_code) in own_tasks and frame.f_back is not None
            and user_file(frame.f_back.f_code.co_filename))


_CALLS = frozenset(name for name in dis.opmap if name.startswith("CALL") and name not in ("CALL_INTRINSIC_1",
                                                                                       "CALL_INTRINSIC_2"))
_RETURNS = frozenset({"RETURN_VALUE"})
_STORES = frozenset({"STORE_FAST", "STORE_NAME", "STORE_DEREF"})
_LOADS_LOCAL = frozenset({"LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_NAME", "LOAD_DEREF", "LOAD_FAST_AND_CLEAR"})


def returned_calls(code: Any) -> frozenset:
    """Offsets of the calls in ``code`` whose result the function returns: ``return make(...)``, or
    ``t = make(...)`` with a ``return t`` somewhere in it."""
    try:
        instructions = [i for i in dis.get_instructions(code) if i.opname not in ("CACHE", "EXTENDED_ARG", "NOP")]
    except Exception:  # pragma: no cover - code dis cannot read
        return frozenset()
    returned_names = {first.argval for first, then in zip(instructions, instructions[1:])
                      if first.opname in _LOADS_LOCAL and then.opname in _RETURNS}
    offsets = set()
    for call, then in zip(instructions, instructions[1:]):
        if call.opname in _CALLS and (then.opname in _RETURNS
                                      or (then.opname in _STORES and then.argval in returned_names)):
            # (each offset up to the next instruction: a calling frame's f_lasti is at the call's last cache entry
            # on 3.11, say)
            offsets.update(range(call.offset, then.offset, 2))
    return frozenset(offsets)


def _asyncios_create_task(method: Any) -> bool:
    """``method`` is asyncio's ``BaseEventLoop.create_task``, or scheduling.py's guarded copy of it: with no task
    factory, on the loop's own thread and an open loop, it makes ``Task(coro, loop=loop)`` and nothing else
    (3.9-3.13; name and context None, as gather passes them)."""
    asyncios = getattr(method, "__wrapped__", method)
    return (getattr(asyncios, "__qualname__", None) == "BaseEventLoop.create_task"
            and getattr(getattr(asyncios, "__code__", None), "co_filename", None) == base_events.__file__)


def coro_of(task: Any) -> Any:
    """``task.get_coro()``, or None once the task let go of it: 3.12.0 and 3.12.1 crash (a NULL pointer) in
    ``get_coro()`` of an eager task that finished in its first step, which has none; ``_coro`` reads None there."""
    try:
        return task._coro
    except AttributeError:  # (a task class of another kind)
        return task.get_coro()


# Coroutines whose task a worker thread or the loop's timer holds until it is done (as the linter's
# tasks.HELD_UNTIL_DONE): asyncio's own by their code, anyio's (and starlette's run_in_threadpool over it) by where
# the code is, without importing anyio
_HELD_CODES = {asyncio.to_thread.__code__: HELD_BY_WORKER, asyncio.sleep.__code__: HELD_BY_TIMER}
_HELD_FILES = ((os.path.join("anyio", "to_thread.py"), "run_sync"),
               (os.path.join("starlette", "concurrency.py"), "run_in_threadpool"))


def _held_until_done(code: Any) -> str:
    if code is None:
        return ""
    holder = _HELD_CODES.get(code)
    if holder is None and any(code.co_name == name and code.co_filename.endswith(os.sep + path)
                              for path, name in _HELD_FILES):
        holder = HELD_BY_WORKER
    return holder or ""


def _coro_code(coro: Any) -> Any:
    return getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)


def _qualname(code: Any) -> str:
    return getattr(code, "co_qualname", getattr(code, "co_name", "?"))


def _origin(recorder: Recorder, coro: Any) -> Optional[Site]:
    """Where a coroutine was created, when origin tracking is on (a task created before the checker started,
    or not through ``loop.create_task``)."""
    for filename, line, _function in getattr(coro, "cr_origin", None) or ():
        if recorder.frames.is_user(filename):
            return (filename, line)
    return None


def _line(site: Tuple[Any, ...]) -> Site:
    """The (file, line) of a (code, ``f_lasti``, ...) noted at a task's creation: what the frame's ``f_lineno``
    said."""
    code, offset = site[0], site[1]
    line = None
    if offset < 0:
        line = code.co_firstlineno
    elif hasattr(code, "co_lines"):  # (3.10+: byte offsets, as f_lasti)
        line = next((found for start, end, found in code.co_lines() if start <= offset < end), None)
    else:
        for start, found in dis.findlinestarts(code):
            if start > offset:
                break
            line = found
    return code.co_filename, line or 0


def _raise_site(recorder: Recorder, exc: Any) -> Optional[Site]:
    tb = getattr(exc, "__traceback__", None)
    site = None
    while tb is not None:
        if recorder.frames.is_user(tb.tb_frame.f_code.co_filename):
            site = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return site
