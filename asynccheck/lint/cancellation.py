"""ACK601: a handler around an await that catches CancelledError and does not re-raise it."""
from __future__ import annotations

from typing import Optional, Set

import libcst as cst

from asynccheck.lint.builder import dotted, walk_local
from asynccheck.lint.context import FileContext, first_await
from asynccheck.lint.scope import REF, Scope

CANCELLED = "asyncio.CancelledError"


def catches_cancellation(scope: Scope, node: Optional[cst.BaseExpression]) -> Optional[str]:
    """What a handler's type catches that includes cancellation, or None."""
    if node is None:
        return "a bare `except:`"
    if isinstance(node, cst.Tuple):
        for element in node.elements:
            found = catches_cancellation(scope, element.value)
            if found:
                return found
        return None
    if isinstance(node, cst.Name) and node.value == "BaseException" and scope.lookup_scope("BaseException") is None:
        return "`except BaseException`"
    value = scope.evaluate(node)
    if value == (REF, CANCELLED):
        return f"`except {dotted(node) or 'CancelledError'}`"
    return None


def _raises(node: cst.CSTNode) -> bool:
    return any(isinstance(current, cst.Raise) for current in walk_local(node))


_LOGGING = frozenset("debug info warning warn error exception critical log print".split())


def _hands_on(handler: cst.ExceptHandler) -> bool:
    """The handler passes the exception on (`fut.set_exception(exc)`, `self._error = exc`, `convert(exc)`):
    someone else decides its fate, so it is not silently swallowed. Logging it does not count."""
    if handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    name = handler.name.name.value
    for node in walk_local(handler.body):
        if isinstance(node, cst.Call):
            method = dotted(node.func).rpartition(".")[2]
            if method not in _LOGGING and any(isinstance(a.value, cst.Name) and a.value.value == name for a in node.args):
                return True
        elif isinstance(node, (cst.Assign, cst.AnnAssign)) and isinstance(node.value, cst.Name) and node.value.value == name:
            return True
    return False


def _defers_raise(scope: Scope, handler: cst.ExceptHandler) -> bool:
    """`except CancelledError: cancelled = True` ... later `if cancelled: raise CancelledError`."""
    flags = set()
    for stmt in getattr(handler.body, "body", ()):
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign):
                flags.update(t.target.value for t in small.targets if isinstance(t.target, cst.Name))
    if not flags or not any(scope.loads_of(flag) for flag in flags):
        return False
    for node in walk_local(scope.node.body):
        if isinstance(node, cst.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, cst.Call) else node.exc
            if scope.evaluate(exc) == (REF, CANCELLED):
                return True
    return False


def _cancelled_names(scope: Scope) -> Set[str]:
    """Receivers of `x.cancel()` in this function: awaiting them and catching CancelledError is the idiom."""
    names = set()
    for site in scope.events.get("calls", ()):
        func = site.node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "cancel":
            names.add(dotted(func.value))
    names.discard("")
    return names


def _awaits_only_cancelled(body: cst.CSTNode, cancelled: Set[str]) -> bool:
    """The body is `await task` (or gather of it) for a task this function just cancelled."""
    statements = getattr(body, "body", ())
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return False
    small = statements[0].body[0]
    value = getattr(small, "value", None)
    if not isinstance(value, cst.Await):
        return False
    awaited = value.expression
    if isinstance(awaited, cst.Call):
        return any(dotted(a.value) in cancelled for a in awaited.args)
    return dotted(awaited) in cancelled


class _CancelIdiom:
    """`task.cancel()` then `await task` inside `except CancelledError`: the one place swallowing is right.
    The receivers of `.cancel()` are collected once per function, and only when a handler needs them."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self._names: Optional[Set[str]] = None

    def covers(self, body: cst.CSTNode) -> bool:
        if self._names is None:
            self._names = _cancelled_names(self.scope)
        return bool(self._names) and _awaits_only_cancelled(body, self._names)


def check(ctx: FileContext) -> None:
    for scope in ctx.scopes:
        if not scope.runs_on_loop:
            continue
        idiom = _CancelIdiom(scope)
        for node in scope.events.get("trys", ()):
            if first_await(node.body) is None:
                continue
            for handler in node.handlers:
                what = catches_cancellation(scope, handler.type)
                if what is None or _raises(handler.body) or _hands_on(handler) or _defers_raise(scope, handler):
                    continue
                if idiom.covers(node.body):
                    continue
                ctx.report(
                    "ACK601", handler,
                    f"{what} around an await swallows asyncio.CancelledError: the task can no longer be "
                    "cancelled (timeouts, TaskGroups and shutdown wait forever); re-raise it after cleaning up",
                    keyword_width=len("except"),
                )
        for node, _loop in scope.events.get("withs", ()):
            for item in node.items:
                call = item.item
                if not isinstance(call, cst.Call) or dotted(call.func).rpartition(".")[2] != "suppress":
                    continue
                if not any(scope.evaluate(a.value) == (REF, CANCELLED) for a in call.args):
                    continue
                if first_await(node.body) is None or idiom.covers(node.body):
                    continue
                ctx.report(
                    "ACK601", call,
                    "`suppress(CancelledError)` around an await swallows cancellation: the task can no longer be "
                    "cancelled; catch it only around awaiting a task you cancelled yourself",
                )
