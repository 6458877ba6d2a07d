"""ACK401 on asyncio's pure-Python objects: `Event.set/clear`, `Queue.put_nowait/get_nowait`, `Lock.release`,
`Condition.notify*`, `Semaphore.release`, `StreamReader.feed_data/feed_eof` called from a thread that is not their
loop's, whether or not anybody waits at that moment.

These methods are on the hot path (`await queue.put()` calls `put_nowait`, `async with lock` calls `release`):
a wrapper costs a Python frame per call, measured at +16% CPU on the queue/lock workload. So each method is
recompiled from its own source (this interpreter's stdlib) with a two-line prologue and no extra frame: the
object's loop (`_loop`, None until first use) against the running loop of this thread. A method whose source
cannot be read, or does not compile back to the same bytecode, is left alone.

Which thread is the loop's: the prologue asks whether this thread holds the loop's RLock (runtime/owners.py: a
method call the interpreter specialises, which makes no int), and only when it does not, runs the exact test. Up
to 3.11 asyncio's C `_get_running_loop()` makes a getpid() system call every time (~300 ns, three times the rest
of the prologue), and a `threading.local` read costs ~700 instructions: there the exact test compares
`threading.get_ident()` with the loop's `_thread_id`, which asyncio's loop sets while it runs (and asynccheck's
`run_forever` on uvloop's, runtime/uvloop_steps.py). From 3.12 the running loop is a read of the thread state,
compared with the object's loop (the call itself is not specialised: the lock's answer is still cheaper). A
loop that is not running (not started yet, or closed) owns no thread: nothing is reported.

From 3.12 the checks asyncio makes itself are not repeated: a `Queue.get()` that had to wait asked
`self._get_loop()`, which raises unless this thread runs the queue's loop, so the `get_nowait()` it ends with is
asyncio's unchecked one, unless a subclass overrides it. Up to 3.11 the test of whether the coroutine waited
costs every get more than the owner's lock saves on the gets that waited (callgrind, Queue+Lock workload:
0.2M instructions fewer without it, asyncio and uvloop): there `get_nowait()` is checked as any other call.
"""
from __future__ import annotations

import ast
import asyncio
import functools
import inspect
import sys
import textwrap
import threading
import types
from asyncio import events, locks, queues, streams
try:
    from asyncio import mixins
except ImportError:  # Python 3.9
    mixins = None  # type: ignore[assignment]
from typing import Any, Callable, Dict, Optional

from asynccheck.runtime import copied_state, owners
from asynccheck.runtime.code_cache import MISSING, CodeCache
from asynccheck.runtime.frames import frame_line
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder, thread_name

# (class, method) whose call from a foreign thread is ACK401
CHECKED = (
    (queues.Queue, "put_nowait"), (queues.Queue, "get_nowait"),
    (locks.Event, "set"), (locks.Event, "clear"),
    (locks.Lock, "release"), (locks.Semaphore, "release"),
    (locks.Condition, "notify"), (locks.Condition, "notify_all"),
    # a reader fed from a thread (its data, its end): the loop's own protocol feeds it on the loop's thread once per
    # chunk received, one owner test each
    (streams.StreamReader, "feed_data"), (streams.StreamReader, "feed_eof"),
)

# The loop's RLock (runtime/owners.py) says "this thread runs it" without making an int; else the exact test
# decides: up to 3.11 the loop's `_thread_id`, as asyncio's debug mode does, from 3.12 the running loop (see the
# module's docstring). An object bound to its loop keeps that loop for good
# (asyncio never binds it again), so it keeps the loop's lock too (``_asynccheck_owner``, ``NOBODY`` until then):
# a lock is only held while its loop runs in the holding thread, and a loop's lock is never replaced while it runs
# (a loop of another kind may have no `_thread_id`: the slow path decides, as for a loop that is not running)
_PROLOGUE = """\
_asynccheck_loop = {self}._loop
if _asynccheck_loop is not None:
    try:
        _asynccheck_owner = _asynccheck_loop._asynccheck_owner
        if not _asynccheck_owner._is_owned():
            if {foreign_test}:
                _asynccheck_foreign({self}, {name!r})
        elif {self}._loop is _asynccheck_loop:
            {self}._asynccheck_owner = _asynccheck_owner
    except AttributeError:
        _asynccheck_foreign({self}, {name!r})
""".replace("{foreign_test}", "_asynccheck_loop is not _asynccheck_running()" if sys.version_info >= (3, 12)
            else "_asynccheck_loop._thread_id != _asynccheck_running()")
# the test that comes first (before `_PROLOGUE`, on its own line: see `_owned_first`)
_OWNED = "if not {self}._asynccheck_owner._is_owned():\n"
# From 3.12 the interpreter does not specialise the read of an object's attribute that its class also has (~260
# instructions more per read on 3.13): there each object gets its ``_asynccheck_owner`` (``NOBODY``) when it is
# made (its class's ``__init__`` recompiled, ``_OWN``), and its class has none. An object made before the checks
# started (or by a subclass whose ``__init__`` does not call its base's) has none either: its first check gives
# it ``NOBODY`` (``_asynccheck_unowned``) and takes the slow path, as any check of an object not bound yet does
_PER_OBJECT = sys.version_info >= (3, 12)
_OWNED_PER_OBJECT = """\
try:
    _asynccheck_mine = {self}._asynccheck_owner._is_owned()
except AttributeError:
    _asynccheck_mine = _asynccheck_unowned({self})
if not _asynccheck_mine:
"""
_OWN = "{self}._asynccheck_owner = _asynccheck_NOBODY\n"
# A Lock or Semaphore nobody waited on has no loop either (3.10+), and its checks start with `_waiters is not None`
# (``unbound_without_waiters``: the common case, a lock never contended, pays one read). Its ``__init__`` notes the
# loop running where it was made (``_MADE``, recompiled in: no frame), and while it is unbound its release asks
# whether this thread holds that loop's RLock: a thread that does not (an executor's worker releasing a lock the
# loop took) takes the slow path, which reports it when this thread runs no loop (one running its own loop may
# have taken the lock over, as asyncio would let it). An object without the note (made before the checks started,
# on 3.12+ where the class has no default) gets None there on its first slow path
_MADE = "{self}._asynccheck_made = _asynccheck_running_loop()\n"
_UNBOUND_LOCK = """\
try:
    if {self}._asynccheck_made is not None and not {self}._asynccheck_made._asynccheck_owner._is_owned():
        _asynccheck_foreign({self}, {name!r})
except AttributeError:
    _asynccheck_foreign({self}, {name!r})
"""
# Cheaper still (``_noted_owner``): the made-in loop's RLock is noted on the object itself as it is made, in the
# ``_asynccheck_owner`` its bound checks read, so that one test serves a lock bound or not: `release` on the loop's
# thread, nearly every call, pays one method call, 10 bytecodes fewer than the two reads and the `_waiters` test
# above (2 releases per round trip of the Queue+Lock workload). It stands on two facts: a loop's RLock is only
# ever held by the thread running that loop (owners.py), so a held note never hides another thread; and the
# note is the made-in loop's only until a wait binds the object (`_get_loop`, recompiled with ``_BOUND``: the
# bound checks then decide and note the bound loop's). A lock made where no loop ran is released freely until
# then, as above (``owners.ANYONE``). A note that no longer holds (a uvloop loop gets a new RLock at each run) or
# was never taken (a loop running since before the checks) sends the call to the exact test, which notes the
# current one when it finds this thread runs the made-in loop
_MADE_OWNED = """\
_asynccheck_made = {self}._asynccheck_made = _asynccheck_running_loop()
if _asynccheck_made is None:
    {self}._asynccheck_owner = _asynccheck_ANYONE
else:
    try:
        {self}._asynccheck_owner = _asynccheck_made._asynccheck_owner
    except AttributeError:
        {self}._asynccheck_owner = _asynccheck_NOBODY
"""
_UNBOUND_LOCK_NOTED = """\
try:
    _asynccheck_made = {self}._asynccheck_made
    if _asynccheck_made is not None and _asynccheck_made._asynccheck_owner._is_owned():
        {self}._asynccheck_owner = _asynccheck_made._asynccheck_owner
    else:
        _asynccheck_foreign({self}, {name!r})
except AttributeError:
    _asynccheck_foreign({self}, {name!r})
"""
# after `self._loop = loop` in `_LoopBoundMixin._get_loop`: the object is bound now, its note (if any) is the
# made-in loop's and may not be this one's (once per object, off the hot path)
_BOUND = "_asynccheck_unowned({self})\n"
# An Event nobody waited on has no loop (3.10+): then the loop that was running where it was made stands in
# (`Event.__init__` notes it, see ForeignObjects.made_in_loop), so a set/clear from a thread before any wait is seen.
# One made where no loop ran (at module level) belongs to the first loop that uses it: set, clear or is_set() on
# that loop's thread (the slow path, and `is_set`'s own prologue, note it); until then it belongs to none
_UNBOUND = """\
if _asynccheck_loop is None:
    _asynccheck_loop = {self}._asynccheck_made
    if _asynccheck_loop is None:
        _asynccheck_foreign({self}, {name!r})
"""
# A Queue nobody waited on has no loop either: the Event it made for `join()` (`_finished`) noted the loop running
# where it was made (one attribute read more, only while the queue is unbound). One made where no loop ran (at
# module level) belongs, as such an Event does, to the first loop that calls one of these methods on it; until
# then each call takes the slow path (ForeignObjects.foreign: a module-level queue, not the loop's hot path)
_UNBOUND_QUEUE = """\
if _asynccheck_loop is None:
    _asynccheck_loop = getattr(getattr({self}, "_finished", None), "_asynccheck_made", None)
    if _asynccheck_loop is None:
        _asynccheck_foreign({self}, {name!r})
"""
# `Event.is_set()`: a loop reading an Event made where no loop ran adopts it (a getpid() up to 3.11, only while no
# loop has used it: a module-level Event polled by a thread that runs no loop). A set/clear made before, while
# the owner was not known yet (``_asynccheck_early``: ForeignObjects.early), is reported when the loop it raced
# with reads the Event (ForeignObjects.used)
_ADOPT = """\
if {self}._loop is None and {self}._asynccheck_made is None:
    {self}._asynccheck_made = _asynccheck_running_loop()
if {self}._asynccheck_early is not None:
    _asynccheck_used({self})
"""
# `Event.wait()`: an Event set early (above) may be read only by a wait, which returns at once when it is set and
# binds no loop then: the same report as `is_set`'s (one attribute read per wait)
_EARLY_READ = """\
if {self}._asynccheck_early is not None:
    _asynccheck_used({self})
"""
_RUNNING_FROM_ASYNCIO = sys.version_info >= (3, 12)
# the methods a coroutine of the class ends with, once it has waited: (class, coroutine, method). Not `Queue.put`:
# only a full queue makes it wait, and the flag costs every other put more than it saves.
_AFTER_WAITING = ((queues.Queue, "get", "get_nowait"),) if _RUNNING_FROM_ASYNCIO else ()


def _thread_name(ident: Optional[int]) -> Optional[str]:
    thread = threading._active.get(ident) if ident is not None else None  # type: ignore[attr-defined]
    return thread.name if thread is not None else None


# ACK501, after `self._put(item)` in `Queue.put_nowait` (every put, `await put()` included, goes through it): one
# comparison per put, a call only while a queue holds more than the threshold (runtime/loop.py decides the rest).
# Not while a getter waits, the common case of a queue that keeps up (one read instead of the length's call and
# comparison: ~8 bytecodes fewer per put): a `get()` waits only on an empty queue, and each put until it is woken
# wakes one getter ahead of it (`_wakeup_next`, which also drops a cancelled one), so the queue then holds at most
# one item per getter woken and not yet run. A queue that grows, the finding, has no getter waiting.
_HIGH_WATER = """\
if not {self}._getters and len({self}._queue) > _asynccheck_limit:
    _asynccheck_high({self})
"""


class ForeignObjects:
    def __init__(self, recorder: Recorder, high_water: Optional[Callable[[Any], None]] = None, limit: int = 0):
        self.recorder = recorder
        self.high_water, self.limit = high_water, limit  # ACK501's check after each put (None: not wanted)
        self.noted = False  # Locks and Semaphores note their made-in loop's RLock as their owner (_MADE_OWNED)

    def install(self, patches: Patches) -> bool:
        """Install the checks; True when `Queue.put_nowait` now calls ``high_water`` past the limit."""
        cache = CodeCache(SOURCES)
        try:
            return self._install(patches, cache)
        finally:
            cache.save()

    def _install(self, patches: Patches, cache: CodeCache) -> bool:
        high_checked = False
        if not self.recorder.wants("ACK401"):
            if self.high_water is not None:
                checked = with_prologue(queues.Queue, "put_nowait", _never, None, self.high_water, self.limit,
                                        prologue="", cache=cache)
                if checked is not None:
                    patches.replace(queues.Queue, "put_nowait", checked)
                    high_checked = True
            return high_checked
        running, prologue = events._get_running_loop if _RUNNING_FROM_ASYNCIO else threading.get_ident, _PROLOGUE
        copied_state.install(patches, (*(maker for maker in _inits() if maker.__module__ != streams.__name__),
                                       locks.Event, queues.Queue))
        noting = {maker for maker in _inits() if unbound_without_waiters(maker, cache)}
        noted = self.noted = bool(noting) and _noted_owner(patches, cache)
        owning = {maker: self._owning_init(maker, patches, cache, maker in noting, noted)
                  for maker in (_inits() if _PER_OBJECT else noting)}
        made = self.made_in_loop(patches, cache)
        unchecked = {}  # method name -> (checked, as asyncio has it but for ACK501's test)
        for cls, name in CHECKED:
            queue_put = cls is queues.Queue and name == "put_nowait" and self.high_water is not None
            high = (self.high_water, self.limit) if queue_put else ()
            text = (_unbound(prologue) if made and issubclass(cls, locks.Event)
                    else _unbound(prologue, _UNBOUND_QUEUE) if made and cls is queues.Queue else prologue)
            per_object = _PER_OBJECT and owning.get(_maker(cls), False)
            unbound = _UNBOUND_LOCK if owning.get(_maker(cls), False) and _maker(cls) in noting else ""
            if not per_object and "_asynccheck_owner" not in vars(cls):
                patches.add(cls, "_asynccheck_owner", owners.NOBODY)
            if unbound and noted:
                # (the owner's test first, then which of the two exact tests: see _UNBOUND_LOCK_NOTED)
                text = _owned_first(f"if {{self}}._waiters is not None:\n{textwrap.indent(text, '    ')}else:\n"
                                    f"{textwrap.indent(_UNBOUND_LOCK_NOTED, '    ')}", per_object)
                checked = with_prologue(cls, name, self.foreign, running, prologue=text, cache=cache,
                                        split=False)
            else:
                text = _owned_first(text, per_object)
                checked = with_prologue(cls, name, self.foreign, running, *high, prologue=text, cache=cache,
                                        unbound=unbound)
            if checked is not None:
                if cls is queues.Queue:
                    plain = (with_prologue(cls, name, _never, None, *high, prologue="", cache=cache) if high
                             else checked.__wrapped__)
                    if plain is not None:
                        unchecked[name] = (checked, plain)
                patches.replace(cls, name, checked)
                high_checked = high_checked or queue_put
        for cls, name, then in _AFTER_WAITING:
            if then in unchecked:
                after = after_waiting(cls, name, then, *unchecked[then], cache=cache)
                if after is not None:
                    patches.replace(cls, name, after)
        return high_checked

    @staticmethod
    def _owning_init(cls: type, patches: Patches, cache: Optional[CodeCache], made: bool = False,
                     noted: bool = False) -> bool:
        """``cls.__init__`` recompiled to give each new object its ``_asynccheck_owner`` first (``_OWN``, from
        3.12), and with ``made`` the loop running where it is made (``_MADE``), with ``noted`` that loop's RLock
        as the owner (``_MADE_OWNED``)."""
        text = _MADE_OWNED if made and noted else (_OWN if _PER_OBJECT else "") + (_MADE if made else "")
        init = recompiled(cls, "__init__", ast.FunctionDef, _prepending(text), {
            "_asynccheck_NOBODY": owners.NOBODY, "_asynccheck_running_loop": events._get_running_loop,
            "_asynccheck_ANYONE": owners.ANYONE}, cache, f"owner {text!r}")
        if init is None and made:
            return False
        if init is None:
            wrapped = vars(cls).get("__init__")
            if getattr(wrapped, "__wrapped__", None) is None:
                return False
            # (Queue's is the wrapper of ACK501's watch, runtime/loop.py, a frame already: one more, made here)
            def init(obj: Any, *args: Any, **kwargs: Any) -> None:
                obj._asynccheck_owner = owners.NOBODY
                wrapped(obj, *args, **kwargs)

            functools.update_wrapper(init, wrapped)
        patches.replace(cls, "__init__", init)
        return True

    def made_in_loop(self, patches: Patches, cache: Optional[CodeCache] = None) -> bool:
        """From 3.10 an Event is bound to a loop by its first wait: until then each notes the loop running where
        it was made (one frame per Event made), which its set/clear check stands on."""
        if mixins is None or "__init__" not in vars(locks.Event):
            return False
        original = locks.Event.__init__
        get_running_loop = events._get_running_loop

        def __init__(event: Any, *args: Any, **kwargs: Any) -> None:
            original(event, *args, **kwargs)
            loop = get_running_loop()
            if loop is not None:
                event._asynccheck_made = loop

        __init__.__wrapped__ = original  # type: ignore[attr-defined]
        patches.add(locks.Event, "_asynccheck_made", None)
        patches.add(locks.Event, "_asynccheck_early", None)  # (a set/clear whose race is not known yet)
        patches.replace(locks.Event, "__init__", __init__)
        is_set = adopting(locks.Event, "is_set", get_running_loop, cache, self.used)
        if is_set is not None:
            patches.replace(locks.Event, "is_set", is_set)
        wait = recompiled(locks.Event, "wait", ast.AsyncFunctionDef, _prepending(_EARLY_READ),
                          {"_asynccheck_used": self.used}, cache, "early read")
        if wait is not None:
            patches.replace(locks.Event, "wait", wait)
        return True

    def foreign(self, obj: Any, method: str) -> None:
        """``obj.method()`` runs on a thread whose running loop (if any) is not ``obj``'s loop."""
        loop, unbound = obj._loop, False
        if loop is None:  # an Event (a Queue, a Lock) nobody waited on: the loop it was made in
            loop, unbound = _made_in(obj), True
            if loop is None:
                if isinstance(obj, locks.Event):
                    self._unowned(obj, method)
                elif isinstance(obj, queues.Queue) and isinstance(getattr(obj, "_finished", None), locks.Event):
                    self._unowned(obj._finished, method, "Queue")
                elif _notes_made(obj):
                    _forget_made(obj, self.noted)  # (made before the checks started: None from now on)
                return
            if _notes_made(obj) and loop.is_closed():
                _forget_made(obj, self.noted)  # a closed loop runs no more: a lock it made is free elsewhere
        if not hasattr(loop, "_asynccheck_owner"):
            owners.unowned(loop)  # (its next check reads it instead of raising: runtime/owners.py)
        try:
            running = events._get_running_loop()
            if loop is None or loop is running or not loop.is_running():
                return  # not started yet, or stopped: no thread owns the loop now
        except Exception:
            return
        if unbound and running is not None:
            # a thread running its own loop may take over an object made while another loop ran (its first wait
            # binds it there: a worker object made by the main loop for a thread's loop): a race only if the
            # loop it was made in uses it too, which an Event's is_set() tells (``used``)
            if isinstance(obj, locks.Event):
                self.early(obj, method, (loop,), sys._getframe(2))
            return
        owner = _thread_name(getattr(loop, "_thread_id", None))
        where = f" (its loop runs in thread {owner!r})" if owner else ""
        kind = type(obj).__name__
        bound = "made while another thread's loop ran" if unbound else "bound to another thread's loop"
        self.recorder.report(
            "ACK401", f"`{kind}.{method}()` was called from thread {thread_name()!r} on an "
            f"asyncio {kind} {bound}{where}: asyncio objects are not thread-safe; use "
            f"`loop.call_soon_threadsafe(obj.{method}, ...)`", sys._getframe(2), raise_here=True)

    def _unowned(self, event: Any, method: str, kind: str = "Event") -> None:
        """``event`` was made where no loop ran (at module level) and no loop has used it yet: this thread's loop,
        if any, takes it. A thread running no loop, while loops run in other threads, is noted: if one of those
        loops reads the Event later, this call raced with it (``used``). A Queue made so is its ``join()`` Event's
        (``kind``): a loop that calls `put_nowait`/`get_nowait` on it takes it, and tells of such a call made
        before from a thread (``used`` there: the loop's get is its read)."""
        running = events._get_running_loop()
        try:
            if running is not None:
                event._asynccheck_made = running
                if kind != "Event" and event._asynccheck_early is not None:
                    self.used(event)
            elif event._asynccheck_early is None:
                loops = _running_loops()
                if loops:
                    self.early(event, method, loops, sys._getframe(3), kind)
        except AttributeError:  # (a subclass with __slots__)
            pass

    def early(self, event: Any, method: str, loops: tuple, frame: Any, kind: str = "Event") -> None:
        """Note ``event.method()`` called from this thread (``frame``: the caller) while ``loops`` ran in others
        and the Event (or the Queue whose ``join()`` Event it is: ``kind``) belonged to none of them for sure."""
        if event._asynccheck_early is not None:
            return
        user = self.recorder.frames.user_frame(frame)
        if user is not None:
            # (the stack's lines are looked up if it is ever reported: this thread's call has not run yet)
            event._asynccheck_early = (loops, method, threading.get_ident(), thread_name(),
                                       (user.f_code.co_filename, frame_line(user)),
                                       self.recorder.frames.positions(frame), kind)

    def used(self, event: Any) -> None:
        """``event.is_set()`` on some thread, after a set/clear whose owner was not known (``early``): reported
        when this thread runs one of the loops that were running then, and is not the thread that called it."""
        early = event._asynccheck_early
        running = events._get_running_loop()
        if early is None or running is None:
            return
        loops, method, ident, thread, where, positions, kind = early
        if ident == threading.get_ident() or not any(known is running for known in loops):
            return
        event._asynccheck_early = None
        owner = thread_name()
        self.recorder.report(
            "ACK401", f"`{kind}.{method}()` was called from thread {thread!r} on an asyncio {kind} that the loop "
            f"running in thread {owner!r} reads: asyncio objects are not thread-safe; use "
            f"`loop.call_soon_threadsafe({kind.lower()}.{method}, ...)`", None, where=where,
            stack=self.recorder.frames.at_positions(positions), thread=thread)


def _made_in(obj: Any) -> Any:
    """The loop running where ``obj`` (an Event, a Queue: through its ``join()`` Event) was made, if noted."""
    made = getattr(obj, "_asynccheck_made", None)
    if made is None and isinstance(obj, queues.Queue):
        made = getattr(getattr(obj, "_finished", None), "_asynccheck_made", None)
    return made


def _notes_made(obj: Any) -> bool:
    """``obj`` is a Lock or a Semaphore whose unbound checks read the loop it was made in (``_UNBOUND_LOCK``)."""
    return isinstance(obj, (locks.Lock, locks.Semaphore)) and unbound_without_waiters(type(obj))


def _forget_made(obj: Any, noted: bool) -> None:
    """An unbound Lock's or Semaphore's releases are free from now on, as one's made where no loop ran (with
    ``noted``, its owner is ``ANYONE`` until a wait binds it: see ``_MADE_OWNED``)."""
    try:
        obj._asynccheck_made = None
        if noted:
            obj._asynccheck_owner = owners.ANYONE
    except AttributeError:  # (a subclass with __slots__: each check takes the slow path)
        pass


def _running_loops() -> tuple:
    """The loops running in other threads now (their ``run_forever`` frames): a rare path, an Event set by a
    thread that runs no loop before any loop used it."""
    found = []
    me = threading.get_ident()
    for ident, frame in sys._current_frames().items():
        if ident == me:
            continue
        while frame is not None:
            if frame.f_code.co_name == "run_forever":  # asyncio's (self), asynccheck's on uvloop's (loop)
                loop = frame.f_locals.get("self", frame.f_locals.get("loop"))
                if isinstance(loop, asyncio.AbstractEventLoop) and loop.is_running():
                    found.append(loop)
                    break
            frame = frame.f_back
    return tuple(found)


def adopting(cls: type, name: str, running_loop: Any, cache: Optional[CodeCache] = None,
             used: Any = None) -> Any:
    """``cls.name`` (``Event.is_set``) recompiled with the ``_ADOPT`` prologue; None when that is not sound."""
    return recompiled(cls, name, ast.FunctionDef, _prepending(_ADOPT), {"_asynccheck_running_loop": running_loop,
                                                          "_asynccheck_used": used}, cache, "adopt")


def _prepending(prologue: str) -> Callable[[Any, str], bool]:
    """An edit for ``recompiled`` that puts ``prologue`` first in the function's body (after its docstring)."""

    def edit(function: Any, self_name: str) -> bool:
        body = function.body
        start = 1 if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                              ast.Constant) else 0
        body[start:start] = located(prologue.format(self=self_name), body[min(start, len(body) - 1)])
        return True

    return edit


def _unbound(prologue: str, unbound: str = _UNBOUND) -> str:
    """``prologue`` with the made-in loop standing in for an unbound object's (after its first line)."""
    first, rest = prologue.split("\n", 1)
    return first + "\n" + unbound + rest


def _owned_first(prologue: str, per_object: bool = False) -> str:
    """``prologue`` run only when the object's own copy of its loop's lock is not held by this thread."""
    return (_OWNED_PER_OBJECT if per_object else _OWNED) + textwrap.indent(prologue, "    ")


def _maker(cls: type) -> Optional[type]:
    """The class whose ``__init__`` makes the objects of ``cls`` (asyncio's own only)."""
    maker = next((klass for klass in cls.__mro__ if "__init__" in vars(klass)), None)
    return maker if maker is not None and maker.__module__ in (locks.__name__, queues.__name__, streams.__name__) else None


def _inits() -> tuple:
    """The classes whose ``__init__`` makes the objects of ``CHECKED``'s classes."""
    return tuple(dict.fromkeys(maker for maker in (_maker(cls) for cls, _name in CHECKED) if maker is not None))


def _unowned_object(obj: Any) -> bool:
    """An object of a checked class without its ``_asynccheck_owner`` (made before the checks started): ``NOBODY``
    from now on, and this check takes the slow path (False: not known to be this thread's)."""
    try:
        obj._asynccheck_owner = owners.NOBODY
    except AttributeError:  # (a subclass with __slots__ only: each check takes the slow path)
        pass
    return False


def _never(obj: Any, method: str) -> None:
    pass


def _noted_owner(patches: Patches, cache: Optional[CodeCache]) -> bool:
    """``_LoopBoundMixin._get_loop`` recompiled to forget an object's noted owner as it binds the object
    (``_BOUND``), which ``_MADE_OWNED`` stands on; False when that is not sound."""

    def edit(function: ast.FunctionDef, self_name: str) -> bool:
        binds = [(body, i) for node in ast.walk(function) for field in ("body", "orelse")
                 for body in [getattr(node, field, None)] if isinstance(body, list)
                 for i, statement in enumerate(body) if _assigns(statement, "_loop")
                 and isinstance(statement.targets[0].value, ast.Name)  # type: ignore[attr-defined]
                 and statement.targets[0].value.id == self_name]  # type: ignore[attr-defined]
        if len(binds) != 1:
            return False
        body, i = binds[0]
        body[i + 1:i + 1] = located(_BOUND.format(self=self_name), body[i])
        return True

    if mixins is None or "_get_loop" not in vars(mixins._LoopBoundMixin):
        return False
    get_loop = recompiled(mixins._LoopBoundMixin, "_get_loop", ast.FunctionDef, edit,
                          {"_asynccheck_unowned": _unowned_object}, cache, "bound")
    if get_loop is None:
        return False
    patches.replace(mixins._LoopBoundMixin, "_get_loop", get_loop)
    return True


def with_prologue(cls: type, name: str, foreign: Callable[[Any, str], None], running: Any,
                  high: Optional[Callable[[Any], None]] = None, limit: int = 0, prologue: str = _PROLOGUE,
                  cache: Optional[CodeCache] = None, unbound: str = "", split: bool = True) -> Any:
    """``cls.name`` recompiled from its source with the foreign-thread prologue (and, with ``high``, ACK501's
    check after the put); None when that is not sound. For a class whose objects have no loop while their
    ``_waiters`` is None, the prologue runs only once it is not, and ``unbound`` (if any) until then, unless
    ``split`` is False (a prologue that tests ``_waiters`` itself)."""

    def edit(function: ast.FunctionDef, self_name: str) -> bool:
        body = function.body
        start = 1 if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                              ast.Constant) else 0
        if high is not None:
            put = next((i for i, node in enumerate(body) if _calls(node, self_name, "_put")), None)
            if put is None:
                return False
            body[put + 1:put + 1] = located(_HIGH_WATER.format(self=self_name), body[put])
        if cls is queues.Queue and name == "put_nowait" and _clears_only(locks.Event):
            _inline_clear(body, self_name)
        text = prologue.format(self=self_name, name=name)
        if text and split and unbound_without_waiters(cls):
            text = f"if {self_name}._waiters is not None:\n" + textwrap.indent(text, "    ")
            if unbound:
                text += "else:\n" + textwrap.indent(unbound.format(self=self_name, name=name), "    ")
        body[start:start] = located(text, body[min(start, len(body) - 1)])
        return True

    # (what `edit` decides from asyncio's source is the same for the same source: not part of the variant)
    return recompiled(cls, name, ast.FunctionDef, edit, {
        "_asynccheck_foreign": foreign, "_asynccheck_running": running, "_asynccheck_high": high,
        "_asynccheck_limit": limit, "_asynccheck_Event": locks.Event,
        "_asynccheck_unowned": _unowned_object}, cache, f"{prologue!r}, high={high is not None}, {unbound!r}, "
        f"split={split}")


_UNBOUND_ANSWERS: Dict[type, bool] = {}  # class -> unbound_without_waiters(class), known this run


def unbound_without_waiters(cls: type, cache: Optional[CodeCache] = None) -> bool:
    """Whether an object of ``cls`` whose ``_waiters`` is None has no loop yet (asyncio's Lock and Semaphore from
    3.10: the deque of waiters is made just before the first wait asks for the loop). Their checks then start
    with that test: ``_loop`` is a class attribute until the object is bound (an unspecialised, slow read), and
    a lock nobody ever waited for is the common case. Read from the source of the class and its bases, once per
    version of that source: parsing asyncio.locks and walking it cost every start-up ~10 ms (3.11), so with a
    ``cache`` the answer is kept beside the methods recompiled from the same sources (code_cache.py)."""
    known = _UNBOUND_ANSWERS.get(cls)
    if known is None:
        if mixins is None or cls.__module__ != locks.__name__:
            known = False
        elif cache is not None:
            # (the classes by name along the MRO: the sources in the cache's digest decide the rest)
            key = "unbound-without-waiters " + " ".join(f"{k.__module__}.{k.__qualname__}" for k in cls.__mro__)
            known = cache.fact(key, lambda: _unbound_without_waiters(cls))
        else:
            known = _unbound_without_waiters(cls)
        _UNBOUND_ANSWERS[cls] = known
    return known


def _unbound_without_waiters(cls: type) -> bool:
    if mixins is None or cls.__module__ != locks.__name__:
        return False
    classes = _lock_classes()
    sources = []
    for klass in cls.__mro__:
        if klass is object or klass is mixins._LoopBoundMixin:
            continue
        if klass.__module__ != locks.__name__ or klass.__name__ not in classes:
            return False
        sources.append(classes[klass.__name__])
    init = next((node for node in ast.walk(sources[0]) if isinstance(node, ast.FunctionDef)
                 and node.name == "__init__"), None)
    if init is None or not any(_assigns(node, "_waiters", None) for node in init.body):
        return False
    for tree in sources:
        for node in ast.walk(tree):
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
            if isinstance(target, ast.Attribute) and target.attr == "_loop":
                return False  # bound otherwise than by `_get_loop()` (3.9 binds it when the object is made)
            if isinstance(node, ast.FunctionDef) and node.name != "__init__" and any(
                    _assigns(child, "_waiters", None) for child in ast.walk(node)):
                return False
        for function in (node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef,
                                                                                   ast.AsyncFunctionDef))):
            made = False  # `if self._waiters is None: self._waiters = ...` seen before, at the top level
            for statement in function.body:
                if (isinstance(statement, ast.If) and _none_test(statement.test, "_waiters")
                        and any(_assigns(child, "_waiters") for child in statement.body)):
                    made = True
                elif any(_asks_loop_call(node) for node in ast.walk(statement)) and not made:
                    return False
    return True


@functools.lru_cache(maxsize=None)
def _lock_classes() -> Dict[str, ast.ClassDef]:
    """The classes of asyncio.locks by name, from one parse of its source (``inspect.getsource`` of a class
    parses the whole module again each time: tens of milliseconds of start-up)."""
    try:
        tree = ast.parse(inspect.getsource(locks))
    except (OSError, TypeError, SyntaxError):
        return {}
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _assigns(node: ast.AST, attr: str, value: Any = ...) -> bool:
    """``node`` is ``self.attr = value`` (any value when not given)."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return False
    target = node.targets[0]
    return (isinstance(target, ast.Attribute) and target.attr == attr and isinstance(target.value, ast.Name)
            and (value is ... or (isinstance(node.value, ast.Constant) and node.value.value is value)))


def _none_test(test: ast.expr, attr: str) -> bool:
    """``test`` is ``self.attr is None``."""
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Attribute) and test.left.attr == attr
            and isinstance(test.left.value, ast.Name) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is)
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None)


def _asks_loop_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_get_loop"


# `self._finished.clear()` inside `Queue.put_nowait`, which has checked the thread already: `Event.clear`'s body
# (asyncio's own event), without the frame and the check of a call (an event of another class is called as before)
_CLEAR = """\
_asynccheck_event = {self}._finished
if type(_asynccheck_event) is _asynccheck_Event:
    _asynccheck_event._value = False
else:
    _asynccheck_event.clear()
"""


def _clears_only(event: type) -> bool:
    """``event.clear`` is asyncio's: its body (after the docstring) is ``self._value = False``."""
    try:
        function = ast.parse(textwrap.dedent(inspect.getsource(event.clear))).body[0]
    except (OSError, TypeError, SyntaxError, IndentationError, IndexError):
        return False
    body = [node for node in getattr(function, "body", ())
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Assign) or len(body[0].targets) != 1:
        return False
    target, value = body[0].targets[0], body[0].value
    return (isinstance(target, ast.Attribute) and target.attr == "_value" and isinstance(target.value, ast.Name)
            and target.value.id == function.args.args[0].arg  # type: ignore[attr-defined]
            and isinstance(value, ast.Constant) and value.value is False)


def _inline_clear(body: list, self_name: str) -> None:
    for i, node in enumerate(body):
        call = node.value if isinstance(node, ast.Expr) else None
        func = call.func if isinstance(call, ast.Call) else None
        owner = func.value if isinstance(func, ast.Attribute) and func.attr == "clear" else None
        if (isinstance(owner, ast.Attribute) and owner.attr == "_finished" and isinstance(owner.value, ast.Name)
                and owner.value.id == self_name and not call.args and not call.keywords):  # type: ignore[union-attr]
            body[i:i + 1] = located(_CLEAR.format(self=self_name), node)


# `return self.<then>(...)` ending the coroutine, once it has waited: `self._get_loop()`, which raises on a foreign
# thread, made the future it waited on (`waiter`), None until then
_AFTER_WAITED = """\
if {waiter} is not None and (type({self}) is _asynccheck_class or type({self}).{then} is _asynccheck_checked):
    return _asynccheck_unchecked({args})
"""


def after_waiting(cls: type, name: str, then: str, checked: Any, unchecked: Any,
                  cache: Optional[CodeCache] = None) -> Any:
    """The coroutine ``cls.name`` (Queue.get), whose last statement ``return self.then(...)`` calls ``unchecked``
    instead of ``checked`` when the coroutine has waited in its ``while`` loop, each pass of which makes the future
    it waits on with ``self._get_loop()`` first; None when the source is not of that shape. A subclass's own
    ``then`` is called as before."""

    def edit(function: ast.AsyncFunctionDef, self_name: str) -> bool:
        body = function.body
        last = body[-1] if body else None
        call = last.value if isinstance(last, ast.Return) else None
        if not (isinstance(call, ast.Call) and _calls(ast.Expr(call), self_name, then) and not call.keywords
                and all(isinstance(arg, ast.Name) for arg in call.args)):
            return False
        loops = [node for node in body if isinstance(node, ast.While)]
        if len(loops) != 1:
            return False
        wait = loops[0].body
        # `waiter = self._get_loop().create_future()`, reached on every pass before the loop's first await
        asks = next((i for i, node in enumerate(wait) if _asks_loop(node, self_name)), None)
        if asks is None or any(isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom))
                               for statement in wait[:asks + 1] for node in ast.walk(statement)):
            return False
        made = wait[asks]
        waiter = made.targets[0] if isinstance(made, ast.Assign) and len(made.targets) == 1 else None
        if not isinstance(waiter, ast.Name) or sum(
                isinstance(node, ast.Name) and node.id == waiter.id and not isinstance(node.ctx, ast.Load)
                for node in ast.walk(function)) != 1:
            return False  # (its only assignment: None before the loop means "has not waited")
        args = ", ".join([self_name] + [arg.id for arg in call.args])  # type: ignore[attr-defined]
        body[-1:-1] = located(_AFTER_WAITED.format(waiter=waiter.id, self=self_name, then=then, args=args), last)
        body.insert(body.index(loops[0]), located(f"{waiter.id} = None", loops[0])[0])
        return True

    return recompiled(cls, name, ast.AsyncFunctionDef, edit, {
        "_asynccheck_class": cls, "_asynccheck_checked": checked, "_asynccheck_unchecked": unchecked},
        cache, f"then {then}")


def _asks_loop(node: ast.stmt, self_name: str) -> bool:
    """``node`` calls ``self._get_loop()`` (outside any nested branch or function)."""
    if isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef)):
        return False
    return any(isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "_get_loop"
               and isinstance(call.func.value, ast.Name) and call.func.value.id == self_name and not call.args
               for call in ast.walk(node))


# The files whose content the recompiled code depends on: the edits (this module) and the sources they read.
SOURCES = (__file__, queues.__file__, locks.__file__, streams.__file__, *((mixins.__file__,) if mixins is not None else ()))


def recompiled(cls: type, name: str, kind: type, edit: Callable[[Any, str], bool], names: Dict[str, Any],
               cache: Optional[CodeCache] = None, variant: str = "") -> Any:
    """``cls.name`` recompiled from its source after ``edit(function, name of self)`` changed its tree, with
    ``names`` (name -> value) as closure cells; None when ``edit`` says False, or the source is not what runs.
    With a ``cache``, the code is looked up there first (``variant``: what tells this call's ``edit`` from the
    other calls' for the same method), and kept there when made."""
    original = cls.__dict__.get(name)
    code = getattr(original, "__code__", None)
    if code is None:
        return None
    key = f"{cls.__module__}.{cls.__qualname__}.{name}: {variant}"
    new_code = cache.get(key, code) if cache is not None else MISSING
    if new_code is MISSING:
        new_code = _edited_code(cls, name, kind, edit, names, code, original)
        if cache is not None:
            cache.put(key, code, new_code)
    if new_code is None or not all(free in names for free in new_code.co_freevars):
        return None
    cells = tuple(types.CellType(names[free]) for free in new_code.co_freevars)
    new = types.FunctionType(new_code, original.__globals__, original.__name__, original.__defaults__, cells)
    new.__kwdefaults__ = original.__kwdefaults__
    new.__qualname__ = original.__qualname__
    new.__doc__ = original.__doc__
    new.__module__ = original.__module__
    new.__dict__.update(original.__dict__)
    new.__wrapped__ = original  # type: ignore[attr-defined]
    return new


def _edited_code(cls: type, name: str, kind: type, edit: Callable[[Any, str], bool], names: Dict[str, Any],
                 code: types.CodeType, original: Any) -> Optional[types.CodeType]:
    """The code of ``cls.name`` recompiled from its source after ``edit``; None when that is not sound."""
    try:
        indented = inspect.getsource(original)
        source = textwrap.dedent(indented)
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    function = tree.body[0] if tree.body else None
    if type(function) is not kind or not function.args.args:  # type: ignore[union-attr]
        return None
    ast.increment_lineno(tree, code.co_firstlineno - 1)
    # columns as in the file, which tracebacks underline from (3.13 draws carets where they no longer span the line)
    first, dedented = indented.splitlines()[0], source.splitlines()[0]
    _shift_columns(tree, (len(first) - len(first.lstrip())) - (len(dedented) - len(dedented.lstrip())))
    # the source must be what runs: compiled back unchanged, it gives the same bytecode
    # (3.13 compiles ``module.f()`` of a module the file imported otherwise than a call of a method: the
    # recompiled code is told which of its names are modules, as its own file's imports would)
    modules = [used for used in code.co_names if isinstance(original.__globals__.get(used), types.ModuleType)]
    if _compiled(cls, tree, name, code.co_filename, names, modules).__code__.co_code != code.co_code:
        return None
    if not edit(function, function.args.args[0].arg):  # type: ignore[union-attr]
        return None
    return _compiled(cls, tree, name, code.co_filename, names, modules).__code__


def _shift_columns(tree: ast.AST, by: int) -> None:
    if by:
        for node in ast.walk(tree):
            if hasattr(node, "col_offset"):
                node.col_offset += by
                if getattr(node, "end_col_offset", None) is not None:
                    node.end_col_offset += by


def _calls(node: ast.stmt, self_name: str, method: str) -> bool:
    """``node`` is the statement ``self.method(...)``."""
    call = node.value if isinstance(node, ast.Expr) else None
    func = call.func if isinstance(call, ast.Call) else None
    return (isinstance(func, ast.Attribute) and func.attr == method and isinstance(func.value, ast.Name)
            and func.value.id == self_name)


def located(source: str, where: ast.stmt) -> list:
    """The statements of ``source``, every node at ``where``'s line (tracebacks show asyncio's own lines)."""
    nodes = ast.parse(source).body
    for node in nodes:
        ast.copy_location(node, where)
        for child in ast.walk(node):
            ast.copy_location(child, node)
    return nodes


def _compiled(cls: type, tree: ast.Module, name: str, filename: str, names: Dict[str, Any],
              modules: Optional[list] = None) -> Any:
    """Compile the method as it would be inside its class (private names mangle alike), in a function whose
    locals give the inserted code its names as closure cells."""
    klass = ast.ClassDef(name=cls.__name__, bases=[], keywords=[], body=list(tree.body), decorator_list=[])
    params = ", ".join(names)
    maker = ast.parse(f"def _asynccheck_make({params}):\n"
                      f"    {params}\n"
                      f"    return {cls.__name__}.__dict__[{name!r}]\n").body[0]
    maker.body.insert(1, klass)  # type: ignore[attr-defined]
    imports = ast.parse("".join(f"from sys import modules as {used}\n" for used in modules or ())).body
    module = ast.Module(body=[*imports, maker], type_ignores=[])
    ast.fix_missing_locations(module)
    # (the module's names: a default value the def evaluates may be one, `limit=_DEFAULT_LIMIT` in streams; the
    # function made of the code has the original's globals and defaults)
    owner = sys.modules.get(cls.__module__)
    namespace: dict = dict(vars(owner)) if owner is not None else {}
    exec(compile(module, filename, "exec"), namespace)
    return namespace["_asynccheck_make"](*names.values())
