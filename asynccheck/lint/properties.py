"""Which project function reading an attribute runs: `self.template` runs the getter of a `@property` (or the
first read of a `@cached_property`), so whatever that getter blocks on blocks the coroutine that reads it."""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from asynccheck.lint.builder import dotted
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


def item_target(scope: Scope, node: cst.Subscript) -> Optional[str]:
    """The qualified name of the project method `obj[key]` runs: `__getitem__` of the class of ``obj`` (this
    module's, or ``pkg.mod.Cls.__getitem__`` of another module's, which the project index resolves); None for
    a library object, a class or anything not known to be an instance."""
    owner, elsewhere = _receiver_class(scope, node.value)
    if owner is None:
        return f"{elsewhere}.__getitem__" if elsewhere else None
    found = owner.member_value("__getitem__")
    return found[1] if found is not None and found[0] == REF else None
