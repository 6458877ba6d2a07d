"""The stack a program looks at, as python would show it: without the checker's frames.

Under ``asynccheck run`` the program's module runs inside the launcher (the console script, asynccheck's command,
``Program.run``, then runpy's ``run_path``/``run_module``), and while a loop runs our ``run_forever`` wrapper sits
between asyncio's frames: ``traceback.print_stack()``, ``format_stack()``, ``extract_stack()``, ``logging``'s
``stack_info=True`` (all through ``traceback.walk_stack``) and ``inspect.stack()`` (through
``inspect.getouterframes``) listed them, so a program printing or counting its stack saw more than under python,
and ``inspect.stack()[-1]`` was the launcher's. Both functions are replaced while the checker runs by ones that
leave those frames out; what they are asked for costs one walk along ``f_back`` more, and nothing else runs them.
logging's own walk to a record's caller steps over them too (3.11+: see ``_is_internal_frame``).

Tracebacks alike: an exception that left the loop (a ``KeyboardInterrupt`` or ``sys.exit()`` raised in a callback
or a task) passed through the wrapper, and one that left the program passed through the launcher, whose
``except`` put them into its ``__traceback__``; ``traceback.print_exc()``, ``format_exception()``,
``logging.exception()`` and asyncio's own log of a failed task (all through ``traceback.walk_tb``, from 3.11
``_walk_tb_with_full_positions``) showed them. Those two walk a copy of the chain without them (the program's
traceback objects are left as they are); a chain with none of them is walked as it is.

A task's stack alike: ``Task.get_stack()`` and ``print_stack()`` of the task that is running walk ``f_back`` out
of its coroutine's frame (asyncio's ``base_tasks._task_get_stack``), which listed the launcher's frames and our
wrapper (``asyncio.current_task().get_stack()``). The C task looked that function up when it was imported, so the
function keeps its identity and is given code that runs ours (``Patches.replace_code``).

``FLOORS`` holds the code of the frame the launcher calls the program from: that frame, every frame outside it,
and the runpy frames between it and the program's first are the launcher's. Without one on the stack (the pytest
plugin, ``watch()``), only asynccheck's own frames are left out. Code that walks ``f_back`` itself still sees them
(docs/runtime.md, Limits).
"""
from __future__ import annotations

import faulthandler
import inspect
import logging
import os
import re
import sys
import threading
import traceback
from _thread import get_ident as _get_ident
from asyncio import base_tasks
from types import FrameType, FunctionType, TracebackType
from typing import Any, Callable, Iterator, List, Optional, Set, Tuple

from asynccheck.runtime.frameless import CheckedFunction
from asynccheck.runtime.frames import ASYNCCHECK_FILES

# idents of the checker's own threads (the watchdog's, the SIGTERM notice's): not in the program's dumps
CHECKER_THREADS: Set[int] = set()
FLOORS: Set[Any] = set()  # code objects (checker/program.py adds Program.run's)
AS_MAIN = "_run_module_as_main"  # runpy's entry for `python -m`, which the launcher calls for `-m` too
_RUNPY = frozenset({"<frozen runpy>", os.path.join(os.path.dirname(os.__file__), "runpy.py")})
# how many frames out from walk_stack's own generator frame its caller is, when it is given no frame
_WALK_CALLER = 4 if sys.version_info >= (3, 11) else 2


def launcher(frame: FrameType) -> bool:
    """Whether ``frame`` is the launcher's floor, or a runpy frame the floor called to start the program (not
    ``_run_module_as_main``'s, nor the ones inside it: ``python -m`` has them too)."""
    while frame is not None and frame.f_code.co_filename in _RUNPY:
        if frame.f_code.co_name == AS_MAIN:
            return False
        frame = frame.f_back  # type: ignore[assignment]
    return frame is not None and frame.f_code in FLOORS


def runpy_of_the_launcher(frames: List[FrameType]) -> int:
    """How many of ``frames`` (the program's outwards, up to the launcher's floor) at their outer end are runpy's
    of the launcher's: ``run_path``'s for a script, none for a module (``python -m`` shows its two runpy frames)."""
    if not frames or frames[-1].f_code.co_name == AS_MAIN:
        return 0
    count = 0
    while count < len(frames) and frames[-1 - count].f_code.co_filename in _RUNPY:
        count += 1
    return count


def plain_frames(frame: Optional[FrameType]) -> List[FrameType]:
    """The frames from ``frame`` outwards that python would have: not asynccheck's, not the launcher's."""
    frames = []
    while frame is not None:
        if frame.f_code in FLOORS:
            del frames[len(frames) - runpy_of_the_launcher(frames):]  # (run_path's: called by the floor)
            break
        if not frame.f_code.co_filename.startswith(ASYNCCHECK_FILES):
            frames.append(frame)
        frame = frame.f_back
    return frames


def plain_traceback(tb: Optional[TracebackType]) -> Optional[TracebackType]:
    """``tb``'s chain as python would have it: without asynccheck's frames, the launcher's floor and what is
    outside it, nor the runpy frames the floor called (``run_path``'s; ``python -m``'s stay); ``tb`` itself when
    none of them is in it, else a copy of the kept entries."""
    entries = []
    while tb is not None:
        entries.append(tb)
        tb = tb.tb_next
    start = 0
    for n, entry in enumerate(entries):
        if entry.tb_frame.f_code in FLOORS:
            start = n + 1
    if start:
        while start < len(entries) and entries[start].tb_frame.f_code.co_filename in _RUNPY and \
                entries[start].tb_frame.f_code.co_name != AS_MAIN:
            start += 1
    kept = [e for e in entries[start:] if not e.tb_frame.f_code.co_filename.startswith(ASYNCCHECK_FILES)]
    if len(kept) == len(entries) or not kept:
        # (none kept: a walk started at one of our entries, as pytest's extract_tb(entry, limit=1) for each
        # entry of its own list; an empty walk there broke its report of the failure)
        return entries[0] if entries else None
    plain = None
    for entry in reversed(kept):
        plain = TracebackType(plain, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return plain


def _walk_tb(original: Any) -> Any:
    def walk_tb(tb: Any) -> Any:
        try:
            tb = plain_traceback(tb)
        except AttributeError:  # not a traceback: the original's own error
            pass
        return original(tb)

    walk_tb.__doc__, walk_tb.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return walk_tb


def _walk_stack(original: Any) -> Any:
    def walk_stack(f: Optional[FrameType]) -> Iterator[Tuple[FrameType, int]]:
        if f is None:
            f = sys._getframe()
            for _ in range(_WALK_CALLER):
                f = f.f_back  # type: ignore[union-attr]
        for frame in plain_frames(f):
            yield frame, frame.f_lineno

    walk_stack.__doc__, walk_stack.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return walk_stack


def _getouterframes(original: Any) -> Any:
    def getouterframes(frame: Any, context: int = 1) -> List[Any]:
        records = original(frame, context)
        try:
            kept = {id(f) for f in plain_frames(frame)}
        except AttributeError:  # not a frame: the original's own error came first, or this is no frame's list
            return records
        if len(kept) == len(records):
            return records
        return [record for record in records if id(record[0]) in kept]

    getouterframes.__doc__, getouterframes.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return getouterframes


def _is_internal_frame(original: Any) -> Any:
    """logging's test of the frames its ``findCaller`` steps over (3.11+): the checker's are stepped over too. A
    record of a logging method the loop called itself (``loop.call_soon(log.info, "done")`` on uvloop) was placed
    in our ``run_forever`` wrapper, the caller of every callback there: ``%(filename)s:%(lineno)d`` printed
    uvloop_steps.py where python prints runners.py; a ``stacklevel`` counted it as a level."""
    def is_internal_frame(frame: Any) -> bool:
        return original(frame) or frame.f_code.co_filename.startswith(ASYNCCHECK_FILES)

    is_internal_frame.__doc__, is_internal_frame.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return is_internal_frame


def _task_get_stack(original: Callable[[Any, Optional[int]], List[FrameType]]) -> Any:
    def task_get_stack(task: Any, limit: Optional[int]) -> List[FrameType]:
        frames = original(task, None)
        coro = task._coro
        own = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None) or getattr(coro, "ag_frame", None)
        if frames and frames[-1] is own:  # walked out from the coroutine's frame: the launcher's below it too
            plain = plain_frames(own)[::-1]
            return plain if limit is None else plain[-limit:] if limit > 0 else []
        plain = [f for f in frames if not f.f_code.co_filename.startswith(ASYNCCHECK_FILES)]  # a traceback's
        return plain if limit is None else plain[:max(limit, 0)]

    return task_get_stack


def _running_plain_task_stack(task: Any, limit: Any, *, plain: Any = None) -> Any:
    return plain(task, limit)


def install(patches: Any) -> None:
    function = base_tasks._task_get_stack
    original = FunctionType(function.__code__, function.__globals__, function.__name__, function.__defaults__,
                            function.__closure__)
    patches.replace_code(function, _running_plain_task_stack.__code__.replace(co_name=function.__name__),
                         {"plain": _task_get_stack(original)})
    patches.replace(traceback, "walk_stack", _walk_stack(traceback.walk_stack))
    if hasattr(logging, "_is_internal_frame"):  # (up to 3.10 findCaller tests logging's own file alone)
        patches.replace(logging, "_is_internal_frame", _is_internal_frame(logging._is_internal_frame))
    for name in ("walk_tb", "_walk_tb_with_full_positions"):  # (the second one: 3.11+, what formatting uses)
        if hasattr(traceback, name):
            patches.replace(traceback, name, _walk_tb(getattr(traceback, name)))
    patches.replace(inspect, "getouterframes", _getouterframes(inspect.getouterframes))
    patches.replace(faulthandler, "dump_traceback", _dump_traceback(faulthandler.dump_traceback))
    patches.replace(sys, "_current_frames", _without_checker_threads(current_frames, True))
    for kind in ("trace", "profile"):
        setter, getter = _tracer_filters(getattr(sys, "set" + kind), getattr(sys, "get" + kind))
        patches.replace(sys, "set" + kind, setter)
        patches.replace(sys, "get" + kind, getter)
    if hasattr(sys, "_current_exceptions"):  # (3.12+)
        patches.replace(sys, "_current_exceptions", _without_checker_threads(sys._current_exceptions, False))
    patches.replace(sys, "addaudithook", _audit_hooks_filter(sys.addaudithook))


def _tracer_filters(set_tracer: Any, get_tracer: Any) -> Tuple[Any, Any]:
    """``sys.settrace``/``gettrace`` (or ``setprofile``/``getprofile``) that keep the checker's frames from the
    program's tracer: a line tracer, a debugger stepping into ``time.sleep(...)``, a coverage tool listing the files
    it saw would find asynccheck's wrappers there, which python does not run. The program's function is called
    for every event of a frame of its own (the local tracer it returns is installed as it is: only frames' first
    events pay the filter); ``gettrace()`` gives the program's function back."""
    def filtering(tracer: Any) -> Any:
        def filtered(frame: Any, event: str, arg: Any) -> Any:
            if frame.f_code.co_filename.startswith(ASYNCCHECK_FILES):
                return None
            return tracer(frame, event, arg)

        filtered.asynccheck_tracer = tracer  # type: ignore[attr-defined]
        return filtered

    def set_filtered(tracer: Any) -> None:
        set_tracer(None if tracer is None else filtering(tracer))

    def get_unfiltered() -> Any:
        tracer = get_tracer()
        return getattr(tracer, "asynccheck_tracer", tracer) if type(tracer) is FunctionType else tracer

    return (CheckedFunction(set_tracer, set_filtered, lambda: True),
            CheckedFunction(get_tracer, get_unfiltered, lambda: True))


# the checker's own work on the program's thread that raises audit events python's would not: up to 3.11 a
# module with checked call sites is compiled from its tree (a second ``compile`` event, its file None) and its code
# kept in the checker's cache (``marshal.dumps``, reading it back ``marshal.loads``) where python compiles the source
# once (site_calls.py, code_cache.py); the events of the program's own calls through a wrapper are the program's
_OWN_WORK_FILES = frozenset(os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
                            for name in ("site_calls.py", "code_cache.py"))


def _audit_hooks_filter(add_hook: Any) -> Any:
    """``sys.addaudithook`` whose hooks are not called for what the checker's own threads do: the watchdog lists
    the program's threads and opens their schedstat files (``os.listdir``, ``open``), which an audit trail of the
    program's would record, and python does not do; nor for the events the checker's compiling of the program's
    modules raises on the program's thread (_OWN_WORK_FILES). A hook is called for every event of the program's
    threads, through one function of ours (a hook's ``sys._getframe(1)`` is that function); a program that adds no
    hook pays nothing. Hooks cannot be removed: one added while the checker ran keeps its filter, which lets every
    event through once the checker's threads are gone."""
    def add_filtered(hook: Any) -> None:
        def filtered(event: str, args: Any) -> Any:
            if CHECKER_THREADS and _get_ident() in CHECKER_THREADS:
                return None
            # (the checker compiling a module with checked call sites, and marshalling its cache: the one compile
            # of the module's source that python makes too is the program's)
            if event.startswith(("compile", "marshal.")) and \
                    sys._getframe(1).f_code.co_filename in _OWN_WORK_FILES:
                return None
            return hook(event, args)

        add_hook(filtered)

    return CheckedFunction(add_hook, add_filtered, lambda: True)


# the interpreter's, for the checker's own looks (the watchdog's, at every sample)
current_frames = sys._current_frames


def _without_checker_threads(original: Any, frames: bool) -> Any:
    """``sys._current_frames()`` (``frames``) or ``_current_exceptions()`` without the checker's threads, which
    python does not have; the calling thread's frame is its caller's, as the C function has no frame of its own."""
    def without_checker_threads() -> Any:
        found = original()
        for ident in CHECKER_THREADS:
            found.pop(ident, None)
        if frames:
            found[threading.get_ident()] = sys._getframe(1)
        return found

    return CheckedFunction(original, without_checker_threads, lambda: True)


# faulthandler's own lines (C, the same from 3.9 to 3.13): compiled on the first dump the program takes, not at
# every start-up (the two cost ~1M instructions there, callgrind, 3.11)
_HEADER_PATTERN = (r"(Current thread|Thread) 0x([0-9a-f]+) \(most recent call first\):"
                   r"|Stack \(most recent call first\):")
_FRAME_PATTERN = r'  File "(.*)", line (?:\d+|\?\?\?) in (.*)'


def _dump_traceback(original: Any) -> Any:
    def dump_traceback(file: Any = None, all_threads: bool = True) -> None:
        fd = _fileno(file)
        made = _memory_file() if fd is not None else None
        if made is None:
            return original(file, all_threads)  # (its own errors: a closed stderr, a bad descriptor)
        try:
            original(made, all_threads)
            os.lseek(made, 0, os.SEEK_SET)
            chunks = []
            while True:
                chunk = os.read(made, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(made)
        text = _plain_dump(b"".join(chunks).decode("latin-1")).encode("latin-1")  # (bytes kept as they are)
        try:
            while text:
                text = text[os.write(fd, text):]
        except OSError:  # (faulthandler's own writes fail silently)
            pass

    dump_traceback.__doc__, dump_traceback.__wrapped__ = original.__doc__, original  # type: ignore[attr-defined]
    return dump_traceback


def _fileno(file: Any) -> Optional[int]:
    """The descriptor faulthandler would write to (the file flushed, as it does), or None when it would fail."""
    if file is None:
        file = sys.stderr
    if isinstance(file, int):
        return file if file >= 0 else None
    try:
        fd = file.fileno()
    except Exception:
        return None
    if not isinstance(fd, int) or fd < 0:
        return None
    try:
        file.flush()
    except Exception:  # (ignored by faulthandler too)
        pass
    return fd


def _memory_file() -> Optional[int]:
    try:
        return os.memfd_create("asynccheck-dump", getattr(os, "MFD_CLOEXEC", 0))
    except (AttributeError, OSError):  # not Linux: the dump is written as it is
        return None


_UNSTARTED = "Thread 0x%016x " % 0


def _plain_dump(text: str) -> str:
    """faulthandler's dump without the checker's threads (``CHECKER_THREADS``), our frames, and the launcher's."""
    floors = {(code.co_filename, code.co_name) for code in FLOORS}
    header_line, frame_line = re.compile(_HEADER_PATTERN).fullmatch, re.compile(_FRAME_PATTERN).fullmatch
    starting = "Thread 0x%016x " % threading.get_ident()
    blocks, block = [], []  # type: ignore[var-annotated]
    for line in text.splitlines(keepends=True):
        if header_line(line.rstrip("\n")) and block:
            blocks.append(block)
            block = []
        block.append(line)
    if block:
        blocks.append(block)
    kept = []
    for block in blocks:
        frames = [(i, frame_line(line.rstrip("\n"))) for i, line in enumerate(block)]
        frames = [(i, m) for i, m in frames if m is not None]
        header = header_line(block[0].rstrip("\n"))
        if header is not None and header.group(2) is not None and int(header.group(2), 16) in CHECKER_THREADS:
            continue  # a thread of the checker's
        if not frames and block[0].startswith((starting, _UNSTARTED)):
            # one of the checker's threads being started: its state has our thread's id until it runs (3.13: 0)
            continue
        floor = next((n for n, (_, m) in enumerate(frames) if (m.group(1), m.group(2)) in floors), None)
        drop = {i for i, m in frames if m.group(1).startswith(ASYNCCHECK_FILES)}
        if floor is not None:
            drop.update(i for i, _ in frames[floor:])
            if frames[floor - 1][1].group(2) != AS_MAIN if floor else False:
                n = floor - 1
                while n >= 0 and frames[n][1].group(1) in _RUNPY:
                    drop.add(frames[n][0])
                    n -= 1
        kept.append("".join(line for i, line in enumerate(block) if i not in drop))
    return "".join(kept)
