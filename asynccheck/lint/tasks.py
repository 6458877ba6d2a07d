"""ACK302: a task whose handle is dropped; ACK502: tasks spawned per loop item with no bound."""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import NESTED, CallSite, dotted, iter_children, walk_local
from asynccheck.lint.context import FileContext, call_text
from asynccheck.lint.scope import INST, Scope

SPAWNERS = knowledge.TASK_SPAWNERS | {"asyncio.TaskGroup.create_task"}
_LIMIT_WORDS = ("sem", "limit", "slot", "capacity", "bound")


def check(ctx: FileContext) -> None:
    for site in ctx.calls:
        if site.awaited:
            continue
        target = ctx.target_of(site)
        if target not in SPAWNERS:
            continue
        text = call_text(site.node)
        if target in knowledge.TASK_SPAWNERS:
            if site.dropped:
                ctx.report(
                    "ACK302", site.node,
                    f"the task returned by `{text}` is dropped: the loop holds tasks only weakly, so it can be "
                    "garbage-collected mid-flight and its exception is never seen; keep a reference "
                    "(a set of tasks with `task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)",
                )
            elif site.assigned is not None and site.scope.loads_of(site.assigned) == 0:
                ctx.report(
                    "ACK302", site.node,
                    f"the task from `{text}` is assigned to `{site.assigned}` and never used: nothing keeps it alive "
                    "or looks at its result; keep it in a set of tasks or an `asyncio.TaskGroup`, and await it",
                )
        if site.loop is not None and not _bounded_loop(site.scope, site.loop) and not _one_per_pass(site):
            ctx.report(
                "ACK502", site.node,
                f"`{text}` starts one task per item of this loop and nothing bounds how many run at once; limit "
                "them with an `asyncio.Semaphore`, a fixed pool of workers, or a cap on in-flight tasks",
            )


def _one_per_pass(site: CallSite) -> bool:
    """The loop never has two of these tasks in flight: it awaits the task in the same iteration
    (`t = create_task(x); ...; await t`), or the spawn is on a branch that leaves the loop (`...; break`)."""
    chain = _chain(site.loop.body, site.node)
    if chain is None:
        return False
    for parent, child in zip(chain, chain[1:]):
        if isinstance(child, cst.Return):
            return True
        body = getattr(parent, "body", None)
        if isinstance(body, (list, tuple)):
            later = [s for i, s in enumerate(body) if any(c is child for c in body[:i])]
            if any(_leaves(statement) for statement in later):
                return True
    if site.assigned is None:
        return False
    for node in walk_local(site.loop.body):
        if isinstance(node, cst.Await) and any(
            isinstance(inner, cst.Name) and inner.value == site.assigned for inner in walk_local(node.expression)
        ):
            return True
    return False


def _leaves(statement: cst.CSTNode) -> bool:
    """`break`, `return` or `raise` as a statement of its own (not under a condition)."""
    if isinstance(statement, (cst.Break, cst.Return, cst.Raise)):
        return True
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(s, (cst.Break, cst.Return, cst.Raise)) for s in statement.body
    )


def _chain(root: cst.CSTNode, target: cst.CSTNode) -> Optional[List[cst.CSTNode]]:
    """The nodes from ``root`` down to ``target`` (both included), not entering nested functions."""
    stack = [(root, [root])]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, NESTED) and node is not root:
            continue
        for child in iter_children(node):
            stack.append((child, path + [child]))
    return None


def _bounded_loop(scope: Scope, loop: cst.CSTNode) -> bool:
    """A `for` over a collection is bounded by its size; `while` and `async for` consume open-ended streams."""
    if isinstance(loop, cst.For) and loop.asynchronous is None:
        return True
    if isinstance(loop, cst.While) and _limits_concurrency(scope, loop.test):
        return True  # `while len(pending) < limit:`
    return _limits_concurrency(scope, loop.body)


def _limits_concurrency(scope: Scope, body: cst.CSTNode) -> bool:
    """Something in the loop body waits for capacity: a semaphore, asyncio.wait, a len() check."""
    for node in walk_local(body):
        if isinstance(node, cst.Await) and isinstance(node.expression, cst.Call):
            if dotted(node.expression.func).endswith((".acquire", "wait", ".join", "gather")):
                return True
        elif isinstance(node, cst.With) and node.asynchronous is not None:
            if any(_is_limiter(scope, item.item) for item in node.items):
                return True
        elif isinstance(node, cst.Comparison) and isinstance(node.left, cst.Call) and dotted(node.left.func) == "len":
            return True
    return False


def _is_limiter(scope: Scope, node: cst.BaseExpression) -> bool:
    value = scope.evaluate(node)
    if value is not None and value[0] == INST and value[1] in ("asyncio.Semaphore", "asyncio.BoundedSemaphore"):
        return True
    return any(word in dotted(node).lower() for word in _LIMIT_WORDS)
