"""Broker consumers that hand a coroutine function each message (ACK502): aio-pika's `Queue.consume(callback)`,
nats-py's `subscribe(subject, cb=callback)`. A task started in such a callback is started once per message; unless
the broker itself caps the messages in flight: an aio-pika channel given a `prefetch_count` delivers no more until
the unacknowledged ones are acknowledged, so a task that takes the message (and acknowledges it when done) is one
of at most that many, whether the messages come to a callback or through `queue.iterator()`."""
from __future__ import annotations

from typing import Dict, Optional, Tuple

import libcst as cst

from asynccheck.lint import brokers
from asynccheck.lint.builder import CallSite, walk_local
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import REF, Scope

# registration -> (position, keyword of the callback, how the message names the consumer)
_CONSUMES: Dict[str, Tuple[int, str, str]] = {
    f"{brokers.PIKA['Queue']}.consume": (0, "callback", "aio-pika's `Queue.consume()`"),
    f"{brokers.NATS}.subscribe": (-1, "cb", "nats-py's `subscribe()`"),
    f"{brokers.NATS_JS}.subscribe": (-1, "cb", "nats-py's JetStream `subscribe()`"),
}
_SET_QOS = f"{brokers.PIKA['Channel']}.set_qos"
_ITERATOR = f"{brokers.PIKA['Queue']}.iterator"
# what acknowledges a message before its task is done (then the prefetch count no longer holds the task back)
_ACKS = frozenset({"ack", "nack", "reject", "process"})


def _argument(call: cst.Call, position: int, keyword: str) -> Optional[cst.BaseExpression]:
    positional = [a for a in call.args if a.keyword is None and not a.star]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return positional[position].value if 0 <= position < len(positional) else None


def _no_ack(call: cst.Call) -> bool:
    return any(a.keyword is not None and a.keyword.value == "no_ack" and type(a.value) is cst.Name
               and a.value.value == "True" for a in call.args)


def _sets_prefetch(ctx: FileContext) -> bool:
    """Does the module give an aio-pika channel a positive `prefetch_count`?"""
    for site in ctx.calls:
        if ctx.target_of(site) == _SET_QOS:
            count = _argument(site.node, 0, "prefetch_count")
            if type(count) is cst.Integer and int(count.value) > 0 or type(count) in (cst.Name, cst.Attribute):
                return True
    return False


def _acks_early(body: cst.CSTNode, spawn: cst.Call) -> bool:
    """Does ``body`` acknowledge (or `process()`) a message itself, outside the spawned call?"""
    inside = {id(n) for n in walk_local(spawn)}
    return any(type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in _ACKS
               and id(n) not in inside for n in walk_local(body))


def _callbacks(ctx: FileContext) -> Dict[str, tuple]:
    """The module's consumer callbacks: qualified name -> (how the message names the consumer, whether the broker's
    prefetch count may bound it). Found once per module."""
    if ctx.consumer_callbacks is None:
        found: Dict[str, tuple] = {}
        prefetch: Optional[bool] = None
        for site in ctx.calls:
            known = _CONSUMES.get(ctx.target_of(site) or "")
            callback = _argument(site.node, known[0], known[1]) if known is not None else None
            value = site.scope.evaluate(callback) if callback is not None else None
            if value is None or value[0] != REF:
                continue
            if prefetch is None:
                prefetch = _sets_prefetch(ctx)
            found[value[1]] = (known[2], known[2].startswith("aio-pika") and not _no_ack(site.node) and prefetch)
        ctx.consumer_callbacks = found
    return ctx.consumer_callbacks


def consumer_of(ctx: FileContext, site: CallSite) -> Optional[str]:
    """How the message names the broker consumer that calls ``site``'s coroutine function once per message, or
    None (no such registration in the module, or one the broker's prefetch count bounds)."""
    scope = site.scope
    if scope.kind != "function" or not scope.is_async:
        return None
    known = _callbacks(ctx).get(scope.qualname)
    if known is None or known[1] and not _acks_early(scope.node, site.node):
        return None
    return known[0]


def prefetch_bounded(ctx: FileContext, site: CallSite) -> bool:
    """A spawn per message of an `async for` over an aio-pika queue's iterator (not `no_ack=True`), on a channel
    the module gives a prefetch count, that leaves acknowledging to the task: at most that many run at once."""
    loop = site.loop
    if type(loop) is not cst.For or loop.asynchronous is None or _acks_early(loop.body, site.node):
        return False
    made = _iterator_call(site.scope, loop.iter)
    return made is not None and site.scope.evaluate(made.func) == (REF, _ITERATOR) and not _no_ack(made) \
        and _sets_prefetch(ctx)


def _iterator_call(scope: Scope, node: cst.BaseExpression) -> Optional[cst.Call]:
    """The `queue.iterator(...)` call an `async for` reads: itself, or what `async with queue.iterator() as it`
    entered."""
    if type(node) is cst.Call:
        return node
    if type(node) is not cst.Name or scope.kind != "function":
        return None
    for item_node in walk_local(scope.node.body):
        if type(item_node) is cst.WithItem and item_node.asname is not None \
                and type(item_node.asname.name) is cst.Name and item_node.asname.name.value == node.value \
                and type(item_node.item) is cst.Call:
            return item_node.item
    return None
