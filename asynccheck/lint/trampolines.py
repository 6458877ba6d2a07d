"""Modules whose coroutines run without an event loop.

A client that offers a blocking API on top of async code shared with its asyncio twin can drive each coroutine
itself: `try: coro.send(None) except StopIteration as ex: return ex.value`. Its own coroutines never suspend to a
loop (their I/O is blocking on purpose: `time.sleep`, `socket.getaddrinfo`, `queue.get`), and nothing else drives
them, so they are sync code written with `async def`. A module that imports an async framework may hand its
coroutines to a loop as well, so it is not taken for one of these, whatever driver it has; nor is one that steps a
coroutine in one place only (a fast path taking the result of a coroutine that happens not to suspend, beside
coroutines that do run on a loop): the blocking API is built on the driver, called with fresh coroutines from
several of the module's plain functions.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import libcst as cst

from asynccheck.lint.scope import REF, Scope

# Imported anywhere in the module, these say its coroutines may well run on a loop.
_FRAMEWORKS = frozenset(("asyncio", "anyio", "trio", "curio", "uvloop", "trio_asyncio", "tornado", "twisted"))


def drives_without_loop(scopes: Iterable[Scope]) -> bool:
    """Does the module (all its ``scopes``, the module's first) step coroutines itself with a plain function and
    import no async framework?"""
    scopes = list(scopes)
    drivers = set()
    for scope in scopes:
        for bindings in scope.bindings.values():
            for binding in bindings:
                value = binding[1] if binding[0] == "value" and len(binding) > 1 else None
                if isinstance(value, tuple) and value and value[0] == REF \
                        and value[1].split(".")[0] in _FRAMEWORKS:
                    return False
        if scope.kind == "function" and not scope.is_async and _steps_a_parameter(scope):
            drivers.add(scope.name)
    if not drivers:
        return False
    users = 0
    for scope in scopes:
        if scope.kind == "function" and not scope.is_async and any(
                _last_name(site.node.func) in drivers and any(type(a.value) is cst.Call for a in site.node.args)
                for site in scope.events.get("calls", ())):
            users += 1
            if users > 1:
                return True
    return False


def _last_name(func: cst.BaseExpression) -> str:
    return func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""


def _steps_a_parameter(scope: Scope) -> bool:
    """`try: param.send(None) except StopIteration: ...`: the function runs the coroutine it is given to its end
    in one step (it never awaits anything a loop would have to wake)."""
    for node in scope.events.get("trys", ()):
        if not any(h.type is not None and _names_stop_iteration(h.type) for h in getattr(node, "handlers", ())):
            continue
        for inner in _local_nodes(node.body):
            if type(inner) is cst.Call and type(inner.func) is cst.Attribute and inner.func.attr.value == "send" \
                    and len(inner.args) == 1 and type(inner.args[0].value) is cst.Name \
                    and inner.args[0].value.value == "None" and type(inner.func.value) is cst.Name \
                    and any(b[0] == "param" for b in scope.bindings.get(inner.func.value.value, ())):
                return True
    return False


def _names_stop_iteration(kind: cst.BaseExpression) -> bool:
    if type(kind) is cst.Tuple:
        return any(_names_stop_iteration(e.value) for e in kind.elements)
    return type(kind) is cst.Name and kind.value == "StopIteration"


def _local_nodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The nodes under ``node`` outside nested functions and classes (the builder, which has such a walk,
    imports this module)."""
    for child in node.children:
        yield child
        if type(child) not in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
            yield from _local_nodes(child)
