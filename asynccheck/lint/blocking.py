"""ACK101-ACK110: blocking calls made on the event loop's thread, directly or through a project helper."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import Candidate, FileContext, call_text
from asynccheck.lint.messages import blocking_message as message

_NON_BLOCKING_FLAGS = {"blocking": 1, "block": 1, "wait": 1}


def _literal_false(node: Optional[cst.BaseExpression]) -> bool:
    if isinstance(node, cst.Name):
        return node.value == "False"
    if isinstance(node, (cst.Integer, cst.Float)):
        try:
            return float(node.evaluated_value) == 0
        except (ValueError, TypeError):
            return False
    return False


def asks_not_to_block(site: CallSite, qualname: str) -> bool:
    """`lock.acquire(blocking=False)`, `q.get(block=False)`, `q.get(timeout=0)`, `pool.shutdown(wait=False)`."""
    method = qualname.rpartition(".")[2]
    for i, arg in enumerate(site.node.args):
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword in _NON_BLOCKING_FLAGS or keyword == "timeout":
            if _literal_false(arg.value):
                return True
        elif keyword is None and i == 0 and method in ("acquire", "get", "shutdown", "wait", "join", "result") and _literal_false(arg.value):
            return True
        elif keyword is None and i == 1 and method == "put" and _literal_false(arg.value):
            return True
    return False


def blocking_code(ctx: FileContext, site: CallSite, target: Optional[str]) -> Optional[str]:
    if target is None:
        return None
    code = ctx.known.blocking_code(target)
    if code is None or asks_not_to_block(site, target):
        return None
    if target.startswith("socket.socket.") and not _blocking_local_socket(site):
        return None
    if target in knowledge.LAZY and site.assigned is not None:
        return None  # `gen = path.iterdir()`: the I/O happens where `gen` is consumed
    return code


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
        if not scope.runs_on_loop or site.awaited or id(site.node) in ctx.subsumed:
            continue
        target = ctx.target_of(site)
        code = blocking_code(ctx, site, target)
        if code is not None:
            ctx.report(code, site.node, message(code, call_text(site.node)))
        elif target is not None and ctx.is_project(target):
            ctx.candidates.append(Candidate("helper", target, site.index, call_text(site.node)))


def summarize(ctx: FileContext) -> Dict[str, Tuple[Tuple[Tuple[str, str], ...], Tuple[str, ...]]]:
    """For every sync function: the blocking calls it makes itself, and the project functions it calls.

    The project index chains these so that `await handler()` -> `load_config()` -> `open()` is found.
    """
    direct: Dict[str, List[Tuple[str, str]]] = {}
    callees: Dict[str, List[str]] = {}
    for site in ctx.calls:
        scope = site.scope
        if scope.kind != "function" or scope.is_async:
            continue
        target = ctx.target_of(site)
        code = blocking_code(ctx, site, target)
        if code is not None:
            direct.setdefault(scope.qualname, []).append((code, call_text(site.node)))
        elif target is not None and ctx.is_project(target) and target != scope.qualname:
            callees.setdefault(scope.qualname, []).append(target)
    names = set(direct) | set(callees)
    return {n: (tuple(direct.get(n, ())), tuple(dict.fromkeys(callees.get(n, ())))) for n in names}
