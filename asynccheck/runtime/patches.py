"""Replacing attributes of modules and classes, and putting every original back exactly."""
from __future__ import annotations

import sys
from types import CodeType, FunctionType, ModuleType
from typing import Any, Dict, List, Tuple

from asynccheck.runtime.frameless import CheckedFunction

_MISSING = object()


class Patches:
    def __init__(self) -> None:
        self._applied: List[Tuple[Any, str, Any]] = []

    def replace(self, owner: Any, name: str, new: Any) -> Any:
        """Set ``owner.name = new``; returns the original, which ``undo`` restores (by identity)."""
        original = owner.__dict__.get(name, _MISSING) if hasattr(owner, "__dict__") else getattr(owner, name, _MISSING)
        if original is _MISSING:
            original = getattr(owner, name)
            inherited = True
        else:
            inherited = False
        self._applied.append((owner, name, _MISSING if inherited else original))
        _named_for(new, owner, name)
        setattr(owner, name, new)
        return original

    def add(self, owner: Any, name: str, value: Any) -> None:
        """Set ``owner.name = value``, a name ``owner`` does not have itself; ``undo`` deletes it again."""
        if name in vars(owner):
            raise ValueError(f"{owner!r} has {name!r} already")
        self._applied.append((owner, name, _MISSING))
        setattr(owner, name, value)

    def replace_code(self, function: FunctionType, code: CodeType, kwdefaults: Dict[str, Any]) -> None:
        """Run ``code``, given ``kwdefaults``, as ``function`` itself: what holds the function object (a C module
        that looked it up at its import) runs it too. ``undo`` gives the function its own back."""
        self._applied.append((function, "__code__", function.__code__))
        self._applied.append((function, "__kwdefaults__", function.__kwdefaults__))
        function.__code__, function.__kwdefaults__ = code, kwdefaults

    def undo(self) -> None:
        while self._applied:
            owner, name, original = self._applied.pop()
            if original is _MISSING:
                try:
                    delattr(owner, name)
                except AttributeError:
                    pass
            else:
                setattr(owner, name, original)

    def __len__(self) -> int:
        return len(self._applied)


def _named_for(new: Any, owner: Any, name: str) -> None:
    """A function of ours made in a closure (a checking wrapper), or put on a class as a method, is named for the
    place it is put: pickle stores a function as its module and qualified name and finds it there again, so
    `time.sleep` handed to a process pool (`loop.run_in_executor(pool, time.sleep, 1)`, anyio's to_process), or
    `threading.Thread.__init__` and `socket.socket.setblocking` pickled, pickle as in plain python instead of
    failing with "Can't pickle local object" or an attribute lookup on asynccheck's module."""
    if isinstance(new, CheckedFunction):
        # a stand-in pickles by its module and name: renamed for where it is put, unless those find it already
        # (its own module's attribute: time.sleep, asyncio.run put in asyncio.runners and then in asyncio)
        home = sys.modules.get(new.__module__)
        if isinstance(owner, ModuleType) and home is owner or isinstance(owner, type) and \
                new.__qualname__ == f"{owner.__qualname__}.{name}" and new.__module__ == owner.__module__ or \
                "." not in new.__qualname__ and getattr(home, new.__qualname__, None) is new:
            return
    elif not isinstance(new, FunctionType) or not (new.__module__ or "").startswith("asynccheck."):
        return
    else:
        wrapped = getattr(new, "__wrapped__", None)
        if wrapped is not None and new.__doc__ is None:
            new.__doc__ = getattr(wrapped, "__doc__", None)  # (help() and a docs generator read python's)
        if "<locals>" not in new.__qualname__ and not isinstance(owner, type):
            return  # (a module function of ours put in a module: pickle finds it where it is defined)
    if isinstance(owner, ModuleType):
        new.__module__, new.__qualname__ = owner.__name__, name
    elif isinstance(owner, type):
        new.__module__, new.__qualname__ = owner.__module__, f"{owner.__qualname__}.{name}"
