"""ACK401 for an asyncio future's own method handed to another thread to call: `loop.run_in_executor(None,
fut.set_result, x)`, `asyncio.to_thread(fut.cancel)`, `Thread(target=fut.set_exception, args=(err,))`,
`threading.Timer(1, fut.cancel)`; ACK402 likewise for uvloop's compiled `loop.call_soon`
(`threading.Timer(5, loop.call_soon, args=(cb,))`: asyncio's `call_soon` is Python, and checks its thread when it
runs, see loop.py and handovers.py).

The future's `set_result`, `set_exception` and `cancel` are C methods: called by a pool worker or a Thread's
`run`, no Python code of the program's, and (while nothing awaits the future yet) none of the loop's, runs to see
the thread. The thread that will call it is never the loop's (a new thread, a pool worker), so the hand-over is
the mistake, checked when it is made: one type test per `submit` and per `Thread` made, at the hand-over's line.
A task's `cancel` is not here: the program's tasks check their own thread (program_tasks.py), and so does every
pure-Python method asyncio's objects have (threads.py, which finds the hand-over once the call runs).
"""
from __future__ import annotations

import asyncio
import functools
import sys
import threading
from asyncio import base_events
from types import BuiltinMethodType, MethodType, ModuleType
from typing import Any

from asynccheck.on_import import OnImport
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder

_SETTERS = frozenset({"set_result", "set_exception", "cancel"})
_FUTURE = asyncio.Future


def _handed_future_method(fn: Any) -> Any:
    """The asyncio future whose C setter ``fn`` (or the partial around it) is, or the loop that is not asyncio's
    whose ``call_soon`` it is, while that loop runs; else None."""
    if not isinstance(fn, (BuiltinMethodType, functools.partial, MethodType)):
        return None  # (a function of the program's, a pool's worker: nearly every call)
    if type(fn) is MethodType and fn.__name__ != "call_soon":
        return None  # (a method of the program's: `Thread(target=self.run)`)
    from asynccheck.runtime.handovers import _unwrapped  # (imports the thread pool's module: not at start-up)

    fn = _unwrapped(fn)
    if getattr(fn, "__name__", None) == "call_soon":
        loop = getattr(fn, "__self__", None)
        # (uvloop's Cython method; not asyncio's, nor a class of the program's built on it)
        if not isinstance(loop, asyncio.AbstractEventLoop) or isinstance(loop, base_events.BaseEventLoop):
            return None
        try:
            return loop if loop.is_running() else None
        except Exception:
            return None
    if not isinstance(fn, BuiltinMethodType) or fn.__name__ not in _SETTERS:  # (3.13: a subclass of it)
        return None
    target = fn.__self__
    if not isinstance(target, _FUTURE):
        return None
    loop = getattr(target, "_loop", None)
    try:
        return target if loop is not None and loop.is_running() else None
    except Exception:
        return None


class HandedFutures:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder

    def _report(self, fn: Any, target: Any, runner: str, caller: Any) -> None:
        from asynccheck.runtime.handovers import _unwrapped

        kind, name = type(target).__name__, _unwrapped(fn).__name__
        if not isinstance(target, _FUTURE):  # a loop's call_soon
            if self.recorder.wants("ACK402"):
                self.recorder.report(
                    "ACK402", f"`loop.{name}` is handed to {runner} to call: `loop.{name}()` is not thread-safe, "
                    f"and the loop is not woken to run the callback; hand it `loop.call_soon_threadsafe` "
                    f"instead", caller, raise_here=True)
            return
        if not self.recorder.wants("ACK401"):
            return
        self.recorder.report(
            "ACK401", f"`{kind}.{name}` of an asyncio {kind} is handed to {runner} to call: asyncio objects are "
            f"not thread-safe, and the loop is not woken to see the change; hand it over through "
            f"`loop.call_soon_threadsafe({kind.lower()}.{name}, ...)`", caller, raise_here=True)

    def install(self, patches: Patches, on_import: OnImport) -> None:
        if not (self.recorder.wants("ACK401") or self.recorder.wants("ACK402")):
            return
        checker = self

        def patch_pool(pool_thread: ModuleType) -> None:
            submit = pool_thread.ThreadPoolExecutor.submit

            def checked_submit(executor: Any, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
                target = _handed_future_method(fn)
                if target is not None:
                    checker._report(fn, target, "an executor thread", sys._getframe(1))
                return submit(executor, fn, *args, **kwargs)

            checked_submit.__wrapped__ = submit  # type: ignore[attr-defined]
            checked_submit.__name__, checked_submit.__qualname__ = submit.__name__, submit.__qualname__
            checked_submit.__doc__ = submit.__doc__
            patches.replace(pool_thread.ThreadPoolExecutor, "submit", checked_submit)

        on_import.when_imported("concurrent.futures.thread", patch_pool)

        init = threading.Thread.__init__

        def checked_init(thread: Any, *args: Any, **kwargs: Any) -> None:
            init(thread, *args, **kwargs)
            fn = getattr(thread, "_target", None)
            target = _handed_future_method(fn) if fn is not None else None
            if target is not None:
                checker._report(fn, target, "a thread", sys._getframe(1))

        checked_init.__wrapped__ = init  # type: ignore[attr-defined]
        checked_init.__name__, checked_init.__qualname__, checked_init.__doc__ = \
            init.__name__, init.__qualname__, init.__doc__
        patches.replace(threading.Thread, "__init__", checked_init)

        timer_init = threading.Timer.__init__

        def checked_timer_init(timer: Any, *args: Any, **kwargs: Any) -> None:
            # (the Timer's function is set after Thread.__init__, which saw no target)
            timer_init(timer, *args, **kwargs)
            fn = getattr(timer, "function", None)
            target = _handed_future_method(fn) if fn is not None else None
            if target is not None:
                checker._report(fn, target, "a timer thread", sys._getframe(1))

        checked_timer_init.__wrapped__ = timer_init  # type: ignore[attr-defined]
        checked_timer_init.__name__, checked_timer_init.__qualname__, checked_timer_init.__doc__ = \
            timer_init.__name__, timer_init.__qualname__, timer_init.__doc__
        patches.replace(threading.Timer, "__init__", checked_timer_init)
