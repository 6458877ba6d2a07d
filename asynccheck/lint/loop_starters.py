"""Sync code that starts an event loop on a helper thread and then drives that loop from its own thread.

`loop = asyncio.new_event_loop(); Thread(target=loop.run_forever).start(); loop.create_task(serve())`: once the
thread runs the loop, this thread is not the loop's, and a loop method that is not thread-safe, called here, races
the loop's own thread (and does not wake its selector). Before the thread starts, or after it is joined, nothing
runs the loop and the same call is fine. Classes that run their loop this way are threads.py's facades; this
module answers for the function or script that does it in its own body.
"""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import INST, REF, Scope

_THREAD = "threading.Thread"


def driven_after_start(ctx: FileContext) -> Iterator[Tuple[CallSite, CallSite]]:
    """(the call of a non-thread-safe loop method, the `Thread(target=loop.run_forever)` that runs that loop)
    for each such call made in the same sync function or module body between the thread's start and its join."""
    for site in ctx.calls:
        if site.scope.is_async or site.scope.kind not in ("function", "module") or ctx.target_of(site) != _THREAD:
            continue
        loop = _loop_run(ctx, site)
        if loop is None or len(site.scope.bindings.get(loop, ())) > 1:
            continue  # (a name bound twice may hold another loop by the time it is called)
        started = _started_at(site)
        if started is None:
            continue
        joined = _joined_at(site)
        for other in site.scope.events.get("calls", ()):
            func = other.node.func
            if started < other.index < joined and type(func) is cst.Attribute and type(func.value) is cst.Name \
                    and func.value.value == loop and func.attr.value in knowledge.LOOP_UNSAFE_METHODS \
                    and ctx.target_of(other) == f"{knowledge.LOOP_TYPE}.{func.attr.value}":
                yield other, site


def _loop_run(ctx: FileContext, site: CallSite) -> Optional[str]:
    """The name of the loop whose `run_forever` is the thread's target, or that the target is handed to run, if it
    is one (typed as a loop, or named for one, as an untyped parameter is: `scheduler.run_forever` is not)."""
    target = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == "target"), None)
    if type(target) is cst.Name:
        loop = _handed_loop(ctx, site, target)
    elif type(target) is cst.Attribute and target.attr.value == "run_forever" and type(target.value) is cst.Name:
        loop = target.value
    else:
        return None
    if loop is None:
        return None
    value = site.scope.evaluate(loop)
    if value == (INST, knowledge.LOOP_TYPE) or value is None and loop.value.lower().endswith("loop"):
        return loop.value
    return None


def _handed_loop(ctx: FileContext, site: CallSite, target: cst.Name) -> Optional[cst.Name]:
    """`Thread(target=run_loop, args=(loop,))` where this module's `run_loop(loop)` calls `loop.run_forever()`
    (after `asyncio.set_event_loop(loop)`, as a rule): the name handed in for the loop it runs."""
    value = site.scope.evaluate(target)
    function = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    args = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == "args"), None)
    if function is None or function.is_async or type(args) not in (cst.Tuple, cst.List):
        return None
    params = [p.name.value for p in (*function.node.params.posonly_params, *function.node.params.params)]
    for position, element in enumerate(args.elements):
        if position >= len(params) or type(element) is cst.StarredElement or type(element.value) is not cst.Name:
            continue
        for inner in function.events.get("calls", ()):
            func = inner.node.func
            if type(func) is cst.Attribute and func.attr.value == "run_forever" and type(func.value) is cst.Name \
                    and func.value.value == params[position] and len(function.bindings.get(params[position], ())) == 1:
                return element.value
    return None


def _started_at(site: CallSite) -> Optional[int]:
    """The rank of the call that starts the thread: `Thread(...).start()` itself, or `t.start()` of the local the
    thread is bound to."""
    if site.assigned is None:
        statement = site.statement
        if type(statement) is cst.Expr and type(statement.value) is cst.Call \
                and type(statement.value.func) is cst.Attribute and statement.value.func.attr.value == "start" \
                and statement.value.func.value is site.node:
            return site.index
        return None
    return _first_call_of(site.scope, site.assigned, "start", site.index)


def _joined_at(site: CallSite) -> float:
    """The rank of `t.join()` after the start: from there on nothing runs the loop (infinity: never joined)."""
    if site.assigned is None:
        return float("inf")
    joined = _first_call_of(site.scope, site.assigned, "join", site.index)
    return float("inf") if joined is None else joined


def _first_call_of(scope: Scope, name: str, method: str, after: int) -> Optional[int]:
    ranks = [other.index for other in scope.events.get("calls", ())
             if other.index > after and type(other.node.func) is cst.Attribute
             and other.node.func.attr.value == method and type(other.node.func.value) is cst.Name
             and other.node.func.value.value == name]
    return min(ranks, default=None)
