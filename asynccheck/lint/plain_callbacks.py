"""Parameters a function of this module declares as plain callbacks, `Callable[[Event], None]`, or calls as a
statement of its own body without awaiting (`def call_later(fn): ... fn()`): whatever it is handed there it calls
and ignores the result of, so a coroutine function (or a lambda returning a coroutine) given there makes
coroutines nobody awaits. A module that asks whether a result is awaitable
(`inspect.isawaitable(result)`) may run them after all, and is left alone."""
from __future__ import annotations

from typing import Dict, FrozenSet, Iterator, Optional

import libcst as cst

from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.context import FileContext

# what a module calls when it runs a callback's result if that is awaitable (and so declares `None` loosely)
_AWAITABLE_TESTS = frozenset({"isawaitable", "iscoroutine", "iscoroutinefunction", "is_async_callable"})


def _returns_none(annotation: cst.BaseExpression) -> bool:
    """`Callable[[dict], None]`, `typing.Callable[..., None]`, `collections.abc.Callable[[], None]`."""
    if type(annotation) is not cst.Subscript or dotted(annotation.value).rpartition(".")[2] != "Callable" \
            or len(annotation.slice) != 2:
        return False
    returned = annotation.slice[1].slice
    return type(returned) is cst.Index and type(returned.value) is cst.Name and returned.value.value == "None"


def _tests_awaitables(ctx: FileContext) -> bool:
    """Does the module call one of the tests (`inspect.isawaitable(result)`, `iscoroutine(r)`)? (Read off the
    module's calls, which the builder lists already: a walk of the whole tree cost more than the rule.)"""
    key = ("plain callbacks", "tests awaitables")
    found = ctx.root.memo.get(key)
    if found is None:
        found = ctx.root.memo[key] = any(
            (func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else "")
            in _AWAITABLE_TESTS for func in (site.node.func for site in ctx.calls))
    return bool(found)


def _declares_plain(ctx: FileContext) -> bool:
    """Does a function of this module declare a plain-callback parameter? (Most modules' do not: their calls
    are then not looked up.)"""
    key = ("plain callbacks", "declared")
    found = ctx.root.memo.get(key)
    if found is None:
        found = ctx.root.memo[key] = any(
            param.annotation is not None and _returns_none(param.annotation.annotation)
            for func in ctx.functions.values() if type(func.node) is cst.FunctionDef
            for param in (*func.node.params.posonly_params, *func.node.params.params, *func.node.params.kwonly_params))
    return bool(found)


def _dropping_callers(ctx: FileContext) -> Dict[str, FrozenSet[str]]:
    """function qualname -> its parameters that it calls as a statement of its own body, the result dropped
    (`def call_later(fn): ... fn()`; a coroutine function does the same when it neither awaits nor keeps it).
    A parameter rebound in the function is not counted: its calls may be of something else."""
    key = ("plain callbacks", "dropping callers")
    found = ctx.root.memo.get(key)
    if found is None:
        found = {}
        for site in ctx.calls:
            func = site.node.func
            scope = site.scope
            if not site.dropped or site.awaited or type(func) is not cst.Name or scope.kind != "function":
                continue
            bindings = scope.bindings.get(func.value, ())
            if len(bindings) == 1 and bindings[0][0] == "param" and bindings[0][4] is None:
                found.setdefault(scope.qualname, set()).add(func.value)
        found = ctx.root.memo[key] = {name: frozenset(params) for name, params in found.items()}
    return found


def given_as_plain(ctx: FileContext, site: CallSite) -> Iterator[cst.BaseExpression]:
    """The arguments of ``site`` that its callee, a function of this module, declares as plain callbacks or
    calls as a statement whose result it drops."""
    if not site.node.args:
        return
    declares = _declares_plain(ctx)
    target = ctx.target_of(site)
    dropping = _dropping_callers(ctx).get(target, frozenset()) if target is not None else frozenset()
    if not declares and not dropping:
        return
    callee = ctx.functions.get(target) if target is not None else None
    if callee is None or (callee.is_async and not dropping):
        return
    params = callee.node.params
    positional = [*params.posonly_params, *params.params]
    if callee.parent is not None and callee.parent.kind == "class" and positional and not any(
            dotted(d.decorator) == "staticmethod" for d in callee.node.decorators):
        positional = positional[1:]  # (`self`, `cls`: bound by the call)
    by_name = {p.name.value: p for p in (*positional, *params.kwonly_params)}
    given = 0
    for index, arg in enumerate(site.node.args):
        if arg.star:
            return
        param: Optional[cst.Param] = by_name.get(arg.keyword.value) if arg.keyword is not None else (
            positional[index] if index < len(positional) else None)
        if param is None:
            continue
        plain = param.name.value in dropping or (not callee.is_async and param.annotation is not None
                                                 and _returns_none(param.annotation.annotation))
        if plain:
            if not given and _tests_awaitables(ctx):
                return
            given += 1
            yield arg.value
