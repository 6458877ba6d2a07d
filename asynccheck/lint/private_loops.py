"""Coroutines that are the whole of a loop a thread makes for them.

`class Heartbeat(Thread): def run(self): loop = asyncio.new_event_loop(); loop.run_until_complete(self._beat())`:
nothing else runs on that loop, and no other code can reach it, so a blocking call in `_beat` holds up only
`_beat` itself, in a thread of its own, as it would in plain sync code there. Once `_beat` starts anything that
shares the loop (a task, a gather, a callback, a server), a blocking call in it stalls those again.
"""
from __future__ import annotations

from typing import FrozenSet, Optional, Set

import libcst as cst

from asynccheck.lint.builder import CallSite, children, dotted, walk_local
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import REF, Scope

_KEY = ("coroutines alone on private loops",)

# What puts more work on the running loop beside the coroutine itself (by method name: a loop, a task group or
# asyncio may be the receiver; `asyncio.wait` by what it is, as every Event and Condition has a `wait`).
_SHARES_LOOP = frozenset((
    "create_task ensure_future gather as_completed TaskGroup call_soon call_later call_at add_reader "
    "add_writer add_signal_handler start_server start_unix_server create_server create_unix_server "
    "create_datagram_endpoint create_connection run_coroutine_threadsafe run_in_executor to_thread "
    "start_soon"
).split())

_THREAD = "threading.Thread"


def alone_on_private_loops(ctx: FileContext) -> FrozenSet[str]:
    """Qualified names of the coroutine functions of this module that only ever run as the one coroutine of a
    loop made for them in a thread. Once per module."""
    memo = ctx.root.memo
    found = memo.get(_KEY)
    if found is None:
        found = memo[_KEY] = frozenset(_find(ctx))
    return found


def _find(ctx: FileContext) -> Set[str]:
    found: Set[str] = set()
    targets: Optional[Set[str]] = None
    for site in ctx.calls:
        coroutine = _run_alone(ctx, site)
        if coroutine is None:
            continue
        runner = site.scope
        if not _thread_subclass_run(runner):
            if targets is None:
                targets = _thread_targets(ctx)
            if runner.qualname not in targets:
                continue
        if _alone(ctx, coroutine):
            found.add(coroutine.qualname)
    return found


def _run_alone(ctx: FileContext, site: CallSite) -> Optional[Scope]:
    """`asyncio.run(coro())`, or `loop.run_until_complete(coro())` on a local loop made right there with
    `asyncio.new_event_loop()`: the coroutine function of this module it runs."""
    func, args = site.node.func, site.node.args
    name = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
    if name not in ("run_until_complete", "run") or not args or type(args[0].value) is not cst.Call \
            or args[0].keyword is not None:
        return None  # (the cheap tests first: this looks at every call of the module)
    if type(func) is cst.Attribute and func.attr.value == "run_until_complete":
        loop = func.value
        if type(loop) is not cst.Name or not _made_here(site.scope, loop.value):
            return None
    elif ctx.target_of(site) != "asyncio.run":
        return None
    value = site.scope.evaluate(args[0].value.func)
    coroutine = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    return coroutine if coroutine is not None and coroutine.is_async else None


def _made_here(scope: Scope, name: str) -> bool:
    bindings = scope.bindings.get(name, ())
    return bool(bindings) and all(
        b[0] == "expr" and type(b[1]) is cst.Call and scope.evaluate(b[1].func) == (REF, "asyncio.new_event_loop")
        for b in bindings)


def _thread_subclass_run(scope: Scope) -> bool:
    owner = scope.class_scope
    return scope.name == "run" and owner is not None and _THREAD in set(owner.base_refs())


def _thread_targets(ctx: FileContext) -> Set[str]:
    """The functions of this module handed to `threading.Thread(target=...)`."""
    found: Set[str] = set()
    for site in ctx.calls:
        if ctx.target_of(site) != _THREAD:
            continue
        for arg in site.node.args:
            if arg.keyword is not None and arg.keyword.value == "target":
                value = site.scope.evaluate(arg.value)
                if value is not None and value[0] == REF:
                    found.add(value[1])
    return found


def _alone(ctx: FileContext, coroutine: Scope) -> bool:
    """The coroutine puts nothing else on its loop, and nothing else in the module names it (so no other loop
    runs it too)."""
    for node in walk_local(coroutine.node.body):
        if type(node) is cst.Call and (dotted(node.func).rpartition(".")[2] in _SHARES_LOOP
                                       or coroutine.evaluate(node.func) == (REF, "asyncio.wait")):
            return False
        if type(node) in (cst.FunctionDef, cst.Lambda):
            return False  # a callback it may hand the loop
    name = coroutine.name
    names = 0
    stack = [ctx.root.node]
    while stack:  # (the whole module, once per coroutine found run alone: rare)
        node = stack.pop()
        if type(node) is cst.Name and node.value == name:
            names += 1
            if names > 2:  # its `def`, and the call the loop runs
                return False
        stack.extend(children(node))
    return True
