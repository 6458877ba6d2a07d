"""ACK601 at run time: a task of the program was cancelled, caught the ``CancelledError``, did not re-raise it,
went on awaiting, and ended as if it had completed.

Seen through the program's tasks (program_tasks.py: their ``cancel`` is a Python method already), so it costs
nothing until a task is cancelled. At each successful ``cancel()`` the task is watched: where it is suspended
(the program's coroutine frames it awaits through, innermost first), and a callback the loop runs after each of
its next few steps notes where it suspends again once the ``CancelledError`` was delivered.
When the task ends with a result while still counted as cancelling (nobody called ``uncancel()``, as
``asyncio.timeout`` and ``TaskGroup`` do when they turn a cancellation into their own outcome), the cancellation
was swallowed: reported at the ``except`` clause that caught it, read from the bytecode's exception table at the
await where the cancellation arrived, if the task suspended somewhere past that clause (it carried on). A task
that ends once the handler is done (awaiting a cleanup in it, or not) is ACK602 instead, at the same clause: it
stopped, but as completed, so a timeout or task group around it cannot tell. Needs ``Task.cancelling()``
(Python 3.11+).

Beyond the program's tasks: the members of a ``gather`` are asyncio's tasks, cancelled only through the
gathering future's ``cancel`` (a Python method: patched, it costs nothing until a gather is cancelled), which
tells which children it cancelled. A task that swallowed its cancellation and carries on without ever ending
is reported when it is cancelled again (``asyncio.run`` cancelling what is left at its end) or, still pending,
when the checker stops.
"""
from __future__ import annotations

import asyncio
import functools
import sys
import types
import weakref
from asyncio import events, tasks as asyncio_tasks
from typing import Any, Dict, Iterator, List, Optional, Tuple

from asynccheck.findings import Related
from asynccheck.runtime import program_tasks
from asynccheck.runtime.coroutines import _starts
from asynccheck.runtime.recorder import Recorder

Site = Tuple[str, int]
_get_running_loop = events._get_running_loop
CODES = ("ACK601", "ACK602")  # carried on after swallowing it; ended once the handler was done
_CATCHING = frozenset({"CancelledError", "BaseException"})
# the module each code object of a watched task's frames runs in (by name: a code object is no owner of its
# module): an `except` clause naming a tuple of the program's (`except RETRYABLE:`) is told by what it holds
_MODULE_OF: "weakref.WeakKeyDictionary[Any, Optional[str]]" = weakref.WeakKeyDictionary()
# (up to 3.11 `wait_for` runs its coroutine as a task and cancels it through this when its timeout expires)
_CANCEL_AND_WAIT = getattr(getattr(__import__("asyncio").tasks, "_cancel_and_wait", None), "__code__", None)
# an `asyncio.TaskGroup` cancelling its children (a child failed, or the group's host was cancelled): the group owns
# them and waits for each to end, then raises for the host, so a child that swallows this cancel and ends loses
# nobody's cancel, as the linter's task roots of a group (3.11+)
_GROUP = getattr(__import__("asyncio"), "TaskGroup", None)
_GROUP_ABORT = getattr(getattr(_GROUP, "_abort", None), "__code__", None)
# a group cancelling its host task because a child failed: taken back (uncancel) in its `__aexit__`, except that up
# to 3.12 the take-back comes before the wait for the children, so a child failing while the host already waits
# there leaves the host's count raised for good (CPython's leak, fixed in 3.13: the wait catches its own cancel)
_GROUP_CHILD_DONE = getattr(getattr(_GROUP, "_on_task_done", None), "__code__", None)
# the waits that raise their awaiter's CancelledError whatever the task does with its own: a `gather` cancelled
# itself raises it once its members are done, swallowed or not (3.8+), a `shield` never passes the cancel on, and
# `asyncio.wait` cancels nothing. Their callbacks on a task (gather's `_done_callback`, shield's
# `_inner_done_callback`, wait's `_on_completion`) wait on it for nobody's cancel, and a gather cancelling its
# members is their owner stopping them, as the linter's task roots (task_roots._KEEPS_CANCEL)
_KEEPING_WAITS = frozenset(const for wait in (asyncio_tasks.gather, asyncio_tasks.shield, asyncio_tasks._wait)
                           for const in wait.__code__.co_consts
                           if type(const) is types.CodeType and const.co_name in ("_done_callback",
                                                                                    "_inner_done_callback",
                                                                                    "_on_completion"))
_PROBES = 8  # how many loop iterations a cancelled task is looked at (the delivery, then where it suspends)


class _Watched:
    __slots__ = ("frames", "waiter", "after", "by_wait_for", "task", "settled_below", "by_owner", "past", "held")

    def __init__(self, frames: List[Tuple[Any, int]], waiter: Any, by_wait_for: bool, task: Any,
                 by_owner: bool = False, held: bool = False):
        self.task = weakref.ref(task)  # (a task still pending at the end is looked at then: not kept alive)
        self.by_wait_for = by_wait_for  # cancelled by `wait_for` (up to 3.11) when its timeout expired
        # ... and `wait_for` was handed the task itself, which its awaiter holds (not a coroutine it made a task of)
        self.held = held
        # cancelled straight by the program's `task.cancel()` while nothing waited on it: ending then is benign
        self.by_owner = by_owner
        self.frames = frames  # (code, offset of the await) of the program's frames, innermost first
        # what the task waited on when cancelled (the CancelledError comes through it): let go once the task
        # has been woken (it is the program's object, and the task may go on for long without it), keeping what
        # _carried_on asks of it: whether it ended with a result (what it awaited swallowed the cancellation)
        self.waiter = waiter
        self.settled_below = False
        self.after: List[List[Tuple[Any, int]]] = []  # where it suspended again after the delivery (the frames)
        # seen in the same handler again, handling another exception: a retry loop went round past it
        self.past = False


class CancellationDetector:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self._watched: Dict[int, _Watched] = {}
        self._timeout_exit: Any = None
        self._gathering_cancel: Any = None  # asyncio's `_GatheringFuture.cancel`, while patched
        self._on_timeout: Any = None  # asyncio's `Timeout._on_timeout`, while patched

    def install(self) -> None:
        if self.recorder.wants_any(*CODES) and sys.version_info >= (3, 11):
            import asyncio.timeouts

            self._timeout_exit = asyncio.timeouts.Timeout.__aexit__.__code__
            if "_on_timeout" in vars(asyncio.timeouts.Timeout):
                self._on_timeout = vars(asyncio.timeouts.Timeout)["_on_timeout"]
                asyncio.timeouts.Timeout._on_timeout = self._expiring(asyncio.timeouts.Timeout, self._on_timeout)
            program_tasks.cancelled[0] = self.cancelled
            program_tasks.uncancelled[0] = self.uncancelled
            gathering = getattr(asyncio_tasks, "_GatheringFuture", None)
            if gathering is not None and "cancel" in vars(gathering):
                self._gathering_cancel = vars(gathering)["cancel"]
                gathering.cancel = self._cancelling_members(self._gathering_cancel)

    def uninstall(self) -> None:
        if self._on_timeout is not None:
            import asyncio.timeouts

            asyncio.timeouts.Timeout._on_timeout = self._on_timeout
            self._on_timeout = None
        if self._gathering_cancel is not None:
            self.pending_at_end()
            asyncio_tasks._GatheringFuture.cancel = self._gathering_cancel  # type: ignore[attr-defined]
            self._gathering_cancel = None
        program_tasks.cancelled[0] = program_tasks.not_watching
        program_tasks.uncancelled[0] = program_tasks.not_watching

    def _cancelling_members(self, original: Any) -> Any:
        """``_GatheringFuture.cancel`` that tells ``cancelled`` of each member it cancelled (asyncio's tasks;
        the program's tell it themselves)."""
        cancelled = self.cancelled

        def cancel(gathering: Any, *args: Any, **kwargs: Any) -> bool:
            members = [(child, child.cancelling()) for child in getattr(gathering, "_children", ())
                       if type(child) is not program_tasks.Task and hasattr(child, "cancelling")]
            done = original(gathering, *args, **kwargs)
            if done:
                caller = sys._getframe(1)
                for child, before in members:
                    if child.cancelling() > before:
                        cancelled(child, caller, True)
            return done

        cancel.__wrapped__ = original  # type: ignore[attr-defined]
        return cancel

    def _expiring(self, timeout_class: type, original: Any) -> Any:
        """``Timeout._on_timeout`` (run only when a timeout expires) that, for a task not of the program's kind
        (the main task of ``asyncio.run``, whose ``uncancel`` is asyncio's C method), notes where the task waits
        and hands that one Timeout a stand-in for its task, whose ``uncancel`` (the one call ``__aexit__`` makes
        on it, after the expiry) tells ``uncancelled``'s check, then puts the task back. (``async with`` looked
        up ``__aexit__`` when the block began: the Timeout's class cannot be changed now.)"""
        detector = self

        def _on_timeout(timeout: Any) -> None:
            task = timeout._task
            if task is None or type(task) is program_tasks.Task or not hasattr(task, "uncancel"):
                return original(timeout)
            frames = self._suspended_at(task)
            waiter = task._fut_waiter
            original(timeout)
            if frames:
                # (the cancel goes into what the task awaits, unless that is done already and its wake-up queued)
                below = None if task._must_cancel or waiter is None or waiter.done() else waiter
                timeout._task = _Uncancelling(task, timeout, frames, detector, below)

        _on_timeout.__wrapped__ = original  # type: ignore[attr-defined]
        return _on_timeout

    def pending_at_end(self) -> None:
        """The checker stops: ACK601 for each cancelled task still pending that swallowed its cancellation and
        carried on (it never ends, or a closed loop left it so)."""
        for key, watched in list(self._watched.items()):
            task = watched.task()
            if task is not None and not task.done() and self._watched.pop(key, None) is watched:
                self._carried_on(task, watched, task.cancelling())

    def _timeout_ended(self, task: Any, caller: Any, frames: List[Tuple[Any, int]], waiter: Any) -> None:
        """An expired timeout's ``__aexit__`` (``caller``) undid its cancellation of ``task`` (not the program's
        kind): ACK601 when its block ended without an exception, unless the task the block awaited took the
        cancel and ended with a result (``waiter``): the CancelledError never reached the block, and that task's
        own swallow is reported where it caught it."""
        if self._on_timeout is not None and caller.f_code is self._timeout_exit \
                and caller.f_locals.get("exc_type") is None and not _settled(waiter):
            self._swallowed_in_timeout(task, frames)

    def uncancelled(self, task: Any, caller: Any) -> None:
        """``task.uncancel()`` was called from ``caller``'s frame. ``asyncio.timeout`` (and ``wait_for`` since
        3.12) calls it when it expired, cancelled the task and its block is over: a block that ended without an
        exception there had the CancelledError swallowed inside it (the timeout then does nothing at all)."""
        if caller.f_code is not self._timeout_exit or caller.f_locals.get("exc_type") is not None:
            if task.cancelling() == 0:
                self._watched.pop(id(task), None)  # undone (a timeout's own): a later cancel is a new one
            return
        watched = self._watched.pop(id(task), None)
        if watched is not None and not (watched.settled_below or _settled(watched.waiter)):
            self._swallowed_in_timeout(task, watched.frames)

    def _swallowed_in_timeout(self, task: Any, frames: List[Tuple[Any, int]]) -> None:
        """ACK601: an ``asyncio.timeout()`` block of ``task`` (waiting in ``frames`` when it expired) ended
        without an exception."""
        where, arrived, _clause = _catching_clause(frames, self.recorder.frames.is_user)
        if where is None and arrived is None:
            return
        name = getattr(getattr(task.get_coro(), "cr_code", None), "co_qualname", "?")
        related = (Related(arrived[0], arrived[1], "where the cancellation arrived"),) if arrived and where else ()
        self.recorder.report(
            "ACK601", f"an `asyncio.timeout()` expired and cancelled task {task.get_name()!r} running {name}(), and "
            + ("this handler" if where else "the call here") + " caught the CancelledError without re-raising it: "
            "the block went on as if nothing had happened and the timeout did nothing; clean up, then `raise`",
            None, where=where or arrived, task=task.get_name(), related=related)

    def cancelled(self, task: Any, caller: Any, by_gather: bool = False) -> None:
        """``task.cancel()`` returned True, called from ``caller``'s frame (the program's task; on any thread);
        ``by_gather``: by a gather cancelling its members (asyncio's tasks: see _cancelling_members)."""
        if caller.f_code is _GROUP_CHILD_DONE and getattr(caller.f_locals.get("self"), "_exiting", False):
            return  # the group's own cancel of its host, caught by the group's wait in `__aexit__`
        watched = self._watched.get(id(task))
        if watched is not None:
            # cancelled again: before the first one was delivered, or after the task swallowed it and carried on
            # (`asyncio.run` cancelling what is left at its end); this cancel was counted already. A task still
            # waiting in the exit of the `with` block the first one reached (a task group waiting for the
            # children it cancelled, then re-raising; anyio's re-cancels its host at each loop pass meanwhile)
            # has not carried on: it is judged when it ends
            if watched.after and not self._handling(task, watched) and self._watched.pop(id(task), None) is watched:
                self._carried_on(task, watched, task.cancelling() - 1)
            return
        by_wait_for = caller.f_code is _CANCEL_AND_WAIT
        # (a waiter already done, its wake-up not run yet, is not cancelled: the task's own next step raises)
        waiter = None if task._must_cancel else task._fut_waiter
        is_user = self.recorder.frames.is_user
        by_group = _GROUP_ABORT is not None and caller.f_code is _GROUP_ABORT
        by_gather = by_gather or self._gathering_cancel is not None \
            and caller.f_code is getattr(self._gathering_cancel, "__code__", None)
        by_owner = not by_wait_for and (by_group or by_gather or caller.f_code not in program_tasks.CHECKED_CODES
                                        and is_user(caller.f_code.co_filename)) and not _waited_on(task, is_user)
        held = by_wait_for and _held_by_awaiter(caller, task)
        self._watched[id(task)] = watched = _Watched(self._suspended_at(task), waiter, by_wait_for, task, by_owner,
                                                     held)
        task.add_done_callback(self._ended)
        loop = task.get_loop()
        try:  # (a cancel from another thread is ACK401 itself: the probe must not add an ACK402 of its own)
            schedule = loop.call_soon if loop is _get_running_loop() else loop.call_soon_threadsafe
            schedule(self._probe, task, watched, _PROBES)
        except RuntimeError:  # a closed loop
            pass

    def _handling(self, task: Any, watched: _Watched) -> bool:
        """``task`` is suspended in the handler that caught the watched cancellation (an ``except`` clause, or the
        exit of a ``with`` block, awaits of ``__aexit__`` included)."""
        clause = _catching_clause(watched.frames)[2]
        if clause is None:
            return False
        code, start, _end, handler_end = clause
        return any(c is code and start <= lasti < handler_end for c, lasti in self._suspended_at(task))

    def _handling_another(self, task: Any, watched: _Watched) -> bool:
        """``task`` is suspended in the clause that caught the watched cancellation, whose name (``except
        BaseException as exc:``) now holds an exception that is no CancelledError: the clause was entered again,
        for another error (a retry loop whose next attempt failed without suspending), so the task went past
        the handler, though every suspension since was in it."""
        clause = _catching_clause(watched.frames)[2]
        if clause is None:
            return False
        code, start, end, _handler_end = clause
        name = _bound_name(code, start)
        if name is None:
            return False
        for frame in _frames_of(task):
            if frame.f_code is code and start <= frame.f_lasti < end:
                value = frame.f_locals.get(name)
                return isinstance(value, BaseException) and not isinstance(value, asyncio.CancelledError)
        return False

    def _probe(self, task: Any, watched: _Watched, left: int) -> None:
        """Run by the loop after the task's steps, a few times: where the task suspends after the delivery (in
        the handler, cleaning up, or past it: carrying on)."""
        if task.done():
            return
        waiter = watched.waiter
        delivered = not (task._must_cancel or (waiter is not None and task._fut_waiter is waiter))
        if delivered and waiter is not None:
            watched.waiter = None
            watched.settled_below = waiter.done() and not waiter.cancelled()
        if delivered and not (watched.after and watched.after[-1] == self._suspended_at(task)):
            watched.after.append(self._suspended_at(task))
        if delivered and not watched.past and watched.after:
            watched.past = self._handling_another(task, watched)
        if left:  # (when not delivered yet, its wake-up is behind this callback)
            task.get_loop().call_soon(self._probe, task, watched, left - 1)
        elif delivered and self._handling(task, watched):
            self._after_wait(task, watched)

    def _after_wait(self, task: Any, watched: _Watched) -> None:
        """The probes ran out while the task still waits inside its handler (a cleanup that awaits a timer, a
        reconnect): look again once what it waits on is done, not at every loop pass (which would keep the
        loop from sleeping), and for as long as it stays in the handler, so that carrying on after it is seen.
        A done callback on the awaited future runs after the task's own wake-up, i.e. after its next step."""
        waiter = task._fut_waiter
        if waiter is None:
            task.get_loop().call_soon(self._probe, task, watched, 0)
        else:
            waiter.add_done_callback(lambda _f: self._probe(task, watched, 0))

    def _ended(self, task: Any) -> None:
        watched = self._watched.pop(id(task), None)
        if watched is None or task.cancelled() or task._exception is not None:
            return
        self._carried_on(task, watched, task.cancelling())

    def _carried_on(self, task: Any, watched: _Watched, cancelling: int) -> None:
        """ACK601 when ``task``, which ended with a result or is still pending (``cancelling``: how many of the
        cancellations asked for are not undone), caught the watched cancellation and went on past the handler;
        ACK602 when it ended once the handler was done (at once, or after awaiting only inside the handler)."""
        if cancelling <= 0:
            return  # turned into something else by whoever asked (a timeout, a TaskGroup): not swallowed
        if watched.settled_below or _settled(watched.waiter):
            return  # the task it awaited swallowed it (reported there): no CancelledError ever reached this one
        where, arrived, clause = _catching_clause(watched.frames, self.recorder.frames.is_user)
        if where is None:
            return
        code, start, end, _handler_end = clause
        name = getattr(getattr(task.get_coro(), "cr_code", None), "co_qualname", "?")
        related = (Related(arrived[0], arrived[1], "where the cancellation arrived"),) if arrived else ()
        in_handler = not watched.past and all(
            any(c is code and start <= lasti < end for c, lasti in frames) for frames in watched.after)
        if in_handler and watched.held and task.done():
            # (a task of the program's, handed to `wait_for`, ended in its handler: from 3.12, where `wait_for` is
            # `timeout()` around an await of it, that is ACK602, and so it is here; a coroutine handed to
            # `wait_for` returns to its awaiter, which carries on, ACK601 as from 3.12 and as the linter has it)
            self.recorder.report(
                "ACK602", f"`asyncio.wait_for()` timed out and cancelled task {task.get_name()!r} running {name}(), "
                "and this handler caught the CancelledError without re-raising it: the task then ended as completed, "
                "so `wait_for` returned its value instead of raising TimeoutError; clean up, then `raise`", None,
                where=where, task=task.get_name(), related=related)
            return
        if not watched.by_wait_for and in_handler:
            # (still pending and never past the handler: not delivered yet, or still in it; cancelled by its
            # owner alone, who wants it to end: nobody's cancel or timeout is lost)
            if task.done() and not watched.by_owner:
                self.recorder.report(
                    "ACK602", f"a cancel() cancelled task {task.get_name()!r} running {name}(), and this handler "
                    "caught the CancelledError without re-raising it: the task then ended as completed instead of "
                    "cancelled, so a timeout or task group around it cannot tell it was cancelled; clean up, then "
                    "`raise`", None, where=where, task=task.get_name(), related=related)
            return
        what = "`asyncio.wait_for()` timed out and cancelled" if watched.by_wait_for else "a cancel() cancelled"
        went_on = "ended as if it had completed" if task.done() else "carried on (it was still running later)"
        self.recorder.report(
            "ACK601", f"{what} task {task.get_name()!r} running {name}(), and this handler caught the "
            f"CancelledError without re-raising it: the task {went_on}, so whoever cancelled it "
            "(a timeout, a shutdown) was ignored; clean up, then `raise`", None,
            where=where, task=task.get_name(), related=related)

    def _suspended_at(self, task: Any) -> List[Tuple[Any, int]]:
        frames = []
        is_user = self.recorder.frames.is_user
        for frame in _frames_of(task):
            if is_user(frame.f_code.co_filename):
                frames.append((frame.f_code, frame.f_lasti))
                _MODULE_OF[frame.f_code] = frame.f_globals.get("__name__")
        frames.reverse()
        return frames


def _held_by_awaiter(cancel_and_wait: Any, task: Any) -> bool:
    """Whether the coroutine awaiting ``wait_for`` (up to 3.11; ``cancel_and_wait`` is the frame of its cancel)
    holds ``task`` in a local or an attribute of one (``wait_for(task, 5)``, ``wait_for(self._flusher, 5)``):
    the program made the task and handed it over. Looked at once, when a ``wait_for`` timeout cancels (the
    collector sees no locals of a running coroutine: they are read as the other looks here read them)."""
    wait_for = cancel_and_wait.f_back
    awaiter = wait_for.f_back if wait_for is not None else None
    if awaiter is None:
        return False
    for value in list(awaiter.f_locals.values()):
        if value is task:
            return True
        if type(value) in _PLAIN:
            continue
        try:  # (the instance's own dict, with no `__getattr__` of the program's called)
            attrs = object.__getattribute__(value, "__dict__")
        except Exception:  # noqa: BLE001 (slots, or no instance dict)
            continue
        if type(attrs) is dict and any(v is task for v in list(attrs.values())):
            return True
    return False


# (what a coroutine holds that keeps no task of its own: not looked into)
_PLAIN = frozenset({str, int, float, bool, bytes, type(None), tuple, list, dict, set, types.ModuleType,
                    types.FunctionType, types.CoroutineType})


def _settled(waiter: Any) -> bool:
    """What a cancelled task awaited (``waiter``, the future the cancel went into) ended with a result or an
    error of its own: it swallowed the cancel, and the CancelledError never reached the task."""
    return waiter is not None and waiter.done() and not waiter.cancelled()


def _frames_of(task: Any) -> Iterator[Any]:
    """The frames of ``task``'s coroutine chain, outermost first, down to where it is suspended."""
    coro = task.get_coro()
    while coro is not None:
        if type(coro).__name__ in _AGEN_STEPS:
            coro = _generator_of(coro)  # `async for` (or `aclose()`) awaits the generator through this
            if coro is None:
                break
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None) or getattr(coro, "ag_frame", None)
        if frame is None:
            break
        yield frame
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None) \
            or getattr(coro, "ag_await", None)


def _bound_name(code: Any, start: int) -> Optional[str]:
    """The name an ``except ... as NAME:`` clause starting at offset ``start`` binds its exception to; None for
    a clause without one (a bare ``except:``, a with block's exit)."""
    import dis

    instructions = [i for i in dis.get_instructions(code) if i.opname != "CACHE" and i.offset >= start][:12]
    for index, instr in enumerate(instructions[:-2]):
        if instr.opname == "CHECK_EXC_MATCH":
            store = instructions[index + 2]
            return store.argval if store.opname in ("STORE_FAST", "STORE_NAME", "STORE_DEREF") else None
    return None


def _waited_on(task: Any, is_user: Any) -> bool:
    """Something waits on ``task``'s outcome for a cancel of its own: a task awaiting it (its wake-up is a method
    of that task), or a wait of asyncio's or a library's over it (`wait_for`, a task group, a future
    chained to it, the `run_until_complete` of `asyncio.run`: their callbacks are functions of code that is not
    the program's). The program's own done callbacks (`tasks.discard`, a logger) and the checker's wait on
    nothing."""
    for callback, _context in task._callbacks or ():
        if isinstance(callback, functools.partial):
            callback = callback.func
        owner = getattr(callback, "__self__", None)
        if _GROUP is not None and isinstance(owner, _GROUP):
            continue  # the task group's own count of its children (it waits for them: see _GROUP_ABORT)
        if owner is not None and owner is not task and hasattr(owner, "add_done_callback") \
                and hasattr(owner, "cancel"):
            return True  # (3.9/3.10's C wake-up wrapper has no __self__: the runtime does not judge there)
        if (getattr(callback, "__module__", None) or "").startswith("asynccheck."):
            continue  # the checker's own (a task's done callback of the ACK302 watch)
        func = getattr(callback, "__func__", callback)
        if type(func) is types.FunctionType:
            if func.__code__ in _KEEPING_WAITS:
                continue  # a gather or a shield: its awaiter's cancel stays its own
            if not is_user(func.__code__.co_filename):
                return True
        elif owner is None or isinstance(owner, types.ModuleType):
            return True  # a C or Cython function (uvloop's `run_until_complete`)
    return False


# the awaitables an async generator's ``asend()`` and ``athrow()`` return: C objects that expose neither the
# generator nor a frame (told by name: making one to read its type would start a generator under the program's hooks)
_AGEN_STEPS = frozenset({"async_generator_asend", "async_generator_athrow"})


def _generator_of(step: Any) -> Any:
    """The async generator ``step`` (an ``asend()``/``athrow()`` awaitable) drives: its one referent of that
    kind (read only for a task that was cancelled)."""
    import gc

    return next((r for r in gc.get_referents(step) if hasattr(r, "ag_frame")), None)


class _Uncancelling:
    """An expired Timeout's stand-in for its task (not the program's kind) until ``__aexit__`` uncancels it."""
    __slots__ = ("task", "timeout", "frames", "detector", "waiter")

    def __init__(self, task: Any, timeout: Any, frames: List[Tuple[Any, int]], detector: CancellationDetector,
                 waiter: Any = None):
        self.task, self.timeout, self.frames, self.detector = task, timeout, frames, detector
        self.waiter = waiter  # what the task awaited when the timeout cancelled it (None: nothing pending)

    def uncancel(self) -> int:
        task = self.task
        if self.timeout._task is self:
            self.timeout._task = task
        left = task.uncancel()
        self.detector._timeout_ended(task, sys._getframe(1), self.frames, self.waiter)
        return left

    def __getattr__(self, name: str) -> Any:
        return getattr(self.task, name)


def _catching_clause(frames: List[Tuple[Any, int]], is_user: Any = None) -> Tuple[Optional[Site], Optional[Site], Any]:
    """(the ``except`` clause that caught the CancelledError and did not re-raise, the await it arrived at,
    (code, first offset, end offset, end offset of its handler) of that clause), walking the exception tables
    of ``frames`` (innermost first) from each one's await outwards. With ``is_user`` (a file name test), a
    `with` block whose exit swallowed it is reported in that exit when it is the program's own, at its one
    ``return True`` (the line to change, as the linter reports it)."""
    import dis

    arrived, exited = None, None
    for code, offset in frames:
        instructions = [i for i in dis.get_instructions(code) if i.opname != "CACHE"]
        lines = _lines(instructions)
        if arrived is None:
            arrived = (code.co_filename, lines.get(offset) or code.co_firstlineno)
        withs: List[Tuple[int, int]] = []
        clause = _clause(code, offset, instructions, withs, _MODULE_OF.get(code))
        if clause is not None:
            start, end = clause
            return (code.co_filename, lines.get(start) or code.co_firstlineno), arrived, (code, start, end, end)
        if withs and exited is None:
            start, span = withs[0]
            site = (_own_exit_return(code, start, instructions, is_user) if is_user is not None else None) \
                or (code.co_filename, lines.get(start) or code.co_firstlineno)
            exited = site, (code, start, start + 1, span)
    if exited is not None:
        # no clause caught it on its way out, yet it was swallowed: the `with` block it left first, whose
        # __exit__ said so (`with contextlib.suppress(CancelledError):`)
        return exited[0], arrived, exited[1]
    return None, arrived, None


def _own_exit_return(code: Any, handler: int, instructions: list, is_user: Any) -> Optional[Site]:
    """The one line of the program's own ``__aexit__``/``__exit__`` that returns a true constant, for the `with`
    block of ``code`` whose exit handler starts at ``handler``: that return swallowed the cancellation, and
    the fix goes there (return True only for the exceptions meant), not at each `with` that uses the class.
    The context manager is read statically from the `with` line, a global name and the attributes read from
    it, called or not (`async with BestEffort("sync"):`, `with guards.quiet:`): no code of the program's runs.
    None when that is not known (a local, `self.guard`), not the program's (`contextlib.suppress`), or not one
    return."""
    import dis
    import inspect

    table = dis._parse_exception_table(code)  # type: ignore[attr-defined]  # (3.11+)
    body = min((e.start for e in table if e.target == handler), default=None)
    if body is None:
        return None
    before = [i for i in instructions if i.offset < body]
    enter = next((k for k in range(len(before) - 1, -1, -1)
                  if before[k].opname in ("BEFORE_WITH", "BEFORE_ASYNC_WITH")), None)
    if enter is None:
        return None
    first = enter
    while first > 0 and _starts(before[first]) is None:
        first -= 1
    namespace = getattr(sys.modules.get(_MODULE_OF.get(code) or ""), "__dict__", None)
    if namespace is None:
        return None
    missing = object()
    value: Any = missing
    for instr in before[first:enter]:
        if instr.opname in ("LOAD_GLOBAL", "LOAD_NAME") and value is missing:
            value = namespace.get(str(instr.argval), missing)
        elif instr.opname in ("LOAD_ATTR", "LOAD_METHOD") and value is not missing:
            try:
                value = inspect.getattr_static(value, str(instr.argval))
            except AttributeError:
                return None
        elif instr.opname.startswith("LOAD_") and value is missing:
            return None  # a local, `self.guard`: not known without running the program's code
    if value is missing:
        return None
    cls = value if isinstance(value, type) else type(value)
    name = "__aexit__" if before[enter].opname == "BEFORE_ASYNC_WITH" else "__exit__"
    try:
        leave = inspect.getattr_static(cls, name)
    except AttributeError:
        return None
    exit_code = getattr(leave, "__code__", None)
    if exit_code is None or not is_user(exit_code.co_filename):
        return None
    found = set()
    ops = [i for i in dis.get_instructions(exit_code) if i.opname != "CACHE"]
    lines = _lines(ops)
    for k, instr in enumerate(ops):
        if instr.opname == "RETURN_CONST" and instr.argval:
            found.add(lines.get(instr.offset))
        elif instr.opname == "RETURN_VALUE" and k and ops[k - 1].opname == "LOAD_CONST" and ops[k - 1].argval:
            found.add(lines.get(ops[k - 1].offset))
    if len(found) != 1 or None in found:
        return None
    return exit_code.co_filename, found.pop()


def _lines(instructions: list) -> Dict[int, int]:
    """offset -> line, for every instruction."""
    out, line = {}, None
    for instr in instructions:
        line = _starts(instr) or line
        out[instr.offset] = line
    return out


def _clause(code: Any, offset: int, instructions: list, withs: List[Tuple[int, int]],
            module: Optional[str] = None) -> Optional[Tuple[int, int]]:
    """(first offset, end offset) of the ``except`` clause in ``code`` that a CancelledError raised at ``offset``
    ends in, when it does not re-raise; None when it leaves the frame (or is re-raised). The exit handlers of
    the `with` blocks it passes through on the way are added to ``withs`` (first offset, end offset: the call
    of ``__exit__`` or the await of ``__aexit__``, up to where the handler ends)."""
    import dis

    table = dis._parse_exception_table(code)  # type: ignore[attr-defined]  # (3.11+)
    at = {instr.offset: index for index, instr in enumerate(instructions)}
    for _ in range(50):  # each step goes to an enclosing handler: bounded by the nesting
        entry = next((e for e in table if e.start <= offset < e.end), None)
        if entry is None or entry.target not in at:
            return None
        index = at[entry.target]
        ops = instructions[index:index + 3]
        if not ops or ops[0].opname != "PUSH_EXC_INFO":
            offset = entry.target  # a cleanup (COPY, POP_EXCEPT, RERAISE): the exception goes on
            continue
        if ops[1].opname == "WITH_EXCEPT_START":
            last = _clause_end(instructions, index)
            withs.append((entry.target, instructions[last + 1].offset if last + 1 < len(instructions) else 1 << 30))
            offset = entry.target  # a `with` block's exit, which lets it through (unless __exit__ said no)
            continue
        clause = _matching_clause(instructions, index + 1, module, table)
        if clause is None:
            offset = entry.target  # no clause takes it (or a `finally`): it leaves this handler
            continue
        start, end = clause
        if _raises(instructions[start:end], table, _depth(table, instructions[start].offset)):
            offset = instructions[start].offset  # re-raised (or another error raised): it goes on
            continue
        end = _returning_from(instructions, end)
        return instructions[start].offset, instructions[end].offset if end < len(instructions) else 1 << 30
    return None


# jumps that an `await` compiles to (its send loop), not branches of the program's own
_AWAIT_JUMPS = frozenset({"SEND", "JUMP_BACKWARD_NO_INTERRUPT"})


def _returning_from(instructions: list, end: int) -> int:
    """``end`` (the clause's POP_EXCEPT), or past the ``return`` it leads to in a straight line: a handler that
    returns, with a ``finally`` whose cleanup (awaits included) the compiler put between the two. Suspending
    there is still ending once the handler is done (ACK602), not carrying on."""
    for j in range(end + 1, len(instructions)):
        instr = instructions[j]
        if instr.opname in ("RETURN_VALUE", "RETURN_CONST"):
            return j + 1
        if instr.opname in _AWAIT_JUMPS:
            continue
        if "JUMP" in instr.opname or instr.opname in ("RAISE_VARARGS", "RERAISE"):
            return end  # a branch (a loop going on, code after the try): not a straight return
    return end


def _matching_clause(instructions: list, index: int, module: Optional[str] = None,
                     table: Any = ()) -> Optional[Tuple[int, int]]:
    """(first, end) indexes of the clause of a try's handler (starting at ``index``) that catches a
    CancelledError: `except CancelledError`, `except BaseException`, a tuple naming one, a bare `except`, a name
    of ``module``'s (or an attribute of one: `errors.RETRYABLE`) holding such a class or tuple."""
    if instructions[index].opname == "POP_TOP":
        return index, _clause_end(instructions, index, table)  # bare `except:` (a `finally` does not pop first)
    while index < len(instructions):
        names, check = set(), None
        for j in range(index, min(index + 30, len(instructions))):
            instr = instructions[j]
            if instr.opname == "CHECK_EXC_MATCH":
                check = j
                break
            if instr.opname in ("LOAD_GLOBAL", "LOAD_NAME", "LOAD_ATTR", "LOAD_DEREF", "LOAD_FAST"):
                names.add(str(instr.argval))
        if check is None:
            return None
        jump = instructions[check + 1]
        if names & _CATCHING or _holds_cancel(instructions[index:check], module):
            return index, _clause_end(instructions, check, table)
        if not jump.opname.startswith("POP_JUMP") or not isinstance(jump.argval, int):
            return None
        index = next((k for k, i in enumerate(instructions) if i.offset == jump.argval), len(instructions))
        if index < len(instructions) and instructions[index].opname == "RERAISE":
            return None  # no clause matched
    return None


def _holds_cancel(instructions: list, module: Optional[str]) -> bool:
    """Whether a global name (and the attributes read from it) loaded by ``instructions``, the test of an
    ``except`` clause, is a class a CancelledError is an instance of, or a tuple holding one. Read statically
    (no property or ``__getattr__`` of the program's runs): only for a task that swallowed a cancellation."""
    import inspect
    from asyncio import CancelledError

    namespace = getattr(sys.modules.get(module or ""), "__dict__", None)
    if namespace is None:
        return False
    missing = object()
    value: Any = missing
    for instr in instructions:
        if instr.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
            value = namespace.get(str(instr.argval), missing)
        elif instr.opname == "LOAD_ATTR" and value is not missing:
            try:
                value = inspect.getattr_static(value, str(instr.argval))
            except AttributeError:
                value = missing
        else:
            continue
        members = value if isinstance(value, tuple) else (value,)
        if any(isinstance(m, type) and issubclass(CancelledError, m) for m in members):
            return True
    return False


def _clause_end(instructions: list, index: int, table: Any = ()) -> int:
    """Index of the clause's POP_EXCEPT (where it leaves the handler, having handled the exception). With the
    code's exception table, not one of a `try` nested in the clause (a cleanup's `except OSError: pass`): that
    one leaves the nested handler only, with the clause's exception still on the stack (asgiref's handler passes
    the cancel on in a nested try, then awaits and may re-raise after it)."""
    depth = _depth(table, instructions[index].offset) if table else None
    for j in range(index, len(instructions)):
        if instructions[j].opname == "POP_EXCEPT" and (depth is None or _depth(table, instructions[j].offset) < depth):
            return j
    return len(instructions)


def _depth(table: Any, offset: int) -> int:
    """The stack depth the innermost handler around ``offset`` restores (0 outside any handler): a `try` nested
    in an `except` clause keeps the clause's exception below its own."""
    return next((e.depth for e in table if e.start <= offset < e.end), 0)


def _raises(instructions: list, table: Any, depth: int) -> bool:
    """Whether a clause's instructions (starting at its own, at ``depth``) raise out of the clause (`raise`,
    `raise X`): not a `try` nested in it re-raising what it did not match, nor a nested handler's cleanup
    (``POP_EXCEPT; RERAISE``)."""
    for k, instr in enumerate(instructions):
        if instr.opname not in ("RERAISE", "RAISE_VARARGS"):
            continue
        if instr.opname == "RERAISE" and k and instructions[k - 1].opname == "POP_EXCEPT":
            continue
        if _depth(table, instr.offset) <= depth:
            return True
    return False
