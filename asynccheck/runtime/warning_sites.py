"""Warnings keep the location plain python gives them.

A warning's location is the frame ``stacklevel`` frames out from the code that warns (for a C function, the
innermost Python frame: its caller). asynccheck's wrappers (``open``, ``loop.create_task``, ``Thread.join``...)
are Python frames between the program and what it calls, so a warning raised under one was placed on the
wrapper: ``-W error::RuntimeWarning:__main__`` and ``catch_warnings`` records saw asynccheck's file and line, and
a DeprecationWarning from a call in ``__main__`` was hidden by the default filters (they show those only for
``__main__``).

Two hooks put it back. A filter entry at the front of ``warnings.filters`` whose message, module and category
tests are ours: told of every warning (text, then module, then category), it lets those placed on one of our
frames through once more, from where plain python would have placed them (the same ``stacklevel`` counted
without our frames), and drops the misplaced one (its action is "ignore"); the program's own filters then decide,
with the right module, line and registry. Filters the program adds later go in front of it: a warning they show
is seen by the second hook, ``warnings._showwarnmsg``, which moves it to the same place before it is printed or
recorded.

The warning let through again is the same object when it was raised as one, else made again from its text and
category; a ResourceWarning's ``source`` (what ``-X tracemalloc`` shows the allocation of) is not passed on.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import warnings
from typing import Any, Iterator, List, Optional

from asynccheck.runtime.frames import ASYNCCHECK_FILES
from asynccheck.runtime.plain_stack import FLOORS, launcher

# where a warning raised with no frame to place it on is placed ("sys:1": at the interpreter's exit, most often)
_NOWHERE = object()
_FRAMELESS = ("<sys>", 0) if sys.version_info >= (3, 13) else ("sys", 1)  # as Python names that place
_state = threading.local()


def _ours(frame: Any) -> bool:
    """A frame of asynccheck's: a wrapper's, or the launcher's below the program under `asynccheck run` (runpy's
    that it called included: a module-level warning with stacklevel=2 lands on "sys:1", as in python)."""
    return frame.f_code.co_filename.startswith(ASYNCCHECK_FILES) or launcher(frame)


def _stack(frame: Any) -> List[Any]:
    """The stack from ``frame`` outwards, to the session's collection if one runs (see ``collecting``)."""
    floor = getattr(_state, "floor", None)
    frames = []
    while frame is not None:
        frames.append(frame)
        if frame is floor or frame.f_code in FLOORS:
            break  # (ours: the frames below it are the launcher's)
        frame = frame.f_back
    return frames


def _plain_landing(frames: List[Any], level: int) -> Optional[Any]:
    """The frame plain python would place a warning on: ``frames`` (the stack from the frame that warned
    outwards) landed on ``frames[level - 1]``; the same count without our frames. None when no frame of ours was
    counted (the place is right as it is), or none is left."""
    if not any(_ours(f) for f in frames[:level]):
        return None
    plain = [f for f in frames if not _ours(f)]
    return plain[level - 1] if level <= len(plain) else _NOWHERE


def _again(message: Any, category: Any, frame: Any, source: Any = None) -> None:
    """Warn ``message`` once more, placed on ``frame`` (or ``_NOWHERE``) as the warnings machinery places it."""
    if frame is _NOWHERE:
        (filename, line), namespace, module = _FRAMELESS, vars(sys), "sys"
    else:
        namespace, filename, line = frame.f_globals, frame.f_code.co_filename, frame.f_lineno
        module = namespace.get("__name__")
        if not isinstance(module, str):
            module = "<string>"
    if line is None:
        line = -1  # an instruction with no line (where both arms of `flush() if dirty else None` meet), as python says
    registry = namespace.get("__warningregistry__")
    if registry is None:
        registry = namespace["__warningregistry__"] = {}
    # python's own warning reads the source line by file name, without the globals; they are handed on only
    # where they name the loader through __spec__ (a module in a zip archive): from 3.12 importlib warns
    # ("Module globals is missing a __spec__.loader", a DeprecationWarning the program would record or see) of
    # globals with a __loader__ and no __spec__, which is what a script's __main__ has
    spec_loader = getattr(namespace.get("__spec__"), "loader", None) if line > 0 else None
    _state.again = True
    try:
        try:
            # (no source looked up for a line below 1, as python's own warning has none: the lookup would raise)
            warnings.warn_explicit(message, category, filename, line, module, registry,
                                   namespace if spec_loader is not None else None, source)
        except ValueError:  # 3.12+: globals whose __spec__ names no loader (a program run by runpy): line by name
            warnings.warn_explicit(message, category, filename, line, module, registry, None, source)
    finally:
        _state.again = False


def _misplaced(origin: Any, message: Any, category: Any, module: Any) -> bool:
    """The warning being filtered was placed with one of our frames counted: warn it again from the right
    place, and say so (the entry then drops this one). Where it was placed is known by module only: the
    innermost frame of that module (our wrappers rarely nest in one module; a frame of the program's module
    inside the one it landed on would need a callback of the program's called back through a wrapper)."""
    if not isinstance(module, str):
        return False
    frame, level, counted = origin, 0, False
    while frame is not None:
        level += 1
        ours = _ours(frame)
        counted = counted or ours
        name = frame.f_globals.get("__name__")
        if (name if isinstance(name, str) else "<string>") == module:
            break
        frame = frame.f_back
    if frame is None or not counted:
        return False  # (no frame of ours on the way: placed as plain python places it)
    landing = _plain_landing(_stack(origin), level)
    if landing is None or landing is _NOWHERE:
        # (nowhere, "sys:1": the filters decide on the category alone in practice; the warning goes on with its
        # source, which a warning made again here would lose, and is moved when shown)
        return False
    _again(message, category, landing)
    return True


def warn_placed(message: str, category: type, stacklevel: int, source: Any = None) -> None:
    """``warnings.warn`` for a warning of ours standing in for Python's (a never-awaited coroutine's, from our
    stand-in for the function Python calls): ``stacklevel`` counts from the caller as Python's own does, and a
    frame of ours found there (the coroutine freed inside one of our wrappers) is passed by, as it would not be
    there without us."""
    try:
        frame: Any = sys._getframe(stacklevel)
    except ValueError:  # (freed with no frame of Python's below: at the interpreter's exit)
        frame = None
    floor = getattr(_state, "floor", None)
    while frame is not None and frame is not floor and _ours(frame):
        frame = frame.f_back
    _again(message, category, _NOWHERE if frame is None or frame is floor else frame, source)


class _Text:
    """The entry's message test: told first, it notes the warning's text (or the warning itself)."""
    pattern = ""  # (code reading warnings.filters expects a compiled pattern here)

    def match(self, text: Any) -> bool:
        _state.text, _state.module, _state.category = text, None, None
        return True

    def __repr__(self) -> str:
        return "asynccheck's warning placement"


class _Module:
    """The entry's module test: notes the module the warning was placed in."""
    pattern = ""

    def match(self, module: Any) -> bool:
        _state.module = module
        if getattr(_state, "category", None) is not None:  # (tested in the other order: warnings.py's)
            return _settle(sys._getframe(1))
        return True

    def __repr__(self) -> str:
        return "asynccheck's warning placement"


class _CategoryTest(type):
    def __subclasscheck__(cls, category: Any) -> bool:
        if getattr(_state, "text", None) is None:
            return False  # not a warning being filtered: someone reading the filters
        _state.category = category
        if getattr(_state, "module", None) is None:
            return True  # the module is tested after (warnings.py's order): that test decides
        return _settle(sys._getframe(1))


class _Category(Warning, metaclass=_CategoryTest):
    """The entry's category: its test sees the warning's category, last (in _warnings' order)."""


# Told of a never-awaited coroutine's warning that did not come through `warnings._warn_unawaited_coroutine` (that
# one is ours: runtime/coroutines.py): a compiled coroutine's, whose finalizer warns by itself (Cython's, uvloop's
# `Server.wait_closed()`, `loop.create_connection()`): (its name, the frame that was running when it was freed)
compiled_unawaited: List[Any] = [None]
_UNAWAITED = ("coroutine '", "' was never awaited")


def _tell_unawaited(text: Any, category: Any, origin: Any) -> bool:
    """Tell ``compiled_unawaited`` of ``text``, a warning about to be filtered or shown, if it is one of those."""
    if (compiled_unawaited[0] is None or not isinstance(text, str) or not text.endswith(_UNAWAITED[1])
            or not text.startswith(_UNAWAITED[0]) or not isinstance(category, type)
            or not issubclass(category, RuntimeWarning)):
        return False
    try:
        compiled_unawaited[0](text[len(_UNAWAITED[0]):-len(_UNAWAITED[1])], origin)
    except Exception:  # (as in _settle: the warning goes on as it was)
        pass
    return True


def _settle(origin: Any) -> bool:
    text, category, module = _state.text, _state.category, _state.module
    _state.text = _state.module = _state.category = None
    if getattr(_state, "again", False):
        return False  # the warning we let through again, placed already
    _state.told = None
    if _tell_unawaited(text, category, origin):
        _state.told = text  # (the hook below is not told again when the warning is shown)
    try:
        return _misplaced(origin, text, category, module)
    except Warning:
        raise  # the program's filters made it an error: raised from the call, as in plain python
    except Exception:  # a failure of ours must not become the program's: the warning goes on as it was
        return False


ENTRY = ("ignore", _Text(), _Category, _Module(), 0)


def _showing(original: Any) -> Any:
    def _showwarnmsg(msg: Any) -> Any:
        if not getattr(_state, "again", False):
            try:
                # (a filter of the program's in front of our entry decided: our entry was not told of it)
                text = str(msg.message)
                if getattr(_state, "told", None) == text:
                    _state.told = None
                else:
                    _tell_unawaited(text, msg.category, sys._getframe(1))
                msg = _moved(msg, sys._getframe(1))
            except Exception:  # (as in _settle)
                pass
        return original(msg)

    _showwarnmsg.__wrapped__ = original  # type: ignore[attr-defined]
    return _showwarnmsg


def _moved(msg: Any, origin: Any) -> Any:
    """``msg`` (being shown) placed where plain python would have placed it: a filter of the program's in
    front of our entry decided first."""
    level, frame = 0, origin
    while frame is not None:
        level += 1
        if frame.f_code.co_filename == msg.filename and frame.f_lineno == msg.lineno:
            break
        frame = frame.f_back
    landing = _plain_landing(_stack(origin), level) if frame is not None else None
    if landing is None:
        return msg
    filename, line = _FRAMELESS if landing is _NOWHERE else (landing.f_code.co_filename, landing.f_lineno or 0)
    return warnings.WarningMessage(msg.message, msg.category, filename, line, msg.file, None, msg.source)


@contextlib.contextmanager
def collecting(floor: Any) -> Iterator[None]:
    """Around the session's own ``gc.collect()`` (called in ``floor``'s frame): what the finalizers it runs raise
    is reported as at the interpreter's exit, where plain python would have collected it. A warning placed on
    our frames, or on the frames below ours (the launcher's), goes to "sys:1", and an error one (``-W
    error::ResourceWarning``) reaches ``sys.unraisablehook`` without our frames in its traceback."""
    hook, outer = sys.unraisablehook, getattr(_state, "floor", None)
    _state.floor = floor

    def unraisablehook(unraisable: Any) -> Any:
        tb = unraisable.exc_traceback
        kept = _without_ours(tb)
        if kept is not tb:
            unraisable = type(unraisable)((unraisable.exc_type, unraisable.exc_value, kept, unraisable.err_msg,
                                           unraisable.object))
        return hook(unraisable)

    sys.unraisablehook = unraisablehook
    try:
        yield
    finally:
        _state.floor = outer
        if sys.unraisablehook is unraisablehook:
            sys.unraisablehook = hook


def _without_ours(tb: Any) -> Any:
    kept = []
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(ASYNCCHECK_FILES):
            kept.append(tb)
        tb = tb.tb_next
    if not kept:
        return None
    for outer, inner in zip(kept, kept[1:]):
        outer.tb_next = inner
    kept[-1].tb_next = None
    return kept[0]


class WarningSites:
    def __init__(self) -> None:
        self.installed = False

    def install(self, patches: Any) -> None:
        patches.replace(warnings, "_showwarnmsg", _showing(warnings._showwarnmsg))
        warnings.filters.insert(0, ENTRY)
        warnings._filters_mutated()  # type: ignore[attr-defined]
        self.installed = True

    def uninstall(self) -> None:
        if not self.installed:
            return
        self.installed = False
        try:
            warnings.filters.remove(ENTRY)
        except ValueError:  # the program reset the filters
            pass
        warnings._filters_mutated()  # type: ignore[attr-defined]
