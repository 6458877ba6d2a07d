"""ACK302: a task whose handle is dropped; ACK502: tasks spawned per loop item with no bound."""
from __future__ import annotations

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import dotted, walk_local
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
        if site.loop is not None and not _bounded_loop(site.scope, site.loop):
            ctx.report(
                "ACK502", site.node,
                f"`{text}` starts one task per item of this loop and nothing bounds how many run at once; limit "
                "them with an `asyncio.Semaphore`, a fixed pool of workers, or a cap on in-flight tasks",
            )


def _bounded_loop(scope: Scope, loop: cst.CSTNode) -> bool:
    """A `for` over a collection is bounded by its size; `while` and `async for` consume open-ended streams."""
    if isinstance(loop, cst.For) and loop.asynchronous is None:
        return True
    return _limits_concurrency(scope, loop.body)


def _limits_concurrency(scope: Scope, body: cst.CSTNode) -> bool:
    """Something in the loop body waits for capacity: a semaphore, asyncio.wait, a len() check."""
    for node in walk_local(body):
        if isinstance(node, cst.Await) and isinstance(node.expression, cst.Call):
            if dotted(node.expression.func).endswith((".acquire", "wait", ".join")):
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
