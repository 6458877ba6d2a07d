"""Functions that call a callable they are handed on the loop's thread (`async def retry(op): return op()`): a
lambda handed to one runs on the loop too, wherever it is written (context.FileContext._handed_to_loop_runner)."""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

import libcst as cst

from asynccheck.lint.facts import LOOP_CALLS
from asynccheck.lint.interface import answer

# (a method: its first parameter is bound, the positional parameters' names, the parameters it calls)
Runner = Tuple[bool, Tuple[str, ...], FrozenSet[str]]


def called_params(runner) -> FrozenSet[str]:
    """The parameters the function calls itself (`return op()`), where the name is never bound to anything else;
    whether its body runs on the loop is the caller's to say."""
    found = set()
    for site in runner.events.get("calls", ()):
        func = site.node.func
        if site.scope is runner and type(func) is cst.Name and func.value not in found:
            bindings = runner.bindings.get(func.value, ())
            if bindings and all(b[0] == "param" for b in bindings):
                found.add(func.value)
    return frozenset(found)


def handed_params(ctx, runner) -> FrozenSet[str]:
    """The parameters the function hands to the loop to call later on its thread (`loop.call_later(s, fn)`),
    or that a function nested in it which it hands to the loop calls (`def tick(): fn(); loop.call_later(s,
    tick)`), wherever the function itself runs."""
    found = set()
    for site in runner.events.get("calls", ()):
        if site.scope is not runner:
            continue
        callback = ctx.loop_callback(runner, site.node)
        if type(callback) is not cst.Name:
            continue
        if _own_param(runner, callback.value):
            found.add(callback.value)
            continue
        value = runner.evaluate(callback)
        nested = ctx.functions.get(value[1]) if value is not None and value[0] == "ref" else None
        if nested is not None and nested.parent is runner and not nested.is_async:
            for inner in nested.events.get("calls", ()):
                func = inner.node.func
                if inner.scope is nested and type(func) is cst.Name and nested.lookup_scope(func.value) is runner \
                        and _own_param(runner, func.value):
                    found.add(func.value)
    return frozenset(found)


def _own_param(runner, name: str) -> bool:
    bindings = runner.bindings.get(name, ())
    return bool(bindings) and all(b[0] == "param" for b in bindings)


def shape(runner, called: FrozenSet[str]) -> Runner:
    params = [p.name.value for p in (*runner.node.params.posonly_params, *runner.node.params.params)]
    method = runner.self_name is not None and bool(params) and params[0] == runner.self_name
    return method, tuple(params[1:] if method else params), called


def parameter_of(runner: Runner, call: cst.Call, arg: cst.Arg) -> Optional[str]:
    """The parameter of the runner that ``arg`` of ``call`` binds, if the runner calls it."""
    method, positional, called = runner
    if arg.star or (method and type(call.func) is not cst.Attribute):
        return None
    if arg.keyword is not None:
        name = arg.keyword.value
    else:
        at = next(i for i, a in enumerate(call.args) if a is arg)
        if at >= len(positional) or any(a.keyword is not None or a.star for a in call.args[:at]):
            return None
        name = positional[at]
    return name if name in called else None


def exported(ctx) -> Dict[str, tuple]:
    """The facts a module gives others about its functions that call a callable they are handed on the loop
    (`pkg.util.retry(calls on loop)`): coroutines that call it, functions that hand it to the loop. Worked out
    from the code alone, as every export is."""
    out: Dict[str, tuple] = {}
    for runner in ctx.scopes:
        if runner.kind != "function" or runner.parent is None or runner.parent.kind not in ("module", "class"):
            continue
        called = handed_params(ctx, runner)
        if runner.runs_on_loop:
            called |= called_params(runner)
        if called:
            method, positional, _ = shape(runner, called)
            out[f"{runner.qualname}{LOOP_CALLS}"] = (
                "loopcalls", f"{'m' if method else 'f'};{','.join(positional)};{'|'.join(sorted(called))}")
    return out


def foreign_runner(module, name: str) -> Optional[Runner]:
    """What another module of the project says of its function ``name`` (see ``exported``), or None."""
    said = answer(module.foreign, name, LOOP_CALLS, "loopcalls")
    if said is None or said.count(";") != 2:
        return None
    kind, positional, called = said.split(";")
    return kind == "m", tuple(filter(None, positional.split(","))), frozenset(filter(None, called.split("|")))
