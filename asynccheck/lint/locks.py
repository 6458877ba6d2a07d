"""ACK201: a threading (or multiprocessing) lock held while the coroutine awaits."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import dotted, walk_local
from asynccheck.lint.context import FileContext, call_text, first_await
from asynccheck.lint.messages import asyncio_counterpart


def _describe(ctx: FileContext, text: str, kind: str) -> str:
    return f"`{text}` (a `{kind}`)" if text else f"a `{kind}`"


def check(ctx: FileContext) -> None:
    for scope in ctx.scopes:
        if not scope.runs_on_loop:
            continue
        for node, _loop in scope.events.get("withs", ()):
            if node.asynchronous is not None:
                continue
            for item in node.items:
                kind = ctx.instance_type(scope, item.item)
                if kind not in knowledge.SYNC_LOCK_TYPES:
                    continue
                suspension = first_await(node.body)
                if suspension is not None:
                    ctx.report(
                        "ACK201", item.item,
                        f"{_describe(ctx, call_text(item.item), kind)} is held across an await: other tasks that "
                        "take "
                        "it block the event loop and the holder cannot resume to release it; release it before "
                        f"awaiting, or use an `{asyncio_counterpart(kind)}`",
                        related=((suspension, "the await that suspends while the lock is held"),),
                    )
    for site in ctx.calls:
        block = ctx.builder.acquires.get(id(site.node))
        if block is None or not site.scope.runs_on_loop:
            continue
        func = site.node.func
        kind = ctx.instance_type(site.scope, func.value)
        if kind not in knowledge.SYNC_LOCK_TYPES:
            continue
        suspension = _await_before_release(block, dotted(func.value))
        if suspension is not None:
            ctx.subsumed.add(id(site.node))
            lock = call_text(func.value)
            ctx.report(
                "ACK201", site.node,
                f"{_describe(ctx, lock, kind)} is acquired here and still held at an await before `{lock}.release()`: "
                "other tasks that take it block the event loop; release it before awaiting, or use an "
                f"`{asyncio_counterpart(kind)}`",
                related=((suspension, "the await that suspends while the lock is held"),),
            )


def _any_release(node: cst.CSTNode, receiver: str) -> bool:
    return any(
        isinstance(current, cst.Call)
        and isinstance(current.func, cst.Attribute)
        and current.func.attr.value == "release"
        and dotted(current.func.value) == receiver
        for current in walk_local(node)
    )


def _await_before_release(block: tuple, receiver: str) -> Optional[cst.CSTNode]:
    """The first await after `x.acquire()` in its statement list that runs before `x.release()`."""
    body, index = block
    for stmt in body[index + 1:]:
        if isinstance(stmt, cst.Try) and stmt.finalbody is not None and _any_release(stmt.finalbody, receiver):
            for part in (stmt.body, *stmt.handlers, stmt.orelse):
                if part is not None:
                    suspension = first_await(part)
                    if suspension is not None:
                        return suspension
            return None
        suspension = first_await(stmt)
        if suspension is not None:
            return suspension
        if _any_release(stmt, receiver):
            return None
    return None
