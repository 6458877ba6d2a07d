"""Code that asks whether a loop runs in its own thread before it touches loop objects: there it is on that loop's
thread, whoever calls it (ACK401/ACK402).

The question is asked with a probe: `asyncio.get_running_loop()` (or a wrapper of it that gives None where no
loop runs) raises RuntimeError, or gives None, off the loop's thread; `asyncio.get_event_loop()` inside a `try`
that catches RuntimeError raises in a thread that has no loop. The answer is kept in a name (`loop = ...` with
`loop = None` in the handler, or a flag set after the probe in the `try` and cleared in the handler) and tested
(`if loop:`, `if loop is not None:`, the `else` of `if loop is None:`, or code after `if loop is None: return`),
or the `try` itself is the test: its body after the probe, its `else`, and the code after it when the handler
leaves (`return`, `raise`).
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence, Set

import libcst as cst

from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import Scope

_RUNNING = "get_running_loop"
_CURRENT = "get_event_loop"


def on_a_running_loop(ctx: FileContext, scope: Scope, site: CallSite) -> bool:
    """Is ``site`` reached only where the code has found a loop running in its own thread?"""
    parents = ctx.parents(scope)
    key = ("loop guards", "answers")
    present = scope.memo.get(key)
    if present is None:
        present = scope.memo[key] = _answers(scope, parents)
    child, node = site.node, parents.get(id(site.node))
    while node is not None:
        kind = type(node)
        if kind is cst.If:
            polarity = _polarity(node.test, present)
            if (child is node.body and polarity == 1) or (child is node.orelse and polarity == -1):
                return True
        elif kind is cst.Try and _probes_in(node, parents):
            if child is node.orelse:
                return True
            if child is node.body and _after_probe(node.body.body, site.node, parents):
                return True
        elif kind in (cst.IndentedBlock, cst.Module) and _after_a_leaving_test(node.body, child, present, parents):
            return True
        child, node = node, parents.get(id(node))
    return False


def _is_probe(call: cst.BaseExpression, parents: Dict[int, cst.CSTNode]) -> bool:
    if type(call) is cst.Await:
        call = call.expression
    if type(call) is not cst.Call or call.args:
        return False
    name = dotted(call.func).rpartition(".")[2]
    return name == _RUNNING or (name == _CURRENT and _guarded_try(call, parents) is not None)


def _guarded_try(node: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> Optional[cst.Try]:
    """The `try` whose body holds ``node`` and which catches RuntimeError (or everything), if any."""
    child, parent = node, parents.get(id(node))
    while parent is not None and type(parent) not in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
        if type(parent) is cst.Try and child is parent.body:
            return parent if any(_catches_runtime_error(h.type) for h in parent.handlers) else None
        child, parent = parent, parents.get(id(parent))
    return None


def _catches_runtime_error(node: Optional[cst.BaseExpression]) -> bool:
    if node is None:
        return True
    if type(node) is cst.Tuple:
        return any(_catches_runtime_error(element.value) for element in node.elements)
    return dotted(node) in ("RuntimeError", "Exception", "BaseException")


def _probes_in(node: cst.Try, parents: Dict[int, cst.CSTNode]) -> bool:
    """A `try` catching RuntimeError whose body starts by probing for the running loop."""
    if not any(_catches_runtime_error(h.type) for h in node.handlers) or not node.body.body:
        return False
    first = node.body.body[0]
    small = first.body[0] if type(first) is cst.SimpleStatementLine and len(first.body) == 1 else None
    value = small.value if type(small) in (cst.Expr, cst.Assign) else None
    return value is not None and _is_probe(value, parents)


def _answers(scope: Scope, parents: Dict[int, cst.CSTNode]) -> Set[str]:
    """Names whose truth says a loop runs here: every binding is a probe or None, or (a flag) True set in a
    probing `try` after the probe and False elsewhere."""
    present: Set[str] = set()
    for name, bindings in scope.bindings.items():
        values = [b[1] for b in bindings if b and b[0] == "expr" and len(b) > 1]
        if not values or len(values) != len(bindings):
            continue
        probes = [v for v in values if _is_probe(v, parents)]
        nones = [v for v in values if type(v) is cst.Name and v.value == "None"]
        if probes and len(probes) + len(nones) == len(values):
            present.add(name)
            continue
        trues = [v for v in values if type(v) is cst.Name and v.value == "True"]
        falses = [v for v in values if type(v) is cst.Name and v.value == "False"]
        if trues and len(trues) + len(falses) == len(values) and all(_set_after_probe(v, parents) for v in trues):
            present.add(name)
    return present


def _set_after_probe(value: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> bool:
    guard = _guarded_try(value, parents)
    return guard is not None and _probes_in(guard, parents) and _after_probe(guard.body.body, value, parents)


def _after_probe(statements: Sequence[cst.BaseStatement], node: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> bool:
    """Is ``node`` in a statement after the first one (the probe) of a probing `try`'s body?"""
    child = node
    while child is not None and not any(child is s for s in statements):
        child = parents.get(id(child))
    return child is not None and child is not statements[0]


def _polarity(test: cst.BaseExpression, present: Set[str]) -> int:
    """1 when ``test`` holds only where a loop runs (`loop`, `loop is not None`, `loop is self.loop`), -1 only
    where none does (`not loop`, `loop is None`), 0 when it says nothing of it."""
    if type(test) is cst.Name:
        return 1 if test.value in present else 0
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return -_polarity(test.expression, present)
    if type(test) is cst.Comparison and type(test.left) is cst.Name and test.left.value in present \
            and len(test.comparisons) == 1:
        operator, other = type(test.comparisons[0].operator), test.comparisons[0].comparator
        if type(other) is cst.Name and other.value == "None":
            return 1 if operator is cst.IsNot else -1 if operator is cst.Is else 0
        # `running is self.loop`: the loop found running here is that one
        return 1 if operator in (cst.Is, cst.Equal) else 0
    return 0


def _after_a_leaving_test(statements: Sequence[cst.BaseStatement], child: cst.CSTNode, present: Set[str],
                          parents: Dict[int, cst.CSTNode]) -> bool:
    """`if loop is None: ...; return` or `try: get_running_loop() except RuntimeError: ...; return` before the
    statement that holds ``child``: past them, a loop runs here."""
    for statement in statements:
        if statement is child:
            return False
        if type(statement) is cst.If and statement.orelse is None and _leaves(statement.body) \
                and _polarity(statement.test, present) == -1:
            return True
        if type(statement) is cst.Try and _probes_in(statement, parents) \
                and all(_leaves(h.body) for h in statement.handlers if _catches_runtime_error(h.type)):
            return True
    return False


def _leaves(block: cst.BaseSuite) -> bool:
    body = getattr(block, "body", ())
    last = body[-1] if body else None
    if type(last) is cst.SimpleStatementLine:
        return type(last.body[-1]) in (cst.Return, cst.Raise, cst.Continue, cst.Break)
    return False
