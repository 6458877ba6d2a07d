"""Which bindings of a local name reach one read of it, where the function's code between them is simple.

``types.combine`` answers for a name from all its bindings at once, so a name declared twice with different types
(`c: urllib3.PoolManager = ...` then `c: httpx.Client = ...`) is unknown everywhere. A forward pass over the
function's statements lets each read see only the bindings that reach it when flow is simple: statements one
after another, and `if`/`elif`/`else` arms (an arm that returns, raises, breaks or continues reaches nothing
after it). Where flow is not simple a read falls back to the combined answer:

- a name bound inside a loop, a `try`, a `with` body or a `match`, from that statement on until it is bound
  again (straight-line code inside them still sees its own rebinding: `for p in ps: f = open(p); f.read()`);
- a name with a binding we cannot place in the code (an import or `def` in the function, `x += 1`, a nested
  unpacking), a walrus or comprehension target, a `global`/`nonlocal` name (here or in a nested function);
- reads in nested functions, lambdas and classes (they run at another time).

The pass is syntactic and runs once per function, only when a read asks (see ``Scope._name``).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple, Union

import libcst as cst

from asynccheck.lint.builder import NESTED, iter_children, walk_local

FALLBACK = "fallback"  # in a state: the name's reads take the combined answer
State = Dict[str, Union[tuple, str]]  # name -> the bindings that may hold now (FALLBACK, or () for none yet)

# Bindings whose node (the value, annotation, iterable or context manager) places them in the code.
_PLACED = frozenset({"expr", "annot", "unpack", "enter", "iter", "part", "subpart"})
_EXITS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
_BRANCHES = (cst.ExceptHandler, cst.Else, cst.Finally, cst.MatchCase)
if hasattr(cst, "ExceptStarHandler"):
    _BRANCHES = (*_BRANCHES, cst.ExceptStarHandler)


def reaching(scope, node: cst.Name) -> tuple:
    """The bindings of ``node``'s name (bound in the function ``scope``) that reach this read; () when flow is
    not simple there, or the read is not in the function's own code."""
    reads = scope.reaching
    if reads is None:
        reads = scope.reaching = _Pass(scope).run()
    return reads.get(id(node), ())


def _outer_names(scope) -> Set[str]:
    """Names `global`/`nonlocal` in this function, and `nonlocal` in the functions nested in it."""
    names = set(scope.events.get("outer_names", ()))
    stack = list(scope.children)
    while stack:
        child = stack.pop()
        names.update(child.events.get("outer_names", ()))
        stack.extend(child.children)
    return names


class _Pass:
    def __init__(self, scope):
        self.scope = scope
        self.untracked = _outer_names(scope)
        self.placed: Dict[int, List[Tuple[str, tuple]]] = {}  # id(node) -> the bindings it makes
        self.start: State = {}
        for name, bindings in scope.bindings.items():
            if len(bindings) < 2 or name in self.untracked:
                continue
            for binding in bindings:
                kind = binding[0]
                if kind == "param":
                    self.start[name] = (binding,)
                elif kind in _PLACED:
                    self.placed.setdefault(id(binding[1]), []).append((name, binding))
                else:
                    self.untracked.add(name)
        self.tracked = {name for name, b in scope.bindings.items() if len(b) > 1} - self.untracked
        self.reads: Dict[int, Tuple[str, Union[tuple, str]]] = {}

    def run(self) -> Dict[int, tuple]:
        node = self.scope.node
        if self.tracked and type(node) is cst.FunctionDef:
            self.suite(node.body, dict(self.start))
        return {key: bindings for key, (name, bindings) in self.reads.items()
                if bindings and bindings is not FALLBACK and name not in self.untracked}

    # -- statements: each returns the state after it, or None when control does not go on to the next ----------
    def suite(self, suite: cst.BaseSuite, state: State) -> Optional[State]:
        if type(suite) is cst.SimpleStatementSuite:  # `if x: return` on one line
            return self.statement(suite, state)
        for statement in suite.body:
            state = self.statement(statement, state)
            if state is None:
                return None
        return state

    def statement(self, statement: cst.CSTNode, state: State) -> Optional[State]:
        if type(statement) in (cst.SimpleStatementLine, cst.SimpleStatementSuite):
            for small in statement.body:
                self.expression(small, state)
                if isinstance(small, _EXITS):
                    return None
            return state
        if type(statement) is cst.If:
            self.expression(statement.test, state)
            then = self.suite(statement.body, dict(state))
            orelse = statement.orelse
            if type(orelse) is cst.If:
                other = self.statement(orelse, dict(state))
            elif type(orelse) is cst.Else:
                other = self.suite(orelse.body, dict(state))
            else:
                other = state
            return _merge(then, other)
        if type(statement) in NESTED:
            return state  # its name is bound where we cannot place it: untracked; its body is another scope
        if type(statement) is cst.With:
            for item in statement.items:
                self.expression(item, state)
            self.suite(statement.body, dict(state))
            return self._unsettled(statement.body, state)  # a context manager may swallow an exception midway
        # loops, try, match: what they bind may hold from any pass or any point; their own code is walked for
        # the reads that follow a rebinding in the same straight line
        state = self._unsettled(statement, state)
        self._branches(statement, dict(state))  # its headers bind too (`for f in files`): not for what follows
        return state

    def _branches(self, node: cst.CSTNode, state: State) -> None:
        for child in iter_children(node):
            if isinstance(child, cst.BaseSuite):
                self.suite(child, dict(state))
            elif isinstance(child, _BRANCHES):
                self._branches(child, state)
            else:
                self.expression(child, state)

    def _unsettled(self, node: cst.CSTNode, state: State) -> State:
        """``state`` with every name ``node`` binds (anywhere in it) falling back."""
        bound = {name for n in walk_local(node) for name, _ in self.placed.get(id(n), ())}
        if not bound:
            return state
        state = dict(state)
        for name in bound:
            state[name] = FALLBACK
        return state

    # -- expressions and simple statements: record the reads, then apply the bindings they make ---------------
    def expression(self, node: cst.CSTNode, state: State) -> None:
        tracked, placed, reads = self.tracked, self.placed, self.reads
        made: Dict[str, list] = {}
        targets: Set[int] = set()  # Names that are bound, not read
        for current in walk_local(node):
            found = placed.get(id(current))
            if found is not None:
                for name, binding in found:
                    made.setdefault(name, []).append(binding)
            if type(current) is cst.Name:
                if current.value in tracked and id(current) not in targets:
                    reads[id(current)] = (current.value, state.get(current.value, ()))
            elif type(current) in (cst.AssignTarget, cst.AnnAssign, cst.AsName):
                target = current.name if type(current) is cst.AsName else current.target
                targets.update(id(n) for n in walk_local(target) if type(n) is cst.Name)
            elif type(current) in (cst.NamedExpr, cst.CompFor):
                self.untracked.update(n.value for n in walk_local(current.target) if type(n) is cst.Name)
            elif type(current) is cst.Del:
                for n in walk_local(current.target):
                    if type(n) is cst.Name and n.value in tracked:
                        state[n.value] = FALLBACK
        for name, bindings in made.items():
            state[name] = tuple(bindings)


def _merge(one: Optional[State], other: Optional[State]) -> Optional[State]:
    """Where two paths meet: a name holds what either path bound (FALLBACK if either falls back)."""
    if one is None or other is None:
        return other if one is None else one
    merged: State = {}
    for name in one.keys() | other.keys():
        a, b = one.get(name, ()), other.get(name, ())
        if a is FALLBACK or b is FALLBACK:
            merged[name] = FALLBACK
        else:
            merged[name] = a + tuple(x for x in b if not any(x is y for y in a))
    return merged
