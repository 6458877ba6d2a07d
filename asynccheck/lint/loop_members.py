"""What a loop variable stands for: the tasks of the collection the loop runs over.

`for t in pending: t.cancel()` cancels every task `asyncio.wait` left pending, so `await job` afterwards awaits
a task this code cancelled when `job` is one of them, as surely as after `job.cancel()`.
"""
from __future__ import annotations

from typing import Iterator, Optional, Set

import libcst as cst

from asynccheck.lint.builder import dotted
from asynccheck.lint.scope import REF, Scope

# `done, pending = await asyncio.wait(tasks)`: both are subsets of the tasks it was given.
_SPLITTER = (REF, "asyncio.wait")
_DEPTH = 4  # bindings followed from the loop's iterable (`pending` -> `wait(tasks)` -> `tasks = [...]`)


def loop_members(scope: Scope, name: str) -> Iterator[str]:
    """Dotted names of what the loop variable `name` runs over: the collection itself (every member was seen,
    so `gather(*tasks)` awaits only them) and each task it holds, where a display spells them out."""
    for binding in scope.bindings.get(name, ()):
        if binding[0] == "iter":
            _, iterable, where = binding
            whole = dotted(iterable)
            if whole:
                yield whole
            yield from _members(where, iterable, 0)


def finished(scope: Scope, name: str) -> bool:
    """Is the loop variable ``name`` a member of the done set `asyncio.wait` returned (`done, _ = await
    asyncio.wait(tasks)`, then `for t in done:`)? Awaiting it returns or raises at once: it cannot suspend, so
    a `CancelledError` it raises is that task's own, never a cancel of the code awaiting it."""
    bindings = scope.bindings.get(name, ())
    if not bindings or any(b[0] != "iter" or type(b[1]) is not cst.Name for b in bindings):
        return False
    for _, iterable, where in bindings:
        home = where.lookup_scope(iterable.value)
        sources = home.bindings.get(iterable.value, ()) if home is not None else ()
        if not sources or any(b[0] != "unpack" or b[2] != 0 or _split(b[3], b[1]) is None for b in sources):
            return False
    return True


def _members(scope: Scope, node: cst.BaseExpression, depth: int) -> Set[str]:
    if type(node) in (cst.List, cst.Tuple, cst.Set):
        found = set()
        for element in node.elements:
            if type(element) is cst.StarredElement:
                found |= _members(scope, element.value, depth + 1)
            else:
                name = dotted(element.value)
                if name:
                    found.add(name)
        return found
    if type(node) is not cst.Name or depth >= _DEPTH:
        return set()
    found = set()
    for binding in scope.bindings.get(node.value, ()):
        if binding[0] == "expr":
            found |= _members(binding[2], binding[1], depth + 1)
        elif binding[0] == "unpack":
            _, value, _, where = binding
            split = _split(where, value)
            if split is not None:
                found.add(dotted(split))
                found |= _members(where, split, depth + 1)
    found.discard("")
    return found


def _split(scope: Scope, value: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The collection `await asyncio.wait(collection, ...)` was given, or None."""
    if type(value) is not cst.Await or type(value.expression) is not cst.Call:
        return None
    call = value.expression
    if scope.evaluate(call.func) != _SPLITTER:
        return None
    for arg in call.args:
        if arg.keyword is None and not arg.star or arg.keyword is not None and arg.keyword.value == "fs":
            return arg.value
    return None
