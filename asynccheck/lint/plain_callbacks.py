"""Parameters a function of this module declares as plain callbacks, `Callable[[Event], None]`: whatever it is
handed there it calls and ignores the result of, so a coroutine function (or a lambda returning a coroutine)
given there makes coroutines nobody awaits. A module that asks whether a result is awaitable
(`inspect.isawaitable(result)`) may run them after all, and is left alone."""
from __future__ import annotations

from typing import Iterator, Optional

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
    key = ("plain callbacks", "tests awaitables")
    found = ctx.root.memo.get(key)
    if found is None:
        stack, found = [ctx.root.node], False
        while stack and not found:
            node = stack.pop()
            found = type(node) is cst.Name and node.value in _AWAITABLE_TESTS
            stack.extend(node.children)
        ctx.root.memo[key] = found
    return bool(found)


def given_as_plain(ctx: FileContext, site: CallSite) -> Iterator[cst.BaseExpression]:
    """The arguments of ``site`` that its callee, a function of this module, declares as plain callbacks."""
    target = ctx.target_of(site)
    callee = ctx.functions.get(target) if target is not None else None
    if callee is None or callee.is_async:
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
        if param is not None and param.annotation is not None and _returns_none(param.annotation.annotation):
            if not given and _tests_awaitables(ctx):
                return
            given += 1
            yield arg.value
