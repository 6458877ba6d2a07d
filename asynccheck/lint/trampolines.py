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


# The fact a project's scheduler module exports under its top package (`pkg.__coroutines_stepped_by__`: the
# module), which the project's framework-free modules ask for.
SCHEDULER = "__coroutines_stepped_by__"


def imports_framework(scopes: Iterable[Scope], aio_libraries: bool = False) -> bool:
    """Does the module import an async framework anywhere (with ``aio_libraries``, also an `aio*` library, whose
    coroutines run on a loop too)?"""
    for scope in scopes:
        for bindings in scope.bindings.values():
            for binding in bindings:
                value = binding[1] if binding[0] == "value" and len(binding) > 1 else None
                if isinstance(value, tuple) and value and value[0] == REF:
                    top = value[1].split(".")[0]
                    if top in _FRAMEWORKS or (aio_libraries and top.startswith("aio")):
                        return True
    return False


def schedules_without_loop(scopes: Iterable[Scope]) -> bool:
    """Is the module a scheduler that runs the project's coroutines as jobs, with no loop? A plain function makes
    a coroutine of a function it is handed and takes its raw iterator (`gen = job(*args).__await__()`), the module
    steps iterators itself (`gen.send(value)` under `except StopIteration`), and it imports no async framework.
    A code generator that only borrows the coroutine syntax works so: its jobs' `async def`s, in the other
    modules, never reach a loop (an awaitable's own `def __await__(self): return self.wait().__await__()` makes
    no scheduler)."""
    scopes = list(scopes)
    makes = steps = False
    for scope in scopes:
        if scope.kind != "function" or scope.is_async:
            continue
        if scope.name != "__await__" and any(
                type(site.node.func) is cst.Attribute and site.node.func.attr.value == "__await__"
                and type(site.node.func.value) is cst.Call for site in scope.events.get("calls", ())):
            makes = True
        if _steps_a_parameter(scope, any_value=True):
            steps = True
    return makes and steps and not imports_framework(scopes, aio_libraries=True)


def drives_without_loop(scopes: Iterable[Scope]) -> bool:
    """Does the module (all its ``scopes``, the module's first) step coroutines itself with a plain function and
    import no async framework?"""
    scopes = list(scopes)
    if imports_framework(scopes):
        return False
    drivers = set()
    for scope in scopes:
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


def _steps_a_parameter(scope: Scope, any_value: bool = False) -> bool:
    """`try: param.send(None) except StopIteration: ...`: the function runs the coroutine it is given to its end
    in one step (it never awaits anything a loop would have to wake). With ``any_value``, a step that sends in
    what the last step asked for (`gen.send(result)`) counts too."""
    for node in scope.events.get("trys", ()):
        if not any(h.type is not None and _names_stop_iteration(h.type) for h in getattr(node, "handlers", ())):
            continue
        for inner in _local_nodes(node.body):
            if type(inner) is cst.Call and type(inner.func) is cst.Attribute and inner.func.attr.value == "send" \
                    and len(inner.args) == 1 and type(inner.args[0].value) is cst.Name \
                    and (any_value or inner.args[0].value.value == "None") and type(inner.func.value) is cst.Name \
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
