"""What a decorator makes of a function: is `@sync async def f` still a coroutine function?

A project decorator whose wrapper is a plain `def` that does not hand back the decorated function's coroutine
(it runs the loop, `asyncio.run(f(...))`, or schedules it) makes the decorated `async def` a sync function;
one whose wrapper is an `async def` makes (or keeps) it a coroutine function; one that returns the function
itself, or a plain wrapper that returns `f(...)`, keeps what it was, unless on its other paths the wrapper runs or
schedules that coroutine (`return f(*a)` on a running loop, `loop.run_until_complete(f(*a))` otherwise): then a
call is a coroutine or not depending on how it runs, and neither kind is claimed (EITHER). Decorators we cannot
read change nothing, but for the few library ones in ``_LIBRARY`` that are known to run the coroutine themselves.

Effects of the decorators a module defines are project facts (``FileResult.decorators``); functions decorated
with a decorator of another module are decided by the project index (``FileResult.decorated``).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint.builder import dotted, walk_local
from asynccheck.lint.project import EITHER, KEEP, SYNC, ASYNC, apply_effects, runs_wrapper
from asynccheck.lint.scope import REF, Scope

# Library decorators whose result runs the coroutine itself, so that calling the decorated `async def` is a
# plain call: (effect of `@d`, effect of `@d(...)`). asyncclick's command and group are objects whose
# `__call__` runs the loop (`anyio.run`); asgiref's `async_to_sync` wraps it in a sync function. (click's
# own `command` is left alone: there the callback's coroutine really is never awaited.)
_LIBRARY: Dict[str, Tuple[Optional[str], Optional[str]]] = {
    "asyncclick.command": (SYNC, SYNC),
    "asyncclick.group": (SYNC, SYNC),
    "asgiref.sync.async_to_sync": (SYNC, None),
    # textual's `@work` turns the method into one that starts a worker (a task the app's worker manager keeps
    # and awaits) and returns the Worker: a bare `self.load()` runs it, it does not drop a coroutine
    "textual.work": (SYNC, SYNC),
    "textual._work_decorator.work": (SYNC, SYNC),
    # qasync's Qt slot wrappers: a plain function Qt can call, that schedules the coroutine as a task
    "qasync.asyncSlot": (SYNC, SYNC),
    "qasync.asyncClose": (SYNC, SYNC),
    # workflow frameworks' task decorators: the decorated `async def` becomes a task factory, and a call inside a
    # DAG definition adds a task to the graph (an XComArg comes back); the worker awaits the body later
    **{f"{module}.{name}": (SYNC, SYNC) for module in ("airflow.sdk", "airflow.decorators")
       for name in ("task", "dag", "task.branch", "task.sensor", "task.short_circuit", "task.virtualenv",
                    "task.external_python", "task.docker", "task.kubernetes")},
    # the other way: a sync function run in a thread, its calls coroutines (`@sync_to_async(thread_sensitive=...)`)
    "asgiref.sync.sync_to_async": (ASYNC, ASYNC),
    "channels.db.database_sync_to_async": (ASYNC, ASYNC),
}

_DEPTH = 3  # wrappers of wrappers: tornado's gen_test is two deep
Returned = Optional[Tuple[str, Optional[Scope]]]  # ("def", scope) | ("param", None) | ("call-param", None)


def resolve(ctx) -> None:
    """Fill ``ctx.decorator_effects`` and ``ctx.decorated``; correct ``ctx.root.defs`` where the decorators are
    this module's own."""
    functions: Dict[str, Scope] = dict(ctx.functions)  # the last definition wins, as at run time (overloads)
    effects: Dict[str, Tuple[Optional[str], Optional[str]]] = {}
    for qualname, scope in functions.items():
        if scope.is_async or not any(child.kind == "function" for child in scope.children):
            continue  # only a nested wrapper can change what a function is (`return f` keeps it)
        direct, factory = _apply(scope, 0), _apply_factory(scope)
        if direct is not None or factory is not None:
            # (and the plain wrapper a call of the decorated function runs, when the decorator makes it sync)
            # (a wrapper that keeps the function what it was, `return f(*args)`, runs its own code first too)
            effects[qualname] = (direct, factory, _sync_wrapper(scope, False) if direct in (SYNC, KEEP) else None,
                                 _sync_wrapper(scope, True) if factory in (SYNC, KEEP) else None)
    ctx.decorator_effects = effects
    ctx.wrapped_by = {}
    ctx.runs_wrappers = {}
    for qualname, scope in functions.items():
        node = scope.node
        if not node.decorators or scope.function_kind not in ("sync", "async"):
            continue
        used: List[Tuple[str, bool]] = []
        elsewhere = False
        for decorator in reversed(node.decorators):  # innermost first: the order they are applied in
            expr, called = decorator.decorator, False
            if type(expr) is cst.Call:
                expr, called = expr.func, True
            value = scope.parent.evaluate(expr) if scope.parent is not None else None
            if value is None or value[0] != REF:
                continue
            used.append((value[1], called))
            if value[1] not in effects and value[1] not in functions and value[1] not in _LIBRARY \
                    and ctx.is_project(value[1]):
                elsewhere = True
        if not used:
            continue
        if elsewhere:
            ctx.decorated[qualname] = tuple(used)
        else:
            kind = apply_effects(scope.function_kind,
                                 [effects.get(name, _LIBRARY.get(name, (None, None)))[called] for name, called in used])
            ctx.root.defs[qualname] = kind
            wrapper = runs_wrapper(effects, used) if kind == SYNC and scope.is_async else None
            if wrapper is not None:
                ctx.wrapped_by[qualname] = wrapper
            elif kind == SYNC and not scope.is_async:
                # `@retry_sync def put()`: a call of `put` runs each wrapper's own code around the body (its
                # `time.sleep` between attempts), not only the body
                kept = [effects[name][2 + called] for name, called in used
                        if name in effects and effects[name][called] in (SYNC, KEEP) and effects[name][2 + called]]
                if kept:
                    ctx.runs_wrappers[qualname] = tuple(kept)


def _sync_wrapper(decorator: Scope, factory: bool) -> Optional[str]:
    """The qualified name of the one plain nested function ``@decorator`` (``@decorator(...)``) returns."""
    outer = [decorator]
    if factory:
        outer = [v[1] for v in _returns(decorator, 0) if v is not None and v[0] == "def" and v[1] is not None]
    found = {v[1].qualname for scope in outer for v in _returns(scope, 1 if factory else 0)
             if v is not None and v[0] == "def" and v[1] is not None and not v[1].is_async}
    return found.pop() if len(found) == 1 else None


def _apply(decorator: Scope, depth: int) -> Optional[str]:
    """The effect of ``@decorator``: what it returns, taken as the new function."""
    found = set()
    for value in _returns(decorator, depth):
        if value is None:
            return None
        kind, scope = value
        if kind == "param":
            found.add(KEEP)
        elif kind == "def" and scope is not None:
            found.add(_wrapper_effect(scope, depth))
        else:
            return None
    return found.pop() if len(found) == 1 else None


def _apply_factory(factory: Scope) -> Optional[str]:
    """The effect of ``@factory(...)``: what the call returns, applied as a decorator."""
    found = set()
    for value in _returns(factory, 0):
        if value is not None and value[0] == "def" and value[1] is not None and not value[1].is_async:
            effect = _apply(value[1], 1)
            if effect is not None:
                found.add(effect)
    return found.pop() if len(found) == 1 else None


def _wrapper_effect(wrapper: Scope, depth: int) -> Optional[str]:
    if wrapper.is_async:
        return None if wrapper.is_generator else ASYNC
    if any(value is not None and value[0] == "call-param" for value in _returns(wrapper, depth)):
        # `return f(*args)`: calling the wrapper still gives the coroutine, unless on its other paths it runs it
        return EITHER if _runs_param_call(wrapper) else KEEP
    return SYNC


# What runs or schedules a coroutine it is handed (by the called name's last part)
_RUNNERS = frozenset(("run", "run_until_complete", "run_coroutine_threadsafe", "ensure_future", "create_task"))


def _runs_param_call(wrapper: Scope) -> bool:
    """The wrapper hands a call of the decorated function to a runner: `loop.run_until_complete(f(*args))`, or
    `coro = f(*args)` then `asyncio.run_coroutine_threadsafe(coro, loop)`."""
    for node in walk_local(wrapper.node.body):
        if type(node) is not cst.Call or not node.args or dotted(node.func).rpartition(".")[2] not in _RUNNERS:
            continue
        handed = node.args[0].value
        if type(handed) is cst.Name:
            bindings = wrapper.bindings.get(handed.value, ())
            if len(bindings) == 1 and bindings[0][0] == "expr":
                handed = bindings[0][1]
        if type(handed) is cst.Call and type(handed.func) is cst.Name and _is_param(wrapper, handed.func.value):
            return True
    return False


def _returns(scope: Scope, depth: int) -> List[Returned]:
    body = getattr(scope.node, "body", None)
    if body is None or depth > _DEPTH:
        return [None]
    out: List[Returned] = []
    for node in walk_local(body):
        if type(node) is cst.Return and node.value is not None:
            out.extend(_returned(scope, node.value, depth))
    return out


def _returned(scope: Scope, expr: cst.BaseExpression, depth: int) -> List[Returned]:
    if type(expr) is cst.Name:
        nested = _nested_def(scope, expr.value)
        if nested is not None:
            return [("def", nested)]
        if _is_param(scope, expr.value):
            return [("param", None)]
        bindings = scope.bindings.get(expr.value, ())
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Call:
            return _returned(scope, bindings[0][1], depth)  # `result = f(*args); ...; return result`
        return [None]
    if type(expr) is cst.Call and type(expr.func) is cst.Name:
        name = expr.func.value
        nested = _nested_def(scope, name)
        if nested is not None:
            return _returns(nested, depth + 1)
        if _is_param(scope, name):
            return [("call-param", None)]
    return [None]


def _nested_def(scope: Scope, name: str) -> Optional[Scope]:
    found = None
    for child in scope.children:
        if child.kind == "function" and child.name == name:
            found = child
    return found


def _is_param(scope: Optional[Scope], name: str) -> bool:
    """``name`` is a parameter of this function or of one it is nested in (the decorated ``f`` of a wrapper)."""
    while scope is not None and scope.kind in ("function", "lambda"):
        bindings = scope.bindings.get(name)
        if bindings:
            return all(b[0] == "param" for b in bindings)
        scope = scope.parent
    return False
