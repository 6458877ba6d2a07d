"""asyncio's protocol classes as the code defines them: which classes are protocols, which of their methods the
loop calls (its callbacks, and the hooks those call on `self`), and what transport `connection_made` is handed."""
from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.facts import LOOP_HOOKS
from asynccheck.lint.interface import answer

# What another module says of its class (context.FileContext._foreign_hooks): the hooks of a protocol, or None.
Foreign = Optional[Callable[[str], Optional[FrozenSet[str]]]]


def is_protocol(cls, depth: int, foreign: Foreign = None) -> bool:
    """Does the class derive from one of asyncio's protocols (through classes of this module, or a protocol
    class of another module, which ``foreign`` tells of)?"""
    if depth > 5 or cls.parent is None:
        return False
    for name in cls.base_refs():
        if name.startswith("asyncio.") and f"asyncio.{name.rpartition('.')[2]}" in knowledge.PROTOCOL_TYPES:
            return True
        owner = cls.module.classes.get(name)
        if owner is not None and owner is not cls and is_protocol(owner, depth + 1, foreign):
            return True
        if owner is None and foreign is not None and foreign(name) is not None:
            return True
    return False


def inherited_hooks(cls, foreign: Foreign = None,
                    depth: int = 0) -> FrozenSet[str]:
    """The methods that the loop callbacks of the class's base protocols call on `self`
    (`self.frame_received(frame)` in a framing base's `data_received`): an override of one in this class runs
    on the loop's thread as the callbacks do. Empty for a class that is no protocol."""
    found: set = set()
    if depth > 5 or cls.parent is None:
        return frozenset()
    for name in cls.base_refs():
        owner = cls.module.classes.get(name)
        if owner is not None and owner is not cls:
            if is_protocol(owner, depth + 1, foreign):
                found |= loop_hooks(owner, foreign, depth + 1)
        elif foreign is not None:
            found |= foreign(name) or frozenset()
    return frozenset(found)


def loop_hooks(cls, foreign=None, depth: int = 0) -> FrozenSet[str]:
    """The methods of a protocol class that its loop callbacks call on `self`, directly or through one another
    (its own and those it inherits), not counting the callbacks themselves."""
    names = set(knowledge.PROTOCOL_CALLBACKS) | inherited_hooks(cls, foreign, depth)
    todo = [m for n, m in cls.methods.items() if n in names and not m.is_async]
    seen = set()
    while todo:
        method = todo.pop()
        if id(method) in seen or method.self_name is None:
            continue
        seen.add(id(method))
        for site in method.events.get("calls", ()):
            func = site.node.func
            if type(func) is cst.Attribute and type(func.value) is cst.Name and func.value.value == method.self_name:
                called = func.attr.value
                if called not in names:
                    names.add(called)
                    below = cls.methods.get(called)
                    if below is not None and not below.is_async:
                        todo.append(below)
    return frozenset(names - knowledge.PROTOCOL_CALLBACKS)


# The transport each kind of protocol is handed (a protocol of another kind gets a stream transport).
_TRANSPORTS = {"asyncio.DatagramProtocol": "asyncio.DatagramTransport",
               "asyncio.SubprocessProtocol": "asyncio.SubprocessTransport"}


def transport_type(cls, depth: int = 0) -> Optional[str]:
    """The transport an instance of the protocol class ``cls`` (of this module's classes) is handed in
    `connection_made`, or None for a class that is no protocol."""
    if depth > 5 or cls.parent is None:
        return None
    for name in cls.base_refs():
        if name.startswith("asyncio."):
            short = f"asyncio.{name.rpartition('.')[2]}"
            if short in knowledge.PROTOCOL_TYPES:
                return _TRANSPORTS.get(short, "asyncio.Transport")
        owner = cls.module.classes.get(name)
        if owner is not None and owner is not cls:
            found = transport_type(owner, depth + 1)
            if found is not None:
                return found
    return None


def handed_transport(scope, binding: tuple) -> Optional[str]:
    """`def connection_made(self, transport)` of a protocol class (of this module's protocols or another's):
    the transport type its untyped parameter holds (the loop always passes one)."""
    cls = scope.class_scope
    if scope.name != "connection_made" or cls is None or scope.is_async:
        return None
    params = scope.node.params.params
    if len(params) != 2 or binding not in scope.bindings.get(params[1].name.value, ()):
        return None
    found = transport_type(cls)
    if found is None:
        for name in cls.base_refs():
            told = foreign_protocol(cls.module, name) if name not in cls.module.classes else None
            if told is not None:
                return told[0]
    return found


def exported(classes) -> Dict[str, tuple]:
    """The facts a module gives others about its protocol classes (`pkg.base.FramedProtocol(loop hooks)`): the
    transport they are handed and the methods their loop callbacks call on `self`, for a subclass in another
    module. Worked out from this module alone, as every export is."""
    return {f"{cls.qualname}{LOOP_HOOKS}": ("hooks", f"{transport_type(cls)};{'|'.join(sorted(loop_hooks(cls)))}")
            for cls in classes if is_protocol(cls, 0)}


def foreign_protocol(module, name: str) -> Optional[Tuple[str, FrozenSet[str]]]:
    """What another module of the project says of its class ``name``: a protocol handed this transport whose
    loop callbacks call these methods on `self` (see ``exported``), or None."""
    said = answer(module.foreign, name, LOOP_HOOKS, "hooks")
    if said is None or ";" not in said:
        return None
    transport, _, hooks = said.partition(";")
    return transport, frozenset(filter(None, hooks.split("|")))
