"""ACK501: an asyncio queue with no bound."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.context import FileContext


def _unbounded(size: Optional[cst.BaseExpression]) -> bool:
    if size is None:
        return True
    if isinstance(size, cst.UnaryOperation) and isinstance(size.operator, cst.Minus):
        return isinstance(size.expression, (cst.Integer, cst.Float))
    if isinstance(size, cst.Integer):
        try:
            return int(size.evaluated_value) <= 0
        except (ValueError, TypeError):
            return False
    return False


def check(ctx: FileContext) -> None:
    for site in ctx.calls:
        target = ctx.target_of(site)
        if target in knowledge.FIELD_FACTORIES:
            target = _factory_queue(site.scope, site.node, knowledge.FIELD_FACTORIES[target])
            if target is not None:  # `field(default_factory=asyncio.Queue)`: every instance gets an unbounded one
                ctx.report("ACK501", site.node, _message(target))
            continue
        if target not in knowledge.UNBOUNDED_QUEUE_TYPES:
            continue
        size = None
        for i, arg in enumerate(site.node.args):
            if arg.star:
                size = arg.value  # `Queue(*args)`, `Queue(**kw)`: cannot tell, assume it is bounded
                break
            if (arg.keyword is None and i == 0) or (arg.keyword is not None and arg.keyword.value == "maxsize"):
                size = arg.value
        if _unbounded(size):
            ctx.report("ACK501", site.node, _message(target))


def _message(target: str) -> str:
    kind = target.rpartition(".")[2]
    return (
        f"`{kind}()` has no maxsize: producers never wait, so when consumers fall behind it grows without "
        "limit; give it a bound (maxsize=N) so that `await queue.put()` applies backpressure"
    )


def _factory_queue(scope, call: cst.Call, factory: tuple) -> Optional[str]:
    """The unbounded queue type a dataclass/attrs/pydantic field makes with its factory, if it does."""
    position, keyword, _ = factory
    for i, arg in enumerate(call.args):
        if (arg.keyword is not None and arg.keyword.value == keyword) or (arg.keyword is None and i == position):
            made = scope.evaluate(arg.value)
            if made is not None and made[0] == "ref" and made[1] in knowledge.UNBOUNDED_QUEUE_TYPES:
                return made[1]
    return None
