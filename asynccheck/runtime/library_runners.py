"""ACK108 for libraries' own ways of running a coroutine to its end from sync code, which refuse where a loop
runs on the thread with a RuntimeError of their own, before asyncio's checked runners (loop.py) are reached:
asgiref's ``async_to_sync(f)(...)`` (Django's sync code paths called from an async view), ``anyio.run()``, and
anyio's ``from_thread.run``/``run_sync``, meant for a worker thread, which on the loop's thread would wait for
itself. The linter knows them as the same mistake (lint/knowledge.py); here each is checked when it is called,
patched when the program imports its module (nothing is imported for it). Where no loop runs on the calling
thread the stand-in calls the original, with no frame of ours (frameless.py): a worker thread's
``from_thread.run`` and ``async_to_sync`` run as under python.
"""
from __future__ import annotations

import sys
from asyncio import events
from typing import Any, Callable, Tuple

from asynccheck.runtime.frameless import CheckedFunction, CheckedMethod
from asynccheck.on_import import OnImport
from asynccheck.runtime.patches import Patches

_get_running_loop = events._get_running_loop

# (module that defines it, class or None for a function, its name, modules that re-export it under that name,
# how the finding names it)
RUNNERS: Tuple[Tuple[str, Any, str, Tuple[str, ...], str], ...] = (
    ("asgiref.sync", "AsyncToSync", "__call__", (), "async_to_sync(...)()"),
    ("anyio._core._eventloop", None, "run", ("anyio",), "anyio.run()"),
    ("anyio.from_thread", None, "run", (), "anyio.from_thread.run()"),
    ("anyio.from_thread", None, "run_sync", (), "anyio.from_thread.run_sync()"),
)

Nested = Callable[[str, Any], None]


def install(patches: Patches, on_import: OnImport, nested: Nested) -> None:
    """Patch each runner when its module is imported; ``nested(what, caller_frame)`` reports (loop.py)."""
    for module_name, owner, name, aliases, what in RUNNERS:
        on_import.when_imported(module_name, lambda module, owner=owner, name=name, aliases=aliases, what=what:
                                _patch(patches, module, owner, name, aliases, what, nested))


def _patch(patches: Patches, module: Any, owner: Any, name: str, aliases: Tuple[str, ...], what: str,
           nested: Nested) -> None:
    if owner is not None:
        cls = getattr(module, owner, None)
        original = getattr(cls, name, None) if isinstance(cls, type) else None
        if original is None or not hasattr(original, "__code__"):
            return  # another version of the library, shaped otherwise: left as it is

        def checked_method(self: Any, *args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as loop.py's)
            if _get_running_loop() is not None:
                nested(what, sys._getframe(1))
            return original(self, *args, **kwargs)

        checked_method.__wrapped__ = original  # type: ignore[attr-defined]
        patches.replace(cls, name, CheckedMethod(original, checked_method, _get_running_loop))
        return
    original = getattr(module, name, None)
    if original is None or not hasattr(original, "__code__"):
        return

    def checked(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True  # noqa: F841
        if _get_running_loop() is not None:
            nested(what, sys._getframe(1))
        return original(*args, **kwargs)

    checked.__wrapped__ = original  # type: ignore[attr-defined]
    stand_in = CheckedFunction(original, checked, _get_running_loop)
    patches.replace(module, name, stand_in)
    for alias in aliases:
        # the package that re-exports it (imported first, as a submodule's parent is): its name may hold the
        # original already (imported before the checker started), get it from the import running now (`from
        # ._core._eventloop import run`), or not yet (anyio 4's lazy names, filled in on first use): each way
        # it holds the stand-in now, and the original once the checker is gone, not a stale stand-in
        other = sys.modules.get(alias)
        if other is not None and other.__dict__.setdefault(name, original) is original:
            patches.replace(other, name, stand_in)
