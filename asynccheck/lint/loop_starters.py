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
from asynccheck.lint.scope import INST, Scope

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
    """The name of the loop whose `run_forever` is the thread's target, if it is one (typed as a loop, or named
    for one, as an untyped parameter is: `scheduler.run_forever` is not)."""
    target = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == "target"), None)
    if type(target) is not cst.Attribute or target.attr.value != "run_forever" or type(target.value) is not cst.Name:
        return None
    value = site.scope.evaluate(target.value)
    if value == (INST, knowledge.LOOP_TYPE) or value is None and target.value.value.lower().endswith("loop"):
        return target.value.value
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
