"""Where a coroutine goes once an exception handler has swallowed what it caught.

ACK601 and ACK602 differ only in this: after the handler, does the coroutine carry on (await more work, loop
again) or end? The answer is structural and conservative: a path that may reach an await counts as carrying on.
A `finally:` block and an `async with` exit are left out: they run whether or not the exception is re-raised.
"""
from __future__ import annotations

from typing import Dict, Iterator, Optional, Sequence

import libcst as cst

from asynccheck.lint.builder import NESTED, dotted, iter_children, walk_local
from asynccheck.lint.context import first_await

LOOPS = (cst.For, cst.While)
_ENDS = (cst.Return, cst.Raise)
_JUMPS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
_LEAVES = (cst.Return, cst.Raise, cst.Break)


def carries_on(function: cst.FunctionDef, stmt: cst.CSTNode, body: cst.BaseSuite) -> Optional[cst.CSTNode]:
    """Where the coroutine suspends again after ``body`` (a handler's, or a `suppress` block's, belonging to the
    statement ``stmt``) has run without raising: the next await, or the loop it goes round again; None when
    every way out of ``body`` ends the coroutine first."""
    parents = _parents(function)
    stops = _assigned(body)
    for exit_kind, target in _exits(body, stmt, parents):
        if exit_kind == "continue":
            return target
        start = target if exit_kind == "break" else stmt
        found = _next_suspension(start, parents, function, stops)
        if found is not None and type(found) is not cst.Return:
            return found
    return None


def returns_result(function: cst.FunctionDef, stmt: cst.CSTNode, body: cst.BaseSuite) -> Optional[cst.Return]:
    """A `return <value>` the coroutine reaches after ``body`` has swallowed the exception: its caller gets a
    result as if nothing had happened."""
    for node in walk_local(body):
        if type(node) is cst.Return and node.value is not None:
            return node
    parents = _parents(function)
    for exit_kind, target in _exits(body, stmt, parents):
        if exit_kind != "continue":
            found = _next_suspension(target if exit_kind == "break" else stmt, parents, function, _assigned(body))
            if type(found) is cst.Return and found.value is not None:
                return found
    return None


def ends_in(function: cst.FunctionDef, stmt: cst.CSTNode, body: cst.BaseSuite, is_end) -> bool:
    """Every way out of ``body`` that does not end the coroutine reaches, before any suspension, a statement
    ``is_end`` accepts (one that stops the whole process), at the level of a block it runs through."""
    parents = _parents(function)
    exits = list(_exits(body, stmt, parents))
    for exit_kind, target in exits:
        if exit_kind == "continue":
            return False
        if not _reaches(target if exit_kind == "break" else stmt, parents, function, is_end):
            return False
    return bool(exits)


def _reaches(start: cst.CSTNode, parents: Dict[int, cst.CSTNode], function: cst.FunctionDef, is_end) -> bool:
    current = start
    while current is not function:
        parent = parents.get(id(current))
        if parent is None or (isinstance(parent, LOOPS) and current is parent.body):
            return False  # round the loop again
        if type(parent) is cst.IndentedBlock:
            for statement in parent.body[parent.body.index(current) + 1:]:
                if type(statement) in NESTED:
                    continue
                if is_end(statement):
                    return True
                if _suspends(statement) is not None or any(True for _ in _jumps(statement)):
                    return False
                if type(statement) is cst.SimpleStatementLine and any(isinstance(s, _ENDS) for s in statement.body):
                    return False
        current = parent
    return False


def _parents(root: cst.CSTNode) -> Dict[int, cst.CSTNode]:
    parents: Dict[int, cst.CSTNode] = {}
    for node in walk_local(root):
        for child in iter_children(node):
            parents[id(child)] = node
    return parents


def _exits(body: cst.BaseSuite, stmt: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> Iterator[tuple]:
    """("continue"|"break", loop) for each jump out of ``body`` to an enclosing loop, ("falls", None) when the
    end of ``body`` can be reached. A `return` or `raise` is no exit: the coroutine ends there."""
    loop = _enclosing_loop(stmt, parents)
    for node in _jumps(body):
        if type(node) is cst.Continue and loop is not None:
            yield "continue", loop
        elif type(node) is cst.Break and loop is not None:
            yield "break", loop
    if _falls_through(body):
        yield "falls", None


def _jumps(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """`break` and `continue` under ``node`` that leave it (not those of a loop nested inside it)."""
    for child in iter_children(node):
        if type(child) in (cst.Break, cst.Continue):
            yield child
        elif isinstance(child, LOOPS):
            yield from _jumps(child.orelse) if child.orelse is not None else ()
        elif type(child) not in NESTED:
            yield from _jumps(child)


def _enclosing_loop(node: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> Optional[cst.CSTNode]:
    child, current = node, parents.get(id(node))
    while current is not None and type(current) not in NESTED:
        if isinstance(current, LOOPS) and child is current.body:
            return current
        child, current = current, parents.get(id(current))
    return None


def _falls_through(suite: Optional[cst.CSTNode]) -> bool:
    """Whether the end of a block can be reached (approximately: the last statement, `if`/`else` followed)."""
    if suite is None:
        return True
    if type(suite) is cst.Else:
        return _falls_through(suite.body)
    statements: Sequence[cst.CSTNode] = getattr(suite, "body", ())
    if not statements:
        return True
    last = statements[-1]
    if type(suite) is cst.SimpleStatementSuite or type(last) is cst.SimpleStatementLine:
        smalls = statements if type(suite) is cst.SimpleStatementSuite else last.body
        return not any(isinstance(small, _JUMPS) for small in smalls)
    if type(last) is cst.If:
        return _falls_through(last.body) or last.orelse is None or _falls_through(last.orelse)
    return True


def _assigned(body: cst.CSTNode) -> Dict[str, Optional[cst.BaseExpression]]:
    """Names and attributes the handler assigns, with the value given (`self.keep_alive = False`): a loop testing
    one stops. A counter stepped with `+=` (`restarts += 1` under `while restarts <= limit:`) bounds the loop but
    does not stop it: the coroutine still goes round again, awaiting, after the swallow; so does one stepped from
    its own value (`attempt = attempt + 1`, `delay = min(delay * 2, cap)`)."""
    names: Dict[str, Optional[cst.BaseExpression]] = {}
    for node in walk_local(body):
        if type(node) is cst.Assign:
            for target in node.targets:
                name = dotted(target.target)
                if name and not any(type(n) in (cst.Name, cst.Attribute) and dotted(n) == name
                                    for n in walk_local(node.value)):
                    names[name] = node.value
        elif type(node) is cst.AnnAssign:
            names[dotted(node.target)] = node.value
    names.pop("", None)
    return names


def _tests_one_of(loop: cst.CSTNode, names: Dict[str, Optional[cst.BaseExpression]]) -> bool:
    if type(loop) is not cst.While or not names:
        return False
    return any(dotted(node) in names and not _keeps_going(loop.test, dotted(node), names[dotted(node)])
               for node in walk_local(loop.test) if type(node) in (cst.Name, cst.Attribute))


def _keeps_going(test: cst.BaseExpression, name: str, value: Optional[cst.BaseExpression]) -> bool:
    """The handler sets the flag the loop tests to a constant under which the test still holds: `stop = None`
    under `while not stop:` (a shell that drops the command it was running and reads the next one) goes round
    again, so the coroutine carries on rather than ends."""
    truth = _truth(value)
    if truth is None:
        return False
    negated = type(test) is cst.UnaryOperation and type(test.operator) is cst.Not
    tested = test.expression if negated else test
    return type(tested) in (cst.Name, cst.Attribute) and dotted(tested) == name and truth is not negated


def _truth(value: Optional[cst.BaseExpression]) -> Optional[bool]:
    if type(value) is cst.Name and value.value in ("None", "False", "True"):
        return value.value == "True"
    if type(value) is cst.Integer:
        return int(value.value, 0) != 0
    if type(value) is cst.SimpleString:
        return len(value.evaluated_value) > 0
    return None


def _suspends(node: cst.CSTNode) -> Optional[cst.CSTNode]:
    """The first await under ``node``, or a `yield` before it: an async generator that yields hands its
    consumer a value as if nothing had happened, and the consumer carries on."""
    found = first_await(node)
    for current in walk_local(node):
        if current is found:
            return found
        if type(current) is cst.Yield:
            return current
    return found


def _next_suspension(start: cst.CSTNode, parents: Dict[int, cst.CSTNode], function: cst.FunctionDef,
                     stops: Dict[str, Optional[cst.BaseExpression]]) -> Optional[cst.CSTNode]:
    """The first await reached after the statement ``start`` completes, climbing out of blocks to the end of
    ``function``; a loop whose body ends is gone round again, unless its condition was just switched off.
    A `return` met first (at the level climbed through) is given instead."""
    current = start
    while current is not function:
        parent = parents.get(id(current))
        if parent is None:
            return None
        if type(parent) is cst.IndentedBlock:
            following = parent.body[parent.body.index(current) + 1:]
            for statement in following:
                if type(statement) in NESTED:
                    continue
                found = _suspends(statement)
                if found is not None:
                    return found
                if type(statement) is cst.SimpleStatementLine and any(isinstance(s, _ENDS) for s in statement.body):
                    return next((s for s in statement.body if type(s) is cst.Return), None)
        elif isinstance(parent, LOOPS) and current is parent.body:
            if not _tests_one_of(parent, stops):
                return parent
        elif type(parent) in (cst.Try, cst.TryStar) and current is parent.body and parent.orelse is not None:
            found = _suspends(parent.orelse)
            if found is not None:
                return found
        current = parent
    return None


def leaves_loop(later: cst.CSTNode, loop: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> bool:
    """After ``later`` (where the coroutine suspends once a handler has run), the flow leaves ``loop``: ``later``
    lies outside it (the handler's `break` took it out), or sits in a block of the loop that ends in `break`,
    `return` or `raise` with no other loop in between (`if aborted: await cleanup(); break`)."""
    leaving, current = False, later
    while current is not None and current is not loop:
        parent = parents.get(id(current))
        if isinstance(parent, LOOPS) and parent is not loop and current is parent.body:
            leaving = False  # a block's jump further down leaves only this inner loop
        elif type(current) is cst.IndentedBlock and current.body and not leaving:
            last = current.body[-1]
            smalls = last.body if type(last) is cst.SimpleStatementLine else (last,)
            leaving = isinstance(smalls[-1], _LEAVES)
        current = parent
    return current is None or leaving
