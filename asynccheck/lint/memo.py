"""Work a sync function does once per process: it fills a module global the first time and hands the stored
value back on every later call.

    def get_settings():                         def get_settings(reload=False):
        global _settings                            global _settings
        if _settings is None:                       if _settings and not reload:
            _settings = parse(open(PATH))               return _settings
        return _settings                            _settings = parse(open(PATH))
                                                    return _settings

The read runs on the first call only (usually at start-up, before any request), as with `@functools.cache` on a
function of no arguments; once the global is filled, it runs again only when a flag parameter in the test asks
for it (`reload=True`), which becomes the condition under which it blocks. A global keyed by an argument
(`if key not in _cache:`), an expiry test or any other value in the test is not this: the work runs again for
each new key, or each time the test says so.

The table may also be filled in place (`_table[key] = ...` under `if _table: return`, often re-tested under a
lock), and the test may sit in the caller (`if not _table: _load()`) when the loader is a function of the
module; a table the module also empties (`pop`, `clear`, `del`) is a buffer refilled whenever it runs dry.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import arguments
from asynccheck.lint.builder import dotted, walk_all, walk_local
from asynccheck.lint.conditions import FALSE, Cond, any_of, atom, negate
from asynccheck.lint.scope import REF, Scope

_NONE: Dict[int, Cond] = {}


def run_once(scope: Scope) -> Dict[int, Cond]:
    """The calls of this sync function (by id) that run only while a module global it fills is still unset,
    each with the condition on the parameters under which it runs again once the global is set (FALSE: never)."""
    body = getattr(scope.node, "body", None)
    if type(body) is not cst.IndentedBlock or not any(type(s) in (cst.If, cst.With) for s in body.body):
        return _NONE
    globals_ = _Globals(scope)
    params = _param_names(scope.node.params)
    copies = {}  # `options = _options`: a local that holds the global's value at the time of the test
    once: Dict[int, Cond] = {}
    statements = _statements(body)
    for index, statement in enumerate(statements):
        if type(statement) is cst.SimpleStatementLine:
            copy = _copy_of(statement, globals_)
            if copy is not None:
                copies[copy[0]] = copy[1]
            continue
        if type(statement) is not cst.If or statement.orelse is not None:
            continue
        held, flags = _held(scope, statement.test, globals_, copies, params, when_set=True)
        if held is not None and _returns(scope, statement.body, held, copies):
            rest = statements[index + 1:]
            if any(_fills(s, held, globals_, callees=False) for s in rest):  # what follows is the first call's work
                again = any_of(negate(flag) for flag in flags) if flags else FALSE  # the early return skipped
                once.update(dict.fromkeys(_calls(rest), again))
                break
            continue
        held, flags = _held(scope, statement.test, globals_, copies, params, when_set=False)
        if held is not None and _fills(statement.body, held, globals_):
            once.update(dict.fromkeys(_calls([statement.body]), any_of(flags) if flags else FALSE))
    return once if once else _NONE


def _param_names(params: cst.Parameters) -> Set[str]:
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    for star in (params.star_arg, params.star_kwarg):
        if type(star) is cst.Param:
            names.add(star.name.value)
    return names


def _copy_of(statement: cst.SimpleStatementLine, globals_: Set[str]):
    if len(statement.body) != 1 or type(statement.body[0]) is not cst.Assign:
        return None
    assign = statement.body[0]
    if len(assign.targets) != 1 or type(assign.targets[0].target) is not cst.Name or type(assign.value) is not cst.Name:
        return None
    source = assign.value.value
    return (assign.targets[0].target.value, source) if source in globals_ else None


def _held(scope: Scope, test: cst.BaseExpression, globals_: Set[str], copies, params: Set[str],
          when_set: bool) -> Tuple[Optional[str], List[Cond]]:
    """The global the test is about, when it holds exactly while that global is set (``when_set``) or unset,
    and the conditions of the flag parameters that take part besides (`if _options and not force:`), joined
    by `and` for the set test and by `or` for the unset one. Anything else (a key, a clock): (None, [])."""
    joiner = cst.And if when_set else cst.Or
    parts: List[cst.BaseExpression] = []
    stack = [test]
    while stack:
        node = stack.pop()
        if type(node) is cst.BooleanOperation and type(node.operator) is joiner:
            stack.extend((node.left, node.right))
        else:
            parts.append(node)
    found: Set[str] = set()
    flags: List[Cond] = []
    for part in parts:
        name = _tested(scope, part, globals_, copies, when_set)
        if name is not None:
            found.add(name)
            continue
        flag = _flag(scope, part, params)
        if flag is None:
            return None, []
        flags.append(flag)
    return (found.pop(), flags) if len(found) == 1 else (None, [])


def _tested(scope: Scope, part: cst.BaseExpression, globals_: Set[str], copies, when_set: bool) -> Optional[str]:
    """`G`, `G is not None` (set) or `not G`, `G is None` (unset): the global G, through a local copy too; or
    the class's slot (`cls._instance is None`, `not hasattr(Config, "_instance")`)."""
    negated = False
    if type(part) is cst.UnaryOperation and type(part.operator) is cst.Not:
        part, negated = part.expression, True
    if type(part) is cst.Call and dotted(part.func) == "hasattr" and len(part.args) == 2 and \
            type(part.args[1].value) is cst.SimpleString and scope.lookup_scope("hasattr") is None:
        slot = _class_slot(scope, part.args[0].value, part.args[1].value.evaluated_value)
        return slot if slot is not None and negated != when_set else None
    if type(part) is cst.Comparison and len(part.comparisons) == 1 and type(part.comparisons[0].comparator) is \
            cst.Name and part.comparisons[0].comparator.value == "None":
        operator = type(part.comparisons[0].operator)
        if operator not in (cst.Is, cst.IsNot):
            return None
        negated ^= operator is cst.Is
        part = part.left
    if negated == when_set:
        return None
    if type(part) is cst.Attribute:
        return _class_slot(scope, part.value, part.attr.value)
    if type(part) is not cst.Name:
        return None
    name = copies.get(part.value, part.value)
    return name if name in globals_ else None


def _class_slot(scope: Scope, owner: cst.BaseExpression, attr) -> Optional[str]:
    """`Config._instance` in a method of `Config`, or `cls._instance` in a classmethod: the class attribute a
    singleton accessor fills on its first call (named `Class.attr`), which lives as long as a module global."""
    cls = scope.class_scope
    if cls is None or type(owner) is not cst.Name or not isinstance(attr, str):
        return None
    if owner.value == cls.name and owner.value not in scope.bindings or \
            scope.bindings.get(owner.value) == [("value", (REF, cls.qualname))]:
        return f"{cls.qualname}.{attr}"
    return None


def _flag(scope: Scope, part: cst.BaseExpression, params: Set[str]) -> Optional[Cond]:
    """`force` or `not force`, a parameter: the condition that the part holds."""
    negated = type(part) is cst.UnaryOperation and type(part.operator) is cst.Not
    name = part.expression if negated else part
    if type(name) is not cst.Name or name.value not in params:
        return None
    false = atom("guard", "false", arguments.value_of(scope, name))
    return false if negated else negate(false)


def _returns(scope: Scope, block: cst.BaseSuite, held: str, copies) -> bool:
    """The branch is `return G` (or its local copy) and nothing else."""
    lines = getattr(block, "body", ())
    if type(block) is cst.SimpleStatementSuite:
        small = block.body
    elif len(lines) == 1 and type(lines[0]) is cst.SimpleStatementLine:
        small = lines[0].body
    else:
        return False
    if len(small) != 1 or type(small[0]) is not cst.Return:
        return False
    value = small[0].value
    if value is None:
        return True  # a loader that fills the table in place and hands back nothing
    if type(value) is cst.Attribute:
        return _class_slot(scope, value.value, value.attr.value) == held
    return type(value) is cst.Name and copies.get(value.value, value.value) == held


def _fills(node: cst.CSTNode, held: str, globals_: "_Globals", callees: bool = True) -> bool:
    """The code under ``node`` stores what it worked out in the global: it rebinds it (declared `global`),
    fills it in place (`_table[key] = ...`, `_table.update(...)`), or calls a function of this module that
    does either (`if not _table: _load_table()`)."""
    for child in walk_local(node):
        kind = type(child)
        if kind in (cst.AssignTarget, cst.AnnAssign) and type(child.target) is cst.Name and \
                child.target.value == held and held in globals_.declared:
            return True
        if kind is cst.AssignTarget and type(child.target) is cst.Attribute and \
                _class_slot(globals_.scope, child.target.value, child.target.attr.value) == held:
            return True
        if kind is cst.AssignTarget and type(child.target) is cst.Subscript and \
                type(child.target.value) is cst.Name and child.target.value.value == held:
            return held not in _drained(globals_.scope.module)
        if kind is cst.Call and type(child.func) is cst.Attribute and child.func.attr.value in _FILLERS and \
                type(child.func.value) is cst.Name and child.func.value.value == held:
            return held not in _drained(globals_.scope.module)
        if kind is cst.Call and callees and type(child.func) is cst.Name:
            callee = globals_.module_function(child.func.value)
            if callee is not None and type(callee.node.body) is cst.IndentedBlock and \
                    _fills(callee.node.body, held, _Globals(callee), callees=False):
                return True
    return False


# Methods that put into a container in place: the module's table is filled without being rebound
_FILLERS = frozenset(("update", "append", "extend", "setdefault", "add"))


# ... and those that take out of it: a table the module also empties is a buffer refilled each time it runs
# dry (`if not _pending: _pending.extend(read_more())`), not one loaded once
_DRAINERS = frozenset(("pop", "popleft", "popitem", "clear", "remove", "discard"))
_DRAINED_KEY = ("memo", "drained")


def _drained(module: Scope) -> Set[str]:
    """Module names this module empties anywhere (`_pending.pop()`, `del _table[key]`): once per module."""
    found = module.memo.get(_DRAINED_KEY)
    if found is None:
        found = set()
        for node in walk_all(module.node):
            kind = type(node)
            if kind is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _DRAINERS and \
                    type(node.func.value) is cst.Name:
                found.add(node.func.value.value)
            elif kind is cst.Del:
                for target in walk_local(node.target):
                    if type(target) is cst.Subscript and type(target.value) is cst.Name:
                        found.add(target.value.value)
        module.memo[_DRAINED_KEY] = found
    return found


class _Globals:
    """The module globals a function can test and fill: those it declares `global`, and module names it reads
    without binding them itself (a table it fills in place, or one a loader of the module fills for it)."""

    def __init__(self, scope: Scope):
        self.scope = scope
        module = scope.module.bindings
        self.declared = {name for name in scope.events.get("outer_names", ()) if name in module}

    def __contains__(self, name: str) -> bool:
        if name in self.declared:
            return True
        return name in self.scope.module.bindings and name not in self.scope.bindings

    def module_function(self, name: str) -> Optional[Scope]:
        if name in self.scope.bindings:
            return None
        value = self.scope.module.name_value(name) if name in self.scope.module.bindings else None
        if value is None or value[0] != REF:
            return None
        found = self.scope.module.functions.get(value[1])
        return found if found is not None and found.parent is self.scope.module and not found.is_async else None


def _statements(body: cst.IndentedBlock) -> List[cst.BaseStatement]:
    """The function's statements in order, those of a `with` block in its place: a double-checked load tests
    the global again under the lock that keeps two threads from loading it at once."""
    out: List[cst.BaseStatement] = []
    for statement in body.body:
        if type(statement) is cst.With and type(statement.body) is cst.IndentedBlock:
            out.extend(statement.body.body)
        else:
            out.append(statement)
    return out


def _calls(nodes) -> Set[int]:
    return {id(child) for node in nodes for child in walk_local(node) if type(child) is cst.Call}
