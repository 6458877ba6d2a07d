"""Branches that never run: `if _IS_SYNC:` under a module constant `_IS_SYNC = False`.

Libraries that keep a sync and an async twin generated from one source (pymongo's `asynchronous/` and
`synchronous/`) guard each twin's lines with a module flag; the other twin's lines stay in the file but are dead,
so a call there (`self._connect()` left unawaited in the async twin) is no bug. A literal test is such a flag
too (psycopg's generator writes `if True:  # ASYNC` with the sync line in its `else:`). Of names, only an
upper-case one bound once, at the top of the module, to a literal `True`/`False`, and never declared `global`
anywhere, counts: a lower-case `_initialized = False` that a function flips is state, not a constant.
"""
from __future__ import annotations

from typing import Dict, Optional

import libcst as cst

_LITERALS = {"True": True, "False": False}


def module_flags(module: cst.Module) -> Dict[str, bool]:
    """Names bound once at the top of the module to a literal bool (and nowhere declared `global`)."""
    flags: Dict[str, bool] = {}
    seen: Dict[str, int] = {}
    for stmt in module.body:
        for name, value in _top_bindings(stmt):
            seen[name] = seen.get(name, 0) + 1
            if value is not None:
                flags[name] = value
    flags = {name: value for name, value in flags.items() if seen[name] == 1 and name.upper() == name}
    if flags and _declared_global(module, flags):
        flags = {name: value for name, value in flags.items() if name not in _declared_global(module, flags)}
    return flags


def _top_bindings(stmt: cst.CSTNode):
    """(name, literal bool or None) for each name a top-level statement binds directly; compound statements bind
    what their own top level binds (a constant set in both arms of an `if` is bound twice: not a constant)."""
    if type(stmt) is cst.SimpleStatementLine:
        for small in stmt.body:
            if type(small) is cst.Assign:
                literal = _LITERALS.get(small.value.value) if type(small.value) is cst.Name else None
                for target in small.targets:
                    if type(target.target) is cst.Name:
                        yield target.target.value, literal
            elif type(small) in (cst.AnnAssign, cst.AugAssign) and type(small.target) is cst.Name:
                value = getattr(small, "value", None)
                literal = _LITERALS.get(value.value) if type(small) is cst.AnnAssign and type(value) is cst.Name else None
                yield small.target.value, literal
            elif type(small) in (cst.Import, cst.ImportFrom) and type(small.names) is not cst.ImportStar:
                for alias in small.names:
                    bound = alias.asname.name if alias.asname is not None else alias.name
                    if type(bound) is cst.Name:
                        yield bound.value, None
    elif type(stmt) in (cst.FunctionDef, cst.ClassDef):
        yield stmt.name.value, None
    elif type(stmt) in (cst.If, cst.Try, cst.For, cst.While, cst.With):
        for block in _blocks(stmt):
            for inner in block.body:
                yield from _top_bindings(inner)


def _blocks(stmt: cst.CSTNode):
    for field in ("body", "orelse", "finalbody"):
        part = getattr(stmt, field, None)
        while type(part) is cst.If:  # an elif chain
            yield part.body
            part = part.orelse
        if type(part) in (cst.Else, cst.Finally):
            part = part.body
        if isinstance(part, cst.BaseSuite) and isinstance(getattr(part, "body", None), (list, tuple)):
            yield part
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body


def _declared_global(module: cst.Module, names) -> set:
    from asynccheck.lint.builder import iter_children

    found = set()
    stack = list(module.body)
    while stack:
        node = stack.pop()
        if type(node) is cst.Global:
            found.update(n.name.value for n in node.names if n.name.value in names)
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.BaseSuite, cst.If, cst.Try, cst.For, cst.While,
                               cst.With, cst.Else, cst.Finally, cst.ExceptHandler, cst.SimpleStatementLine)):
            stack.extend(iter_children(node))  # statements only: a `global` is never inside an expression
    return found


def decide(test: cst.BaseExpression, flags: Dict[str, bool], local) -> Optional[bool]:
    """The value of an `if` test made only of module flags (`not`, `and`, `or`), or None. ``local(name)``: is
    the name bound in a function or class around the test (then it is not the module's flag)?"""
    if type(test) is cst.Name:
        if test.value in _LITERALS:  # `if True:  # ASYNC` ... `else:`: psycopg's generated async twin
            return _LITERALS[test.value]
        if test.value in flags and not local(test.value):
            return flags[test.value]
        return None
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = decide(test.expression, flags, local)
        return None if inner is None else not inner
    if type(test) is cst.BooleanOperation:
        left, right = decide(test.left, flags, local), decide(test.right, flags, local)
        if type(test.operator) is cst.And:
            return False if False in (left, right) else (True if left is True and right is True else None)
        return True if True in (left, right) else (False if left is False and right is False else None)
    return None
