"""Where detectors report: one finding per (code, user line), with a count and the longest duration seen.
Listeners are told of each occurrence (count 1, its own duration) as it happens."""
from __future__ import annotations

import _thread
import functools
import threading
import time
from types import FrameType
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Tuple

from asynccheck.findings import Finding, Frame, Related
from asynccheck.runtime.frames import FrameFilter, frame_line


_perf = time.perf_counter
_HANDED_CODES = frozenset({"ACK401", "ACK402"})


def thread_name() -> str:
    """The calling thread's name, as threading's ``current_thread()`` gives it, without registering a thread
    threading does not know (one the program started with ``_thread``, or the checker's own): that would add a
    ``_DummyThread`` to what ``threading.enumerate()`` and ``active_count()`` show the program. Such a thread is
    named by its id, as faulthandler names threads."""
    ident = _thread.get_ident()
    known = threading._active.get(ident)  # type: ignore[attr-defined]
    return known.name if known is not None else f"0x{ident:016x}"


def merge(table_of: Callable[[], Dict[Any, Finding]], key: Any, occurrence: Finding, lock: Any) -> bool:
    """Count ``occurrence`` into ``table_of()[key]``; True when the site is new. Merged outside ``lock``: making
    objects may run the collector, whose finalizers report too (a pending task destroyed), and a signal handler
    (the report on SIGTERM) may run between any two lines, on this very thread. Held, the lock only stores the
    result, if no one stored another (or swapped the table) meanwhile; else it is merged again."""
    ident = _thread.get_ident()
    outermost = ident not in _merging
    if outermost:
        _merging.add(ident)
    try:
        while True:
            table = table_of()
            seen = table.get(key)
            merged = occurrence if seen is None else seen.seen_again(occurrence)
            with lock:
                if table_of() is table and table.get(key) is seen:
                    table[key] = merged
                    return seen is None
    finally:
        if outermost:
            _merging.discard(ident)


# the threads inside merge(), perhaps holding a table's lock: a reader of the findings there (a signal handler that
# interrupted it) does not wait for another thread's drain, which may be waiting for that very lock
_merging: set = set()


def _worked_out(where_from: Callable[[], Optional[Tuple[Any, ...]]]) -> Optional[Tuple[Any, ...]]:
    try:
        return where_from()
    except Exception:  # a failure of ours must not reach the program
        return None


def _first(*where_froms: Callable[[], Optional[Tuple[Any, ...]]]) -> Callable[[], Optional[Tuple[Any, ...]]]:
    return lambda: next(filter(None, map(_worked_out, where_froms)), None)


class CheckerError(RuntimeError):
    """Raised at the offending call when the checker runs with ``raise_on_finding`` (``--raise``)."""


class Recorder:
    def __init__(self, enabled: FrozenSet[str], frames: FrameFilter, raise_on_finding: bool = False):
        self.enabled = enabled
        self.frames = frames
        self.raise_on_finding = raise_on_finding
        # the real C lock (ours must never be instrumented), re-entrant: a finalizer the collector runs, or a
        # signal handler, may report (a pending task destroyed) on a thread already inside report()
        self._lock = _thread.RLock()
        self._by_site: Dict[Tuple[str, str, int], Finding] = {}
        self._order: List[Tuple[str, str, int]] = []
        self.listeners: List[Callable[[Finding], None]] = []
        # thread id -> when the wrapped blocking call it is in started: the watchdog does not count that time
        # as a stall, since the blocking call is reported on its own
        self.blocked_since: Dict[int, float] = {}
        # (code, path, line) -> whether to record it: the checker's say (noqa comments, per-file ignores)
        self.accept: Optional[Callable[[str, str, int], bool]] = None
        # the unit of work running now (a test runner's test id), or None: what a task remembers of where it was
        # made, so that its failure seen later (while another test runs) is told of as that unit's
        self.scope: List[Optional[str]] = [None]
        # the scope the running task was made in, when not the scope running now (set by the task tracker): a
        # finding made by an earlier test's task is that test's
        self.task_scope: Optional[Callable[[], Optional[str]]] = None
        # (code, message, duration, what ``ready`` worked out) of findings a thread came upon while it held a lock
        # of a library's or a tool's: a report starts Python frames, each an event for a tracer or a
        # sys.monitoring tool whose callback may wait for that very lock. Reported at the next report, drain or
        # read of the findings, or by the watchdog; appended to by C calls only
        self.deferred: List[Tuple[str, str, float, Dict[str, Any]]] = []
        # (code, where, thread, message, scope) -> the ``deferred`` entry of a foreign thread's finding not recorded yet:
        # a thread making the same call again and again (a worker's `loop.call_soon` per item) counts it there
        # instead of adding one entry per call, which nothing drains when no watchdog runs (`--select ACK401`)
        self._pending: Dict[Tuple[Any, ...], Dict[str, Any]] = {}
        # held while a thread turns ``deferred`` into findings: a reader of the findings (the report at exit)
        # waits for the one another thread has taken off the list and not merged yet
        self._draining = _thread.RLock()
        # thread id -> the ``deferred`` entry its drain has taken off the list and not recorded yet
        self._under_way: Dict[int, Tuple[str, str, Optional[float], Dict[str, Any]]] = {}
        # (entry, the count recorded) of the counted entries the last drain recorded: see _drain
        self._retired: List[Tuple[Tuple[str, str, Optional[float], Dict[str, Any]], int]] = []

    def wants(self, code: str) -> bool:
        return code in self.enabled

    def wants_any(self, *codes: str) -> bool:
        return not self.enabled.isdisjoint(codes)

    def report(self, code: str, message: str, frame: Optional[FrameType], *, duration: Optional[float] = None,
               task: Optional[str] = None, related: Tuple[Related, ...] = (), raise_here: bool = False,
               where: Optional[Tuple[Any, ...]] = None, stack: Optional[Tuple[Frame, ...]] = None,
               thread: Optional[str] = "", test: Optional[str] = None,
               where_from: Optional[Callable[[], Optional[Tuple[Any, ...]]]] = None,
               count: int = 1) -> Optional[Finding]:
        """Record a finding at the innermost user frame from ``frame`` outwards (or at ``where``).

        Returns None, and records nothing, when no frame of the stack is the user's: then the call was made by
        asyncio or a library on its own behalf. ``where`` is (path, line) or (path, line, column). ``test`` is the
        scope the finding belongs to when not the one running now ("": the one running now, whatever task runs).
        ``where_from`` works out a better ``where`` when the finding is built (None: keep the frame's). ``count``:
        how many occurrences this one stands for.

        A loop object used from a foreign thread (ACK401/402) is only noted here, and recorded later: the call it
        stands before has not run yet, and the loop's thread (woken, or about to sleep) races with it. Under
        python it follows at once; anything slower here (a first finding's imports and source reads, a lock)
        hands the GIL over, and the loop may go to sleep before the call it would have seen (`--raise` excepted:
        the finding is the exception raised at the call).
        """
        if code not in self.enabled:
            return None
        if code in _HANDED_CODES and frame is not None and not (raise_here and self.raise_on_finding):
            try:
                self._note(code, message, frame, duration, task, related, where, thread, test, where_from)
            except Exception:  # a failure of ours must not reach the program's call
                pass
            return None
        # the checker's own time on the program's thread (the stack, the noqa comments read from the source, a
        # first finding's imports: over 100 ms on a loaded machine) is no part of the step's (ACK120)
        blocked, ident = self.blocked_since, _thread.get_ident()
        outermost = ident not in blocked
        if outermost:
            blocked[ident] = _perf()
        try:
            return self._record(code, message, frame, duration, task, related, raise_here, where, stack, thread,
                                test, where_from, count)
        finally:
            if outermost:
                blocked.pop(ident, None)

    def _record(self, code: str, message: str, frame: Optional[FrameType], duration: Optional[float],
                task: Optional[str], related: Tuple[Related, ...], raise_here: bool, where: Optional[Tuple[Any, ...]],
                stack: Optional[Tuple[Frame, ...]], thread: Optional[str], test: Optional[str],
                where_from: Optional[Callable[[], Optional[Tuple[Any, ...]]]] = None,
                count: int = 1) -> Optional[Finding]:
        if self.deferred and not self._draining._is_owned():  # (not from _drain: one report per entry, no deeper)
            self.report_deferred()
        if where_from is not None:
            where = _worked_out(where_from) or where
        user = self.frames.user_frame(frame)
        if where is None and user is None and code in _HANDED_CODES and frame is not None:
            # a thread running a loop object's method it was handed (`Timer(1, event.set)`): no frame of the
            # program's is on its stack, the hand-over is the line to change
            from asynccheck.runtime.handovers import handed_where

            where = handed_where(self.frames, frame)
        if where is None:
            if user is None:
                return None
            where = (user.f_code.co_filename, frame_line(user))
        if self.accept is not None and not self.accept(code, where[0], where[1]):
            return None
        if stack is None:
            stack = self.frames.stack(frame) if frame is not None else ()
        if test is None and self.scope[0] is not None and self.task_scope is not None:
            test = self.task_scope()
        key = (code, where[0], where[1])
        occurrence = Finding(
            code, where[0], where[1], where[2] if len(where) > 2 else 1, message, source="runtime", stack=stack,
            thread=thread_name() if thread == "" else thread, task=task, duration=duration,
            related=related, test=test or None, count=count,
        )
        if merge(lambda: self._by_site, key, occurrence, self._lock):
            self._order.append(key)
        for listener in self.listeners:
            listener(occurrence)
        if raise_here and self.raise_on_finding:
            raise CheckerError(f"asynccheck: {code} at {where[0]}:{where[1]}: {message}")
        return occurrence

    def reported_at(self, codes: FrozenSet[str], path: str, line: int) -> bool:
        """Whether a finding of one of ``codes`` is recorded at ``path``:``line``."""
        by_site = self._by_site
        return any((code, path, line) in by_site for code in codes)

    def ready(self, code: str, frame: Optional[FrameType]) -> Optional[Dict[str, Any]]:
        """What ``report`` works out from ``frame`` and the running thread, worked out now for a report made later
        (``deferred``), once the frames have moved on and perhaps on another thread; None when it would record
        nothing. Only what the frames tell is read now, and cheaply (the stack's lines are looked up later)."""
        if code not in self.enabled:
            return None
        user = self.frames.user_frame(frame)
        if user is None:
            return None
        test = self.task_scope() if self.scope[0] is not None and self.task_scope is not None else None
        return dict(where=(user.f_code.co_filename, frame_line(user)), positions=self.frames.positions(frame),
                    thread=thread_name(), test=test or "")

    def _note(self, code: str, message: str, frame: FrameType, duration: Optional[float], task: Optional[str],
              related: Tuple[Related, ...], where: Optional[Tuple[Any, ...]], thread: Optional[str],
              test: Optional[str], where_from: Optional[Callable[[], Optional[Tuple[Any, ...]]]]) -> None:
        """``report``'s finding kept for later (``deferred``): the frames read now, with no lock, import or file."""
        thread = thread_name() if thread == "" else thread
        if where is None:
            user = self.frames.user_frame(frame)
            if user is not None:
                where = (user.f_code.co_filename, frame_line(user))
                key = (code, where, thread, message, self.scope[0])
                pending = self._pending.get(key)
                if pending is not None:
                    pending["count"] += 1
                    return
            else:
                # a thread running a loop object's method it was handed (`Timer(1, event.set)`): no frame of the
                # program's is on its stack, the hand-over is the line to change (handovers.py, imported with the
                # checks that report here)
                from asynccheck.runtime.handovers import handed_later

                handed = handed_later(self.frames, frame)
                if handed is None:
                    return
                where_from = handed if where_from is None else _first(where_from, handed)
        if test is None and self.scope[0] is not None and self.task_scope is not None:
            test = self.task_scope() or ""
        ready = dict(where=where, positions=self.frames.positions(frame), thread=thread, test=test, task=task,
                     related=related, where_from=where_from, count=1)
        if where is not None and duration is None:
            ready["key"] = key = (code, where, thread, message, self.scope[0])
            self._pending[key] = ready
        self.deferred.append((code, message, duration, ready))

    def report_deferred(self, wait: bool = False) -> None:
        """The ``deferred`` findings recorded; by another thread already when it drains them now, unless ``wait``
        (a reader of the findings): then for that thread to be done, five seconds at most (a loaded machine may keep
        it off a CPU for over a second), and not at all from inside ``merge`` (a signal handler that interrupted it
        there holds the lock the other thread's drain may wait for; the entry under way there is left out). The
        entry this thread's own drain had taken off the list, when a reader interrupted it, is recorded first."""
        ident = _thread.get_ident()
        patient = wait and ident not in _merging
        if not (self._draining.acquire(True, 5.0) if patient else self._draining.acquire(False)):
            if wait:
                self._drain()  # (what is still on the list)
            return
        try:
            under_way = self._under_way.pop(ident, None) if wait else None
            if under_way is not None:
                # a reader that interrupted this thread's own drain (a signal handler, on the thread it runs on):
                # the entry that drain had taken off the list is recorded now, not after the report
                _worked_out(functools.partial(self._record_noted, *under_way))
            self._drain()
            if wait and self.deferred:
                self._drain()  # (an entry that failed just now, tried again before the findings are read)
        finally:
            self._draining.release()

    def _drain(self) -> None:
        deferred, under_way, ident = self.deferred, self._under_way, _thread.get_ident()
        # the occurrences counted into an entry after its record had read the count (a thread noting one more
        # between its look-up in ``_pending`` and its count, while this drain ran): done counting by now
        retired, self._retired = self._retired, []
        for (code, message, duration, ready), counted in retired:
            if ready["count"] > counted:
                more = {k: v for k, v in ready.items() if k != "key"}
                more["count"] = ready["count"] - counted
                deferred.append((code, message, duration, more))
        stacks: Dict[Tuple[Any, ...], Tuple[Frame, ...]] = {}  # (threads of one pool, or one per item, share one)
        again: List[Tuple[str, str, Optional[float], Dict[str, Any]]] = []
        while deferred:
            try:
                entry = deferred.pop(0)
            except IndexError:  # another thread reported the last one
                break
            under_way[ident] = entry
            done = False
            try:
                if under_way.get(ident) is entry:  # (else a reader that interrupted this drain recorded it)
                    self._record_noted(*entry, stacks=stacks)
                done = True
            except Exception:
                # a failure of ours must not reach the program, nor lose the finding when it may pass: a first
                # finding's imports, made on the watchdog's thread while the program's imports another module of
                # the cycle (Python's import deadlock detection raises in one of the two threads). Tried again
                # once this drain is over, twice at most; the other entries are recorded meanwhile
                done = True
                code, message, duration, noted = entry
                tries = noted.get("tries", 0)
                if tries < 2:
                    retry = dict(noted, tries=tries + 1)
                    retry.pop("key", None)  # (a later occurrence is an entry of its own)
                    again.append((code, message, duration, retry))
            finally:
                if under_way.get(ident) is entry:
                    del under_way[ident]
                    if not done:
                        # a KeyboardInterrupt (or a signal handler's SystemExit) came through here: the program
                        # gets it as under python, and the entry is recorded by the next drain, the report's
                        deferred.insert(0, entry)
        deferred.extend(again)

    def _record_noted(self, code: str, message: str, duration: Optional[float], ready: Dict[str, Any],
                      stacks: Optional[Dict[Tuple[Any, ...], Tuple[Frame, ...]]] = None) -> None:
        noted, key = ready, ready.get("key")
        if key is not None:
            self._pending.pop(key, None)  # (counted no more: a later occurrence is an entry of its own)
        ready = dict(ready)
        counted = ready.get("count", 1)
        ready.pop("key", None)
        ready.pop("tries", None)
        positions = ready.pop("positions", None)
        if positions is not None:
            stack = None if stacks is None else stacks.get(positions)
            if stack is None:
                stack = FrameFilter.at_positions(positions)
                if stacks is not None:
                    stacks[positions] = stack
            ready["stack"] = stack
        where_from = ready.pop("where_from", None)
        if where_from is not None:
            ready["where"] = _worked_out(where_from) or ready.get("where")
        if ready.get("where") is None:
            return  # (a hand-over that is not one place)
        self.report(code, message, None, duration=duration, **ready)
        if key is not None:
            self._retired.append(((code, message, duration, noted), counted))

    @property
    def findings(self) -> List[Finding]:
        self.report_deferred(wait=True)
        with self._lock:
            return [self._by_site[k] for k in self._order]

    def reinit_after_fork(self) -> None:
        """In a forked child: fresh locks, and only what the child itself does from now on (the parent reports
        what happened before the fork)."""
        self._lock = _thread.RLock()
        self._draining = _thread.RLock()
        self._pending.clear()
        self._under_way.clear()
        self._retired.clear()
        _merging.clear()  # (the threads in it did not come along)
        self.blocked_since.clear()  # the other threads did not come along
        self.deferred.clear()
        self._by_site.clear()
        self._order.clear()

    def clear(self) -> None:
        with self._lock:
            self._by_site.clear()
            self._order.clear()
