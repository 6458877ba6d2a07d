"""The interpreter's own source reads while it prints an exception in C, told apart from the program's.

CPython's C traceback printer (the default ``sys.excepthook``, and the default ``sys.unraisablehook`` behind every
"Exception ignored in: ..." a raising ``__del__`` or callback gets) shows each frame's source line by calling
``io.open(filename, "rb")`` itself, with no Python frame of its own: under the checker that read looked made by
whatever frame of the program's was running (the ``del`` that freed the object, the ``sys.excepthook(...)`` call)
and became an ACK103 the program never wrote. Python-level printing (``traceback``, ``logging``, ``warnings``) reads
through ``linecache`` and was told apart already.

While a loop runs on the thread, the two default hooks are called through a wrapper of ours (a ``CheckedFunction``
stand-in: off a loop's thread the original itself is called, no frame made); a file opened whose immediate
caller is that wrapper's frame was opened by the C printer. Code of the program's the printer calls (an
exception's ``__str__``, an object's ``__repr__``) runs in frames of its own, and its ``open()`` is still the
program's. ``sys.excepthook`` and ``sys.__excepthook__`` stay the same object when they were, and a hook the
program sets is left where it put it.
"""
from __future__ import annotations

import sys
from asyncio import events
from typing import Any, Callable, Dict

from asynccheck.runtime.frameless import CheckedFunction

_HOOKS = ("excepthook", "unraisablehook")


def _printing(original: Callable[..., Any]) -> Callable[..., Any]:
    def printing(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **kwargs)  # the frame a C printer's io.open() is called from

    return printing


PRINTING = _printing(print).__code__  # (every wrapper's code)


class InterpreterPrinters:
    """The default exception hooks, called through ``_printing`` while a loop runs on the thread."""

    def __init__(self) -> None:
        self._put: Dict[str, Any] = {}  # name in sys -> (stand-in, original)

    def install(self) -> None:
        for name in _HOOKS:
            default_name = f"__{name}__"
            original = getattr(sys, default_name, None)
            if original is None:
                continue
            stand_in = CheckedFunction(original, _printing(original), events._get_running_loop)
            self._put[default_name] = (stand_in, original)
            setattr(sys, default_name, stand_in)
            if getattr(sys, name, None) is original:  # (a hook set by the program, pytest... stays)
                self._put[name] = (stand_in, original)
                setattr(sys, name, stand_in)

    def uninstall(self) -> None:
        for name, (stand_in, original) in self._put.items():
            if getattr(sys, name, None) is stand_in:  # (the program's own hook, set since, stays)
                setattr(sys, name, original)
        self._put.clear()
