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
    if _reaches_its_end(scope.node.body):
        return False  # `if self.flow.isasync: return _call()` then the sync arm falls off the end: None there
    for value in scope.events.get("returned", ()):
        if type(value) is not cst.Call:
            return False  # a bare `return`, `return None`, a value of another kind: not a coroutine every time
        target = scope.evaluate(value.func)
        if target is None or target[0] != REF or target[1] in ctx.decorated \
                or ctx.root.defs.get(target[1]) != "async":
            return False
    return True


def _reaches_its_end(block: cst.BaseSuite) -> bool:
    """Can the block's end be reached, returning None from a function (approximately: its last statement, with
    `if`/`else`, `with` and `try` followed)?"""
    if type(block) is cst.SimpleStatementSuite:
        return not isinstance(block.body[-1], (cst.Return, cst.Raise))
    last = block.body[-1] if block.body else None
    if type(last) is cst.SimpleStatementLine:
        return not isinstance(last.body[-1], (cst.Return, cst.Raise))
    if type(last) is cst.If:
        return _arm_reaches_its_end(last)
    if type(last) is cst.With:
        return _reaches_its_end(last.body)
    if type(last) is cst.Try:
        ends = [last.body if last.orelse is None else last.orelse.body, *(h.body for h in last.handlers)]
        return (last.finalbody is None or _reaches_its_end(last.finalbody.body)) \
            and any(_reaches_its_end(end) for end in ends)
    return True


def _arm_reaches_its_end(arm: cst.If) -> bool:
    if _reaches_its_end(arm.body) or arm.orelse is None:
        return True
    return _arm_reaches_its_end(arm.orelse) if type(arm.orelse) is cst.If else _reaches_its_end(arm.orelse.body)
