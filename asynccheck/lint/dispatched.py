"""ACK301 for a callable picked by a dispatcher: `self._route(kind)(req)` as a statement, where `_route` is a sync
function of this module that hands back an entry of a table or a `getattr` lookup (`return self._handlers[kind]`,
`return getattr(litellm, f"a{kind}")`) and the module awaits what it picks at other calls (`await
self._route(kind)(req)`). What the table holds is unknown to the evaluator; the awaits say it is a coroutine
function. A caller that hands the call on (`return self._route(kind)(req)`) is left to whoever receives it."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext, call_text
from asynccheck.lint.scope import REF, Scope

# how many calls must await what the dispatcher picks before one that drops it is taken for a mistake
_AWAITED_AT_LEAST = 2


def check(ctx: FileContext) -> None:
    groups: Dict[str, Tuple[List[CallSite], List[CallSite]]] = {}  # dispatcher -> (awaited, dropped)
    for site in ctx.calls:
        if not (site.awaited or _dropped_statement(site)):
            continue
        picked = _picked_by(site)
        if picked is None or site.scope.evaluate(site.node.func) is not None:
            continue  # (a callable the evaluator knows: the other rules decide)
        made = site.scope.evaluate(picked.func)
        if made is None or made[0] != REF:
            continue
        awaited, dropped = groups.setdefault(made[1], ([], []))
        (awaited if site.awaited else dropped).append(site)
    for name, (awaited, dropped) in groups.items():
        if not dropped or len(awaited) < _AWAITED_AT_LEAST:
            continue
        dispatcher = ctx.functions.get(name)
        if dispatcher is None or not _dispatches(dispatcher):
            continue
        for site in dropped:
            ctx.report("ACK301", site.node,
                       f"`{call_text(site.node)}` creates a coroutine that is never awaited, so its body never runs: "
                       f"`{dispatcher.name}()` picks a coroutine function from a table or by name, as the "
                       f"{len(awaited)} other calls in this module that await what it picks show; add `await`",
                       related=((awaited[0].node, "what it picks, awaited"),))


def _dropped_statement(site: CallSite) -> bool:
    statement = site.statement
    return site.dropped and type(statement) is cst.Expr and statement.value is site.node


def _picked_by(site: CallSite) -> Optional[cst.Call]:
    """The dispatcher's call whose result ``site`` calls: `route(kind)(req)`, or `handler = route(kind)` then
    `handler(req)` (the name bound once, in this function)."""
    func = site.node.func
    if type(func) is cst.Call:
        return func
    if type(func) is cst.Name and site.scope.kind == "function":
        found = site.scope.sole_call(func.value)
        if found is not None and found[1] is site.scope:
            return found[0]
    return None


def _dispatches(function: Scope) -> bool:
    """A plain sync function every `return` of which gives an entry of a table (`self._handlers[kind]`,
    `TABLE.get(kind)`) or a `getattr` lookup."""
    if function.is_async or function.is_generator:
        return False
    returned = function.events.get("returned", ())
    return bool(returned) and all(_looked_up(node) for node in returned)


def _looked_up(node: Optional[cst.BaseExpression]) -> bool:
    if type(node) is cst.Subscript:
        return True
    if type(node) is cst.Call:
        func = node.func
        return (type(func) is cst.Name and func.value == "getattr") or (
            type(func) is cst.Attribute and func.attr.value == "get" and len(node.args) >= 1)
    return False
