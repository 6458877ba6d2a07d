"""ACK501: an asyncio queue with no bound, filled by an open-ended producer with nothing slowing it down."""
from __future__ import annotations

from typing import FrozenSet, Iterator, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge, queue_makers, types
from asynccheck.lint.builder import (NESTED, CallSite, always_run, dotted, last_name, names_no_variable,
                                     walk_all, walk_local)
from asynccheck.lint.context import FileContext, call_text
from asynccheck.lint.facts import NO_BOUND, PUTS_INTO, SIZE_GIVEN, SIZE_WAITED, shown
from asynccheck.lint.producers import (ModuleMap, Producer, adds_to_a_pool, backpressure, consumer_grants_credit,
                                       fed_on_demand)
from asynccheck.lint.scope import INST, REF, Scope

_ADVICE = "give it a bound (maxsize=N) so that `await queue.put()` applies backpressure"


def _unbounded(size: Optional[cst.BaseExpression], scope: Optional[Scope] = None, depth: int = 0) -> bool:
    if size is None:
        return True
    if scope is not None and type(size) in (cst.Attribute, cst.Call, cst.Name) and _infinite(scope, size):
        return True  # `Queue(maxsize=math.inf)`: never full
    if scope is not None and type(size) in (cst.Attribute, cst.Name):
        told = _foreign_constant(size, scope)
        if told is not _UNKNOWN:
            return type(told) is int and told <= 0
    if scope is not None and depth < 4 and type(size) is cst.BooleanOperation and type(size.operator) is cst.Or:
        # `Queue(maxsize or 0)`, maxsize a parameter that defaults to None: an unconfigured queue gets the fallback
        return _falsy_by_default(size.left, scope) and _unbounded(size.right, scope, depth + 1)
    if scope is not None and depth < 4 and type(size) is cst.Attribute and type(size.value) is cst.Name:
        # `self._maxsize = maxsize` (a parameter defaulting to 0) then `Queue(self._maxsize)`: what every
        # assignment of the attribute stores is unbounded unless a caller says otherwise
        cls = scope.self_class(size.value.value)
        if cls is None:
            # `Queue(LIMITS.upload_backlog)`, `LIMITS` an instance of a settings class of the module made once
            value = _settings_field(size, scope, depth + 1)
            return type(value) in (int, bool) and value <= 0
        returned = _property_return(cls, size.attr.value)
        if returned is not None:
            # `Queue(self.backlog)`, a property that returns `self._cfg.get("backlog", 0)`: as its return reads
            value = _by_default(returned[0], returned[1], depth + 1)
            return type(value) in (int, bool) and value <= 0
        bindings = _self_attr_bindings(cls, size.attr.value)
        return bool(bindings) and all(b[0] == "expr" and b[1] is not None and _unbounded(b[1], b[2], depth + 1)
                                      for b in bindings)
    if type(size) is cst.Name and scope is not None:
        # `def __init__(self, maxsize: int = 0): self._q = Queue(maxsize)`: unbounded unless a caller says otherwise
        owner = scope.lookup_scope(size.value)
        bindings = owner.bindings.get(size.value, ()) if owner is not None else ()
        if depth < 4 and len(bindings) == 1 and bindings[0][0] == "expr" and bindings[0][1] is not None:
            # `QUEUE_MAX = int(os.environ.get("QUEUE_MAX", "0"))` once, then `Queue(maxsize=QUEUE_MAX)`: the
            # setting's fallback is what the queue gets when nobody sets it
            value = _by_default(bindings[0][1], bindings[0][2], depth + 1)
            return type(value) in (int, bool) and value <= 0
        return bool(bindings) and all(b[0] == "param" and b[2] is not None and _unbounded(b[2]) for b in bindings)
    if type(size) is cst.UnaryOperation and type(size.operator) is cst.Minus:
        return type(size.expression) in (cst.Integer, cst.Float)
    if scope is not None and depth < 4 and type(size) in (cst.IfExp, cst.Call, cst.BooleanOperation, cst.Subscript):
        # `capacity if capacity else 0`, `0 if capacity is None else capacity`, `int(capacity or 0)`: what the
        # expression comes to with every parameter at its default; a number of 0 or less is no bound
        value = _by_default(size, scope, depth + 1)
        return type(value) in (int, bool) and value <= 0
    if type(size) is cst.Integer:
        try:
            return int(size.evaluated_value) <= 0
        except (ValueError, TypeError):
            return False
    return False


_UNKNOWN = object()


def _property_return(cls: Scope, attr: str) -> Optional[Tuple[cst.BaseExpression, Scope]]:
    """(what it returns, its scope) for a property of the class whose body is one `return` (after a docstring)."""
    method = cls.methods.get(attr)
    if method is None or type(method.node) is not cst.FunctionDef or not any(
            dotted(d.decorator).rpartition(".")[2] in ("property", "cached_property") for d in method.node.decorators):
        return None
    body = method.node.body.body if type(method.node.body) is cst.IndentedBlock else ()
    statements = [s for s in body if not (type(s) is cst.SimpleStatementLine and type(s.body[0]) is cst.Expr
                                          and type(s.body[0].value) is cst.SimpleString)]
    if len(statements) != 1 or type(statements[0]) is not cst.SimpleStatementLine \
            or type(statements[0].body[0]) is not cst.Return or statements[0].body[0].value is None:
        return None
    return statements[0].body[0].value, method


def _self_attr_bindings(cls: Optional[Scope], attr: str) -> tuple:
    """What `self.attr` is bound to: the methods' `self.attr = ...`, else the class body's `ATTR = ...` (a class
    constant, `MAXSIZE = 0`, read through `self`)."""
    if cls is None:
        return ()
    return tuple(cls.attrs.get(attr, ()) or cls.bindings.get(attr, ()))


def _by_default(node: cst.BaseExpression, scope: Scope, depth: int):
    """The value ``node`` has when every parameter it reads keeps its default (None, a number, a bool), folded
    through `or`/`and`, `x if c else y`, `is (not) None`, `not`, `int()`, `max()`/`min()`, and the fallback of a
    setting's lookup (`os.getenv(name, "0")`, `conf.get(name, 0)`, `getattr(conf, name, 0)`); _UNKNOWN for anything
    else (a config value read without a fallback, another call, a parameter with no default)."""
    if depth > 6:
        return _UNKNOWN
    kind = type(node)
    if kind is cst.Integer:
        try:
            return int(node.evaluated_value)
        except (ValueError, TypeError):
            return _UNKNOWN
    if kind is cst.UnaryOperation:
        inner = _by_default(node.expression, scope, depth + 1)
        if inner is _UNKNOWN:
            return _UNKNOWN
        if type(node.operator) is cst.Not:
            return not inner
        if type(node.operator) is cst.Minus and type(inner) in (int, bool):
            return -inner
        return _UNKNOWN
    if kind is cst.Name or kind is cst.Attribute:
        told = _foreign_constant(node, scope)
        if told is not _UNKNOWN:
            return told
    if kind is cst.Name:
        if node.value in ("None", "True", "False"):
            return {"None": None, "True": True, "False": False}[node.value]
        owner = scope.lookup_scope(node.value)
        bindings = owner.bindings.get(node.value, ()) if owner is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and bindings[0][1] is not None:
            return _by_default(bindings[0][1], bindings[0][2], depth + 1)  # a name bound once: `LIMIT = ...`
        values = {repr(v): v for v in (_by_default(b[2], scope, depth + 1) if b[0] == "param" and b[2] is not None
                                       else _UNKNOWN for b in bindings)}
        return next(iter(values.values())) if len(values) == 1 else _UNKNOWN
    if kind is cst.Attribute and type(node.value) is cst.Name:
        # `self._size = size` (a parameter with a default) then `Queue(self._size or 0)`
        cls = scope.self_class(node.value.value)
        if cls is None:
            return _settings_field(node, scope, depth)
        bindings = _self_attr_bindings(cls, node.attr.value)
        values = {repr(v): v for v in (_by_default(b[1], b[2], depth + 1) if b[0] == "expr" and b[1] is not None
                                       else _UNKNOWN for b in bindings)}
        return next(iter(values.values())) if len(values) == 1 else _UNKNOWN
    if kind is cst.BooleanOperation:
        left = _by_default(node.left, scope, depth + 1)
        if left is _UNKNOWN:
            return _UNKNOWN
        if type(node.operator) is cst.Or:
            return left if left else _by_default(node.right, scope, depth + 1)
        return _by_default(node.right, scope, depth + 1) if left else left
    if kind is cst.IfExp:
        test = _by_default(node.test, scope, depth + 1)
        if test is _UNKNOWN:
            return _UNKNOWN
        return _by_default(node.body if test else node.orelse, scope, depth + 1)
    if kind is cst.Comparison and len(node.comparisons) == 1 \
            and type(node.comparisons[0].operator) in (cst.Is, cst.IsNot) \
            and type(node.comparisons[0].comparator) is cst.Name and node.comparisons[0].comparator.value == "None":
        left = _by_default(node.left, scope, depth + 1)
        if left is _UNKNOWN:
            return _UNKNOWN
        return (left is None) == (type(node.comparisons[0].operator) is cst.Is)
    if kind is cst.SimpleString:
        value = node.evaluated_value
        return value if isinstance(value, str) else _UNKNOWN
    if kind is cst.Subscript:
        return _module_setting(node, scope, depth)
    if kind is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _FALLBACK_GETTERS:
        # configparser's `cp.getint("queues", "inbox", fallback=0)`: the value when the file does not set it
        fallback = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "fallback"), None)
        if fallback is not None:
            return _by_default(fallback, scope, depth + 1)
    if kind is not cst.Call or not node.args or not all(a.keyword is None and not a.star for a in node.args):
        return _UNKNOWN
    func = node.func
    if type(func) is cst.Name and func.value == "len" and len(node.args) == 1 and scope.lookup_scope("len") is None:
        return _display_length(node.args[0].value, scope)
    if type(func) is cst.Name and func.value in ("int", "max", "min") and scope.lookup_scope(func.value) is None:
        args = [_by_default(a.value, scope, depth + 1) for a in node.args]
        if func.value == "int" and len(args) == 1 and type(args[0]) is str:
            text = args[0].strip()
            return int(text) if text.lstrip("-").isdigit() else _UNKNOWN
        if any(type(a) not in (int, bool) for a in args):
            return _UNKNOWN
        if func.value == "int":
            return int(args[0]) if len(args) == 1 else _UNKNOWN
        return (max if func.value == "max" else min)(args) if len(args) > 1 else _UNKNOWN
    # a setting looked up with a fallback, `os.getenv("QUEUE_MAX", "0")`, `settings.get("queue_max", 0)`,
    # `getattr(conf, "queue_max", 0)`: what the queue gets when nobody configured it
    position = (2 if type(func) is cst.Name and func.value == "getattr" and scope.lookup_scope("getattr") is None
                else 1 if type(func) is cst.Attribute and func.attr.value == "get"
                or scope.evaluate(func) == (REF, "os.getenv") else None)
    if position is not None and len(node.args) == position + 1:
        return _by_default(node.args[position].value, scope, depth + 1)
    if len(node.args) == 1 and scope.evaluate(func) in ((REF, "os.getenv"), (REF, "os.environ.get")):
        return None  # (`os.getenv("QUEUE_MAX") or 0`: an unset variable reads as None, and the fallback follows)
    return _UNKNOWN


def _foreign_constant(node: cst.BaseExpression, scope: Scope):
    """`settings.SCAN_BACKLOG`, or `SCAN_BACKLOG` imported by name, a constant of another module of the project
    that leaves a queue unbounded (exported_constants): its value; _UNKNOWN for anything else."""
    foreign = scope.module.foreign
    if foreign is None or type(node) is cst.Name and node.value in ("None", "True", "False"):
        return _UNKNOWN
    value = scope.evaluate(node)
    if value is None or value[0] != REF or not foreign.owns(value[1]):
        return _UNKNOWN
    told = foreign.fact(value[1] + NO_BOUND, None)
    return int(told[1]) if told is not None and told[0] == "size" else _UNKNOWN


def exported_constants(ctx: FileContext) -> dict:
    """`SCAN_BACKLOG = 0`, `BACKLOG = int(os.getenv("BACKLOG", "0"))`: the module-level names bound once to a
    number (or a setting's fallback) that leaves a queue unbounded, for the modules that size a queue with them."""
    root = ctx.root
    out = {}
    for name, bindings in root.bindings.items():
        if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) not in _CONSTANT_KINDS:
            continue
        value = _by_default(bindings[0][1], bindings[0][2], 1)
        if type(value) is int and value <= 0:
            out[f"{root.qualname}.{name}{NO_BOUND}"] = ("size", str(value))
    return out


_CONSTANT_KINDS = (cst.Integer, cst.UnaryOperation, cst.Call)
_DISPLAYS = (cst.List, cst.Tuple, cst.Set, cst.Dict)
_FALLBACK_GETTERS = frozenset({"get", "getint", "getfloat"})  # a configparser's (or section's) typed lookups


def _display_length(node: cst.BaseExpression, scope: Scope):
    """`len(self.workers)` with `self.workers = []` bound once in the class (or a local bound once) and never
    added to (no `.append(...)`, `+=`, `[k] = `): the display's length, what the queue is sized by when it is
    made; _UNKNOWN for anything else."""
    if type(node) in _DISPLAYS:  # `len([])`, `len(())`: written out where the queue is made
        starred = any(type(e) in (cst.StarredElement, cst.StarredDictElement) for e in node.elements)
        return _UNKNOWN if starred else len(node.elements)
    if type(node) is cst.Attribute and type(node.value) is cst.Name:
        holder = scope.self_class(node.value.value)
        bindings, name, where = _self_attr_bindings(holder, node.attr.value), node.attr.value, holder
    elif type(node) is cst.Name:
        holder = scope.lookup_scope(node.value)
        bindings = holder.bindings.get(node.value, ()) if holder is not None else ()
        name, where = node.value, holder
    else:
        return _UNKNOWN
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) not in _DISPLAYS:
        return _UNKNOWN
    elements = bindings[0][1].elements
    if any(type(e) in (cst.StarredElement, cst.StarredDictElement) for e in elements):
        return _UNKNOWN
    if elements:
        return len(elements)  # (a bound: added to or not, the queue is bounded by at least this)
    visitor = _AddedTo(name)
    where.node.visit(visitor)  # (only for a queue sized by a len(): no cost to other code)
    if visitor.found and not _measured_before_adding(scope, bindings[0], node, name):
        return _UNKNOWN
    return len(elements)


def _measured_before_adding(scope: Scope, binding: tuple, measured: cst.BaseExpression, name: str) -> bool:
    """`self.gates = {}` then, in the same function's block, `self.events = Queue(len(self.gates))` with nothing
    between the two that adds to it: the queue is sized when the container is still empty, whatever other
    methods add later."""
    body = getattr(scope.node, "body", None)
    if binding[2] is not scope or type(body) is not cst.IndentedBlock:
        return False
    made = queued = None
    for index, statement in enumerate(body.body):
        inside = {id(node) for node in walk_all(statement)}
        if made is None and id(binding[1]) in inside:
            made = index
        if id(measured) in inside:
            queued = index
            break
    if made is None or queued is None or made >= queued:
        return False
    for statement in body.body[made + 1:queued]:
        between = _AddedTo(name)
        statement.visit(between)
        if between.found or any(type(call) is cst.Call and _may_fill(call, scope.self_name, name)
                                for call in walk_all(statement)):
            return False
    return True


def _may_fill(call: cst.Call, self_name: Optional[str], name: str) -> bool:
    """A call that may add to the container for us: a method of the object (`self._load_gates()`), or one it is
    handed to (`load(self.gates)`)."""
    func = call.func
    if self_name is not None and type(func) is cst.Attribute and type(func.value) is cst.Name \
            and func.value.value == self_name:
        return True
    return any(type(a.value) in (cst.Name, cst.Attribute) and last_name(a.value) == name for a in call.args)


class _AddedTo(cst.CSTVisitor):
    """Does the code add to the container named ``name`` (as a name, or as any object's attribute)?"""

    _ADDS = frozenset({"append", "appendleft", "extend", "insert", "add", "update", "setdefault", "__setitem__"})

    def __init__(self, name: str) -> None:
        self.name = name
        self.found = False

    def _names_it(self, node: cst.BaseExpression) -> bool:
        if type(node) is cst.Subscript:
            node = node.value
        return (type(node) is cst.Name and node.value == self.name) or (
            type(node) is cst.Attribute and node.attr.value == self.name)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        self.found = self.found or (type(func) is cst.Attribute and func.attr.value in self._ADDS
                                    and self._names_it(func.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.found = self.found or self._names_it(node.target)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.found = self.found or (type(node.target) is cst.Subscript and self._names_it(node.target))


def _module_setting(node: cst.Subscript, scope: Scope, depth: int):
    """`SETTINGS["inbox_max"]` with `SETTINGS = {"inbox_max": 0, ...}` bound once at module level and never
    written through (no `SETTINGS[...] = `, no `SETTINGS.update(...)`): the entry's value, as a module constant's
    would be; _UNKNOWN for anything else."""
    if type(node.value) is not cst.Name or len(node.slice) != 1 or type(node.slice[0].slice) is not cst.Index:
        return _UNKNOWN
    key = node.slice[0].slice.value
    name = node.value.value
    owner = scope.lookup_scope(name)
    if type(key) is not cst.SimpleString or owner is None or owner.kind != "module":
        return _UNKNOWN
    bindings = owner.bindings.get(name, ())
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Dict:
        return _UNKNOWN
    entry = next((e for e in bindings[0][1].elements if type(e) is cst.DictElement and type(e.key) is cst.SimpleString
                  and e.key.evaluated_value == key.evaluated_value), None)
    value = _by_default(entry.value, owner, depth + 1) if entry is not None else _UNKNOWN
    # (the module is walked only for an entry that would leave the queue unbounded: a walk is dear)
    if type(value) in (int, bool) and value <= 0 and _written_through(owner.node, name):
        return _UNKNOWN
    return value


class _WrittenThrough(cst.CSTVisitor):
    """Does the module store into the dict named ``name`` (`name[k] = v`, `name[k] += v`, `del name[k]`) or call
    a method on it that changes it? With ``attr``: does it set that attribute of the object named ``name``
    (`Limits.BACKLOG = n`, `setattr(Limits, ...)`)?"""

    _CHANGES = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__"})

    def __init__(self, name: str, attr: Optional[str] = None) -> None:
        self.name = name
        self.attr = attr
        self.found = False

    def _is_entry(self, target: cst.BaseExpression) -> bool:
        if self.attr is not None:
            return type(target) is cst.Attribute and type(target.value) is cst.Name \
                and target.value.value == self.name and target.attr.value == self.attr
        return type(target) is cst.Subscript and type(target.value) is cst.Name and target.value.value == self.name

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.found = self.found or self._is_entry(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.found = self.found or self._is_entry(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self.found = self.found or self._is_entry(node.target)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self.attr is not None:
            self.found = self.found or (type(func) is cst.Name and func.value == "setattr" and bool(node.args)
                                        and type(node.args[0].value) is cst.Name
                                        and node.args[0].value.value == self.name)
            return
        self.found = self.found or (type(func) is cst.Attribute and type(func.value) is cst.Name
                                    and func.value.value == self.name and func.attr.value in self._CHANGES)


def _written_through(module: cst.CSTNode, name: str, attr: Optional[str] = None) -> bool:
    # walked only for a queue sized from a module dict's entry or a class's constant: no cost to other modules
    visitor = _WrittenThrough(name, attr)
    module.visit(visitor)
    return visitor.found


def _settings_field(node: cst.Attribute, scope: Scope, depth: int):
    """`LIMITS.upload_backlog` with `LIMITS = Limits(upload_backlog=int(os.getenv("UPLOAD_BACKLOG", "0")))` bound
    once, `Limits` a class of this module: what the constructor is given for the field, by its fallback, or else
    the field's default in the class body (`upload_backlog: int = 0`); _UNKNOWN for anything else."""
    if scope.evaluate(node.value) == (INST, "argparse.Namespace"):
        return _option_default(node.attr.value, scope.module, depth)
    owner = scope.lookup_scope(node.value.value)
    bindings = owner.bindings.get(node.value.value, ()) if owner is not None else ()
    if len(bindings) == 2 and owner is not None and owner.kind == "function":
        bindings = _made_when_not_given(node.value.value, bindings)
    if len(bindings) == 1 and bindings[0][0] == "param" and type(bindings[0][2]) is cst.Name \
            and owner.parent is not None:
        # `def __init__(self, settings: Settings = SETTINGS)`: the module's one instance, unless a caller hands
        # another
        default = bindings[0][2].value
        owner = owner.parent.lookup_scope(default)
        bindings = owner.bindings.get(default, ()) if owner is not None and owner.kind == "module" else ()
    if len(bindings) == 1 and bindings[0][0] != "expr" and owner is not None and owner.kind == "module":
        return _class_constant(node, scope, depth)
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
        return _UNKNOWN
    made, home = bindings[0][1], bindings[0][2]
    value = home.evaluate(made.func)
    if value == (REF, "types.SimpleNamespace") and not any(a.star for a in made.args) \
            and (home.kind != "module" or not _written_through(home.node, node.value.value, node.attr.value)):
        # `DEFAULTS = SimpleNamespace(backlog=0)`: a namespace of settings, read as a settings class's instance
        given = next((a.value for a in made.args if a.keyword is not None and a.keyword.value == node.attr.value),
                     None)
        return _by_default(given, home, depth + 1) if given is not None else _UNKNOWN
    cls = scope.module.classes.get(value[1]) if value is not None and value[0] == REF else None
    if cls is None or cls.methods.get("__init__") is not None or any(a.star for a in made.args):
        return _UNKNOWN  # (a constructor of its own may do anything with what it is given)
    given = next((a.value for a in made.args if a.keyword is not None and a.keyword.value == node.attr.value), None)
    if given is not None:
        return _by_default(given, home, depth + 1)
    if any(a.keyword is None for a in made.args):
        return _UNKNOWN  # (given by position: which field, the class's order says)
    fields = cls.bindings.get(node.attr.value, ())
    if len(fields) != 1 or fields[0][0] != "expr" or fields[0][1] is None:
        return _UNKNOWN
    default = fields[0][1]
    if type(default) is cst.Call and cls.evaluate(default.func) == (REF, "dataclasses.field"):
        # `backlog: int = field(default=0)`: the field's default
        default = next((a.value for a in default.args if a.keyword is not None and a.keyword.value == "default"),
                       None)
        if default is None:
            return _UNKNOWN
    return _by_default(default, cls, depth + 1)


def _option_default(dest: str, module: Scope, depth: int):
    """`args.holds_backlog`, `args` an argparse Namespace: the default of the one option of this module that
    stores there (`parser.add_argument("--holds-backlog", type=int, default=0)`, or `dest="holds_backlog"`), what
    the queue gets when the command line does not set it; _UNKNOWN when none or several options store there."""
    defaults = module.memo.get("argparse defaults")
    if defaults is None:
        defaults = {}
        for node in walk_all(module.node):
            if type(node) is not cst.Call or type(node.func) is not cst.Attribute \
                    or node.func.attr.value != "add_argument":
                continue
            flags = [a.value.evaluated_value for a in node.args
                     if a.keyword is None and type(a.value) is cst.SimpleString]
            keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            named = keywords.get("dest")
            if type(named) is cst.SimpleString:
                stored = named.evaluated_value
            else:
                longs = [f for f in flags if isinstance(f, str) and f.startswith("--")]
                stored = (longs or flags or [""])[0]
                stored = stored.lstrip("-").replace("-", "_") if isinstance(stored, str) else ""
            defaults.setdefault(stored, []).append(keywords.get("default"))
        module.memo["argparse defaults"] = defaults  # type: ignore[assignment]
    found = defaults.get(dest, ())
    if len(found) != 1 or found[0] is None:
        return _UNKNOWN
    return _by_default(found[0], module, depth + 1)


def _class_constant(node: cst.Attribute, scope: Scope, depth: int):
    """`Limits.SEATMAP_BACKLOG` read off a class of this module whose body sets it once (`SEATMAP_BACKLOG = 0`)
    and that nothing in the module sets on the class afterwards: the constant's value; _UNKNOWN for anything
    else."""
    value = scope.evaluate(node.value)
    cls = scope.module.classes.get(value[1]) if value is not None and value[0] == REF else None
    if cls is None:
        return _UNKNOWN
    fields = cls.bindings.get(node.attr.value, ())
    if len(fields) != 1 or fields[0][0] != "expr" or fields[0][1] is None:
        return _UNKNOWN
    value = _by_default(fields[0][1], cls, depth + 1)
    # (the module is walked only for a constant that would leave the queue unbounded: a walk is dear)
    if type(value) in (int, bool) and value <= 0 \
            and _written_through(scope.module.node, node.value.value, node.attr.value):
        return _UNKNOWN
    return value


def _made_when_not_given(name: str, bindings) -> tuple:
    """A parameter that defaults to None and is then made when not given (`cfg = cfg or Config()`,
    `cfg = Config() if cfg is None else cfg`, `if cfg is None: cfg = Config()`): the one binding that says what
    it is by default, the made one; ``bindings`` as they are otherwise."""
    param, made = bindings if bindings[0][0] == "param" else bindings[::-1]
    if param[0] != "param" or made[0] != "expr" or type(param[2]) is not cst.Name or param[2].value != "None":
        return bindings
    value = made[1]
    if type(value) is cst.BooleanOperation and type(value.operator) is cst.Or \
            and type(value.left) is cst.Name and value.left.value == name:
        value = value.right
    elif type(value) is cst.IfExp and type(value.test) is cst.Comparison and len(value.test.comparisons) == 1 \
            and type(value.test.left) is cst.Name and value.test.left.value == name \
            and type(value.test.comparisons[0].comparator) is cst.Name \
            and value.test.comparisons[0].comparator.value == "None":
        # (`Config() if cfg is None else cfg`, `cfg if cfg is not None else Config()`)
        negated = type(value.test.comparisons[0].operator) is cst.IsNot
        value = value.orelse if negated else value.body
    return ((made[0], value, *made[2:]),) if type(value) is cst.Call else bindings


def _falsy_by_default(node: cst.BaseExpression, scope: Scope) -> bool:
    """A parameter every binding of which is one whose default is None, 0 or False (or unbounded); or a field of
    an instance of a class of this module that its class body defaults so (`settings.queue_size`, with
    `queue_size: int | None = None` in a settings dataclass) and no method of it sets."""
    if type(node) is cst.Attribute and type(node.value) is cst.Name:
        held = scope.evaluate(node.value)
        cls = scope.module.classes.get(held[1]) if held is not None and held[0] == INST else None
        if cls is None or cls.attrs.get(node.attr.value):
            return False
        fields = cls.bindings.get(node.attr.value, ())
        return bool(fields) and all(b[0] == "expr" and b[1] is not None and (
            (type(b[1]) is cst.Name and b[1].value in ("None", "False")) or _unbounded(b[1])) for b in fields)
    if type(node) is not cst.Name:
        return False
    owner = scope.lookup_scope(node.value)
    bindings = owner.bindings.get(node.value, ()) if owner is not None else ()
    return bool(bindings) and all(
        b[0] == "param" and b[2] is not None and (
            (type(b[2]) is cst.Name and b[2].value in ("None", "False")) or _unbounded(b[2]))
        for b in bindings)


def _size_arg(site: CallSite) -> Optional[cst.BaseExpression]:
    return _size_of(site.node)


def _binding(site: CallSite):
    """(is_queue(expr, scope), the scopes that own the queue, is it reachable from other modules) for
    `q = Queue()`, `Q = Queue()` at module level and `self._q = Queue()`; None for anything else."""
    statement = site.statement
    target = None
    if type(statement) is cst.Assign and statement.value is site.node and len(statement.targets) == 1:
        target = statement.targets[0].target
    elif type(statement) is cst.AnnAssign and statement.value is site.node:
        target = statement.target
    elif type(statement) is cst.Return and statement.value is site.node:
        return _memoised_property(site.scope)
    if type(target) is cst.Subscript:  # `self._queues[key] = Queue()`: one queue per key, found by subscript
        keyed = _registry_binding(target, site.scope)
        if keyed is not None:
            return keyed
        container = _target_binding(target.value, site.scope)
        if container is None:
            return None
        return _items_of(container)
    return _target_binding(target, site.scope)


# Decorators that run a method once per instance and keep what it returns as the instance's attribute
_MEMOISING = frozenset({"cached_property", "reify"})


def _memoised_property(scope: Scope):
    """`@cached_property def _jobs(self): return asyncio.Queue()`: the first read of `self._jobs` makes the queue
    and keeps it on the instance, and every later read is that same queue: an attribute made lazily, filled and
    drained through `self._jobs` by the class's methods as if `__init__` had made it."""
    cls = scope.parent
    if scope.kind != "function" or cls is None or cls.kind != "class" or type(scope.node) is not cst.FunctionDef:
        return None
    if not any(dotted(d.decorator).rpartition(".")[2] in _MEMOISING for d in scope.node.decorators):
        return None
    attr = scope.name

    def is_attr(expr, where: Scope) -> bool:
        return (type(expr) is cst.Attribute and expr.attr.value == attr and type(expr.value) is cst.Name
                and where.self_class(expr.value.value) is cls)

    return is_attr, [cls, *cls.methods.values()], not attr.startswith("_")


def _registry_binding(target: cst.Subscript, scope: Scope):
    """`app["jobs"] = asyncio.Queue()` on a library object that works as a registry (an aiohttp `Application`):
    read back as `request.app["jobs"]` by the handlers, under the same key on any instance of that type."""
    key = target.slice[0].slice if len(target.slice) == 1 else None
    if type(key) is not cst.Index or type(key.value) is not cst.SimpleString:
        return None
    name = key.value.evaluated_value
    owner = scope.evaluate(target.value)
    if not isinstance(name, str) or owner is None or owner[0] != INST or types.is_project(scope, owner[1]):
        return None

    def is_entry(expr, where: Scope) -> bool:
        if type(expr) is not cst.Subscript or len(expr.slice) != 1 or type(expr.slice[0].slice) is not cst.Index:
            return False
        read = expr.slice[0].slice.value
        return type(read) is cst.SimpleString and read.evaluated_value == name and where.evaluate(expr.value) == owner

    return is_entry, [scope.module], False


def _items_of(binding):
    is_container, region, public = binding

    def is_item(expr, where: Scope) -> bool:
        return type(expr) is cst.Subscript and is_container(expr.value, where)

    return is_item, region, public


def _target_binding(target: Optional[cst.BaseExpression], scope: Scope):
    if type(target) is cst.Name:
        name = target.value
        owner = scope.lookup_scope(name) or scope
        if owner.kind == "class":  # `queue = asyncio.Queue()` in a class body: one queue all instances share
            return _class_binding(owner, name)

        def is_name(expr, where: Scope) -> bool:
            return type(expr) is cst.Name and expr.value == name and where.lookup_scope(name) is owner

        public = owner.kind == "module" and not name.startswith("_")
        return is_name, [owner], public
    if type(target) is cst.Attribute and type(target.value) is cst.Name:
        cls = scope.self_class(target.value.value)
        if cls is None:
            return None
        attr = target.attr.value

        def is_attr(expr, where: Scope) -> bool:
            # `self.todo` in the class's methods, and `frontier.todo` wherever `frontier` is known to be an instance
            return (type(expr) is cst.Attribute and expr.attr.value == attr
                    and ((type(expr.value) is cst.Name and where.self_class(expr.value.value) is cls)
                         or _instance_of(where, expr.value, cls)))

        return is_attr, [cls, *cls.methods.values()], not attr.startswith("_")
    return None


def _field_binding(site: CallSite):
    """A dataclass/attrs/pydantic field (`offers: Queue = field(default_factory=Queue)`): reached as a class
    attribute is in its methods, and as `x.offers` wherever `x` is known to be an instance of the class."""
    statement, cls = site.statement, site.scope
    if cls.kind != "class" or type(statement) not in (cst.Assign, cst.AnnAssign):
        return None
    if statement.value is not site.node:
        return None
    target = statement.target if type(statement) is cst.AnnAssign else statement.targets[0].target
    if type(target) is not cst.Name or (type(statement) is cst.Assign and len(statement.targets) != 1):
        return None
    name = target.value
    is_member, region, public = _class_binding(cls, name)

    def is_field(expr, where: Scope) -> bool:
        return is_member(expr, where) or (type(expr) is cst.Attribute and expr.attr.value == name
                                          and _instance_of(where, expr.value, cls))

    return is_field, region, public


def _instance_of(where: Scope, expr: cst.BaseExpression, cls: Scope) -> bool:
    """``expr`` holds an instance of the project class ``cls``: typed so, or a name declared as one
    (`handoff: _Handoff`) or made by calling it (`handoff = _Handoff()`)."""
    if where.evaluate(expr) == ("inst", cls.qualname):
        return True
    if type(expr) is not cst.Name:
        return False
    owner = where.lookup_scope(expr.value)
    for binding in owner.bindings.get(expr.value, ()) if owner is not None else ():
        kind = binding[0]
        annotation = binding[1] if kind in ("param", "annot") else None
        if kind == "expr" and len(binding) > 3:  # `handoff: _Handoff = make()`
            annotation = binding[3]
        if type(annotation) is cst.Annotation:
            annotation = annotation.annotation
        if annotation is not None and owner.evaluate(annotation) == (REF, cls.qualname):
            return True
        made = binding[1] if kind == "expr" else None
        if type(made) is cst.Call and owner.evaluate(made.func) == (REF, cls.qualname):
            return True
    return False


def _class_binding(cls: Scope, name: str):
    """A class attribute, reached as `self.name`, `cls.name` or `Owner.name` in the class's methods."""
    def is_member(expr, where: Scope) -> bool:
        return (type(expr) is cst.Attribute and expr.attr.value == name and type(expr.value) is cst.Name
                and (where.self_class(expr.value.value) is cls or expr.value.value == cls.name))

    return is_member, [cls, *cls.methods.values()], not name.startswith("_")


# Modules whose objects mark test support code: fakes and fixtures whose queues the test itself fills
_TEST_SUPPORT = ("unittest", "pytest")
# Module and package names of test code: pytest's default `python_files` (test_*.py, *_test.py), conftest.py,
# and the packages and modules that hold tests and their helpers by convention (a framework's `testclient`,
# which drives the app from the test's thread)
_TEST_MODULES = frozenset({"test", "tests", "testing", "testutils", "testclient", "conftest"})


def _test_module(ctx: FileContext) -> bool:
    """A module that is test code by its name: whatever fills its queues is the test driving them."""
    return any(part in _TEST_MODULES or part.startswith("test_") or part.endswith(("_test", "_tests"))
               for part in shown(ctx.root.qualname).split("."))


def _test_support_names(ctx: FileContext) -> FrozenSet[str]:
    """The names every binding of which is an object of `unittest` or `pytest` (`AsyncMock`, `mock`, `pytest`):
    not a name bound to one only as a fallback (`except ImportError: from unittest.mock import MagicMock as X`)."""
    names = set()
    for scope in ctx.scopes:
        for name, bindings in scope.bindings.items():
            if all(b[0] == "value" and b[1] is not None and b[1][0] == REF and b[1][1].partition(".")[0]
                   in _TEST_SUPPORT for b in bindings):
                names.add(name)
    return frozenset(names)


def _in_a_fake(scope: Scope, support: FrozenSet[str]) -> bool:
    """The queue belongs to a test fake or fixture: the module-level class or function it is made in uses
    `unittest` or `pytest` (`self.publish = AsyncMock()`, a `@pytest.fixture`, a `TestCase`), so what fills it
    is the test that drives it, a bounded script, not a peer that can outrun a consumer. The rest of a module
    that merely imports them (a fallback, a helper) is judged as any other."""
    if not support:
        return False
    while scope.parent is not None and scope.parent.kind != "module":
        scope = scope.parent
    if scope.kind == "module":
        return False
    return any(node.value in support for node in _names_read(scope.node))


def _names_read(node: cst.CSTNode) -> Iterator[cst.Name]:
    """The names under ``node`` that name a value (not `x.patch`'s attribute, not `f(mock=...)`'s keyword)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if type(node) is cst.Name:
            yield node
        elif type(node) is cst.Attribute:
            stack.append(node.value)
        elif type(node) is cst.Arg:
            stack.append(node.value)
        else:
            stack.extend(node.children)


def check(ctx: FileContext) -> None:
    if _test_module(ctx):
        return
    queue_makers.check_callers(ctx, _unbounded, exported_makers(ctx))
    support = _test_support_names(ctx)
    mapping: Optional[ModuleMap] = None
    subclasses = list(_unbounded_subclasses(ctx))
    # (one with no `__init__` that its own methods never fill is judged where it is made, as a queue would be:
    # `class Mailbox(asyncio.Queue): pass`, `return Mailbox()` hands out an unbounded queue)
    plain = _plain_subclasses(ctx, {cls.qualname for cls, *_, size in subclasses if size[-1] or _fills_itself(cls)})
    factories = _factory_lambdas(ctx)
    for site in ctx.calls:
        if site.scope.kind == "lambda" and id(site.scope.node) in factories:
            continue  # `defaultdict(lambda: asyncio.Queue())`: judged as the container or field that calls it
        target = ctx.target_of(site)
        if target is None and type(site.node.func) is cst.Subscript:
            made = site.scope.evaluate(site.node.func.value)  # `create_memory_object_stream[bytes](math.inf)`
            target = made[1] if made is not None and made[0] == REF else None
        if target in knowledge.SIZED_CHANNELS:
            _infinite_channel(ctx, site, target, support)
            continue
        if plain and target not in knowledge.UNBOUNDED_QUEUE_TYPES:
            made = site.scope.evaluate(site.node.func)
            if made is not None and made[0] == REF and made[1] in plain:
                # `Inbox()`, `class Inbox(asyncio.Queue)` with no `__init__` of its own, made here with no maxsize
                # while other instances get one: judged as the queue this call makes
                target = made[1]
        if (target in knowledge.FIELD_FACTORIES or target in knowledge.UNBOUNDED_QUEUE_TYPES
                or target == "collections.defaultdict") and _in_a_fake(site.scope, support):
            continue
        if target in knowledge.FIELD_FACTORIES:
            made = _factory_queue(site.scope, site.node, knowledge.FIELD_FACTORIES[target])
            if made is None:
                continue
            # `field(default_factory=asyncio.Queue)`: every instance gets an unbounded one, which its own
            # methods and any code holding an instance fill
            binding = _field_binding(site)
            if binding is None:
                _report(ctx, site, made, _NO_SIZE)
                continue
            if mapping is None:
                mapping = ModuleMap(ctx)
            _judge(ctx, mapping, site, made, binding, _NO_SIZE)
            continue
        per_key = target == "collections.defaultdict" and _factory_queue(site.scope, site.node, (0, "", ""))
        partial = _partial_queue(site) if not per_key and target not in knowledge.UNBOUNDED_QUEUE_TYPES \
            and target not in plain and (type(site.node.func) is cst.Name or _own_attribute(site)) else None
        if partial is not None:  # `make_queue()`, `make_queue = functools.partial(asyncio.Queue, maxsize=0)`
            if _lookup_fallback(site):
                continue
            kind, size = partial
        else:
            if not per_key and (target not in knowledge.UNBOUNDED_QUEUE_TYPES and target not in plain
                                or not _unbounded(_size_arg(site), site.scope)):
                continue
            if _lookup_fallback(site) or not per_key and _given_by_every_maker(ctx, _size_arg(site), site.scope):
                continue
            if not per_key and _queue_facade(ctx, _size_arg(site), site.scope):
                continue
            kind = per_key or plain.get(target) or target  # named as everywhere: `asyncio.Queue()`
            size = _NO_SIZE if per_key else _written_size(site.node)
        if _replaced_at_startup(site):
            continue  # the queue the start-up hook makes is the one filled: judged at its own line
        binding = _binding(site)
        if per_key and binding is not None:  # `defaultdict(asyncio.Queue)`: a queue per key, found by subscript
            binding = _items_of(binding)
        if binding is None:  # returned, passed straight on, wrapped: its producers are out of sight
            if not _size_waited(ctx, site):
                _report(ctx, site, kind, size)
            continue
        if mapping is None:
            mapping = ModuleMap(ctx)
        _judge(ctx, mapping, site, kind, binding, size)
    for cls, base, kind, declared, size in subclasses:
        if _in_a_fake(cls, support):
            continue
        if mapping is None:
            mapping = ModuleMap(ctx)
        _judge(ctx, mapping, base, kind, _self_binding(cls), size, made=f"`{cls.name}`, an `{kind}` subclass,",
               declared=declared)


# Words of the name of a method that starts an object's work (`on_startup`, `async def start()`, `__aenter__`,
# `connect()`): what it binds replaces what `__init__` bound before anything could use it.
_STARTUP_WORDS = frozenset({"start", "startup", "setup", "connect", "open", "aenter", "enter", "initialize"})


def _replaced_at_startup(site: CallSite) -> bool:
    """`self._events = asyncio.Queue()` in `__init__`, bound again by a start-up hook of the class (`async def
    on_startup(self): self._events = asyncio.Queue(maxsize=100)`, or another object) on every path through it,
    and with nothing put into it in `__init__` itself: the queue `__init__` makes is dropped unused."""
    statement, init = site.statement, site.scope
    if init.kind != "function" or init.name not in _SETUP or type(statement) not in (cst.Assign, cst.AnnAssign):
        return False
    target = statement.target if type(statement) is cst.AnnAssign else statement.targets[0].target
    cls, this = init.class_scope, init.self_name
    if cls is None or type(target) is not cst.Attribute or type(target.value) is not cst.Name \
            or target.value.value != this:
        return False
    attr = target.attr.value
    for child in walk_local(init.node.body):
        if type(child) is cst.Call and type(child.func) is cst.Attribute and type(child.func.value) is cst.Attribute \
                and child.func.value.attr.value == attr and child.func.attr.value in _OWN_PUTS:
            return False
    for name, method in cls.methods.items():
        if method is init or not _STARTUP_WORDS.intersection(name.strip("_").split("_")) \
                or type(method.node) is not cst.FunctionDef or method.self_name is None:
            continue
        for line in always_run(method.node.body):
            for small in line.body:
                targets = [t.target for t in small.targets] if type(small) is cst.Assign else \
                    [small.target] if type(small) is cst.AnnAssign and small.value is not None else []
                if any(type(t) is cst.Attribute and t.attr.value == attr and type(t.value) is cst.Name
                       and t.value.value == method.self_name for t in targets):
                    return True
    return False


def _infinite_channel(ctx: FileContext, site: CallSite, target: str, support: FrozenSet[str]) -> None:
    """`anyio.create_memory_object_stream(math.inf)`: a channel told to buffer without limit, whose sends never
    wait (its default, 0, makes each send wait for a receiver)."""
    position, keyword = knowledge.SIZED_CHANNELS[target]
    size = next((a.value for i, a in enumerate(site.node.args)
                 if (a.keyword is None and i == position and not a.star)
                 or (a.keyword is not None and a.keyword.value == keyword)), None)
    if size is None or not _infinite(site.scope, size) or _in_a_fake(site.scope, support):
        return
    written = cst.Module([]).code_for_node(size)
    ctx.report("ACK501", site.node,
               f"`{call_text(site.node)}` buffers without limit (a max_buffer_size of `{written}`): its senders never "
               "wait, so when receivers fall behind it grows without limit; give it a finite max_buffer_size so "
               "that `await send()` applies backpressure (or drop with `send_nowait()` and `WouldBlock`)")


def _infinite(scope: Scope, node: cst.BaseExpression, depth: int = 0) -> bool:
    """`math.inf`, `float("inf")`, or a name bound once to one of those (`UNBOUNDED = math.inf`)."""
    if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "float" and node.args \
            and type(node.args[0].value) is cst.SimpleString:
        return str(node.args[0].value.evaluated_value).strip().lower().lstrip("+") in ("inf", "infinity")
    value = scope.evaluate(node)
    if value is not None and value[0] == REF and value[1] in knowledge.INFINITIES:
        return True
    if type(node) is cst.Name and depth < 2:
        home = scope.lookup_scope(node.value)
        bindings = home.bindings.get(node.value, ()) if home is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr":
            return _infinite(bindings[0][2], bindings[0][1], depth + 1)
    return False


_FACADE_METHODS = ({"put", "put_nowait"}, {"get", "get_nowait"}, {"qsize", "full", "empty"})


def _queue_facade(ctx: FileContext, size: Optional[cst.BaseExpression], scope: Scope) -> bool:
    """`class AsyncAdaptedQueue: def __init__(self, maxsize=0): self.maxsize = maxsize` whose `put`/`get`/`qsize`
    hand on to the `asyncio.Queue(maxsize=self.maxsize)` it makes: the class is a queue type of its own, whose
    default, like asyncio.Queue's, is its users' to set (sqlalchemy's pool builds its free list with the pool's
    size). Judged where it is made: quiet unless this module makes one that keeps the default."""
    setting = _setting(size) if size is not None else None
    if type(setting) is cst.Attribute and type(setting.value) is cst.Name:
        cls = scope.self_class(setting.value.value)
        bindings = _self_attr_bindings(cls, setting.attr.value)
        if cls is None or len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Name:
            return False
        setting, scope = bindings[0][1], bindings[0][2]  # `self.maxsize = maxsize` in `__init__`
    if type(setting) is not cst.Name:
        return False
    init = scope.lookup_scope(setting.value)
    if init is None or init.kind != "function" or init.name != "__init__" or init.class_scope is None \
            or type(init.node) is not cst.FunctionDef or not all(b[0] == "param" for b in init.bindings[setting.value]):
        return False
    methods = set(init.class_scope.methods)
    if not all(methods & names for names in _FACADE_METHODS):
        return False
    for site in ctx.calls:  # made here with the default: that queue is unbounded, judged as it reads
        value = site.scope.evaluate(site.node.func)
        if value is not None and value[0] == REF and value[1] == init.class_scope.qualname \
                and not _given_by_every_maker(ctx, setting, init):
            return False
    return True


def _given_by_every_maker(ctx: FileContext, size: Optional[cst.BaseExpression], scope: Scope) -> bool:
    """`def __init__(self, conn, frame_buffer=None): self.frames = Queue(maxsize=frame_buffer or 0)`, and every
    call of this module that makes the class passes `frame_buffer=` a value (a factory method with a bounded
    default of its own), or the modules that make it pass one (exported_sizes_given): the queue's default is never
    the one it gets. A class nobody makes, or made once without the argument, keeps its default: judged as it
    reads."""
    setting = _setting(size) if size is not None else None
    if type(setting) is not cst.Name:
        return False
    init = scope.lookup_scope(setting.value)
    if init is None or init.kind != "function" or init.name != "__init__" or init.class_scope is None \
            or type(init.node) is not cst.FunctionDef:
        return False
    positional = [p.name.value for p in (*init.node.params.posonly_params, *init.node.params.params)][1:]
    position = positional.index(setting.value) if setting.value in positional else None
    made = 0
    for site in ctx.calls:
        value = site.scope.evaluate(site.node.func)
        if value is None or value[0] != REF or value[1] != init.class_scope.qualname:
            continue
        args = site.node.args
        if any(a.star for a in args):
            return False
        given = next((a.value for a in args if a.keyword is not None and a.keyword.value == setting.value), None)
        plain = [a.value for a in args if a.keyword is None]
        if given is None and position is not None and len(plain) > position:
            given = plain[position]
        if _open_size(given, site.scope):
            return False
        made += 1
    foreign = ctx.root.foreign
    if foreign is not None:  # another module's makers (exported_sizes_given): they hand it a size, or leave it open
        told = foreign.fact(init.class_scope.qualname + SIZE_GIVEN.format(setting.value), None)
        if told == _SIZE_OPEN:
            return False
        made += told == _SIZE_GIVEN
    return made > 0


_SIZE_GIVEN, _SIZE_OPEN = ("sized", "given"), ("sized", "open")


def _open_size(given: Optional[cst.BaseExpression], scope: Scope) -> bool:
    return given is None or type(given) is cst.Name and given.value == "None" or _unbounded(given, scope)


def exported_sizes_given(ctx: FileContext) -> dict:
    """`Channel(self, number, frame_buffer=frame_buffer_size)` here, `Channel` another module's class: for each
    keyword that module's `__init__` may size a queue with (see ``_given_by_every_maker``), whether every call of
    this module hands it a value that may bound it. A keyword only some calls hand is left open. (A module that
    makes the class leaving the keyword out exports nothing of it: it cannot know the parameter's name.)"""
    foreign = ctx.root.foreign
    if foreign is None:
        return {}
    calls: dict = {}
    for site in ctx.calls:
        func = site.node.func
        called = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else ""
        if called[:1].isupper():
            made = site.scope.evaluate(func)
            if made is not None and made[0] == REF and foreign.owns(made[1]):
                calls.setdefault(made[1], []).append(site)
    out = {}
    for cls, sites in calls.items():
        # (a keyword named in the call is the parameter's value even beside `*args, **kwargs`: they cannot set it)
        keywords = {a.keyword.value for site in sites for a in site.node.args if a.keyword is not None}
        for keyword in keywords:
            given = [(next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == keyword),
                           None), site.scope) for site in sites]
            out[cls + SIZE_GIVEN.format(keyword)] = _SIZE_OPEN if any(_open_size(*g) for g in given) else _SIZE_GIVEN
    return out


_FALLBACK_LOOKUPS = {"get": 1, "pop": 1}  # `mapping.get(key, default)`: the default is handed back, not stored


def _lookup_fallback(site: CallSite) -> bool:
    """`streams.get(key, asyncio.Queue())`, `getattr(req, "chunks", asyncio.Queue())`: an empty stand-in handed
    back when the entry is missing, never stored where a producer could find it; the queues that are stored are
    judged where they are made. (`setdefault(key, Queue())` stores it: judged like any other.)"""
    stack: List[cst.CSTNode] = [site.statement]
    while stack:
        node = stack.pop()
        if type(node) is cst.Call:
            func = node.func
            position = (_FALLBACK_LOOKUPS.get(func.attr.value) if type(func) is cst.Attribute else
                        2 if type(func) is cst.Name and func.value == "getattr" else None)
            if position is not None and len(node.args) > position and node.args[position].value is site.node \
                    and all(a.keyword is None and not a.star for a in node.args[:position + 1]):
                return True
        if node is site.node:
            continue
        stack.extend(node.children)
    return False


def _unbounded_subclasses(ctx: FileContext):
    """(class, its queue base node, the queue type) for each class of the module that subclasses an asyncio queue
    and leaves it unbounded: its `__init__` calls `super().__init__()` with no maxsize, or it has none and every
    instance this module makes is made without one (and it makes some: made elsewhere, a size may be given)."""
    built = None
    for qualname, (outer, bases) in ctx.builder.bases.items():
        cls = ctx.root.module.classes.get(qualname)
        if cls is None:
            continue
        for base in bases:
            value = outer.evaluate(base.value if type(base) is cst.Subscript else base)
            if value is None or value[0] != REF or value[1] not in knowledge.UNBOUNDED_QUEUE_TYPES:
                continue
            if _ring_storage(cls):
                break
            init = cls.methods.get("__init__")
            if init is not None:
                calls = list(_super_inits(init))
            else:
                if built is None:
                    built = {}
                    for site in ctx.calls:
                        made = site.scope.evaluate(site.node.func)
                        if made is not None and made[0] == REF:
                            built.setdefault(made[1], []).append(site.node)
                calls = built.get(qualname, [])
            sizes = [_size_of(call) for call in calls]
            if sizes and all(_unbounded(size, init) for size in sizes):
                # its own `__init__` says every instance is unbounded, wherever it is made; one that defines
                # its own put keeps its size itself (a ring that drops the oldest)
                declared = init is not None and not any(name in cls.methods for name in _OWN_PUTS)
                # (the message says what one of them is)
                given = [size for size in map(_written_size, calls) if size[0] is not None]
                yield cls, base, value[1], declared, (*(given[0] if given else _NO_SIZE), init is not None)


_OWN_PUTS = ("put", "put_nowait", "_put")


def _ring_storage(cls: Scope) -> bool:
    """Does the subclass replace the queue's storage (`_init`, which asyncio.Queue calls to make it) with a
    `deque(maxlen=n)`? Then a put past n drops the oldest item: the ring is bounded whatever maxsize says."""
    storage = cls.methods.get("_init")
    if storage is None:
        return False
    for site in storage.events.get("calls", ()):
        made = storage.evaluate(site.node.func)
        if made is not None and made[0] == REF and made[1] == "collections.deque" and any(
                ((arg.keyword is not None and arg.keyword.value == "maxlen") or (arg.keyword is None and i == 1))
                and not (type(arg.value) is cst.Name and arg.value.value == "None")
                for i, arg in enumerate(site.node.args)):
            return True
    return False


def _plain_subclasses(ctx: FileContext, whole: set) -> dict:
    """qualname -> name, for the classes of the module that subclass an asyncio queue and keep its `__init__`
    and its puts (`class Inbox(asyncio.Queue)` adding helpers): each instance is as bounded as the maxsize it is
    made with. Those the module always makes unbounded (``whole``) are reported once, at the class."""
    found = {}
    for qualname, (outer, bases) in ctx.builder.bases.items():
        cls = ctx.root.module.classes.get(qualname)
        if cls is None or qualname in whole or "__init__" in cls.methods \
                or any(name in cls.methods for name in _OWN_PUTS):
            continue
        for base in bases:
            value = outer.evaluate(base.value if type(base) is cst.Subscript else base)
            if value is not None and value[0] == REF and value[1] in knowledge.UNBOUNDED_QUEUE_TYPES:
                found[qualname] = cls.name
    return found


def _fills_itself(cls: Scope) -> bool:
    """Does a method of the queue subclass ``cls`` put into the queue it is (`self.put_nowait(x)`)?"""
    for method in cls.methods.values():
        for site in method.events.get("calls", ()):
            func = site.node.func
            if type(func) is cst.Attribute and func.attr.value in _OWN_PUTS and type(func.value) is cst.Name \
                    and func.value.value == method.self_name:
                return True
    return False


def _super_inits(init: Scope):
    """The `super().__init__(...)` calls of an `__init__`."""
    for site in init.events.get("calls", ()):
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value == "__init__" and type(func.value) is cst.Call \
                and type(func.value.func) is cst.Name and func.value.func.value == "super":
            yield site.node


def _size_of(call: cst.Call) -> Optional[cst.BaseExpression]:
    size = None
    for i, arg in enumerate(call.args):
        if arg.star:
            return arg.value  # `Queue(*args)`, `Queue(**kw)`: cannot tell, assume it is bounded
        if (arg.keyword is None and i == 0) or (arg.keyword is not None and arg.keyword.value == "maxsize"):
            size = arg.value
    return size


def _self_binding(cls: Scope):
    """The queue a subclass is, as its own methods reach it: `self.put(...)`."""
    def is_self(expr, where: Scope) -> bool:
        return type(expr) is cst.Name and where.self_class(expr.value) is cls

    return is_self, [cls, *cls.methods.values()], False


def _judge(ctx: FileContext, mapping: ModuleMap, site, kind: str, binding, size: tuple, made: str = "",
           declared: bool = False) -> None:
    """Report the queue ``site`` makes if a producer fills it without end, or if its producers are out of sight.
    (``site`` is a class's queue base when ``made`` names the subclass: only its own puts are in sight;
    ``declared`` when its own `__init__` leaves every instance unbounded: a queue type for others to fill.)"""
    is_queue, region, public = binding
    node = site if made else site.node
    uses = mapping.uses(is_queue, None if made else site.statement)
    open_ended: List[Tuple[Producer, str]] = []
    # a queue local to a function: each call of it makes a new one, however often it is called
    owner = region[0] if len(region) == 1 and region[0].kind in ("function", "lambda") else None
    if owner is not None and not uses.escapes and _drained_in_place(owner, is_queue):
        return
    for producer in uses.producers:
        if _filled_before_its_consumers(mapping, is_queue, producer) or _fills_then_drains_itself(mapping, is_queue, producer):
            continue
        why = mapping.open_end(producer, owner, None if made else site.node)
        if why is not None and (adds_to_a_pool(mapping, uses, producer) or fed_on_demand(mapping, is_queue, producer)):
            continue
        if why is not None and not backpressure(mapping, uses, region, producer):
            open_ended.append((producer, why))
        elif why is not None and not uses.size_checked and _each_caller_awaits_its_reply(producer):
            open_ended.append((producer, why + _REPLIES))
    if open_ended and consumer_grants_credit(mapping, is_queue):
        return
    if open_ended and not made and _per_request_mailbox(mapping, is_queue, site):
        return
    if open_ended and owner is not None and not uses.escapes and _one_task_work_list(mapping, is_queue, owner, uses):
        producer, why = open_ended[0]
        ctx.report(
            "ACK501", node,
            f"`{kind}()` is a work list this function fills and drains itself, and `{_producer_text(producer.node)}` "
            f"adds to it {why.replace(_REPLIES, '')} with no cap: it grows with all the work found; a maxsize cannot help here (this "
            "task is its only consumer, so a full queue would leave it waiting on its own put): cap what it "
            "queues (a count of items seen or done against a fixed limit)",
            related=((producer.node, "the open-ended producer"),),
        )
    elif open_ended:
        producer, why = open_ended[0]
        unbounded, _ = _unbounded_text(made or kind, size, ("init" if size[2] else "made") if made else "")
        slows = ": each caller waits for its own reply, which paces that caller, not how many callers queue at " \
            "once, so" if why.endswith(_REPLIES) else ", with nothing that slows it down (no `pause_reading()`, size " \
            "check or wait for the consumer)"
        ctx.report(
            "ACK501", node,
            f"{unbounded}, and `{_producer_text(producer.node)}` fills it {why.replace(_REPLIES, '')}{slows}"
            f"{'' if slows.endswith('so') else ':'} when consumers fall behind it grows without limit; "
            f"{_advice(producer)}",
            related=((producer.node, "the open-ended producer"),),
        )
    elif not made and not uses.producers and (uses.escapes or public) \
            and not _reply_channel(mapping, is_queue, region, uses) and not _untouched(ctx, mapping, site) \
            and not _size_waited(ctx, site) and not _signalled_through_its_list(mapping, site):
        # nobody in this module fills it, yet others can: its producers are out of sight
        _report(ctx, site, kind, size)
    elif not made and owner is not None and any(_outlives(e) for e in uses.escapes) \
            and any(_puts_data(p.node) for p in uses.producers) and not _reply_channel(mapping, is_queue, region, uses):
        # a function's few puts of work do not make a work list of a queue it returns or stores on an object:
        # whoever gets it may go on adding work, out of sight here (sentinels only are a stop channel)
        _report(ctx, site, kind, size)
    elif declared and not uses.producers:
        # `class Mailbox(asyncio.Queue)` whose `__init__` calls `super().__init__()`: a channel type whose
        # producers are its users, out of sight here, with no bound for them to wait on
        unbounded, never = _unbounded_text(made, size, "init")
        ctx.report("ACK501", node, f"{unbounded}: {never}, so when consumers fall behind it grows without limit; "
                   f"{_ADVICE}")


def _advice(producer: Producer) -> str:
    """What to do: a producer that can wait for room (a coroutine) waits on a bound; one that cannot (a callback, a
    protocol's `data_received`, a logging handler's `emit`: plain functions the loop or a library calls) gets
    `QueueFull` from `put_nowait` and has to choose what a full queue means for it."""
    scope = producer.scope
    while scope is not None and scope.kind == "lambda":
        scope = scope.parent
    if scope is None or scope.kind != "function" or scope.is_async:
        return _ADVICE
    return ("give it a bound (maxsize=N) and decide in this producer, which cannot await, what a full queue means: "
            "`put_nowait` then raises `QueueFull` (drop or count the item), or pause the source "
            "(`transport.pause_reading()`) until the consumer catches up")


_REPLIES = "\0replies"  # (marks a producer that only waits for its own reply: _each_caller_awaits_its_reply)
# What makes the future a request carries for its reply
_FUTURE_MAKERS = frozenset({"create_future", "Future"})


def _each_caller_awaits_its_reply(producer) -> bool:
    """`async def check(self, text): fut = loop.create_future(); await self._q.put((text, fut)); return await fut`:
    an API method, called by any number of callers at once, each queuing its request with a future of its own and
    then waiting on it. The wait paces one caller, not the queue: a burst of callers queues a request each, and
    with no maxsize nothing makes the next caller wait (or fail) before its request joins the backlog. A method
    that takes a slot first (`async with self._slots:`) or gives up when it is busy is left alone."""
    function = producer.scope
    node = producer.node
    if function.kind != "function" or not function.is_async or type(function.node) is not cst.FunctionDef \
            or type(node) is not cst.Call or not node.args:
        return False
    if function.parent is None or function.parent.kind != "class" or function.name.startswith("_"):
        return False
    futures = set()
    for name, bindings in function.bindings.items():
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Call \
                and last_name(bindings[0][1].func) in _FUTURE_MAKERS:
            futures.add(name)
    if not futures or not any(type(n) is cst.Name and n.value in futures for n in walk_local(node.args[0].value)):
        return False
    waited = False
    for child in walk_local(function.node.body):
        if type(child) is cst.With and child.asynchronous is not None:
            return False  # (a slot, a lock: callers wait their turn)
        if type(child) is cst.Await:
            expr = child.expression
            if type(expr) is cst.Call and type(expr.func) is cst.Attribute and expr.func.attr.value == "acquire":
                return False  # (`await self._slots.acquire()`)
            waited = waited or any(type(n) is cst.Name and n.value in futures for n in walk_local(expr))
    return waited


def _outlives(escape: cst.CSTNode) -> bool:
    """The queue leaves the function that made it for good: returned, or stored on an object."""
    return type(escape) in (cst.Return, cst.Yield) or (
        type(escape) is cst.Assign and any(type(t.target) in (cst.Attribute, cst.Subscript) for t in escape.targets))


def _puts_data(node: cst.CSTNode) -> bool:
    """`q.put_nowait((0.0, host))`, not a sentinel (`None`, a literal, a CONSTANT): an item of work."""
    if type(node) is not cst.Call or not node.args:
        return False
    item = node.args[0].value
    if type(item) in (cst.Integer, cst.Float, cst.SimpleString):
        return False
    return not (type(item) is cst.Name and (item.value in ("None", "True", "False") or item.value.isupper()))


def _one_task_work_list(mapping: ModuleMap, is_queue, owner: Scope, uses) -> bool:
    """A queue a function makes, fills and takes from itself, handed to no one (a crawl frontier: take a page,
    queue its links, loop until empty): one task is both producer and consumer. It still grows with all the
    work found, but the usual advice is wrong for it: a maxsize would leave that task waiting on its own put
    forever. A closure, a task or a helper that reaches it makes it a channel between two parties again."""
    if any(producer.scope is not owner for producer in uses.producers):
        return False
    takes = False
    for node in mapping.nodes:
        scope = mapping.scope[id(node)]
        if type(node) is cst.Call and type(node.func) is cst.Attribute and is_queue(node.func.value, scope) \
                and node.func.attr.value in ("get", "get_nowait"):
            takes = takes or scope is owner
        if scope is not owner and is_queue(node, scope):
            return False
    return takes


def _filled_before_its_consumers(mapping: ModuleMap, is_queue, producer: Producer) -> bool:
    """`for job in jobs: await self.jobs.put(job)`, then `create_task(self._work())` for each worker: every
    function that takes from the queue is started only by the filling function, in statements after the one that
    fills it. Nothing drains the queue while it fills, so the fill must end before any consumer runs: the queue
    holds that one batch, and a maxsize would leave the fill waiting forever on its own put. (A consumer started
    first, or anywhere else, drains it as it fills: a channel whose producer can outrun it, still judged.)"""
    function = producer.scope
    if function.kind != "function" or producer.via is not None:
        return False
    fill = _statement_index(mapping, producer.node, function)
    if fill is None:
        return False
    consumers = {}
    for node in mapping.nodes:
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in ("get", "get_nowait"):
            scope = mapping.scope[id(node)]
            if not is_queue(node.func.value, scope):
                continue
            if scope.kind != "function" or scope is function:
                return False
            consumers[id(scope)] = scope
    if not consumers:
        return False
    for consumer in consumers.values():
        starts = [node for node in mapping.nodes if type(node) is cst.Name and node.value == consumer.name
                  and node is not consumer.node.name and _may_name(mapping, node, consumer)]
        if not starts:
            return False  # started from elsewhere: nothing here says when
        for start in starts:
            index = _statement_index(mapping, start, function)
            if index is None or index <= fill:
                return False
    return True


def _fills_then_drains_itself(mapping: ModuleMap, is_queue, producer: Producer) -> bool:
    """`for url in urls: await self.pending.put(url)`, then, in a later statement of the same call,
    `self.pending.get_nowait()` as slots free up: each call queues one batch (which its caller already holds) and
    only then takes from it, so a maxsize would leave the fill waiting forever on its own put. A fill and a take in
    each round of a loop carry a backlog over the rounds: still judged. The fill may be a helper handed the
    queue (`q = Queue(); await _fill(items, q); first = await q.get()`): a call that runs it to its end is the
    fill; one that starts it as a task, or a coroutine not awaited there, fills while the caller takes, and so
    does any reader the caller hands the queue to besides the helper."""
    function, fill_node = producer.scope, producer.node
    if producer.via is not None:
        call, caller = producer.via
        if function.is_async and type(mapping.parent.get(id(call))) is not cst.Await \
                or _handed_elsewhere(mapping, is_queue, caller, call):
            return False
        function, fill_node = caller, call
    if function.kind != "function":
        return False
    fill = [fill_node, *mapping.ancestors(fill_node, function.node)]
    for node in walk_local(function.node):
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute \
                or node.func.attr.value not in ("get", "get_nowait") or mapping.scope.get(id(node)) is not function \
                or not is_queue(node.func.value, function):
            continue
        take = [node, *mapping.ancestors(node, function.node)]
        taken = {id(n) for n in take}
        # the innermost block holding both: the fill's statement must come first there, and no loop may hold it
        shared = next((i for i, n in enumerate(fill) if id(n) in taken), None)
        if shared is None or shared == 0 or not hasattr(fill[shared], "body") or type(fill[shared].body) is not tuple:
            continue
        block = fill[shared]
        if any(type(n) in (cst.For, cst.While) for n in fill[shared:]):
            continue
        fill_statement, take_statement = fill[shared - 1], take[take.index(block) - 1]
        order = [id(s) for s in block.body]
        if id(fill_statement) in order and id(take_statement) in order \
                and order.index(id(fill_statement)) < order.index(id(take_statement)):
            return True
    return False


def _handed_elsewhere(mapping: ModuleMap, is_queue, function: Scope, fill: cst.Call) -> bool:
    """``function`` uses the queue for more than handing it to ``fill`` and reading it (a consumer task given it)."""
    for node in walk_local(function.node):
        if not isinstance(node, cst.BaseExpression) or mapping.scope.get(id(node)) is not function \
                or not is_queue(node, function):
            continue
        parent = mapping.parent.get(id(node))
        if type(parent) is cst.Arg and mapping.parent.get(id(parent)) is fill:
            continue
        if type(parent) is cst.Attribute and parent.value is node and type(mapping.parent.get(id(parent))) is cst.Call \
                and parent.attr.value in ("get", "get_nowait", "qsize", "empty", "task_done"):
            continue
        if type(parent) in (cst.AssignTarget, cst.AnnAssign):
            continue  # (where it is made)
        return True
    return False


def _may_name(mapping: ModuleMap, name: cst.Name, function: Scope) -> bool:
    """Can ``name`` (bare, or the attribute of `self._work`) stand for ``function``? Only what resolves to
    another function of the module is set aside: a method of the same name in another class."""
    parent = mapping.parent.get(id(name))
    expr = parent if type(parent) is cst.Attribute and parent.attr is name else name
    value = mapping.scope[id(name)].evaluate(expr)
    return value is None or value[0] != REF or value[1] == function.qualname


def _statement_index(mapping: ModuleMap, node: cst.CSTNode, function: Scope) -> Optional[int]:
    """The position, in ``function``'s own body, of the statement that holds ``node``; None if it is not in it."""
    body = function.node.body
    if type(body) is not cst.IndentedBlock:
        return None
    statements = {id(statement): index for index, statement in enumerate(body.body)}
    for ancestor in [node, *mapping.ancestors(node, body)]:
        if id(ancestor) in statements and mapping.parent.get(id(ancestor)) is body:
            return statements[id(ancestor)]
    return None


def _drained_in_place(owner: Scope, is_queue) -> bool:
    """`queue = Queue()`, a callback that puts into it registered, then `while True: item = await queue.get()`
    in the same coroutine with no other await or yield in the loop: the only time the callback can run is while
    the coroutine waits on an empty queue, and it then takes everything queued before it can be suspended
    again. The consumer cannot fall behind, so the queue holds one burst at most. (A loop that also awaits
    a save or yields to its caller can fall behind: still reported.)"""
    if owner.kind != "function" or not owner.is_async:
        return False
    for loop in _outermost_loops(owner.node.body):
        if type(loop) is cst.For and loop.asynchronous is not None:
            continue
        takes = others = 0
        for node in walk_local(loop.body):
            if type(node) is cst.Await:
                expr = node.expression
                if type(expr) is cst.Call and type(expr.func) is cst.Attribute and expr.func.attr.value == "get" \
                        and is_queue(expr.func.value, owner):
                    takes += 1
                else:
                    others += 1
            elif type(node) in (cst.Yield, cst.With) and (type(node) is cst.Yield or node.asynchronous is not None):
                others += 1
            elif type(node) is cst.For and node.asynchronous is not None:
                others += 1
        if takes and not others:
            return True
    return False


def _outermost_loops(body: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The loops of a function's body that no other loop of it encloses: a drain inside an outer loop that
    awaits elsewhere between its rounds can fall behind."""
    stack = [body]
    while stack:
        node = stack.pop()
        if type(node) in (cst.While, cst.For):
            yield node
            continue
        if type(node) in NESTED:
            continue
        stack.extend(node.children)


def _per_request_mailbox(mapping: ModuleMap, is_queue, site) -> bool:
    """`waiters[request_id] = asyncio.Queue()`, one `await wait_for(waiters[request_id].get(), t)`, then
    `waiters.pop(request_id)`: each entry is one request's mailbox, read once by the function that made it and
    dropped by it, so what a listener puts there for that request lasts only while the request waits."""
    statement = site.statement
    if type(statement) is cst.SimpleStatementLine and len(statement.body) == 1:
        statement = statement.body[0]
    if type(statement) is not cst.Assign or len(statement.targets) != 1 or statement.value is not site.node:
        return False
    target = statement.targets[0].target
    if type(target) is not cst.Subscript or len(target.slice) != 1 or type(target.slice[0].slice) is not cst.Index:
        return False
    key = target.slice[0].slice.value
    container = dotted(target.value)
    function = site.scope
    if type(key) is not cst.Name or not container or function.kind != "function":
        return False
    if not mapping.read_once_here(is_queue, function):
        return False
    for node in walk_local(function.node):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "pop" \
                and node.args and dotted(node.func.value) == container \
                and type(node.args[0].value) is cst.Name and node.args[0].value.value == key.value:
            return True
        if type(node) is cst.Del and type(node.target) is cst.Subscript and dotted(node.target.value) == container \
                and len(node.target.slice) == 1 and type(node.target.slice[0].slice) is cst.Index \
                and type(node.target.slice[0].slice.value) is cst.Name \
                and node.target.slice[0].slice.value.value == key.value:
            return True
    return False


def _reply_channel(mapping: ModuleMap, is_queue, region: List[Scope], uses) -> bool:
    """`reply = janus.Queue()` handed along with one request (`jobs.put(WriteTask(fn, reply))`) and read once
    right there (`await reply.async_q.get()`): it carries that request's answer and is dropped after, so
    nothing piles up in it. (Returned, stored, or read in a loop, it is a stream: still reported.)"""
    if len(region) != 1 or region[0].kind != "function" or not uses.escapes:
        return False
    if not all(type(node) is cst.Call for node in uses.escapes):
        return False
    return mapping.read_once_here(is_queue, region[0])


# (the maxsize argument, as written with its keyword): none given; a subclass's adds whether its `__init__` gave it
_NO_SIZE = (None, "")


def _written_size(call: cst.Call) -> Tuple[Optional[cst.BaseExpression], str]:
    for i, arg in enumerate(call.args):
        if (arg.keyword is None and i == 0 and not arg.star) or (arg.keyword is not None and arg.keyword.value == "maxsize"):
            keyword = "maxsize=" if arg.keyword is not None else ""
            return arg.value, keyword + cst.Module([]).code_for_node(arg.value)
    return _NO_SIZE


def _report(ctx: FileContext, site: CallSite, kind: str, size: tuple) -> None:
    unbounded, never = _unbounded_text(kind, size)
    ctx.report("ACK501", site.node, f"{unbounded}: {never}, so when consumers fall behind it grows without limit; "
                                    f"{_ADVICE}")


def _unbounded_text(kind: str, size: tuple, subclass: str = "") -> Tuple[str, str]:
    """(what makes the queue unbounded, who never waits): no maxsize at all, a maxsize of 0 or less (which asyncio
    reads as no bound, not as a queue that holds nothing), or a default of that kind a caller may override.
    ``kind`` names the queue type, or the subclass (``subclass``: "init" when its `super().__init__(...)` is
    meant, "made" when the instances this module makes)."""
    node, written = size[:2]
    if node is None:
        if subclass == "init":
            return f"{kind} calls `super().__init__()` with no maxsize", "producers never wait"
        return (f"{kind} has no maxsize" if subclass else f"`{kind}()` has no maxsize"), "producers never wait"
    who = {"init": f"{kind} calls `super().__init__({written})`, and the queue",
           "made": f"{kind} is made here with `{written}` and"}.get(subclass, f"`{kind}({written})`")
    if type(node) in (cst.Integer, cst.UnaryOperation):
        text = cst.Module([]).code_for_node(node)
        return f"{who} is unbounded (a maxsize of {text} means no limit)", "producers never wait"
    if type(node) is cst.Attribute and node.attr.value in ("inf", "maxsize") or type(node) is cst.Call \
            and type(node.func) is cst.Name and node.func.value == "float":
        return f"{who} is unbounded (a maxsize it never reaches)", "producers never wait"
    if type(node) is cst.Call and dotted(node.func) == "len" and node.args and type(node.args[0].value) in _DISPLAYS:
        return f"{who} is unbounded (its maxsize is 0, which means no limit)", "producers never wait"
    # a parameter, an attribute that stores one, `maxsize or 0`: unbounded unless a caller gives a size
    named = cst.Module([]).code_for_node(_setting(node))
    return (f"{who} is unbounded unless `{named}` is set to a positive number (by default the queue gets a "
            "maxsize of 0 or less, which means no limit)", "with that default producers never wait")


def _setting(node: cst.BaseExpression) -> cst.BaseExpression:
    """What a caller sets to bound the queue: `capacity` in `capacity or 0`, `int(capacity or 0)` or
    `0 if capacity is None else capacity` (the first name read that is not a constant or a builtin), the lookup of
    `int(os.getenv("QUEUE_MAX", "0"))`."""
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is cst.Name and current.value not in ("None", "True", "False", "int", "max", "min"):
            return current
        if type(current) is cst.Attribute and type(current.value) is cst.Name:
            return current
        if type(current) is cst.Call and (
                (type(current.func) is cst.Name and current.func.value == "getattr")
                or (type(current.func) is cst.Attribute
                    and current.func.attr.value in ("get", "getenv", *_FALLBACK_GETTERS))):
            return current  # (the setting looked up: `os.getenv("QUEUE_MAX", "0")`)
        if type(current) is cst.Call:
            stack.extend(reversed([a.value for a in current.args]))
        else:
            stack.extend(reversed(current.children))
    return node


def _producer_text(node: cst.CSTNode) -> str:
    if type(node) is cst.Call:
        func = node.func
        if not (type(func) is cst.Attribute and func.attr.value in ("put", "put_nowait")):
            for arg in node.args:  # `loop.call_soon(q.put_nowait, x)`: the put handed over
                if type(arg.value) is cst.Attribute and arg.value.attr.value in ("put", "put_nowait"):
                    return dotted(arg.value) or call_text(node)
        return call_text(node)
    return dotted(node) or "put_nowait"


def _factory_queue(scope, call: cst.Call, factory: tuple) -> Optional[str]:
    """The unbounded queue type a dataclass/attrs/pydantic field (or a `defaultdict`) makes with its factory, if
    it does: the type itself, a `partial` of it or a lambda that makes one, with no bound."""
    position, keyword, _ = factory
    for i, arg in enumerate(call.args):
        if (arg.keyword is not None and arg.keyword.value == keyword) or (arg.keyword is None and i == position):
            made = _queue_factory(scope, arg.value)
            if made is not None and _unbounded(made[1], made[2]):
                return made[0]
    return None


def _factory_lambdas(ctx: FileContext) -> FrozenSet[int]:
    """The lambdas handed to a `defaultdict` or a field as the factory of its values."""
    found = set()
    for site in ctx.calls:
        if any(type(arg.value) is cst.Lambda for arg in site.node.args):
            target = ctx.target_of(site)
            if target == "collections.defaultdict" or target in knowledge.FIELD_FACTORIES:
                found.update(id(arg.value) for arg in site.node.args if type(arg.value) is cst.Lambda)
    return frozenset(found)


def _partial_queue(site: CallSite) -> Optional[Tuple[str, tuple]]:
    """(the queue type, its size as `_written_size` gives it) for a call of a name bound to a queue factory
    (`make_queue()`, see `_queue_factory`) whose queue is unbounded; a size the call gives wins."""
    made = _queue_factory(site.scope, site.node.func)
    if made is None:
        return None
    kind, size, where = made
    own = _size_of(site.node)
    if own is not None:
        size, where = own, site.scope
    if not _unbounded(size, where):
        return None
    return kind, (_NO_SIZE if size is None else (size, "maxsize=" + cst.Module([]).code_for_node(size)))


def _queue_factory(scope: Scope, node: cst.BaseExpression,
                   depth: int = 0) -> Optional[Tuple[str, Optional[cst.BaseExpression], Scope]]:
    """What calling ``node`` with no arguments makes, when that is a queue of a type that may be unbounded:
    (the type, the size it is given or None, the scope the size is read in). Knows the type itself,
    `functools.partial(asyncio.Queue, maxsize=0)`, `lambda: asyncio.Queue()`, and a name bound once to one of
    those (`make_queue = partial(Queue)`)."""
    made = scope.evaluate(node)
    if made is not None and made[0] == REF and made[1] in knowledge.UNBOUNDED_QUEUE_TYPES:
        return made[1], None, scope
    if depth > 2:
        return None
    if type(node) is cst.Call and node.args and not node.args[0].star and node.args[0].keyword is None \
            and scope.evaluate(node.func) == (REF, "functools.partial"):
        wrapped = scope.evaluate(node.args[0].value)
        if wrapped is None or wrapped[0] != REF or wrapped[1] not in knowledge.UNBOUNDED_QUEUE_TYPES:
            return None
        rest = node.args[1:]
        if any(arg.star for arg in rest):
            return None
        size = next((arg.value for i, arg in enumerate(rest) if (arg.keyword is None and i == 0)
                     or (arg.keyword is not None and arg.keyword.value == "maxsize")), None)
        return wrapped[1], size, scope
    if type(node) is cst.Lambda and not node.params.params and type(node.body) is cst.Call:
        made = scope.evaluate(node.body.func)
        if made is not None and made[0] == REF and made[1] in knowledge.UNBOUNDED_QUEUE_TYPES:
            return made[1], _size_of(node.body), scope
        return None
    if type(node) is cst.Name:
        home = scope.lookup_scope(node.value)
        bindings = home.bindings.get(node.value, ()) if home is not None and home.kind in ("module", "class") else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and bindings[0][1] is not None:
            return _queue_factory(bindings[0][2], bindings[0][1], depth + 1)
    elif type(node) is cst.Attribute and type(node.value) is cst.Name:
        # `factory = partial(asyncio.Queue)` in the class body, called as `self.factory()`
        home = scope.self_class(node.value.value)
        bindings = home.bindings.get(node.attr.value, ()) if home is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and bindings[0][1] is not None:
            return _queue_factory(bindings[0][2], bindings[0][1], depth + 1)
    return None


def _own_attribute(site: CallSite) -> bool:
    """`self.name(...)`: a call of something the class may hold as a queue factory."""
    func = site.node.func
    return type(func) is cst.Attribute and type(func.value) is cst.Name \
        and site.scope.self_class(func.value.value) is not None


def exported_makers(ctx: FileContext) -> dict:
    """The facts of this module's queue makers for their callers in other modules and in this one (see
    queue_makers). Worked out once per module: both the exports and the check ask."""
    key = ("queue makers",)
    if key not in ctx.root.memo:
        ctx.root.memo[key] = queue_makers.exported(ctx, _size_of, _unbounded, _setting)  # type: ignore[assignment]
    return ctx.root.memo[key]  # type: ignore[return-value]


def _untouched(ctx: FileContext, mapping: ModuleMap, site: CallSite) -> bool:
    """`self.queue = asyncio.Queue()` (or a field queue) of a class with methods of its own, none of which uses
    it, that nothing else in the module names and no module of the project puts into (`x.queue.put(...)`): a
    leftover nothing can fill, so it cannot grow. (A class that only holds its queues, with no method beyond
    `__init__`, is a channel for others: its users fill it, out of sight.) Judged by the name alone, whatever
    its owner: any other mention keeps the claim."""
    statement = site.statement
    if type(statement) is cst.Assign and len(statement.targets) == 1:
        target = statement.targets[0].target
    elif type(statement) is cst.AnnAssign:
        target = statement.target
    else:
        return False
    if type(target) is cst.Attribute and type(target.value) is cst.Name:
        name, owner = target.attr.value, site.scope.self_class(target.value.value)
    elif type(target) is cst.Name and site.scope.kind == "class":
        name, owner = target.value, site.scope
    else:
        return False
    if owner is None or not any(method not in _SETUP for method in owner.methods):
        return False
    for node in mapping.nodes:
        if node is not target and (type(node) is cst.Attribute and node.attr.value == name
                                   or type(node) is cst.Name and node.value == name
                                   and not names_no_variable(node, mapping.parent.get(id(node)))):
            return False
    foreign = ctx.root.foreign
    return foreign is None or all(foreign.fact(PUTS_INTO.format(key), None) is None
                                  for key in _owned_names(ctx, site.scope, target))


_SETUP = frozenset({"__init__", "__post_init__", "__attrs_post_init__"})


def _signalled_through_its_list(mapping: ModuleMap, site: CallSite) -> bool:
    """`done = asyncio.Queue()`, kept in `self.pending.append(done)` and returned to the one request it answers:
    this module puts into the queues of that list (`batch = copy.copy(self.pending)` ... `batch[i].put(None)`,
    `for q in batch: await q.put(exc)`), and only signals (a sentinel, a constant, the exception caught): each
    queue is told that its request is done, not fed a stream, so nothing piles up in it."""
    statement = site.statement
    if type(statement) is not cst.Assign or len(statement.targets) != 1 \
            or type(statement.targets[0].target) is not cst.Name:
        return False
    local = statement.targets[0].target.value
    lists = set()
    for node in walk_local(site.scope.node):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "append" \
                and len(node.args) == 1 and type(node.args[0].value) is cst.Name and node.args[0].value.value == local \
                and type(node.func.value) is cst.Attribute:
            lists.add(node.func.value.attr.value)
    if not lists:
        return False
    # the names bound (by `=` or `for`) from one of those lists, or from such a name: where the queues are reached
    reached, caught = set(), set()
    for _ in range(2):
        for node in mapping.nodes:
            kind = type(node)
            if kind is cst.ExceptHandler and node.name is not None and type(node.name.name) is cst.Name:
                caught.add(node.name.name.value)
            if kind is cst.Assign and len(node.targets) == 1 and type(node.targets[0].target) is cst.Name:
                name, source = node.targets[0].target.value, node.value
            elif kind is cst.For and type(node.target) is cst.Name:
                name, source = node.target.value, node.iter
            else:
                continue
            if any(type(n) is cst.Attribute and n.attr.value in lists or type(n) is cst.Name and n.value in reached
                   for n in walk_local(source)):
                reached.add(name)
    puts = [node for node in mapping.nodes
            if type(node) is cst.Call and type(node.func) is cst.Attribute
            and node.func.attr.value in ("put", "put_nowait") and type(node.func.value) is cst.Name
            and node.func.value.value in reached and node.func.value.value != local]
    return bool(puts) and all(not _puts_data(put) or type(put.args[0].value) is cst.Name
                              and put.args[0].value.value in caught for put in puts)


def exported_puts(ctx: FileContext) -> dict:
    """The names this module puts into as queues (`hub.events.put(x)`, `EVENTS.put_nowait(x)`), for the module
    that makes a queue of that name and touches it nowhere itself (see ``_untouched``)."""
    out = {}
    for site in ctx.calls:
        func = site.node.func
        if type(func) is not cst.Attribute or func.attr.value not in ("put", "put_nowait"):
            continue
        for name in _queue_names(ctx, site.scope, func.value):
            out[PUTS_INTO.format(name)] = ("puts", ctx.root.qualname)
    return out


def _queue_names(ctx: FileContext, scope: Scope, queue: cst.BaseExpression) -> Tuple[str, ...]:
    """The names a queue used as ``queue`` goes by for the facts keyed by a queue's name (PUTS_INTO,
    SIZE_WAITED): `Worker.queue` (and its bases' `Base.queue`) for `self.queue` or `worker.queue` when the
    owner's class is known, so pacing one class's `queue` says nothing of another's; the bare name otherwise."""
    name = last_name(queue)
    if not name or type(queue) is not cst.Attribute:
        return (name,) if name else ()
    owner = scope.self_class(queue.value.value) if type(queue.value) is cst.Name else None
    if owner is not None:
        classes = _with_bases(ctx, owner.qualname)
    else:
        kind = ctx.instance_type(scope, queue.value)
        project = kind is not None and (kind in ctx.root.classes or kind in ctx.builder.bases
                                        or ctx.root.foreign is not None and ctx.root.foreign.owns(kind))
        classes = _with_bases(ctx, kind) if project else None
    return tuple(f"{cls}.{name}" for cls in classes) if classes else (name,)


def _with_bases(ctx: FileContext, cls: str) -> Optional[Tuple[str, ...]]:
    """``cls`` and the classes it names as its bases; None when a base of this module's class is not one this
    code can name (its queue may be known by any name then)."""
    found = ctx.builder.bases.get(cls)
    if found is None:
        return (cls,)
    home, bases = found
    out = [cls]
    for base in bases:
        value = home.evaluate(base)
        if value is None or value[0] != REF:
            return None
        out.append(value[1])
    return tuple(out)


def _size_waits(ctx: FileContext) -> FrozenSet[str]:
    """The names of the queues this module waits on for room: `while lane.inbox.qsize() > 50: await
    asyncio.sleep(0.01)` (or `.full()`), a producer pacing itself by the queue's size however it reached it."""
    out = set()
    for site in ctx.calls:
        func = site.node.func
        if type(func) is not cst.Attribute or func.attr.value not in ("qsize", "full") or not last_name(func.value):
            continue
        full = func.attr.value == "full"
        for node in walk_local(site.scope.node):
            if type(node) is not cst.While or not any(type(n) is cst.Await for n in walk_local(node.body)):
                continue
            if any((full and n is site.node) or _above_a_limit(n, site.node) for n in walk_local(node.test)):
                out.update(_queue_names(ctx, site.scope, func.value))
                break
    return frozenset(out)


def _above_a_limit(node: cst.CSTNode, size: cst.Call) -> bool:
    """`q.qsize() > 10`, `q.qsize() >= limit`, `limit < q.qsize()`: a queue fuller than a limit above zero (not
    `while q.qsize():` or `> 0`, which waits for a drain, not for room)."""
    if type(node) is not cst.Comparison or len(node.comparisons) != 1:
        return False
    op, right = node.comparisons[0].operator, node.comparisons[0].comparator
    if node.left is size and type(op) in (cst.GreaterThan, cst.GreaterThanEqual):
        limit = right
    elif right is size and type(op) in (cst.LessThan, cst.LessThanEqual):
        limit = node.left
    else:
        return False
    return not (type(limit) is cst.Integer and int(limit.evaluated_value) <= 0)


def exported_size_waits(ctx: FileContext) -> dict:
    """The names of queues this module waits on for room, for the module that hands on a queue of that name."""
    return {SIZE_WAITED.format(name): ("waits", ctx.root.qualname) for name in _size_waits(ctx)}


def _size_waited(ctx: FileContext, site: CallSite) -> bool:
    """The queue ``site`` makes goes by a name (the keyword it is handed on as, `Lane(inbox=asyncio.Queue())`, or
    the attribute or variable it is stored in) that some module of the project waits on for room: its producers,
    out of sight here, pace themselves by its size."""
    names: Tuple[str, ...] = ()
    outer = site.argument_of
    if outer is not None:
        name = next((arg.keyword.value for arg in outer.node.args if arg.value is site.node and arg.keyword), "")
        made = site.scope.evaluate(outer.node.func) if name else None
        classes = (_with_bases(ctx, made[1]) or (made[1],)) if made is not None and made[0] == REF else None
        names = (name, *(f"{cls}.{name}" for cls in classes or ())) if name else ()
    elif type(site.statement) in (cst.Assign, cst.AnnAssign) and site.statement.value is site.node:
        target = site.statement.target if type(site.statement) is cst.AnnAssign else site.statement.targets[0].target
        names = _owned_names(ctx, site.scope, target)
    if not names:
        return False
    waited = _size_waits(ctx)
    if any(name in waited for name in names):
        return True
    foreign = ctx.root.foreign
    return foreign is not None and any(foreign.fact(SIZE_WAITED.format(name), None) is not None for name in names)


def _owned_names(ctx: FileContext, scope: Scope, target: cst.BaseExpression) -> Tuple[str, ...]:
    """The names a queue stored in ``target`` is asked about by (see ``_queue_names``): the bare name, which
    a user that cannot tell the owner's class exports, and the class-qualified ones."""
    name = last_name(target)
    owner = scope if type(target) is cst.Name and scope.kind == "class" else scope.self_class(
        target.value.value) if type(target) is cst.Attribute and type(target.value) is cst.Name else None
    classes = (_with_bases(ctx, owner.qualname) or (owner.qualname,)) if owner is not None else None
    return (name, *(f"{cls}.{name}" for cls in classes or ())) if name else ()
