"""Which project function reading an attribute runs: `self.template` runs the getter of a `@property` (or the
first read of a `@cached_property`), so whatever that getter blocks on blocks the coroutine that reads it."""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from asynccheck.lint.builder import dotted, walk_local
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
    """The qualnames of the getters of every property the classes of this module define."""
    return frozenset(found.qualname for found in _getters(root).values())


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


def _once_per_instance(getter: Scope) -> bool:
    node = getter.node
    if any(dotted(d.decorator).rpartition(".")[2] in _MEMO_DECORATORS for d in node.decorators):
        return True
    params = node.params.params
    body = node.body
    if not params or type(body) is not cst.IndentedBlock:
        return False
    this = params[0].name.value
    statements = _statements(body)
    for at, statement in enumerate(statements):
        if type(statement) is cst.If and statement.orelse is None:
            attr = _tested(statement.test, this, unset=True)
            if attr is not None and _stores(statement.body, this, attr):
                # `if self._x is None: self._x = ...` then `return self._x`: nothing else calls anything
                rest = statements[at + 1:]
                return len(rest) == 1 and _returned(rest[0], this) == attr and not _calls(statements[:at])
            attr = _tested(statement.test, this, unset=False)
            if attr is not None and _returned(statement.body, this) == attr:
                # `if self._x is not None: return self._x`, then the work that fills it
                return not _calls(statements[:at]) and any(_stores(s, this, attr) for s in statements[at + 1:])
        elif type(statement) is cst.Try and len(statement.handlers) == 1 and statement.orelse is None \
                and statement.finalbody is None:
            # `try: return self._x` / `except AttributeError: self._x = ...`
            handler = statement.handlers[0]
            attr = _returned(statement.body, this)
            return attr is not None and handler.type is not None and dotted(handler.type) == "AttributeError" \
                and _stores(handler.body, this, attr) and not _calls(statements[:at])
    return False


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
    None`, `not self._x`, `not hasattr(self, "_x")`, `getattr(self, "_x", None) is None` and their opposites."""
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
    lines = getattr(block, "body", ())
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
