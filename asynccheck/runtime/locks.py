"""ACK201 at run time: a threading lock (or semaphore) taken in a task and still held when the task suspends.

Locks made after installation are wrappers around the real C locks (``threading.Lock``/``RLock`` are factories,
so replacing them is enough); locks made before keep the C type and are not watched. Each task step runs as one
asyncio Handle: a lock released under another Handle than the one it was taken under was held across a
suspension. One still held is found by the watchdog, which sees the loop running another Handle.
"""
from __future__ import annotations

import _thread
import dis
import functools
import inspect
import operator
import os
import sys
import threading
import time
import weakref
from asyncio import base_events, events, tasks
from typing import Any, Dict, List, Optional, Tuple

from asynccheck.findings import Related
from asynccheck.runtime.blocking import call_position, chained
from asynccheck.runtime.frames import ASYNCCHECK_FILES, _LAUNCHERS, LOOP_ENTRIES, frame_line, line_at
from asynccheck.runtime.loop import current_handle
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder
from asynccheck.unpatched import absolute
from asynccheck.wording import REENTRANT_HELD

_REENTRANT = frozenset(("threading.RLock",))  # the kinds a thread may take again (see lint/locks.py)

_get_running_loop = events._get_running_loop
_perf = time.perf_counter
_CONTENDED = 0.001  # an acquire that waited longer than this on the loop's thread is ACK106
_YIELD_VALUE = dis.opmap["YIELD_VALUE"]
_YIELD_FROM = dis.opmap.get("YIELD_FROM", -1)  # how `await` suspends up to 3.10
_COROUTINE_FLAGS = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR | inspect.CO_ITERABLE_COROUTINE
_BASE_EVENTS, _EVENTS = base_events.__file__, events.__file__
_STACK_LIMIT = 40  # frames kept of a lock's stack (FrameFilter.positions' default)


# The standard library's own short-held state locks: a concurrent.futures Future's condition (taken by
# `wrap_future`/`run_in_executor` to add a done callback while a worker sets the result), a queue.Queue's
# mutex, an Event's condition. Waiting for one is waiting for another thread to finish a few lines, not a
# blocking call of the program: how long depends only on how the OS schedules that thread.
# (paths, not the modules: `queue` is imported only when the program does, for a fast start)
_STDLIB = os.path.dirname(threading.__file__)
_INTERNAL_FILES = (os.path.join(_STDLIB, "concurrent", "futures") + os.sep, os.path.join(_STDLIB, "queue.py"),
                   threading.__file__)


def _internal(frame: Any) -> bool:
    """The lock was taken by the standard library's synchronization code (``frame``: acquire's caller)."""
    while frame is not None and frame.f_code.co_name in ("__enter__", "acquire") and \
            frame.f_code.co_filename == threading.__file__:
        frame = frame.f_back  # `with condition:` / Condition.acquire: whoever took the condition
    return frame is not None and frame.f_code.co_filename.startswith(_INTERNAL_FILES)


class Held:
    __slots__ = ("lock", "loop", "handle", "task", "frame", "kind", "reported", "coroutine_frame", "since", "depth")

    def __init__(self, lock: Any, loop: Any, handle: Any, task: Any, frame: Any, kind: str):
        # the handle and the task by weak reference: the record must not keep a finished step's objects alive,
        # nor a task that ended holding the lock (the program may never release it)
        self.lock, self.loop, self.handle, self.task, self.frame, self.kind = lock, loop, handle, task, frame, kind
        self.reported = False
        self.coroutine_frame: Any = None  # the coroutine that took the lock, watched for its next suspension
        self.since = _perf()
        self.depth = 1  # an RLock (or a semaphore) taken again by the same task: held until the outermost release

    def site(self) -> Tuple[str, int]:
        """Where the lock was taken: (path, line)."""
        code, offset = self.frame[0]
        return code.co_filename, line_at(code, offset)

    def task_name(self) -> str:
        task = self.task()
        return task.get_name() if task is not None else "?"

    def same_step(self, handle: Any) -> bool:
        return handle is not None and self.handle is not None and self.handle() is handle


class LockDetector:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self.held: Dict[Tuple[int, int], Held] = {}
        self._mutex = _thread.RLock()  # re-entrant: a finalizer may release a lock while this thread is here
        self._made_by: Dict[str, int] = {}  # file -> 1 the program's, 0 a library's or a tool's, -1 the stdlib's
        self._watched: Dict[int, List[Held]] = {}  # id(coroutine frame) -> the locks it holds
        watched, on_return, on_awaited = self._watched, self._on_return, self._on_awaited
        flags = _COROUTINE_FLAGS

        def profiler(frame: Any, event: str, arg: Any) -> None:
            # (a plain function: it runs at every call and return while a lock is watched)
            if event == "return":
                if id(frame) in watched:
                    on_return(frame)
                elif frame.f_code.co_flags & flags and frame.f_back is not None and id(frame.f_back) in watched:
                    on_awaited(frame)

        self._profiler = profiler  # `sys.getprofile() is self._profiler` tells that it is ours
        # what tells the loop's run_forever a lock was last taken under (see _step_stack), and the stack from
        # there outwards
        self._anchor: Tuple[Any, ...] = ()
        self._outer: Tuple[Tuple[Any, int], ...] = ()

    # -- the wrappers call these, only on a loop's thread ---------------------------------------------------
    def acquire(self, lock: Any, real_acquire: Any, loop: Any, blocking: bool, timeout: float, kind: str) -> bool:
        # out of pytest's tracebacks: what a signal handler raises in the wait (pytest-timeout, Ctrl-C) is the
        # program's, at its acquire line
        __tracebackhide__ = True  # noqa: F841
        # Who takes it is found before it is taken: once the real lock is held, each Python frame started here is
        # an event for a tracer or a sys.monitoring tool, whose callback may wait for this very lock (its own)
        # (only a lock whose release tells the detector can be followed from task to task)
        task = tasks._current_tasks.get(loop)
        taker = self._taker(sys._getframe(2), kind) if task is not None and getattr(lock, "_program", True) else None
        if real_acquire(False):
            got = True
        elif not blocking:
            return False
        else:
            blocked, thread = self.recorder.blocked_since, _thread.get_ident()
            outermost = thread not in blocked
            start = _perf()
            if outermost:
                blocked[thread] = start  # not a stall: the wait is reported as ACK106 below
            ready = None
            try:
                if getattr(lock, "_program", True):
                    got = real_acquire(True, timeout)
                else:
                    # a library's or a tool's lock, whose tool may take it in a callback that each Python frame
                    # started here calls: no report while it is held. The wait is cut at the threshold, so that
                    # what the report needs of the frames is worked out before the lock is held, and the report
                    # itself made once this thread no longer holds it (Recorder.deferred)
                    got = real_acquire(True, _CONTENDED if timeout < 0 or timeout > _CONTENDED else timeout)
                    if not got and (timeout < 0 or timeout > _CONTENDED):
                        try:
                            frame = sys._getframe(2)
                            ready = None if _internal(frame) else self.recorder.ready("ACK106", frame)
                        except Exception:  # a failure of ours must not reach the program
                            pass
                        got = real_acquire(True, -1 if timeout < 0 else max(0.0, timeout - (_perf() - start)))
            finally:
                if outermost:
                    blocked.pop(thread, None)
            waited = _perf() - start
            if ready is not None:  # (C calls only: the lock may be held)
                self.recorder.deferred.append(("ACK106", f"`{kind}.acquire()` waited {waited * 1000:.0f} ms for "
                                               "another thread on the event loop's thread", waited, ready))
                if not got:  # timed out: not held, nothing to wait for
                    try:
                        self.recorder.report_deferred()
                    except Exception:  # (as below)
                        pass
            elif waited > _CONTENDED and getattr(lock, "_program", True):
                try:
                    self._waited(kind, waited, sys._getframe(2))
                except Exception:  # the lock is the program's now: a failure of ours must not leave it held
                    pass
        if got and taker is not None:
            try:
                self._taken(lock, loop, task, taker[0], taker[1])
            except Exception:  # (as above)
                pass
        return got

    def made_by_program(self, frame: Any) -> bool:
        """Was the lock made by the program's code (``frame``: the caller of ``threading.Lock``)? The standard
        library makes locks for its caller (a Condition's, an Event's, a Queue's): its caller decides. A library's
        or a tool's lock (coverage's, asynccheck's) is not the program's: a task of the program cannot take it
        across an await but through the library's code, which ACK201 leaves alone anyway."""
        made_by, is_user, foreign = self._made_by, self.recorder.frames.is_user, self.recorder.frames.foreign
        while frame is not None:
            filename = frame.f_code.co_filename
            known = made_by.get(filename)
            if known is None:
                known = made_by[filename] = 1 if is_user(filename) else 0 if absolute(filename).startswith(
                    foreign) else -1  # -1: the standard library's (or Python's own, <frozen ...>)
            if known >= 0:
                return known == 1
            frame = frame.f_back
        return False

    def _step_stack(self, frame: Any, loop: Any) -> Tuple[Any, Tuple[Tuple[Any, int], ...]]:
        """(the Handle running in ``frame``'s stack, as ``current_handle`` finds it; the stack as
        ``FrameFilter.positions`` keeps it), in one walk that ends at ``loop``'s ``run_forever``: the frames from
        there outwards stay where they are while the loop runs, so they are read once per run of the loop. The
        run is told by the ``run_forever`` frame's address, its caller's position and the loop (weakly), not by
        the frame itself: kept, a frame keeps its callers' frames, and their locals, once they have returned
        (the program's function that called ``asyncio.run()``, and everything it held, lived on)."""
        inner: List[Tuple[Any, int]] = []
        handle, anchor = None, None
        in_step = True
        while frame is not None:
            code = frame.f_code
            filename = code.co_filename
            if code.co_name == "run_forever" and (filename == _BASE_EVENTS or code in LOOP_ENTRIES):
                anchor = frame
                break
            if filename in _LAUNCHERS:
                break
            if in_step and code.co_name == "_run" and filename == _EVENTS:
                handle, in_step = frame.f_locals.get("self"), False
            if len(inner) < _STACK_LIMIT and not filename.startswith(ASYNCCHECK_FILES):
                inner.append((code, frame.f_lasti))
            frame = frame.f_back
        outer: Tuple[Tuple[Any, int], ...] = ()
        if anchor is not None:
            caller = anchor.f_back
            run = (id(anchor), caller.f_code, caller.f_lasti) if caller is not None else (id(anchor),)
            known = self._anchor
            if known[:-1] != run or known[-1]() is not loop:
                self._outer = self.recorder.frames.positions(anchor)
                self._anchor = run + (_weak(loop),)
            outer = self._outer
        inner.reverse()
        return handle, (outer + tuple(inner))[-_STACK_LIMIT:]

    def _waited(self, kind: str, waited: float, frame: Any) -> None:
        if _internal(frame):
            return
        # as for every other blocking call: at the line where the program's coroutine (or the callback the loop
        # ran) entered the sync helper that waited (`store.put(k, v)`, whose `with self.lock:` waited), the
        # helper named in the message; the stack still ends at the acquire
        frames = self.recorder.frames
        entered = frames.entry(frame)
        site, callee = entered if entered is not None else (None, None)
        what = chained(frames, callee, frame, f"{kind}.acquire()")
        self.recorder.report("ACK106", f"{what} waited {waited * 1000:.0f} ms for another thread on the event "
                             "loop's thread", frame, duration=waited, raise_here=False,
                             where=call_position(site) if site is not None else None)

    def _taker(self, frame: Any, kind: str) -> Optional[Tuple[Any, str]]:
        """(the program's frame that takes the lock, the kind of lock it takes) when a task of the program takes
        it (``frame``: acquire's caller); None for the standard library's internal locks (executors, queues),
        which are its business (semaphores there are signals, not locks), and a tool's."""
        if frame.f_code.co_name == "__enter__" and frame.f_code.co_filename == threading.__file__:
            frame, kind = frame.f_back, "threading.Condition"  # `with condition:` takes its lock
        if frame is not None and self.recorder.frames.is_user(frame.f_code.co_filename):
            return frame, kind
        return None

    def _taken(self, lock: Any, loop: Any, task: Any, frame: Any, kind: str) -> None:
        handle, stack = self._step_stack(frame, loop)
        if handle is None and isinstance(loop, base_events.BaseEventLoop):
            return  # taken outside any step (a loop being set up): nothing to suspend across
        key = (id(lock), id(task))
        with self._mutex:
            again = self.held.get(key)
            if again is not None:
                again.depth += 1
                return
        # on uvloop there is no Python Handle: the profile function alone sees the suspension
        step = weakref.ref(handle) if handle is not None else None
        # where it was taken, copied now: the frame moves on, and holding it would keep its locals alive. Taken
        # by a sync helper or a context manager (`with locked():`), the line is the coroutine's call of it, as
        # the linter reports it: the helper is fine where nothing awaits inside it (the stack still ends there)
        entered = self.recorder.frames.entry(frame)
        taker = entered[0] if entered is not None else frame
        # (code, offset) pairs: the lines are read only if it is reported (frames.positions)
        # (the callback names the key, not the entry: the entry would hold itself, a cycle per lock taken)
        ended = weakref.ref(task, lambda _task, key=key: self._ended(key))
        entry = Held(lock, loop, step, ended, ((taker.f_code, taker.f_lasti), stack), kind)
        with self._mutex:
            self.held[key] = entry
        self._watch(entry, frame)

    def release(self, lock: Any) -> None:
        # the profile function (on while a lock is held in this step) is off while this runs: each call made here
        # would be an event for it, a Python call each (~15 of them, a tenth of what a lock costs)
        profiling = sys.getprofile() is self._profiler
        if profiling:
            sys.setprofile(None)
        try:
            loop = _get_running_loop()
            task = tasks._current_tasks.get(loop) if loop is not None else None
            with self._mutex:
                entry = self.held.get((id(lock), id(task)))
                if entry is not None and entry.depth > 1:
                    entry.depth -= 1
                    return
                entry = self.held.pop((id(lock), id(task)), None)
                if entry is None:
                    for key, other in list(self.held.items()):
                        if other.lock is lock:
                            entry = self.held.pop(key)
                            break
            if entry is not None:
                self._unwatch(entry)
            if entry is None or entry.reported or loop is not entry.loop or entry.handle is None:
                return  # released by another thread (a semaphore used as a signal), or left to the profile function
            if not entry.same_step(current_handle(sys._getframe(1))):
                self._report(entry, None)
        finally:
            if profiling and self._watched:
                sys.setprofile(self._profiler)  # (other locks still watched: as _unwatch leaves it)

    def _ended(self, key: Tuple[int, int]) -> None:
        """The task of ``key`` is gone, still holding the lock (it ended without releasing it, and nothing holds
        it): its record goes too (a new task may take the task's address)."""
        with self._mutex:
            entry = self.held.get(key)
            if entry is None or entry.task() is not None:
                return
            del self.held[key]
        self._unwatch(entry)

    # -- catching the suspension itself -------------------------------------------------------------------
    # While a task holds a lock, a profile function on the loop's thread waits for the coroutine that took it
    # (the innermost one, when a sync helper or a context manager took it) to yield (its `await`): that is the
    # moment, and the line, the lock is held across. It needs no Handle, so it works on uvloop too. It runs only
    # during such windows, which a correct program never opens.
    def _watch(self, entry: Held, frame: Any) -> None:
        frame = _coroutine_of(frame)
        if frame is None:
            return
        current = sys.getprofile()
        if current is not None and current is not self._profiler:
            return  # someone else profiles this thread: the release and the watchdog still find it
        entry.coroutine_frame = frame
        self._watched.setdefault(id(frame), []).append(entry)
        sys.setprofile(self._profiler)

    def _unwatch(self, entry: Held) -> None:
        frame, entry.coroutine_frame = entry.coroutine_frame, None
        if frame is not None:
            entries = self._watched.get(id(frame), ())
            if entry in entries:
                entries.remove(entry)
            if not entries:
                self._watched.pop(id(frame), None)
            if not self._watched and sys.getprofile() is self._profiler:
                sys.setprofile(None)

    def _on_return(self, frame: Any) -> None:
        """The profile function saw a watched coroutine frame return: it finished, or it suspends."""
        entries = self._watched.get(id(frame))
        if not entries or entries[0].coroutine_frame is not frame:
            return
        if not _yielding(frame):
            # it finished with the lock held: the coroutine that awaited it (if any: a task's own coroutine was
            # called by the loop) carries the lock on
            caller = frame.f_back
            if caller is not None and not caller.f_code.co_flags & _COROUTINE_FLAGS:
                caller = None
            for entry in list(entries):
                self._unwatch(entry)
                if caller is not None:
                    if frame.f_code.co_name == "__aenter__":
                        # entered by `async with Exclusive():`, the line to change, as for a sync context
                        # manager's `with locked():` and as the linter reports it (a coroutine of another name
                        # that returns holding the lock, `await claim()`, keeps its acquire line)
                        entry.frame = ((caller.f_code, caller.f_lasti), entry.frame[1])
                    self._watch(entry, caller)
            return
        self._report_at(entries, frame)

    def _on_awaited(self, callee: Any) -> None:
        """A coroutine that a watched coroutine (``callee.f_back``, holding a lock) awaits returned. When it
        finished without suspending although it has awaits of its own (`await writer.drain()` with room in the
        buffer, a cache hit before the fetch), the lock was held across an await that suspends another time
        (under load, on the next call): the same line, as the linter reports it, and as a blocking call is
        judged by what it can do rather than by what it met this time. A coroutine with no await of its own
        (`async def total(): return n`) can never suspend: not reported."""
        frame = callee.f_back
        entries = self._watched.get(id(frame))
        if not entries or entries[0].coroutine_frame is not frame or _yielding(callee) \
                or not _awaiting(frame) or not _can_suspend(callee.f_code):
            return
        self._report_at(entries, frame)

    def _report_at(self, entries: List[Held], frame: Any) -> None:
        """The watched locks of ``frame`` were held across the await it is at: each reported once, there."""
        site = (frame.f_code.co_filename, frame_line(frame))
        for entry in list(entries):
            self._unwatch(entry)
            if not entry.reported:
                entry.reported = True
                try:
                    self._report(entry, site)
                except Exception:  # raised from a profile function, it would surface at the program's await
                    pass

    def check(self, loop: Any, handle: Any, seen_at: float) -> None:
        """From the watchdog: when ``loop`` was seen running ``handle`` (at ``seen_at``), tasks holding a lock
        taken earlier in another step were suspended while holding it."""
        if not self.held:
            return
        with self._mutex:
            due = [e for e in self.held.values() if e.loop is loop and not e.reported and e.since < seen_at
                   and not e.same_step(handle)]
        for entry in due:
            task = entry.task()
            # the stack was read a moment ago: make sure the task is really parked, and where
            if task is None or tasks._current_tasks.get(loop) is task:
                continue
            site = _suspended_at(self.recorder, task)
            if site is None or entry.reported:
                continue
            entry.reported = True
            self._report(entry, site)

    def held_by_tasks(self, loop: Any) -> List[str]:
        """Each threading lock a task of ``loop`` holds now, where it was taken and where the task waits."""
        with self._mutex:
            entries = [e for e in self.held.values() if e.loop is loop]
        described = []
        for entry in entries:
            task = entry.task()
            if task is None:
                continue
            (path, line), waits = entry.site(), _suspended_at(self.recorder, task)
            text = f"{entry.kind} taken by task {task.get_name()!r} at {path}:{line}"
            described.append(text + (f", which is waiting at {waits[0]}:{waits[1]}" if waits else ""))
        return described

    def _report(self, entry: Held, await_site: Optional[Tuple[str, int]]) -> None:
        related = ()
        if await_site:
            related = (Related(await_site[0], await_site[1], "where the task awaited while holding it"),)
        where = f" (awaiting at line {await_site[1]})" if await_site else ""
        # a re-entrant lock is the thread's: the loop's other tasks walk in, only other threads wait
        others = REENTRANT_HELD if entry.kind in _REENTRANT else "other tasks that take it block the loop"
        self.recorder.report(
            "ACK201", f"a {entry.kind} taken by task {entry.task_name()!r} was still held when the task "
            f"suspended{where}: {others}; release it before awaiting or use asyncio.Lock", None, task=entry.task_name(), related=related, where=entry.site(),
            stack=self.recorder.frames.at_positions(entry.frame[1]))

    def reinit_after_fork(self) -> None:
        self._mutex = _thread.RLock()

    # -- installation ----------------------------------------------------------------------------------------
    def install(self, patches: Patches) -> None:
        if not (self.recorder.wants("ACK201") or self.recorder.wants("ACK106")):
            return
        detector = self
        real_lock, real_rlock = threading.Lock, threading.RLock

        def make_lock() -> "CheckedLock":
            made = CheckedLock if detector.made_by_program(sys._getframe(2)) else ForeignLock
            return made(real_lock(), detector, "threading.Lock")

        def make_rlock(*args: Any, **kwargs: Any) -> "CheckedRLock":
            made = CheckedRLock if detector.made_by_program(sys._getframe(2)) else ForeignRLock
            return made(real_rlock(*args, **kwargs), detector, "threading.RLock")

        patches.replace(threading, "Lock", _stand_in("Lock", real_lock, make_lock, CheckedLock))
        patches.replace(threading, "RLock", _stand_in("RLock", real_rlock, make_rlock, CheckedRLock))
        acquire = threading.Semaphore.acquire

        def sem_acquire(sem: Any, blocking: bool = True, timeout: Optional[float] = None) -> bool:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as LockDetector.acquire)
            loop = _get_running_loop()
            if loop is None:
                return acquire(sem, blocking, timeout)
            def real_acquire(b: bool, t: Optional[float] = None) -> bool:
                __tracebackhide__ = True  # noqa: F841
                return acquire(sem, b, None if t == -1 else t)

            return detector.acquire(sem, real_acquire, loop, blocking, -1 if timeout is None else timeout,
                                    "threading." + type(sem).__name__)

        def releasing(release: Any) -> Any:
            def sem_release(sem: Any, n: int = 1) -> None:
                if detector.held:
                    try:
                        detector.release(sem)
                    except Exception:  # a failure of ours must not keep the semaphore from the program
                        pass
                release(sem, n)

            return functools.update_wrapper(sem_release, release)  # name, doc and signature stay threading's

        functools.update_wrapper(sem_acquire, acquire)
        patches.replace(threading.Semaphore, "acquire", sem_acquire)
        patches.replace(threading.Semaphore, "__enter__", sem_acquire)
        # BoundedSemaphore has a release of its own (up to 3.13 at least), which never calls Semaphore's: the
        # detector must hear of it too, or a bounded semaphore released before an await is reported held across it
        for cls in (threading.Semaphore, threading.BoundedSemaphore):
            if "release" in vars(cls):
                patches.replace(cls, "release", releasing(vars(cls)["release"]))


class _CheckedBase:
    """Stands in for a threading lock: the same public and private methods the standard library calls on one
    (multiprocessing's resource tracker, Condition, fork handlers), anything else passed to the real lock."""
    __slots__ = ("_lock", "_detector", "_kind", "__weakref__")
    _program = True  # made by the program: its release tells the detector

    def __init__(self, lock: Any, detector: LockDetector, kind: str):
        self._lock, self._detector, self._kind = lock, detector, kind

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as LockDetector.acquire)
        loop = _get_running_loop()
        if loop is None:
            return self._lock.acquire(blocking, timeout)
        return self._detector.acquire(self, self._lock.acquire, loop, blocking, timeout, self._kind)

    def __enter__(self) -> bool:
        __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as LockDetector.acquire)
        loop = _get_running_loop()
        if loop is None:
            return self._lock.acquire()
        return self._detector.acquire(self, self._lock.acquire, loop, True, -1, self._kind)

    def release(self) -> None:
        if self._detector.held:
            try:
                self._detector.release(self)
            except Exception:  # a failure of ours must not keep the lock held, nor reach the program
                pass
        self._lock.release()

    def __exit__(self, *exc: Any) -> None:
        self.release()

    def _at_fork_reinit(self) -> None:
        self._lock._at_fork_reinit()

    def __getattr__(self, name: str) -> Any:
        # only reached for what this class does not define: `locked`, `acquire_lock`, `_recursion_count`,
        # whatever a later Python adds; an attribute the real lock lacks stays missing, as `hasattr` expects.
        # A stand-in made without __init__ (copy's reconstruction) has no lock to ask: looking `_lock` up
        # through this method again would recurse until RecursionError.
        try:
            lock = object.__getattribute__(self, "_lock")
        except AttributeError:
            raise AttributeError(name) from None
        return getattr(lock, name)

    def __reduce_ex__(self, protocol: Any) -> Any:
        # copy.copy and pickle of a lock (or of an object holding one) fail as they do on the real lock, with its
        # TypeError: callers catch that one (a deepcopy that falls back to sharing), not a RecursionError
        return self._lock.__reduce_ex__(protocol)

    def __repr__(self) -> str:
        return repr(self._lock)


class CheckedLock(_CheckedBase):
    __slots__ = ()
    acquire_lock = _CheckedBase.acquire  # the old names a C lock still answers to
    release_lock = _CheckedBase.release


class CheckedRLock(_CheckedBase):
    __slots__ = ()


# A lock made by a library or a tool (coverage's, a profiler's) is released by the real lock's own (C) methods,
# read through C getters: a Python frame started while the real lock is held is an event for a tracer or a
# sys.monitoring tool, and a tool that takes its own lock in its callback (coverage does, and holds it elsewhere
# around C calls only) would wait there for ever for the lock this thread holds. The program's code cannot hold
# such a lock across an await but through the library's, which ACK201 leaves alone; a wait for it on the loop's
# thread is still ACK106. (`with` reads `__exit__` before it enters: which one it gets is settled when the lock is
# made.)
_real_release = property(operator.attrgetter("_lock.release"))
_real_exit = property(operator.attrgetter("_lock.__exit__"))


class ForeignLock(CheckedLock):
    __slots__ = ()
    _program = False
    release = release_lock = _real_release
    __exit__ = _real_exit


class ForeignRLock(CheckedRLock):
    __slots__ = ()
    _program = False
    release = _real_release
    __exit__ = _real_exit


# Named as the C types they wrap (`_thread.lock`, `_thread.RLock`): libraries check a lock's class to know it is
# the C one (trio asserts `lock.__class__.__module__ == "_thread"` for its signal-safe wake-up queue, and fails
# every run otherwise), and a program that prints or compares a lock's type sees what it would see without us.
for _checked, _real in ((CheckedLock, type(threading.Lock())), (CheckedRLock, type(threading.RLock())),
                        (ForeignLock, type(threading.Lock())), (ForeignRLock, type(threading.RLock()))):
    _checked.__module__ = _real.__module__
    _checked.__name__ = _checked.__qualname__ = _real.__name__
del _checked, _real


def _stand_in(name: str, real: Any, make: Any, checked: type) -> Any:
    """What replaces ``threading.<name>``: a factory function where the real one is a function, a class where it is
    a class (``threading.Lock`` from 3.13, so that ``isinstance(x, threading.Lock)`` holds for both kinds of lock).
    Either is named ``threading.<name>``: pickle saves it by that name (multiprocessing's managers keep
    ``threading.Lock`` in a registry they send to the manager process), and finds the real one on the other side."""
    if isinstance(real, type):
        class _LockType(type):
            def __call__(cls, *args: Any, **kwargs: Any) -> Any:
                return make(*args, **kwargs)

            def __instancecheck__(cls, obj: Any) -> bool:
                return isinstance(obj, (checked, real))

            def __subclasscheck__(cls, sub: type) -> bool:
                return issubclass(sub, (checked, real))

        # (named as the real one, "lock", qualified as where it stands, which pickle looks up: see below)
        return _LockType(real.__name__, (), {"__module__": "threading", "__qualname__": name, "__doc__": real.__doc__})

    def factory(*args: Any, **kwargs: Any) -> Any:
        return make(*args, **kwargs)

    factory.__module__, factory.__qualname__ = "threading", name
    # its own name as the real one's (`threading.Lock.__name__` is "allocate_lock" up to 3.12): the qualified name
    # is what pickle looks up, and `threading.Lock` is this stand-in while the checker runs
    factory.__name__ = getattr(real, "__name__", name)
    factory.__doc__ = real.__doc__
    return factory


def _weak(obj: Any) -> Any:
    """A weak reference to ``obj``; one that is always dead when it takes none (a loop class with __slots__)."""
    try:
        return weakref.ref(obj)
    except TypeError:
        return _dead


def _dead() -> None:
    return None


def _yielding(frame: Any) -> bool:
    """At a "return" profile event: is the frame suspending (await/yield) rather than finishing?"""
    code = frame.f_code.co_code
    if sys.version_info >= (3, 11):
        # 3.11/3.12 report the YIELD_VALUE itself, 3.13 the RESUME right after it
        lasti = frame.f_lasti
        return code[lasti] == _YIELD_VALUE or (lasti >= 2 and code[lasti - 2] == _YIELD_VALUE)
    # up to 3.10 an await is YIELD_FROM, and f_lasti is moved back one instruction so it runs again on resume
    offset = frame.f_lasti
    following = code[offset + 2] if offset + 2 < len(code) else None
    return code[offset] == _YIELD_VALUE or following == _YIELD_FROM


_SEND = dis.opmap.get("SEND", -1)  # 3.11+: an `await` drives what it awaits from here
# what an await compiles to (an async generator's own `yield` of an item is a YIELD_VALUE, and suspends nothing)
_AWAIT_OP = _SEND if sys.version_info >= (3, 11) else _YIELD_FROM
# code -> has an await of its own; filled only while a lock is held (weakly: the program's code)
_CAN_SUSPEND: "weakref.WeakKeyDictionary[Any, bool]" = weakref.WeakKeyDictionary()


def _awaiting(frame: Any) -> bool:
    """Is ``frame`` at an ``await`` (driving the coroutine that just returned to it), not a plain call?"""
    code, lasti = frame.f_code.co_code, frame.f_lasti
    if lasti < 0 or lasti >= len(code):
        return False
    return code[lasti] == (_SEND if sys.version_info >= (3, 11) else _YIELD_FROM)


def _can_suspend(code: Any) -> bool:
    """Does ``code`` hold an await of its own (somewhere it could have suspended)?"""
    known = _CAN_SUSPEND.get(code)
    if known is None:
        raw = code.co_code
        known = _CAN_SUSPEND[code] = any(raw[k] == _AWAIT_OP for k in range(0, len(raw), 2))
    return known


def _coroutine_of(frame: Any) -> Any:
    """The innermost coroutine frame from ``frame`` outwards: the one whose suspension suspends the task."""
    while frame is not None and not frame.f_code.co_flags & _COROUTINE_FLAGS:
        frame = frame.f_back
    return frame


def _suspended_at(recorder: Recorder, task: Any) -> Optional[Tuple[str, int]]:
    """The innermost user line of a suspended task: where it awaits."""
    coro = task.get_coro()
    if getattr(coro, "cr_running", False):
        return None  # running, not suspended (an eager task's first step runs inside another task's step)
    site = None
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            break
        if recorder.frames.is_user(frame.f_code.co_filename):
            site = (frame.f_code.co_filename, frame.f_lineno)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return site
