"""Tests inside a loop that let the spawn under them run seldom, however many items the loop reads (ACK502):

    async for line in proc.stderr:                  async for line in proc.stderr:
        now = time.monotonic()                          if "lost packet" in line:
        if now - last_report >= 5:                          lost += 1
            last_report = now                               if lost == 100:
            create_task(report_progress())                      create_task(restart())

The first is a throttle on the clock: the branch runs at most once per interval, since it moves the mark it
measures from to the present reading, so the tasks start at the pace of a ticker. The second is a counter
that only goes up, tested for one value: the test holds on one pass of the loop at most. A mark the branch
does not move, a count the loop sets back (`lost = 0`) or tests with `>=` start a task on many passes.
"""
from __future__ import annotations

from typing import Iterator, List

import libcst as cst

from asynccheck.lint.builder import CallSite, dotted, walk_local
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import REF

_CLOCKS = frozenset({"time.time", "time.monotonic", "time.perf_counter", "time.time_ns", "time.monotonic_ns",
                     "asyncio.AbstractEventLoop.time"})
_LOOPS = (cst.For, cst.While)


def seldom(ctx: FileContext, site: CallSite) -> bool:
    """The spawn runs under a throttle on the clock or a count's one value, within its loop."""
    for gate in _gates(ctx, site):
        for test in _conjuncts(gate.test):
            if _throttle_moved(site, test, gate.body) or _count_reached(ctx, site, test):
                return True
        if _latch_held(site, gate, ctx.parents(site.scope)):
            return True
    return False


def latched(site: CallSite, parents: dict) -> bool:
    """The task a loop's spawn binds runs under a latch that is set back only after the task is awaited (see
    _latch_held): the next task is bound only after the last one was read."""
    node: cst.CSTNode = site.node
    while node is not site.loop and node is not None:
        parent = parents.get(id(node))
        if type(parent) is cst.If and node is parent.body and _latch_held(site, parent, parents):
            return True
        node = parent
    return False


def _latch_held(site: CallSite, gate: cst.If, parents: dict) -> bool:
    """`if card is None: card = await open_card(); ...; sender = create_task(send_updates(card))`: the branch
    binds the name it tests before it starts the task, so it runs again only on a pass after the loop sets the
    name back. Where every such reset comes after an `await sender` earlier in its own block, the task is done
    before the next one starts: one at a time, however many items the loop reads."""
    test = gate.test
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        latch = test.expression
    elif type(test) is cst.Comparison and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) is cst.Is \
            and type(test.comparisons[0].comparator) is cst.Name and test.comparisons[0].comparator.value == "None":
        latch = test.left
    else:
        return False
    if type(latch) is not cst.Name or not site.assigned or type(gate.body) is not cst.IndentedBlock:
        return False
    name, task = latch.value, site.assigned
    statement: cst.CSTNode = site.node
    while parents.get(id(statement)) is not gate.body:
        statement = parents.get(id(statement))
        if statement is None:
            return False
    before = gate.body.body[:gate.body.body.index(statement)]
    if not any(_binds(node, name) for node in before):
        return False
    # every loop around the spawn may come round to the gate again: look for resets in the outermost one
    outermost, node = site.loop, site.node
    while node is not None and node is not site.scope.node:
        if type(node) in _LOOPS:
            outermost = node
        node = parents.get(id(node))
    for block in walk_local(outermost):
        if type(block) is not cst.IndentedBlock:
            continue
        for index, node in enumerate(block.body):
            if block is gate.body and node in before:
                continue  # the latch's own setting
            if _binds(node, name) and not any(_awaits(earlier, task) for earlier in block.body[:index]):
                return False  # set back with the task perhaps still running
    return True


def _binds(statement: cst.CSTNode, name: str) -> bool:
    """A simple statement that assigns ``name`` (`card = ...`, `card: str = ...`)."""
    if type(statement) is not cst.SimpleStatementLine:
        return False
    for small in statement.body:
        targets = [t.target for t in small.targets] if type(small) is cst.Assign else \
            [small.target] if type(small) in (cst.AnnAssign, cst.AugAssign) else []
        if any(_names(t, name) for t in targets):
            return True
    return False


def _awaits(statement: cst.CSTNode, task: str) -> bool:
    """A simple statement that awaits the task held in ``task`` (`await sender`, `await asyncio.wait_for(sender,
    5)` does not count: a timeout may leave it running)."""
    return type(statement) is cst.SimpleStatementLine and any(
        type(node) is cst.Await and type(node.expression) is cst.Name and node.expression.value == task
        for node in walk_local(statement))


def _gates(ctx: FileContext, site: CallSite) -> Iterator[cst.If]:
    """The `if`s (and `elif`s) inside the loop whose body holds the spawn."""
    parents = ctx.parents(site.scope)
    node: cst.CSTNode = site.node
    while node is not site.loop:
        parent = parents.get(id(node))
        if parent is None:
            return
        if type(parent) is cst.If and node is parent.body:
            yield parent
        node = parent


def _conjuncts(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


def _throttle_moved(site: CallSite, test: cst.BaseExpression, body: cst.BaseSuite) -> bool:
    """`now - last >= interval` (or `>`), a non-zero interval, and a statement of the branch itself that moves
    `last` to `now` or to a fresh reading of a clock."""
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return False
    compared = test.comparisons[0]
    elapsed = test.left
    if type(compared.operator) not in (cst.GreaterThan, cst.GreaterThanEqual) \
            or type(elapsed) is not cst.BinaryOperation or type(elapsed.operator) is not cst.Subtract:
        return False
    if type(compared.comparator) in (cst.Integer, cst.Float) and float(compared.comparator.value) == 0:
        return False  # `now - last > 0`: any time at all has passed
    mark, now = dotted(elapsed.right), dotted(elapsed.left)
    if not mark:
        return False
    for line in getattr(body, "body", ()):
        if type(line) is not cst.SimpleStatementLine:
            continue
        for small in line.body:
            if type(small) is cst.Assign and any(dotted(t.target) == mark for t in small.targets) and (
                    (now and dotted(small.value) == now) or _clock_reading(site, small.value)):
                return True
    return False


def _clock_reading(site: CallSite, value: cst.BaseExpression) -> bool:
    if type(value) is not cst.Call or value.args:
        return False
    called = site.scope.evaluate(value.func)
    if called is not None and called[0] == REF and called[1] in _CLOCKS:
        return True
    # `self.loop.time()`, `loop.time()`: the event loop's clock, on a receiver the model may not type
    return type(value.func) is cst.Attribute and value.func.attr.value == "time" \
        and dotted(value.func.value).rpartition(".")[2].lower().endswith("loop")


def _count_reached(ctx: FileContext, site: CallSite, test: cst.BaseExpression) -> bool:
    """`count == N` (N an integer literal), `count` a local of this function that only goes up by literal
    steps (`count += 1`) and is set (`count = 0`) only outside every loop of the function."""
    if type(test) is not cst.Comparison or len(test.comparisons) != 1 \
            or type(test.comparisons[0].operator) is not cst.Equal:
        return False
    left, right = test.left, test.comparisons[0].comparator
    if type(left) is cst.Integer:
        left, right = right, left
    if type(left) is not cst.Name or type(right) is not cst.Integer:
        return False
    name = left.value
    scope = site.scope
    bindings = scope.bindings.get(name, ()) if scope.lookup_scope(name) is scope else ()
    if not bindings or any(b[0] not in ("expr", "value") for b in bindings):
        return False  # a parameter, a loop target, a global: set where this function does not show
    parents = ctx.parents(scope)
    steps = 0
    for node in walk_local(scope.node):
        if type(node) is cst.AugAssign and _names(node.target, name):
            if type(node.operator) is not cst.AddAssign or not _positive(node.value):
                return False
            steps += 1
        elif type(node) is cst.NamedExpr and _names(node.target, name):
            return False
        elif type(node) in (cst.Assign, cst.AnnAssign) and any(
                _names(t, name) for t in ([t.target for t in node.targets] if type(node) is cst.Assign
                                          else [node.target])):
            if _inside_loop(parents, node, scope.node):
                return False  # set back on some pass: the value comes round again
    # (each `+=` binds the name as a plain value; any other such binding, `except E as count`, is not a step)
    return steps > 0 and steps == sum(1 for b in bindings if b[0] == "value")


def _names(target: cst.CSTNode, name: str) -> bool:
    return any(type(node) is cst.Name and node.value == name for node in walk_local(target))


def _positive(step: cst.BaseExpression) -> bool:
    try:
        return type(step) is cst.Integer and int(step.value.replace("_", ""), 0) > 0
    except ValueError:  # `010`: not a literal Python 3 reads
        return False


def _inside_loop(parents: dict, node: cst.CSTNode, root: cst.CSTNode) -> bool:
    node = parents.get(id(node))
    while node is not None and node is not root:
        if type(node) in _LOOPS:
            return True
        node = parents.get(id(node))
    return False
