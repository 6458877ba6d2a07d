"""Which frame is the user's: the innermost one outside asyncio, asynccheck, the standard library and (by
default) installed packages. Findings point there, so a report names a line the user can change."""
from __future__ import annotations

import inspect
import os
import site
import sys
from types import CodeType, FrameType
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from asynccheck.findings import Frame
from asynccheck.unpatched import absolute

_LAUNCHERS = frozenset({"<frozen runpy>", os.path.join(os.path.dirname(os.__file__), "runpy.py")})
ASYNCCHECK_FILES = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep  # asynccheck's own files (its wrappers' frames)
_ASYNCIO = os.path.dirname(inspect.getfile(__import__("asyncio"))) + os.sep
_COROUTINE = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR | inspect.CO_ITERABLE_COROUTINE
# Where one step of the loop begins: past these frames outwards is the loop running, not the step's code.
_STEP_BOUNDARIES = frozenset({"_run", "_run_once", "run_forever", "run_until_complete", "run", "__step",
                              "__step_run_and_handle_result"})
# The same for a compiled loop (uvloop): the code of the Python `run_forever` asynccheck sets on it, which is the
# caller of every Python frame a step of that loop runs (see uvloop_steps.py).
LOOP_ENTRIES: Set[CodeType] = set()
# The code of the Python coroutines asynccheck sets in place of a compiled loop's coroutine methods that make
# blocking calls of their own (uvloop's `shutdown_default_executor` joins its helper thread): what they call is
# the loop's work done on the program's behalf, as asyncio's own coroutines' is (see uvloop_hooks.py).
LOOP_OWN_WORK: Set[CodeType] = set()
# `weakref.finalize` calling its callback, when its object is freed or at exit
_FINALIZE_CALL = __import__("weakref").finalize.__call__.__code__


def _callback_dispatchers() -> FrozenSet[CodeType]:
    """The standard library's calls of objects the program registered once, far from the call that reaches them
    (a logging handler's ``emit``, a filter, a formatter: every ``log.info()`` of every coroutine runs them). A
    blocking call made in such a callback of the program's is one mistake, in the callback; reported at each line
    that logs, it is as many findings, none of them at the line to change (asyncio imports logging already)."""
    import logging

    return frozenset({logging.Handler.handle.__code__, logging.Filterer.filter.__code__})


_CALLBACK_DISPATCHERS = _callback_dispatchers()


def _signal_handler(frame: FrameType) -> bool:
    """Whether ``frame`` runs a Python signal handler the program installed (``signal.signal(SIGUSR1,
    on_usr1)``, a bound method, a ``partial`` of one): the interpreter calls it between two bytecodes of
    whatever frame the main thread runs, which did not call it. Looked at only for a finding's frames."""
    import threading

    code = frame.f_code
    if code.co_argcount not in (2, 3) or frame.f_back is None or threading.get_ident() != threading.main_thread().ident:
        return False  # (handlers take the signal and the frame, and run on the main thread only)
    import functools
    import signal

    for signum in signal.valid_signals():
        try:
            handler = signal.getsignal(signum)
        except (ValueError, OSError):
            continue
        while isinstance(handler, functools.partial):
            handler = handler.func
        if getattr(getattr(handler, "__func__", handler), "__code__", None) is code:
            return True
    return False


def _stdlib_prefixes() -> Tuple[str, ...]:
    # The folder of os.py is sysconfig's "stdlib" (and holds every .py module of the standard library, the
    # only ones that run as frames): asking sysconfig itself would cost every `asynccheck run` ~2 ms.
    own = getattr(os, "__file__", None)
    if own:
        return (os.path.dirname(os.path.abspath(own)) + os.sep,)
    import sysconfig

    paths = sysconfig.get_paths()
    found = {os.path.abspath(paths[k]) + os.sep for k in ("stdlib", "platstdlib") if paths.get(k)}
    return tuple(sorted(found))


def _site_prefixes() -> Tuple[str, ...]:
    found = set()
    try:
        found.update(site.getsitepackages())
    except AttributeError:  # virtualenv's old site.py
        pass
    user = getattr(site, "getusersitepackages", lambda: None)()
    if user:
        found.add(user)
    found.update(p for p in sys.path if p.endswith(("site-packages", "dist-packages")))
    return tuple(sorted(os.path.abspath(p) + os.sep for p in found))


STDLIB = _stdlib_prefixes()
SITE = _site_prefixes()


_CALLS = frozenset({"CALL", "CALL_KW", "CALL_FUNCTION", "CALL_FUNCTION_KW", "CALL_FUNCTION_EX", "CALL_METHOD"})
_FORWARDING: Dict[CodeType, bool] = {}  # a lambda's code -> whether all it does is one call


def _forwards(code: CodeType) -> bool:
    """Whether ``code`` is a lambda's whose body is one call (``lambda f: self.persist(base, f)``): an adapter
    of the function it calls. Read once per lambda, when a finding passes through one."""
    if code.co_name != "<lambda>":
        return False
    if code not in _FORWARDING:
        import dis

        _FORWARDING[code] = sum(instr.opname in _CALLS for instr in dis.get_instructions(code)) == 1
    return _FORWARDING[code]


def _made_by_a_library(frame: FrameType) -> bool:
    """``frame`` (code compiled from a string) runs a method dataclasses or namedtuple made for a class of the
    program's: dataclasses builds them in a function of its own, ``__create_fn__`` (its name in the code's
    qualified name from 3.11; up to 3.10 told by the class, which holds this very code and is a dataclass),
    namedtuple evaluates them in a namespace named after the tuple."""
    if str(frame.f_globals.get("__name__", "")).startswith("namedtuple_"):
        return True
    code = frame.f_code
    qualname = getattr(code, "co_qualname", None)
    if qualname is not None:
        return qualname.startswith("__create_fn__.")
    if not code.co_argcount:
        return False
    first = frame.f_locals.get(code.co_varnames[0])
    cls = first if isinstance(first, type) else type(first)
    if not any("__dataclass_fields__" in k.__dict__ for k in cls.__mro__):  # (read, no `__dir__` of the program's)
        return False
    method = next((k.__dict__[code.co_name] for k in cls.__mro__ if code.co_name in k.__dict__), None)
    return getattr(method, "__code__", None) is code


class FrameFilter:
    """Decides which frames are the user's; built once per session (the answer depends on its options)."""

    def __init__(self, include_site_packages: bool = False):
        site_dirs = () if include_site_packages else SITE
        # site-packages usually lives under the stdlib folder: check it first, then the stdlib
        self.foreign = (ASYNCCHECK_FILES, *site_dirs)
        self.stdlib = STDLIB
        self.site_dirs = SITE
        self._cache: dict = {}
        self._fields: dict = {}  # (a dataclass-made code, its line) -> the field's site, or None

    def is_user(self, filename: str) -> bool:
        known = self._cache.get(filename)
        if known is None:
            if filename.startswith("<") and filename not in ("<stdin>", "<string>"):
                known = False  # <frozen importlib._bootstrap> and friends
            else:
                path = absolute(filename)  # (not os.path.abspath: the program may have replaced it)
                if path.startswith(self.foreign):
                    known = False
                elif path.startswith(self.site_dirs):
                    known = True  # include_site_packages: installed code counts as the user's
                else:
                    known = not path.startswith(self.stdlib)
            self._cache[filename] = known
        return known

    def field_site(self, frame: FrameType) -> Optional[Tuple[str, int]]:
        """Where the program's class declares the field that ``frame``, a dataclass's ``__init__`` (made by
        dataclasses), is making the default of (``inbox: asyncio.Queue = field(default_factory=asyncio.Queue)``):
        the line to change, as the linter reports it. None for any other frame, or when that is not known."""
        while frame.f_back is not None and frame.f_code.co_filename.startswith(ASYNCCHECK_FILES):
            frame = frame.f_back  # (the checker's own wrappers of the same call, 3.13's foreign-thread check)
        code = frame.f_code
        if not code.co_filename.startswith("<") or not code.co_argcount or not _made_by_a_library(frame):
            return None
        key = (code, frame.f_lineno)
        if key not in self._fields:
            self._fields[key] = self._declared_field(frame)
        return self._fields[key]

    def _declared_field(self, frame: FrameType) -> Optional[Tuple[str, int]]:
        import dis
        import re

        code = frame.f_code
        # the attribute its line stores (dataclasses writes one field per line; f_lasti of a frame that is in a
        # call is not where that call is on every version)
        starts, line, name = dict(dis.findlinestarts(code)), None, None
        for instr in dis.get_instructions(code):
            line = starts.get(instr.offset, line)
            if line == frame.f_lineno and instr.opname == "STORE_ATTR":
                name = str(instr.argval)
                break
        cls = type(frame.f_locals.get(code.co_varnames[0]))
        owner = next((k for k in cls.__mro__ if name in k.__dict__.get("__annotations__", {})), None)
        if name is None or owner is None:
            return None
        try:
            path, (lines, first) = inspect.getsourcefile(owner), inspect.getsourcelines(owner)
        except (OSError, TypeError):
            return None
        if path is None or not self.is_user(path):
            return None
        declaration = re.compile(r"\s+" + re.escape(name) + r"\s*:")
        return next(((path, first + n) for n, text in enumerate(lines) if declaration.match(text)), None)

    def user_frame(self, frame: Optional[FrameType], until: Optional[FrameType] = None) -> Optional[FrameType]:
        """The innermost user frame from ``frame`` outwards; None if there is none up to ``until`` (included)."""
        while frame is not None and not (self.is_user(frame.f_code.co_filename) and self._own_source(frame)):
            if frame is until:
                return None
            frame = frame.f_back
        return frame

    def _own_source(self, frame: FrameType) -> bool:
        """Code compiled from a string (``<string>``) is the program's when the program ran it (``python -c``, its
        own ``exec``, or the loop calling a coroutine defined there), not when a library did: dataclasses and
        namedtuple ``exec`` the methods they make, and a stall while a library imports is no line of the user's."""
        if not frame.f_code.co_filename.startswith("<"):
            return True
        caller = frame.f_back
        if caller is None:
            return True
        filename = caller.f_code.co_filename
        if not (self.is_user(filename) or filename.startswith((_ASYNCIO, ASYNCCHECK_FILES))):
            return False
        # called by the program, but made by a library all the same: a dataclass's `__init__` making the queue
        # its field's default_factory names is no line of the program's `<string>`; the program's call is
        return not _made_by_a_library(frame)

    def entry(self, frame: Optional[FrameType]) -> Optional[Tuple[FrameType, Optional[FrameType]]]:
        """For a call made at ``frame`` on the loop's thread: where the program's own code entered it, and the
        first frame it called there (the outermost API of the chain, or the program's helper), as the linter
        sees it: the line of the coroutine that made the sync call, else the callback the loop called.

        None when the call was made by asyncio itself on the program's behalf (a subprocess transport opening
        its pipes): that is asyncio's business, not a finding.
        """
        inner: Optional[FrameType] = None  # the frame called from the one being looked at
        outermost_user: Optional[Tuple[FrameType, Optional[FrameType]]] = None
        called: Optional[Tuple[FrameType, Optional[FrameType]]] = None  # the program's frame that one called
        while frame is not None:
            code = frame.f_code
            filename = code.co_filename
            if filename.startswith(_ASYNCIO) and code.co_name in _STEP_BOUNDARIES and not code.co_flags & _COROUTINE:
                break  # the loop itself: a callback's chain ends here
            if code in LOOP_ENTRIES:
                break  # a compiled loop's run_forever: the same
            user = self.is_user(filename)
            if user and code.co_flags & _COROUTINE:
                return frame, inner  # the coroutine that made the sync call
            if user:
                called, outermost_user = outermost_user, (frame, inner)
                if code.co_name == "__del__" or _signal_handler(frame):
                    # a finalizer runs wherever the collector or the last reference happened to free its object,
                    # a signal handler wherever the signal found the main thread: the line outside it is chance,
                    # the line to change is in it
                    return outermost_user
            elif (code is _FINALIZE_CALL or code in _CALLBACK_DISPATCHERS) and outermost_user is not None:
                # a `weakref.finalize` callback of the program's, a logging handler's `emit`: as a `__del__` above
                return outermost_user
            elif code.co_flags & _COROUTINE:
                if outermost_user is not None:
                    return outermost_user  # the program's sync callback, called by a library's coroutine
                if filename.startswith(_ASYNCIO) or code in LOOP_OWN_WORK:
                    return None  # asyncio's own coroutine (create_subprocess_exec) doing its work
            if not filename.startswith(ASYNCCHECK_FILES):
                inner = frame  # asynccheck's own wrappers are no link of the chain
            frame = frame.f_back
        if outermost_user is not None:
            if called is not None and called[0] is outermost_user[1] and _forwards(outermost_user[0].f_code):
                # a lambda the loop called that only hands on to the program's function (`add_done_callback(lambda
                # f: self.persist(base, f))`) is that function's adapter, as a `partial` of it would be: the line to
                # change is in the function, where a `partial` has it
                return called
            return outermost_user
        return None

    @staticmethod
    def stack(frame: Optional[FrameType], limit: int = 40) -> Tuple[Frame, ...]:
        """The program's stack from ``frame`` outwards, outermost first (innermost last), at most ``limit``
        frames: asynccheck's own frames, and the launcher's below the program's entry point, are left out."""
        return FrameFilter.at_positions(FrameFilter.positions(frame, limit))

    @staticmethod
    def positions(frame: Optional[FrameType], limit: int = 40) -> Tuple[Tuple[CodeType, int], ...]:
        """``stack``'s frames as (code, offset of its current instruction): a stack kept in case it is ever
        reported (each threading lock a task takes) whose lines are worked out only then (``at_positions``). A
        frame's ``f_lineno`` scans its code's line table up to the instruction: for a lock taken in a
        coroutine, the ~20 frames out to the launcher cost more that way than everything else the lock does."""
        frames: List[Tuple[CodeType, int]] = []
        while frame is not None and len(frames) < limit:
            code = frame.f_code
            filename = code.co_filename
            if filename in _LAUNCHERS:
                break
            if not filename.startswith(ASYNCCHECK_FILES):
                frames.append((code, frame.f_lasti))
            frame = frame.f_back
        frames.reverse()
        return tuple(frames)

    @staticmethod
    def at_positions(positions: Tuple[Tuple[CodeType, int], ...]) -> Tuple[Frame, ...]:
        """The records of a stack kept by ``positions``: the lines its frames were at then."""
        return tuple(Frame(code.co_filename, line_at(code, offset), code.co_name) for code, offset in positions)


def frame_line(frame: FrameType) -> int:
    """The line ``frame`` is at, as ``line_at`` tells it: ``f_lineno`` unless its instruction has no line."""
    return frame.f_lineno or line_at(frame.f_code, frame.f_lasti)


def line_at(code: CodeType, offset: int) -> int:
    """The line of the instruction at ``offset`` in ``code``: ``frame.f_lineno`` of a frame stopped there. An
    instruction the compiler gave no line (the ``POP_TOP`` where both arms of `self.flush() if dirty else None`
    meet, as a statement) belongs to the line of the code just before it, which python shows no line for (an
    ACK301 there was reported at line 0)."""
    if offset < 0:
        return code.co_firstlineno
    lines = getattr(code, "co_lines", None)
    if lines is not None:
        before = 0
        for start, end, line in lines():
            if start <= offset < end:
                return line or before
            if start > offset:
                break
            before = line or before
        return before
    import dis  # (Python 3.9: no co_lines)

    found = 0
    for start, line in dis.findlinestarts(code):
        if start > offset:
            break
        found = line
    return found or 0
