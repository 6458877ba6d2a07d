"""Plain functions that hand back a coroutine: `def reply_later(self, chat): return self._reply(chat)`, and those
that say so (`def run(self) -> Coroutine[Any, Any, None]`, a Protocol's `def hold(self) -> Awaitable[bool]: ...`).

Calling one makes a coroutine just as calling the `async def` it wraps does, so every rule that asks whether a
call makes a coroutine (ACK301's dropped call above all) should hear "async" for it. The module's ``defs`` say so
after ``mark``, which the other modules of the project then read from the index as well.
"""
from __future__ import annotations

import libcst as cst

from asynccheck.lint.builder import dotted
from asynccheck.lint.facts import TYPING
from asynccheck.lint.scope import REF

_ROUNDS = 3  # a helper of a helper of an `async def`: deeper chains are rare and not worth more passes


def mark(ctx) -> None:
    """Set ``defs[qualname] = "async"`` for each undecorated plain function or method of the module all of whose
    returns hand back a call of a coroutine function of this module (one that is not decorated elsewhere)."""
    defs = ctx.root.defs
    for scope in ctx.functions.values():
        if scope.function_kind == "sync" and defs.get(scope.qualname) == "sync" and _declares_coroutine(ctx, scope):
            defs[scope.qualname] = "async"
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


_ABSTRACT = frozenset({"abstractmethod", "abc.abstractmethod"})


def _declares_coroutine(ctx, scope) -> bool:
    """`-> Coroutine[...]` on a plain function, or `-> Awaitable[...]` on an interface's stub (a Protocol's or an
    abstract method's `...`): whoever calls it gets a coroutine to await. A body that hands back some awaitable
    (a future, a task) under `Awaitable` is left to what it returns."""
    annotated = ctx.root.returns.get(scope.qualname)
    annotation = annotated[0] if annotated is not None else None
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if type(annotation) is not cst.Subscript or scope.is_generator \
            or any(dotted(d.decorator) not in _ABSTRACT for d in scope.node.decorators):
        return False
    base = annotated[1].evaluate(annotation.value)
    if base is None or base[0] != REF or base[1].rpartition(".")[0] not in TYPING:
        return False
    last = base[1].rpartition(".")[2]
    return last == "Coroutine" or (last == "Awaitable" and _stub(scope.node.body))


def _stub(body: cst.BaseSuite) -> bool:
    """Only a docstring, `...`, `pass` or `raise NotImplementedError`: a declaration for implementations to fill."""
    lines = body.body if type(body) is cst.IndentedBlock else (body,)
    for line in lines:
        if type(line) is not cst.SimpleStatementLine and type(line) is not cst.SimpleStatementSuite:
            return False
        for small in line.body:
            if type(small) is cst.Pass or (type(small) is cst.Expr and type(small.value) in (
                    cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)):
                continue
            if type(small) is cst.Raise and small.exc is not None and "NotImplementedError" in dotted(
                    small.exc.func if type(small.exc) is cst.Call else small.exc):
                continue
            return False
    return True


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
