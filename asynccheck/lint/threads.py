"""ACK401/ACK402: loop-bound objects and loop methods used from code that runs on another thread."""
from __future__ import annotations

from typing import Iterator, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.context import FileContext, call_text
from asynccheck.lint.scope import REF, Scope

_SPAWN_FROM_THREAD = {"asyncio.create_task", "asyncio.ensure_future"}


def _callable_arg(site: CallSite, entry: str) -> Optional[cst.BaseExpression]:
    position, keyword = knowledge.THREAD_ENTRY[entry]
    positional = [a for a in site.node.args if a.keyword is None and not a.star]
    for arg in site.node.args:
        if keyword and arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    if entry in ("threading.Thread", "multiprocessing.Process"):
        return None  # Thread(group, target): the target is in practice always passed by keyword
    if len(positional) > position:
        return positional[position].value
    return None


def _unwrap_partial(scope: Scope, node: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, cst.Call) and node.args:
        value = scope.evaluate(node.func)
        if value is not None and value[0] == REF and value[1] == "functools.partial":
            return node.args[0].value
    return node


def _loop_bound_method(value: Optional[Tuple[str, str]]) -> Optional[str]:
    if value is None or value[0] != REF:
        return None
    owner, _, method = value[1].rpartition(".")
    if owner in knowledge.LOOP_BOUND_TYPES and method in knowledge.LOOP_BOUND_METHODS:
        return owner
    return None


def _thread_scopes(ctx: FileContext, scope: Scope, func: cst.BaseExpression) -> Iterator[Scope]:
    if isinstance(func, cst.Lambda):
        inner = ctx.builder.scope_of.get(id(func))
        if inner is not None:
            yield inner
        return
    value = scope.evaluate(func)
    if value is not None and value[0] == REF:
        target = ctx.functions.get(value[1])
        if target is not None and not target.is_async:
            yield target


def check(ctx: FileContext) -> None:
    seen: Set[int] = set()
    for site in ctx.calls:
        entry = ctx.target_of(site)
        if entry not in knowledge.THREAD_ENTRY:
            continue
        func = _callable_arg(site, entry)
        if func is None:
            continue
        func = _unwrap_partial(site.scope, func)
        where = knowledge.THREAD_ENTRY_WHERE[entry]
        owner = _loop_bound_method(site.scope.evaluate(func))
        if owner is not None and id(func) not in seen:
            seen.add(id(func))
            ctx.report(
                "ACK401", func,
                f"`{dotted(func)}` of an `{owner}` is handed to {where}: asyncio objects are not thread-safe; pass "
                "it through `loop.call_soon_threadsafe(...)` instead",
            )
            continue
        for thread_scope in _thread_scopes(ctx, site.scope, func):
            own_loops = _loops_run_in(ctx, thread_scope)
            for inner in thread_scope.events.get("calls", ()):
                if id(inner.node) in seen or _on_own_loop(thread_scope, inner, own_loops):
                    continue
                finding = _unsafe_call(ctx, inner)
                if finding is not None:
                    seen.add(id(inner.node))
                    code, what = finding
                    ctx.report(
                        code, inner.node,
                        f"`{call_text(inner.node)}` {what}, but this code runs in {where}; use "
                        "`loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`",
                        related=((site.node, "where the callable is handed to the other thread"),),
                    )


_RUNS_LOOP = ("run_forever", "run_until_complete")


def _loops_run_in(ctx: FileContext, scope: Scope) -> Optional[Set[str]]:
    """The loops this function runs itself (`loop.run_forever()`, `asyncio.run(...)`, `asyncio.Runner`), by
    receiver text: this function IS those loops' thread. None when it runs no loop."""
    owned: Set[str] = set()
    runs = False
    for site in scope.events.get("calls", ()):
        func = site.node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _RUNS_LOOP:
            owned.add(dotted(func.value) or "?")
            runs = True
        elif ctx.target_of(site) in ("asyncio.run", "asyncio.Runner"):
            runs = True
    return owned if runs else None


def _on_own_loop(scope: Scope, site: CallSite, own_loops: Optional[Set[str]]) -> bool:
    """A call on a loop this function runs, or on an object this function made or got for itself."""
    if own_loops is None or not isinstance(site.node.func, cst.Attribute):
        return False
    receiver = site.node.func.value
    if dotted(receiver) in own_loops:
        return True
    return (
        isinstance(receiver, cst.Name)
        and receiver.value in scope.bindings
        and all(binding[0] == "expr" for binding in scope.bindings[receiver.value])
    )


def _unsafe_call(ctx: FileContext, site: CallSite) -> Optional[Tuple[str, str]]:
    value = site.scope.evaluate(site.node.func)
    owner = _loop_bound_method(value)
    if owner is not None:
        return "ACK401", f"touches an `{owner}`, which belongs to the event loop's thread"
    target = ctx.target_of(site)
    if target is None:
        return None
    owner, _, method = target.rpartition(".")
    if owner == knowledge.LOOP_TYPE and method in knowledge.LOOP_UNSAFE_METHODS:
        return "ACK402", f"is not thread-safe: `loop.{method}()` may only be called from the loop's thread"
    if target in _SPAWN_FROM_THREAD:
        return "ACK402", "needs a running loop in the calling thread"
    return None
