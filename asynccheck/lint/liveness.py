"""Is a local variable read again after a statement that binds it?

A backward liveness pass over one function's statements, for one name: at each point, may some path from here
read the name before it is bound again? It is structural and errs towards "read": an exception may leave any
statement of a `try` for its handlers, a `finally:` that reads the name keeps it read from everywhere it
covers, loops go round again, and code this pass does not model (a `match`, an unknown statement) reads it if
the name appears anywhere in it. Only what rules ask is answered: ``read_after(function, name, statement)``.
"""
from __future__ import annotations

from typing import Dict, NamedTuple, Optional, Sequence

import libcst as cst

from asynccheck.lint.builder import NESTED, iter_children

# Calls that read a function's locals without naming them.
FRAME_READERS = frozenset({"locals", "vars", "eval", "exec", "_getframe", "currentframe"})


class _Jumps(NamedTuple):
    """Whether the name is live where each kind of jump lands."""

    ret: bool = False  # `return`: nothing, unless a `finally:` reads it
    exc: bool = False  # an exception: the handlers (and `finally:`) that would run
    brk: bool = False  # `break`: after the loop
    cont: bool = False  # `continue`: the loop's head


def reads(node: Optional[cst.CSTNode], name: str) -> bool:
    """Does ``node`` read ``name`` (not entering nested functions, lambdas and classes)? Attribute and keyword
    names are not variables, a walrus target and a `del` target are not reads."""
    if node is None:
        return False
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is cst.Name:
            if current.value == name:
                return True
        elif type(current) is cst.Attribute:
            stack.append(current.value)
        elif type(current) is cst.Arg:
            stack.append(current.value)
        elif type(current) is cst.NamedExpr:
            stack.append(current.value)
        elif type(current) is cst.Del:
            stack.extend(t for t in _del_targets(current.target) if not _is(t, name))
        elif type(current) in NESTED and current is not node:
            continue
        else:
            stack.extend(iter_children(current))
    return False


def read_after(function: cst.FunctionDef, name: str, statement: cst.CSTNode) -> bool:
    """May ``name`` be read after the small statement ``statement`` (an assignment in ``function``'s own
    body) before it is bound again?"""
    found: Dict[int, bool] = {}
    _Pass(name, statement, found).block(function.body, False, _Jumps())
    return found.get(id(statement), True)


def read_in_round(loop: cst.CSTNode, name: str, statement: cst.CSTNode) -> bool:
    """May ``name`` be read after ``statement`` (an assignment in ``loop``'s body) before the loop binds it
    again or ends? What reads it after the loop is not counted: it sees only the last round's value."""
    found: Dict[int, bool] = {}
    _Pass(name, statement, found).compound(loop, False, _Jumps())
    return found.get(id(statement), True)


def _is(node: cst.CSTNode, name: str) -> bool:
    return type(node) is cst.Name and node.value == name


def _del_targets(target: cst.BaseExpression) -> Sequence[cst.BaseExpression]:
    if type(target) in (cst.Tuple, cst.List):
        return [e.value for e in target.elements]
    return [target]


def _binds(target: cst.BaseExpression, name: str) -> bool:
    """Does assigning to ``target`` bind ``name`` for sure (`name = ...`, `a, name = ...`)?"""
    if _is(target, name):
        return True
    if type(target) in (cst.Tuple, cst.List):
        return any(_binds(e.value, name) for e in target.elements if type(e) is cst.Element)
    return False


def _target_reads(target: cst.BaseExpression, name: str) -> bool:
    """`name.x = ...` and `d[name] = ...` read it; a bare name or a tuple of names does not."""
    if type(target) is cst.Name:
        return False
    if type(target) in (cst.Tuple, cst.List):
        return any(_target_reads(e.value, name) for e in target.elements)
    if type(target) is cst.StarredElement:
        return _target_reads(target.value, name)
    return reads(target, name)


class _Pass:
    def __init__(self, name: str, statement: cst.CSTNode, found: Dict[int, bool]):
        self.name = name
        self.statement = statement
        self.found = found

    def reads(self, *nodes: Optional[cst.CSTNode]) -> bool:
        return any(reads(node, self.name) for node in nodes)

    def block(self, suite: object, live: bool, jumps: _Jumps) -> bool:
        """Liveness at the start of a suite (or of a statement list), given liveness at its end."""
        if suite is None:
            return live
        if type(suite) in (cst.SimpleStatementSuite, cst.SimpleStatementLine):
            return self.small(suite.body, live, jumps)
        body = getattr(suite, "body", suite)
        for stmt in reversed(list(body)):
            if type(stmt) is cst.SimpleStatementLine:
                live = self.small(stmt.body, live, jumps)
            else:
                live = self.compound(stmt, live, jumps)
            live = live or jumps.exc  # the statement may raise, into a handler that reads the name
        return live

    def small(self, body: Sequence[cst.CSTNode], live: bool, jumps: _Jumps) -> bool:
        name = self.name
        for stmt in reversed(list(body)):
            if stmt is self.statement:
                self.found[id(stmt)] = self.found.get(id(stmt), False) or live
            if type(stmt) is cst.Assign:
                killed = any(_binds(t.target, name) for t in stmt.targets)
                used = self.reads(stmt.value) or any(_target_reads(t.target, name) for t in stmt.targets)
                live = used or (live and not killed)
            elif type(stmt) is cst.AnnAssign:
                if stmt.value is not None:
                    live = self.reads(stmt.value) or _target_reads(stmt.target, name) or (
                        live and not _is(stmt.target, name))
            elif type(stmt) is cst.Del:
                targets = _del_targets(stmt.target)
                killed = any(_is(t, name) for t in targets)
                live = any(reads(t, name) for t in targets if not _is(t, name)) or (live and not killed)
            elif type(stmt) is cst.Return:
                live = self.reads(stmt.value) or jumps.ret
            elif type(stmt) is cst.Raise:
                live = self.reads(stmt.exc, stmt.cause) or jumps.exc
            elif type(stmt) is cst.Break:
                live = jumps.brk
            elif type(stmt) is cst.Continue:
                live = jumps.cont
            else:
                live = live or self.reads(stmt)
        return live

    def compound(self, stmt: cst.CSTNode, live: bool, jumps: _Jumps) -> bool:
        if type(stmt) is cst.If:
            orelse = stmt.orelse
            other = live if orelse is None else (
                self.compound(orelse, live, jumps) if type(orelse) is cst.If else self.block(orelse.body, live, jumps))
            return self.reads(stmt.test) or self.block(stmt.body, live, jumps) or other
        if type(stmt) is cst.While:
            after = self.block(stmt.orelse.body, live, jumps) if stmt.orelse is not None else live
            head = self.reads(stmt.test) or after
            for _ in range(2):  # a boolean fixpoint: the second round sees what the first found at the head
                inner = self.block(stmt.body, head, jumps._replace(brk=live, cont=head))
                head = head or inner
            return head
        if type(stmt) is cst.For:
            after = self.block(stmt.orelse.body, live, jumps) if stmt.orelse is not None else live
            head = after
            for _ in range(2):
                inner = self.block(stmt.body, head, jumps._replace(brk=live, cont=head))
                head = head or (inner and not _binds(stmt.target, self.name)) or _target_reads(stmt.target, self.name)
            return self.reads(stmt.iter) or head
        if type(stmt) is cst.With:
            return self.reads(*(item.item for item in stmt.items)) or self.block(stmt.body, live, jumps)
        if type(stmt) is cst.Try or type(stmt).__name__ == "TryStar":
            return self.try_(stmt, live, jumps)
        if type(stmt) in (cst.FunctionDef, cst.ClassDef):
            # decorators, defaults and bases run now; what the body reads is the caller's concern (closures)
            heads = [d.decorator for d in stmt.decorators]
            if type(stmt) is cst.ClassDef:
                heads.extend(a.value for a in (*stmt.bases, *stmt.keywords))
            else:
                params = stmt.params
                heads.extend(p.default for p in (*params.posonly_params, *params.params, *params.kwonly_params))
            return live or self.reads(*heads)
        return live or self.reads(stmt)  # `match` and anything newer: any mention is a read

    def try_(self, stmt: cst.CSTNode, live: bool, jumps: _Jumps) -> bool:
        final = getattr(stmt, "finalbody", None)
        if final is not None:
            after = self.block(final.body, live, jumps)
            anywhere = self.reads(final)  # every way out of the try runs it
            jumps = _Jumps(jumps.ret or anywhere, jumps.exc or anywhere, jumps.brk or anywhere, jumps.cont or anywhere)
        else:
            after = live
        handled = False
        for handler in stmt.handlers:
            handled = self.reads(handler.type) or self.block(handler.body, after, jumps) or handled
        orelse = self.block(stmt.orelse.body, after, jumps) if stmt.orelse is not None else after
        return self.block(stmt.body, orelse, jumps._replace(exc=jumps.exc or handled))
