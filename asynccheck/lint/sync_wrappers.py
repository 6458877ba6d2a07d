"""Classes whose coroutine methods a module of the project rebinds to sync wrappers, the way pyrogram's and
telethon's sync modes do:

    def async_to_sync(obj, name):
        function = getattr(obj, name)
        def wrapper(*args, **kwargs): return loop.run_until_complete(function(*args, **kwargs))
        setattr(obj, name, wrapper)

    def wrap(source):
        for name in dir(source):
            if inspect.iscoroutinefunction(getattr(source, name)):
                async_to_sync(source, name)

    wrap(Methods)

Once the module has run, `client.stop()` on a `Methods` (or a subclass) runs the coroutine to its end outside a
loop: the project's own sync code calls it so (`def __exit__(self, *a): self.stop()`), and no coroutine is dropped
(facts.SYNC_WRAPPED, asked by project.decide for ACK301). Only public methods: the modules rebind what `dir()`
gives them but skip the names with a leading underscore, and so does the check.
"""
from __future__ import annotations

from typing import Dict, Optional, Set

import libcst as cst

from asynccheck.lint.builder import walk_all
from asynccheck.lint.facts import SYNC_WRAPPED
from asynccheck.lint.types import REF

_STAR = "*"  # the function rebinds every argument of its `*types` parameter


def exported(root, text: str) -> Dict[str, tuple]:
    """``pkg.methods.Methods(sync wrapped)`` for each class a module-level call of this module hands to one of its
    functions that rebinds the coroutine methods of what it is handed. (``text``: the module's source, which names
    both `setattr` and `iscoroutinefunction` in the rare module that does this.)"""
    if "iscoroutinefunction" not in text or "setattr" not in text:
        return {}
    functions = {function.name: function.node for function in root.functions.values()
                 if function.parent is root and type(function.node) is cst.FunctionDef}
    if not functions or not any(_tests_coroutine_function(node) for node in functions.values()):
        return {}
    rebinds = _rebinding_positions(functions)
    out: Dict[str, tuple] = {}
    for statement in getattr(root.node, "body", ()):
        if type(statement) is not cst.SimpleStatementLine:
            continue
        for small in statement.body:
            call = getattr(small, "value", None)
            if type(small) is not cst.Expr or type(call) is not cst.Call or type(call.func) is not cst.Name:
                continue
            positions = rebinds.get(call.func.value)
            if not positions:
                continue
            for position, arg in enumerate(call.args):
                if arg.keyword is None and not arg.star and (position in positions or _STAR in positions):
                    value = root.evaluate(arg.value)
                    if value is not None and value[0] == REF:
                        out[value[1] + SYNC_WRAPPED] = ("wrapped", root.qualname)
    return out


def _rebinding_positions(functions: Dict[str, cst.FunctionDef]) -> Dict[str, Set]:
    """name -> the positions of the parameters whose attributes the function rebinds (`setattr(obj, ...)`), itself
    or through another of the module's functions it hands them to, for the functions whose chain tests
    `inspect.iscoroutinefunction`: what they rebind are coroutine methods. _STAR for a `*types` parameter walked
    by a loop (`for t in types: setattr(t, ...)`)."""
    rebinds: Dict[str, Set] = {}
    testing = {name for name, node in functions.items() if _tests_coroutine_function(node)}
    for _ in range(3):  # wrap -> async_to_sync -> setattr: a chain of a few helpers at most
        changed = False
        for name, node in functions.items():
            found = _positions(node, functions, rebinds)
            if found and found != rebinds.get(name):
                rebinds[name] = found
                changed = True
        if not changed:
            break
    callers: Dict[str, Set[str]] = {name: _called(node, functions) for name, node in functions.items()}
    wanted: Set[str] = set()
    for name in rebinds:  # a rebinder counts when it, or a rebinder it calls, tests for coroutine functions
        seen, stack = set(), [name]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in testing:
                wanted.add(name)
                break
            stack.extend(callee for callee in callers.get(current, ()) if callee in rebinds)
    return {name: positions for name, positions in rebinds.items() if name in wanted}


def _positions(node: cst.FunctionDef, functions: Dict[str, cst.FunctionDef], rebinds: Dict[str, Set]) -> Set:
    params = [param.name.value for param in node.params.params]
    star = node.params.star_arg.name.value if isinstance(node.params.star_arg, cst.Param) else None
    looped: Dict[str, str] = {}  # loop target -> the parameter it walks (`for t in types`)
    for child in walk_all(node.body):
        if type(child) is cst.For and type(child.target) is cst.Name and type(child.iter) is cst.Name \
                and child.iter.value in (*params, star):
            looped[child.target.value] = child.iter.value
    found: Set = set()
    for child in walk_all(node.body):
        if type(child) is not cst.Call or type(child.func) is not cst.Name:
            continue
        if child.func.value == "setattr":
            handed = [0]
        elif child.func.value in rebinds:
            handed = [p for p in rebinds[child.func.value] if p != _STAR]
            if _STAR in rebinds[child.func.value]:
                handed = list(range(len(child.args)))
        else:
            continue
        for position in handed:
            if position >= len(child.args) or type(child.args[position].value) is not cst.Name:
                continue
            name = child.args[position].value.value
            name = looped.get(name, name)
            if name == star:
                found.add(_STAR)
            elif name in params:
                found.add(params.index(name))
    return found


def _called(node: cst.FunctionDef, functions: Dict[str, cst.FunctionDef]) -> Set[str]:
    return {child.func.value for child in walk_all(node.body)
            if type(child) is cst.Call and type(child.func) is cst.Name and child.func.value in functions}


def _tests_coroutine_function(node: cst.FunctionDef) -> bool:
    for child in walk_all(node.body):
        if type(child) is cst.Call:
            func = child.func
            name: Optional[str] = func.attr.value if type(func) is cst.Attribute else \
                func.value if type(func) is cst.Name else None
            if name == "iscoroutinefunction":
                return True
    return False
