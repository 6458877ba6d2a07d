"""Which project function reading an attribute runs: `self.template` runs the getter of a `@property` (or the
first read of a `@cached_property`), so whatever that getter blocks on blocks the coroutine that reads it."""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from asynccheck.lint.builder import always_run, dotted, walk_local
from asynccheck.lint.facts import BEFORE_LOOP, CONSTRUCTORS, MEMO_FILLERS, PREFILLED_METHOD
from asynccheck.lint.scope import INST, REF, Scope

# Decorators that make a method's body run when the attribute is read (aiohttp's and pyramid's `reify` is a
# cached property too); `@cached`-style function caches are not: their method is still called.
GETTERS = frozenset({"property", "cached_property", "reify"})


def _getters(module: Scope) -> Dict[Tuple[str, str], Scope]:
    """(class qualname, attribute) -> getter, for every property of this module's classes written once (a name
    with a setter or deleter too shares one qualname with them, so what the name's summary says is not the
    getter's; one also assigned in the class body or on instances is not only a property). Once per module."""
    found = module.memo.get(_GETTERS_KEY)
    if found is None:
        found = {}
        for owner in module.classes.values():
            defs: Dict[str, List[Scope]] = {}
            for child in owner.children:
                if child.kind == "function":
                    defs.setdefault(child.name, []).append(child)
            for attr, (only, *more) in defs.items():
                alone = not more and attr not in owner.attrs and all(
                    b == ("value", (REF, only.qualname)) for b in owner.bindings[attr])
                if alone and any(dotted(d.decorator).rpartition(".")[2] in GETTERS for d in only.node.decorators):
                    found[(owner.qualname, attr)] = only
        module.memo[_GETTERS_KEY] = found
    return found


_GETTERS_KEY = ("property getters",)


def getter(owner: Scope, attr: str) -> Optional[Scope]:
    """The getter of ``owner``'s property ``attr`` (written once in this module's class), or None."""
    return _getters(owner.module).get((owner.qualname, attr))


def read_target(scope: Scope, node: cst.Attribute) -> Optional[str]:
    """The qualified name of the project getter that reading ``node`` runs: a property of this module's class
    (the getter's qualname), or a member of a class of another module (``pkg.mod.Cls.attr``, which the project
    index confirms to be a property); None when the read runs no project code we can name."""
    attr = node.attr.value
    owner, elsewhere = _receiver_class(scope, node.value)
    if owner is None:
        # a class of another module, or of no project at all (the caller sorts)
        return f"{elsewhere}.{attr}" if elsewhere else None
    return _member_getter(owner, attr, 0)


def _receiver_class(scope: Scope, receiver: cst.BaseExpression) -> Tuple[Optional[Scope], str]:
    """(this module's class of the instance ``receiver`` names, or None; else the qualified name of its class
    elsewhere, or "" when it is not known to be an instance)."""
    owner = scope.self_class(receiver.value) if type(receiver) is cst.Name else None
    if owner is not None:
        return owner, ""
    value = scope.evaluate(receiver)
    if value is None or value[0] != INST:
        return None, ""
    owner = scope.module.classes.get(value[1])
    return owner, "" if owner is not None else value[1]


def _member_getter(owner: Scope, attr: str, depth: int) -> Optional[str]:
    found = _getters(owner.module).get((owner.qualname, attr))
    if found is not None:
        return found.qualname
    if attr in owner.methods or attr in owner.attrs or attr in owner.bindings or depth > 4 or owner.parent is None:
        return None  # a plain method read (`callback=self.on_done`) or a data attribute
    for base in owner.base_refs():
        local = owner.module.classes.get(base)
        found_name = _member_getter(local, attr, depth + 1) if local is not None else f"{base}.{attr}"
        if found_name is not None:
            return found_name
    return None


def defined(root: Scope) -> FrozenSet[str]:
    """The qualnames of the getters of every property the classes of this module define whose read can run
    the getter's work in loop code: not those whose memo is filled before the loop runs (``prefilled``)."""
    found = root.memo.get(_DEFINED_KEY)
    if found is None:
        found = frozenset(getter.qualname for getter in _getters(root).values())
        if found:
            found = found - prefilled(root)
        root.memo[_DEFINED_KEY] = found
    return found


_DEFINED_KEY = ("property getters", "defined")


def memoised(root: Scope) -> FrozenSet[str]:
    """The getters of this module's properties that do their work once per instance: `@cached_property` (and
    `reify`), or a `@property` written as the same memo by hand (hypercorn's `Config.log`)::

        if self._log is None:               if self._client is not None:
            self._log = Logger(self)            return self._client
        return self._log                    self._client = make_client()
                                            return self._client

    Later reads hand the stored value back; what the getter blocks on runs at the first read only."""
    found = root.memo.get(_MEMOISED_KEY)
    if found is None:
        found = frozenset(getter.qualname for getter in _getters(root).values() if _once_per_instance(getter))
        root.memo[_MEMOISED_KEY] = found
    return found


_MEMOISED_KEY = ("property getters", "memoised")
_MEMO_DECORATORS = frozenset({"cached_property", "reify"})


def prefilled(root: Scope) -> FrozenSet[str]:
    """The memoised getters of this module whose memo is filled in sync code before any loop runs, so that a
    read in loop code only hands back what is stored: `__init__` stores the value (`self._markets = load()`),
    calls a method of the class that does (`self._load_markets()`) or reads the property itself; or such a
    method is called on an instance of the class at module level, or in a sync function before that function
    starts the loop (`settings.setup(); asyncio.run(serve(settings))`), here or in another module (a
    `__main__.py` calling `config.load()` before `asyncio.run()`: that is decided across modules, from
    ``exported_fillers`` and ``exported_early_uses``)."""
    found = root.memo.get(_PREFILLED_KEY)
    if found is None:
        out = set()
        before_loop = None
        for (_, prop), getter in _getters(root).items():
            attr = _memo_attr(getter)
            cls = getter.parent
            if attr is None or cls is None or cls.kind != "class":
                continue
            fillers = {name for name, method in cls.methods.items()
                       if method is not getter and not method.is_async and _fills(method, prop, attr, frozenset())}
            if any(_fills(cls.methods[name], prop, attr, fillers) for name in CONSTRUCTORS if name in cls.methods):
                out.add(getter.qualname)
                continue
            if before_loop is None:
                before_loop = _used_before_loop(root)
            if any((cls.qualname, name) in before_loop for name in (*fillers, prop)):
                out.add(getter.qualname)

        found = root.memo[_PREFILLED_KEY] = frozenset(out)
    return found


_PREFILLED_KEY = ("property getters", "prefilled")
# Calls that start an event loop and run it until the program's async part is over: what a sync function does
# before one runs before any coroutine.
_LOOP_STARTS = frozenset({"asyncio.run", "uvloop.run", "anyio.run", "trio.run", "aiorun.run", "uvicorn.run",
                          "aiohttp.web.run_app", "asyncio.Runner.run"})
_LOOP_START_METHODS = frozenset({"run_until_complete", "run_forever", "run_app"})


def _fills(method: Scope, prop: str, attr: str, fillers) -> bool:
    """Does every run of ``method`` leave the memo filled: a store of a value that is not empty into
    ``self.attr``, a read of ``self.prop``, or a call of one of ``fillers`` on ``self``, among the statements
    that always run (not under an `if` or in a loop)?"""
    node = method.node
    params = getattr(node, "params", None)
    if params is None or not params.params or type(node.body) is not cst.IndentedBlock:
        return False
    this = params.params[0].name.value
    for statement in always_run(node.body):
        for child in walk_local(statement):
            kind = type(child)
            if kind is cst.Assign:
                if any(_self_attr(t.target, this) == attr for t in child.targets) and not _empty(child.value):
                    return True
            elif kind is cst.AnnAssign:
                if _self_attr(child.target, this) == attr and child.value is not None and not _empty(child.value):
                    return True
            elif kind is cst.Attribute and _self_attr(child, this) == prop:
                return True
            elif kind is cst.Call and type(child.func) is cst.Attribute and _self_attr(child.func, this) in fillers:
                return True
    return False


def _empty(value: cst.BaseExpression) -> bool:
    """None, False, 0, "" or an empty collection: what a memo holds while unfilled (`if not self._x:`)."""
    kind = type(value)
    if kind is cst.Name:
        return value.value in ("None", "False")
    if kind in (cst.Dict, cst.List, cst.Set, cst.Tuple):
        return not value.elements
    if kind is cst.Integer:
        return value.value == "0"
    if kind is cst.SimpleString:
        return value.evaluated_value in ("", b"")
    if kind is cst.Call:
        return not value.args and dotted(value.func) in ("dict", "list", "set", "tuple", "str")
    return False


def _used_before_loop(root: Scope) -> FrozenSet[Tuple[str, str]]:
    """(class qualname, attribute) for each `obj.attr` (a call or a read) on an instance of a class of this
    module in module-level code, or in a sync function before the call that starts its loop."""
    found = set()
    _instance_uses(root, walk_local(root.node), found)
    for function in root.functions.values():
        if function.kind != "function" or function.is_async:
            continue
        nodes = []
        for child in walk_local(function.node.body):
            if type(child) is cst.Call and _starts_loop(function, child):
                _instance_uses(function, nodes, found)
                break
            nodes.append(child)
    return frozenset(found)


def exported_fillers(root: Scope) -> Dict[str, tuple]:
    """``pkg.config.Config.ssl(memo fillers)`` -> ("fillers", "ssl|load"): for each memoised getter of this module
    not filled before the loop here, the attributes whose use fills its memo (the property, the sync methods that
    always store it). Another module using one of them before its loop starts (facts.BEFORE_LOOP) makes the
    getter's reads free (project.decide)."""
    out: Dict[str, tuple] = {}
    early = prefilled(root)
    for (_, prop), getter in _getters(root).items():
        attr = _memo_attr(getter)
        cls = getter.parent
        if attr is None or cls is None or cls.kind != "class" or getter.qualname in early:
            continue
        fillers = {name for name, method in cls.methods.items()
                   if method is not getter and not method.is_async and _fills(method, prop, attr, frozenset())}
        out[getter.qualname + MEMO_FILLERS] = ("fillers", "|".join((prop, *sorted(fillers))))
    return out


def exported_early_uses(root: Scope, calls) -> Dict[str, tuple]:
    """``pkg.config.Config.load(before the loop)`` for each attribute read or method called on an instance of
    another module's class in this module's code that runs before a loop: at module level, or in a sync function
    before its call that starts the loop (``calls``: the module's call sites). Only the module-level statements
    and the functions that start a loop are walked."""
    found: set = set()
    for statement in getattr(root.node, "body", ()):
        if type(statement) not in (cst.FunctionDef, cst.ClassDef):
            _instance_uses(root, walk_local(statement), found, others=True)
    starters = {id(site.scope): site.scope for site in calls
                if site.scope.kind == "function" and not site.scope.is_async and _starts_loop(site.scope, site.node)}
    for function in starters.values():
        nodes = []
        for child in walk_local(function.node.body):
            if type(child) is cst.Call and _starts_loop(function, child):
                _instance_uses(function, nodes, found, others=True)
                break
            nodes.append(child)
    return {f"{cls}.{attr}{BEFORE_LOOP}": ("before", root.qualname) for cls, attr in found}


def exported_prefilled_methods(root: Scope) -> Dict[str, tuple]:
    """``pkg.session.Session.get_config(memo filled at construction)`` -> ("prefilled", "config") for each plain sync
    method of this module's classes written as a memo on the instance that the class's constructor always fills,
    by storing the attribute or calling the method (`self.config = self.get_config()`): a call on an instance
    anywhere else hands the stored value back, whatever the method would block on to make it."""
    out: Dict[str, tuple] = {}
    getters = {id(getter) for getter in _getters(root).values()}
    for cls in root.classes.values():
        constructors = [cls.methods[name] for name in CONSTRUCTORS if name in cls.methods]
        if not constructors:
            continue
        for name, method in cls.methods.items():
            if name in CONSTRUCTORS or method.is_async or id(method) in getters or \
                    type(method.node) is not cst.FunctionDef or not _has_test(method.node):
                continue
            attr = _memo_attr(method)
            if attr is not None and any(_fills(ctor, name, attr, frozenset()) for ctor in constructors) \
                    and not any(_empties(other, attr) for other in cls.methods.values()
                                if other is not method and other.name not in CONSTRUCTORS):
                out[method.qualname + PREFILLED_METHOD] = ("prefilled", attr)
    return out


def _empties(method: Scope, attr: str) -> bool:
    """Does ``method`` drop the memo (`self._x = None`, `del self._x`), so that the next call works it out anew?"""
    params = getattr(method.node, "params", None)
    if params is None or not params.params:
        return False
    this = params.params[0].name.value
    for child in walk_local(method.node):
        if type(child) is cst.Assign and any(_self_attr(t.target, this) == attr for t in child.targets) \
                and _empty(child.value):
            return True
        if type(child) is cst.Del and _self_attr(child.target, this) == attr:
            return True
    return False


def _has_test(node: cst.FunctionDef) -> bool:
    body = node.body
    return type(body) is cst.IndentedBlock and any(type(s) in (cst.If, cst.With, cst.Try) for s in body.body)


def _starts_loop(scope: Scope, call: cst.Call) -> bool:
    func = call.func
    if type(func) is cst.Attribute and func.attr.value in _LOOP_START_METHODS:
        return True
    value = scope.evaluate(func)
    return value is not None and value[0] == REF and value[1] in _LOOP_STARTS


def _instance_uses(scope: Scope, nodes, found: set, others: bool = False) -> None:
    """(class, attribute) of `obj.attr` on instances of this module's classes (``others``: of the project's
    other modules' classes) among ``nodes``."""
    for node in nodes:
        if type(node) is cst.Attribute and type(node.value) is cst.Name:
            value = scope.evaluate(node.value)
            if value is not None and value[0] == INST and (value[1] in scope.module.classes) is not others \
                    and (not others or value[1].split(".", 1)[0] == scope.module.qualname.split(".", 1)[0]):
                found.add((value[1], node.attr.value))


def _once_per_instance(getter: Scope) -> bool:
    return _memo_attr(getter) is not None


def _memo_attr(getter: Scope) -> Optional[str]:
    """The attribute of the instance a memoised getter keeps what it builds in (a `@cached_property` keeps it
    under its own name), or None when the getter does its work at every read."""
    node = getter.node
    if any(dotted(d.decorator).rpartition(".")[2] in _MEMO_DECORATORS for d in node.decorators):
        return getter.name
    params = node.params.params
    body = node.body
    if not params or type(body) is not cst.IndentedBlock:
        return None
    this = params[0].name.value
    statements = _statements(body)
    for at, statement in enumerate(statements):
        if type(statement) is cst.If and statement.orelse is None:
            attr = _tested(statement.test, this, unset=True)
            if attr is not None and _stores(statement.body, this, attr):
                # `if self._x is None: self._x = ...` then `return self._x`: nothing else calls anything
                rest = statements[at + 1:]
                ok = len(rest) == 1 and _returned(rest[0], this) == attr and not _calls(statements[:at])
                return attr if ok else None
            attr = _tested(statement.test, this, unset=False)
            if attr is not None and _returned(statement.body, this) == attr:
                # `if self._x is not None: return self._x`, then the work that fills it
                ok = not _calls(statements[:at]) and any(_stores(s, this, attr) for s in statements[at + 1:])
                return attr if ok else None
        elif type(statement) is cst.Try and len(statement.handlers) == 1 and statement.orelse is None \
                and statement.finalbody is None:
            # `try: return self._x` / `except AttributeError: self._x = ...`
            handler = statement.handlers[0]
            attr = _returned(statement.body, this)
            ok = attr is not None and handler.type is not None and dotted(handler.type) == "AttributeError" \
                and _stores(handler.body, this, attr) and not _calls(statements[:at])
            return attr if ok else None
    return None


def _statements(body: cst.IndentedBlock) -> List[cst.BaseStatement]:
    """The getter's statements, a docstring left out, those of a `with` (a lock around the fill) in its place."""
    out: List[cst.BaseStatement] = []
    for statement in body.body:
        if type(statement) is cst.With and type(statement.body) is cst.IndentedBlock:
            out.extend(statement.body.body)
        elif not (type(statement) is cst.SimpleStatementLine and len(statement.body) == 1
                  and type(statement.body[0]) is cst.Expr and type(statement.body[0].value) is cst.SimpleString):
            out.append(statement)
    return out


def _self_attr(node: cst.BaseExpression, this: str) -> Optional[str]:
    if type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value == this:
        return node.attr.value
    return None


def _tested(test: cst.BaseExpression, this: str, unset: bool) -> Optional[str]:
    """The attribute of the instance that ``test`` holds for while it is unset (``unset``) or set: `self._x is
    None`, `not self._x`, `not hasattr(self, "_x")`, `getattr(self, "_x", None) is None` and their opposites; for
    set, also both halves of `hasattr(self, "_x") and self._x` on the one attribute."""
    if not unset and type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
        left, right = _tested(test.left, this, False), _tested(test.right, this, False)
        return left if left is not None and left == right else None
    negated = False
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test, negated = test.expression, True
    if type(test) is cst.Comparison and len(test.comparisons) == 1 and \
            type(test.comparisons[0].comparator) is cst.Name and test.comparisons[0].comparator.value == "None":
        operator = type(test.comparisons[0].operator)
        if operator not in (cst.Is, cst.IsNot):
            return None
        negated ^= operator is cst.Is
        test = test.left
        if type(test) is cst.Call and dotted(test.func) == "getattr" and len(test.args) == 3:
            test = cst.Call(cst.Name("hasattr"), test.args[:2])
    if negated != unset:
        return None
    if type(test) is cst.Call and dotted(test.func) == "hasattr" and len(test.args) == 2 and \
            type(test.args[0].value) is cst.Name and test.args[0].value.value == this and \
            type(test.args[1].value) is cst.SimpleString:
        return test.args[1].value.evaluated_value
    return _self_attr(test, this)


def _stores(node: cst.CSTNode, this: str, attr: str) -> bool:
    return any(type(child) in (cst.AssignTarget, cst.AnnAssign) and _self_attr(child.target, this) == attr
               for child in walk_local(node))


def _returned(block: cst.CSTNode, this: str) -> Optional[str]:
    """`return self._x` and nothing else (a one-line block, a block of one line, or that line): `_x`."""
    if type(block) not in (cst.IndentedBlock, cst.SimpleStatementLine, cst.SimpleStatementSuite):
        return None  # a compound statement (`if`, `for`, `with`): more than the one line
    lines = block.body
    if type(block) is cst.IndentedBlock:
        if len(lines) != 1 or type(lines[0]) is not cst.SimpleStatementLine:
            return None
        lines = lines[0].body
    if len(lines) != 1 or type(lines[0]) is not cst.Return or lines[0].value is None:
        return None
    return _self_attr(lines[0].value, this)


def _calls(statements) -> bool:
    return any(type(child) is cst.Call for statement in statements for child in walk_local(statement))


def item_target(scope: Scope, node: cst.Subscript) -> Optional[str]:
    """The qualified name of the project method `obj[key]` runs: `__getitem__` of the class of ``obj`` (this
    module's, or ``pkg.mod.Cls.__getitem__`` of another module's, which the project index resolves); None for
    a library object, a class or anything not known to be an instance."""
    owner, elsewhere = _receiver_class(scope, node.value)
    if owner is None:
        return f"{elsewhere}.__getitem__" if elsewhere else None
    found = owner.member_value("__getitem__")
    return found[1] if found is not None and found[0] == REF else None
