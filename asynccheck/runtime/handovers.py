"""Where a thread was given the call it made: ``threading.Timer(5, stop.set)``, ``Thread(target=lock.release)``,
``loop.run_in_executor(None, queue.put_nowait, item)``. The foreign call (ACK401/402) then runs with no frame of
the program's on its thread's stack, only the standard library's ``Thread.run`` or the pool's work item; the line
to change is the hand-over, found in the program's bytecode the way ACK301 finds a coroutine function handed to
``call_soon``. Nothing is recorded when a thread starts or a job is submitted: this runs only for such a finding.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import functools
import inspect
import os
import sys
import threading
from typing import Any, Callable, Optional, Tuple

from asynccheck.runtime.coroutines import _starts, handed_sites
from asynccheck.runtime.frames import ASYNCCHECK_FILES, LOOP_ENTRIES
from asynccheck.runtime.tasks import coro_of

_THREADING = threading.__file__
# the thread pool's module, by its path: not imported here (loop.py imports this module at start-up, and a program
# that never makes a pool does not get one's module loaded)
_POOL = os.path.join(os.path.dirname(concurrent.futures.__file__), "thread.py")
_THREAD_TAKERS = frozenset({"Thread"})
_TIMER_TAKERS = frozenset({"Timer"})
_POOL_TAKERS = frozenset({"submit", "run_in_executor", "to_thread"})


def _runner(frame: Any) -> Optional[Tuple[Any, frozenset]]:
    """(the callable, the functions that could have been handed it) of the Thread or pool job ``frame`` runs in."""
    while frame is not None:
        code = frame.f_code
        if code.co_name == "run" and code.co_filename in (_THREADING, _POOL):
            owner = frame.f_locals.get("self")
            if isinstance(owner, threading.Timer):
                return getattr(owner, "function", None), _TIMER_TAKERS
            if isinstance(owner, threading.Thread):
                return getattr(owner, "_target", None), _THREAD_TAKERS
            if code.co_filename == _POOL:
                return getattr(owner, "fn", None), _POOL_TAKERS
        frame = frame.f_back
    return None


def _unwrapped(fn: Any) -> Any:
    """``to_thread(f)`` submits ``partial(context.run, f)``; ``partial(event.set)`` hands ``event.set``."""
    while isinstance(fn, functools.partial):
        inner = fn.func
        fn = fn.args[0] if isinstance(getattr(inner, "__self__", None), contextvars.Context) and fn.args else inner
    return fn


def handed_where(frames: Any, frame: Any) -> Optional[Tuple[str, int]]:
    """The one line of the program's modules that handed the callable running at ``frame``'s thread (none of
    whose frames is the program's) to a thread or an executor."""
    later = handed_later(frames, frame)
    return None if later is None else later()


def handed_later(frames: Any, frame: Any) -> Optional[Callable[[], Optional[Tuple[str, int]]]]:
    """``handed_where`` in two halves: what the thread runs, and the program's modules, are read now (a walk of
    the thread's stack; the modules' list is kept from one finding to the next); the program's bytecode is
    searched for the hand-over when the result is called, out of the foreign call's way. By then the program may
    be over, its ``__main__`` gone from ``sys.modules``: the namespaces are held from now."""
    runner = _runner(frame)
    if runner is None:
        return None
    fn, takers = runner
    name = getattr(_unwrapped(fn), "__name__", None)
    if not isinstance(name, str):
        return None
    namespaces = _program_modules(frames)
    key = (name, takers, len(namespaces))
    found = _sites.get(key)
    # the same method handed in several places (`run_in_executor(None, q.put_nowait, x)` twice): the one its
    # submitter is at now, awaiting the job or blocked on it, read now (a walk of the frames, no more) unless the
    # places are known to be one already
    live = None if found is not None and len(found) == 1 else _live_lines()
    return functools.partial(_handing_line, namespaces, name, takers, live)


def _handing_line(namespaces: list, name: str, takers: frozenset, live: Optional[set]) -> Optional[Tuple[str, int]]:
    key = (name, takers, len(namespaces))
    found = _sites.get(key)
    if found is None:
        found = _sites[key] = {where for where, _taker in handed_sites(namespaces, name, takers)}
    if len(found) > 1:
        found = found & (_live_lines() if live is None else live)
    return next(iter(found)) if len(found) == 1 else None


# what runs a callable later on the loop's own thread, as the loop's callback
_LOOP_TAKERS = frozenset({"call_soon", "call_soon_threadsafe", "call_later", "call_at", "add_done_callback",
                          "add_reader", "add_writer", "add_signal_handler"})
_HANDLE_RUN = asyncio.events.Handle._run.__code__
_STEPS = inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE | inspect.CO_ASYNC_GENERATOR


def scheduled_where(frames: Any, frame: Any, name: str) -> Optional[Tuple[str, int]]:
    """The one line of the program's modules that handed the loop the callable whose blocking call is at
    ``frame``, when that callable is not the program's code (``loop.call_soon(worker.join)``,
    ``loop.call_later(1, time.sleep, 0.2)``): no frame of the program's is on the stack, only the loop's.
    ``name`` is the blocking function's own, the callback's when the loop called it directly (a compiled loop
    shows no Handle to read it from). None when a frame of the program's is there, or the hand-over is not one
    place."""
    outermost = None
    while frame is not None:
        code = frame.f_code
        if code is _HANDLE_RUN:
            callback = getattr(frame.f_locals.get("self"), "_callback", None)
            name = getattr(_unwrapped(callback), "__name__", None)
            break
        if code in LOOP_ENTRIES:
            if outermost is not None:
                if outermost.f_code.co_flags & _STEPS:
                    return None  # a task's step (a library's coroutine), not a callback handed to the loop
                name = outermost.f_code.co_name
            break
        if frames.is_user(code.co_filename):
            return None
        if not code.co_filename.startswith(ASYNCCHECK_FILES):
            outermost = frame
        frame = frame.f_back
    else:
        return None
    if not isinstance(name, str):
        return None
    key = (name, _LOOP_TAKERS, len(_program_modules(frames)))
    found = _sites.get(key)
    if found is None:
        found = _sites[key] = {where for where, _taker in handed_sites(_program_modules(frames), name, _LOOP_TAKERS)}
    return next(iter(found)) if len(found) == 1 else None


_BINDERS = frozenset({"partial"})


def bound_later(frames: Any, frame: Any, name: str) -> Callable[[], Optional[Tuple[str, int]]]:
    """Where the program bound the method ``name`` it called at ``frame`` through another name: ``report =
    functools.partial(loop.call_soon, progress.update)`` handed to a worker, which calls ``report(100)``. That
    call line is only where the bound method ran; the line to change is the one ``partial(...)`` of a method of
    that name in the program's modules. None when ``frame``'s line names the method itself (a direct call), or
    when the binding is not one place. ``frame``'s code and line, and the program's modules, are read now (see
    ``handed_later``), their bytecode searched when the result is called."""
    code = frame.f_code
    if not frames.is_user(code.co_filename):
        return _nowhere
    return functools.partial(_binding_line, _program_modules(frames), code, frame.f_lineno, name)


@functools.lru_cache(maxsize=1024)
def _named_on_line(code: Any, line: int, name: str) -> bool:
    """Whether ``code`` names ``name`` on ``line``: asked once per site, not once per finding (a thread per item
    scheduling from the same line leaves hundreds of findings to record at the program's end)."""
    import dis

    current = None
    for instr in dis.get_instructions(code):
        current = _starts(instr) or current
        if current == line and instr.argval == name:
            return True
    return False


def _nowhere() -> None:
    return None


def _binding_line(namespaces: list, code: Any, line: int, name: str) -> Optional[Tuple[str, int]]:
    if _named_on_line(code, line, name):
        return None  # called directly
    found = {where for where, _taker in handed_sites(namespaces, name, _BINDERS)}
    return next(iter(found)) if len(found) == 1 else None


# (method name, takers, number of the program's modules) -> hand-over lines: each occurrence of a finding asks
_sites: dict = {}
_modules: list = [0, []]  # len(sys.modules) when the program's modules were last listed, and their namespaces


def _program_modules(frames: Any) -> list:
    if _modules[0] != len(sys.modules):
        namespaces = {}
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None)
            if isinstance(path, str) and frames.is_user(path):
                namespaces[id(module.__dict__)] = module.__dict__
        _modules[:] = [len(sys.modules), list(namespaces.values())]
    return _modules[1]


def _tasks_now() -> list:
    """Every task asyncio knows of. Read from a thread that is not the loop's, whose thread may add a task to the
    weak sets in the middle of the copy (`RuntimeError: Set changed size during iteration`): copied again then,
    and given up after a few tries (an empty list: no line is live, the finding falls back as for no line)."""
    for _ in range(5):
        try:
            return [*getattr(asyncio.tasks, "_all_tasks", ()), *getattr(asyncio.tasks, "_scheduled_tasks", ()),
                    *getattr(asyncio.tasks, "_eager_tasks", ())]
        except RuntimeError:
            continue
    return []


def _live_lines() -> set:
    """(path, line) of every frame running on a thread or suspended in a task now."""
    lines = set()
    for frame in sys._current_frames().values():
        while frame is not None:
            lines.add((frame.f_code.co_filename, frame.f_lineno))
            frame = frame.f_back
    for task in _tasks_now():
        awaited = coro_of(task)  # (any task: one finished eagerly has no coroutine)
        while awaited is not None:
            frame = getattr(awaited, "cr_frame", None) or getattr(awaited, "gi_frame", None)
            if frame is not None:
                lines.add((frame.f_code.co_filename, frame.f_lineno))
            awaited = getattr(awaited, "cr_await", None) or getattr(awaited, "gi_yieldfrom", None)
    return lines
