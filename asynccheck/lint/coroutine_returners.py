"""Plain functions that hand back a coroutine: `def reply_later(self, chat): return self._reply(chat)`.

Calling one makes a coroutine just as calling the `async def` it wraps does, so every rule that asks whether a
call makes a coroutine (ACK301's dropped call above all) should hear "async" for it. The module's ``defs`` say so
after ``mark``, which the other modules of the project then read from the index as well.
"""
from __future__ import annotations

import libcst as cst

from asynccheck.lint.scope import REF

_ROUNDS = 3  # a helper of a helper of an `async def`: deeper chains are rare and not worth more passes


def mark(ctx) -> None:
    """Set ``defs[qualname] = "async"`` for each undecorated plain function or method of the module all of whose
    returns hand back a call of a coroutine function of this module (one that is not decorated elsewhere)."""
    defs = ctx.root.defs
    candidates = [scope for scope in ctx.functions.values()
                  if scope.function_kind == "sync" and not scope.is_generator and not scope.node.decorators
                  and defs.get(scope.qualname) == "sync" and scope.events.get("returned")]
    for _ in range(_ROUNDS):
        changed = False
        for scope in candidates:
            if defs.get(scope.qualname) == "sync" and _returns_coroutines(ctx, scope):
                defs[scope.qualname] = "async"
                changed = True
        if not changed:
            return


def _returns_coroutines(ctx, scope) -> bool:
    for value in scope.events.get("returned", ()):
        if type(value) is not cst.Call:
            return False  # a bare `return`, `return None`, a value of another kind: not a coroutine every time
        target = scope.evaluate(value.func)
        if target is None or target[0] != REF or target[1] in ctx.decorated \
                or ctx.root.defs.get(target[1]) != "async":
            return False
    return True
