"""ACK101-ACK110: blocking calls made on the event loop's thread, directly or through a project helper."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import arguments, knowledge
from asynccheck.lint.builder import CallSite
from asynccheck.lint.conditions import FALSE, Cond, all_of, evaluate, negate
from asynccheck.lint.context import Candidate, FileContext, call_text
from asynccheck.lint.messages import blocking_message as message
from asynccheck.lint.scope import Scope

def blocking_condition(ctx: FileContext, site: CallSite, target: Optional[str]) -> Optional[Tuple[str, Cond]]:
    """(code, the condition on the enclosing function's parameters under which the call blocks), or None when
    it never does: not a blocking API, harmless by its arguments, or a generator nobody iterates here."""
    if target is None:
        return None
    code = ctx.known.blocking_code(target)
    if code is None:
        return None
    if target in knowledge.LAZY and not consumed(ctx, site):
        return None  # `gen = path.iterdir()`, `f(p.iterdir() if x else ())`: the I/O happens where it is iterated
    if target.startswith("socket.socket.") and not _blocking_local_socket(site):
        return None
    if target in _QUEUE_GETS and _emptiness_checked(site):
        return None
    cond = negate(arguments.harmless(site.scope, site.node, target))
    return None if cond == FALSE else (code, cond)


def consumed(ctx: FileContext, site: CallSite) -> bool:
    """Is a generator made by this call iterated on this thread: right here (`for x in call()`), through the
    name it is assigned to (`gen = call()` ... `for x in gen`), or by the sync call it is passed to? Handing it
    to a worker thread (`to_thread(list, call())`), or to an awaited call, which may do the same, runs nothing yet."""
    if site.consumed:
        return True
    if site.assigned is not None:
        return site.assigned in site.scope.events.get("iterated", ())
    parent = site.argument_of
    if parent is None or parent.awaited:
        return False
    target = ctx.target_of(parent)
    return target is None or (target not in knowledge.THREAD_ENTRY and target not in knowledge.HANDS_OFF)


def blocking_code(ctx: FileContext, site: CallSite, target: Optional[str]) -> Optional[str]:
    """The code of a call that blocks whatever its function was called with."""
    found = blocking_condition(ctx, site, target)
    if found is None or evaluate(found[1], {}) is False:
        return None
    return found[0]


_QUEUE_GETS = frozenset(f"queue.{kind}.get" for kind in ("Queue", "LifoQueue", "PriorityQueue", "SimpleQueue"))


def _emptiness_checked(site: CallSite) -> bool:
    """A `q.get()` in a function that checks `q.empty()` or `q.qsize()` takes an item it knows is there
    (`while q.empty(): await asyncio.sleep(0)` then `q.get()`; `if not q.empty(): q.get()`)."""
    func = site.node.func
    if not isinstance(func, cst.Attribute):
        return False
    receiver = _text(func.value)
    for other in site.scope.events.get("calls", ()):
        checked = other.node.func
        if (isinstance(checked, cst.Attribute) and checked.attr.value in ("empty", "qsize")
                and _text(checked.value) == receiver):
            return True
    return False


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _blocking_local_socket(site: CallSite) -> bool:
    """Socket methods count only on a socket made in this function and never switched to non-blocking mode:
    sockets that come from elsewhere are usually the loop's, or set up by code we cannot see."""
    receiver = site.node.func.value if isinstance(site.node.func, cst.Attribute) else None
    if not isinstance(receiver, cst.Name) or site.scope.lookup_scope(receiver.value) is not site.scope:
        return False
    if any(binding[0] != "expr" for binding in site.scope.bindings[receiver.value]):
        return False  # a parameter, a loop variable: made by code we do not see
    for other in site.scope.events.get("calls", ()):
        func = other.node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("setblocking", "settimeout")
            and isinstance(func.value, cst.Name)
            and func.value.value == receiver.value
        ):
            return False
    return True


def check(ctx: FileContext) -> None:
    for site in ctx.calls:
        scope = site.scope
        if not ctx.on_loop_thread(scope) or site.awaited or id(site.node) in ctx.subsumed:
            continue
        target = ctx.target_of(site)
        code = blocking_code(ctx, site, target)
        if code is not None:
            ctx.report(code, site.node, message(code, call_text(site.node)))
        elif target is not None and ctx.is_project(target):
            ctx.candidates.append(Candidate("helper", target, site.index, call_text(site.node),
                                            args=arguments.call_args(scope, site.node), consumed=consumed(ctx, site)))


def summarize(ctx: FileContext) -> Dict[str, tuple]:
    """For every sync function: (its blocking calls, the project functions it calls, its signature, whether it
    is a generator). Each blocking call carries the condition on the parameters under which it blocks; each
    callee the condition under which it is called and the argument values it gets.

    The project index chains these so that `await handler()` -> `load_config()` -> `open()` is found, and
    `get_node(name=...)` is not reported for a branch that runs only when `host` is given.
    """
    direct: Dict[str, List[tuple]] = {}
    callees: Dict[str, List[tuple]] = {}
    scopes: Dict[str, Scope] = {}
    for site in ctx.calls:
        scope = site.scope
        if scope.kind != "function" or scope.is_async:
            continue
        target = ctx.target_of(site)
        found = blocking_condition(ctx, site, target)
        is_callee = found is None and target is not None and ctx.is_project(target) and target != scope.qualname
        if found is None and not is_callee:
            continue
        guard = arguments.guard(site)
        scopes[scope.qualname] = scope
        if found is not None:
            cond = all_of((guard, found[1]))
            if cond != FALSE:
                direct.setdefault(scope.qualname, []).append((found[0], call_text(site.node), cond))
        elif guard != FALSE:
            entry = (target, guard, arguments.call_args(scope, site.node), consumed(ctx, site))
            callees.setdefault(scope.qualname, []).append(entry)
    return {
        name: (tuple(direct.get(name, ())), tuple(dict.fromkeys(callees.get(name, ()))),
               arguments.signature(scope), scope.is_generator)
        for name, scope in scopes.items()
    }
