"""asyncio's scheduling methods (``call_soon``, ``call_at``, ``create_task``) with the loop's foreign-thread test
made in their own frame, so that on the loop's own thread they call no ``_check_closed`` at all.

loop.py checks the calling thread in ``BaseEventLoop._check_closed``, which every scheduling method calls first:
that is asyncio's own call, plus the owner's lock asked inside it (runtime/owners.py), ~250 instructions more
than asyncio's per call (3.11), 8 calls per task of 5 steps (its creation, its first step, one per step that
yields, its done callback) and 2 per Queue+Lock round trip. Recompiled from asyncio's source, each method
starts with the two tests instead: the loop is not closed, and this thread holds the loop's RLock. When both
hold, asyncio's `_check_closed` (only `if self._closed: raise`) and ours would both have returned at once, so
the call is left out, and with it a Python frame per scheduling call (cheaper than asyncio's own method). In
every other case (a closed loop, another thread, a loop that has no lock yet) the method calls
``self._check_closed()`` exactly as asyncio's does, reaching loop.py's check with the same frames as before
(its report reads the scheduling method's frame as its caller's), and the same traceback for a closed loop.

A loop class with a ``_check_closed`` of its own, whose call must not be skipped, keeps asyncio's methods: the
classes made before installation are looked at then, those made later by ``__init_subclass__``.
"""
from __future__ import annotations

import ast
from asyncio import base_events
from typing import Any, Dict

from asynccheck.runtime import owners, threads
from asynccheck.runtime.code_cache import CodeCache
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.threads import located, recompiled

METHODS = ("call_soon", "call_at", "create_task")

# (no default for `_asynccheck_owner` on the loop's class, runtime/owners.py: a loop that never ran under asyncio's
# `run_forever` since the checks started has none, and its `_check_closed` gives it one)
_GUARD = """\
try:
    _asynccheck_owned = {self}._asynccheck_owner._is_owned()
except AttributeError:
    _asynccheck_owned = False
if {self}._closed or not _asynccheck_owned:
    {self}._check_closed()
"""
# the same where the loop's class has a default owner (owners.CLASS_DEFAULT, up to 3.11): every loop has one to read
_GUARD_WITH_DEFAULT = """\
if {self}._closed or not {self}._asynccheck_owner._is_owned():
    {self}._check_closed()
"""


def _guarding(guard: str) -> Any:
    """The edit: asyncio's first ``self._check_closed()`` statement becomes ``guard``."""

    def edit(function: Any, self_name: str) -> bool:
        for i, node in enumerate(function.body):
            call = node.value if isinstance(node, ast.Expr) else None
            func = call.func if isinstance(call, ast.Call) else None
            if (isinstance(func, ast.Attribute) and func.attr == "_check_closed" and isinstance(func.value, ast.Name)
                    and func.value.id == self_name and not call.args and not call.keywords):  # type: ignore[union-attr]
                function.body[i:i + 1] = located(guard.format(self=self_name), node)
                return True
        return False

    return edit


def install(patches: Patches, check_closed: Any) -> None:
    """Put the guarded methods on ``BaseEventLoop``, whose ``_check_closed`` is now ``check_closed``."""
    loop_cls = base_events.BaseEventLoop
    # (threads.py's cache file, one read for both at start-up: an entry stands for the code of asyncio's method it
    # was made from, and the variant holds the edit's text, so neither a changed base_events.py nor a changed guard
    # finds a stale entry)
    cache = CodeCache(threads.SOURCES)
    guarded: Dict[str, Any] = {}
    guard = _GUARD_WITH_DEFAULT if vars(loop_cls).get("_asynccheck_owner") is owners.NOBODY else _GUARD
    try:
        for name in METHODS:
            # (a name the code does not use is no cell of it; `recompiled` needs at least one)
            method = recompiled(loop_cls, name, ast.FunctionDef, _guarding(guard), {"_asynccheck_unused": None},
                                cache, f"guarded {guard!r}")
            if method is not None:
                guarded[name] = method
    finally:
        cache.save()
    if not guarded:
        return
    originals = {name: vars(loop_cls)[name] for name in guarded}
    for name, method in guarded.items():
        patches.replace(loop_cls, name, method)

    def keep_own_check(cls: type) -> None:
        """``cls`` (a loop class) calls its own ``_check_closed``: asyncio's methods, unless it has its own."""
        if cls._check_closed is check_closed:  # type: ignore[attr-defined]
            return
        for name, original in originals.items():
            if name not in vars(cls) and getattr(cls, name) is guarded[name]:
                patches.replace(cls, name, original)

    stack = list(loop_cls.__subclasses__())
    while stack:
        cls = stack.pop()
        keep_own_check(cls)
        stack.extend(cls.__subclasses__())
    if "__init_subclass__" in vars(loop_cls):
        return  # (asyncio defines none: someone else's, left alone; a later subclass then calls no check of its own)

    def __init_subclass__(cls: type, **kwargs: Any) -> None:
        super(loop_cls, cls).__init_subclass__(**kwargs)  # type: ignore[misc]
        keep_own_check(cls)

    patches.add(loop_cls, "__init_subclass__", classmethod(__init_subclass__))

