"""Types across modules: what a module tells the others about its values, and what it asks of them.

A file is checked on its own (in parallel, cached), so what another module of the project says a value is comes
in as *facts*, keyed by a qualified name that starts with the module that answers it:

- ``pkg.db.get_session()``: what calling the function returns (``pkg.db.fetch(await)``: what awaiting it gives);
- ``pkg.state.POOL``: a module-level value; ``pkg.conn.Conn.sock``: an attribute of a class's instances.

The first check of a file has no facts. Its evaluator records every key it looked up with the value it assumed
instead (``asked``: a reference for a name, "unknown" for a call), and the file exports the types of its own
functions, module-level names and class attributes (``exports``). Where one of its values comes straight from
another module it exports a forward (``("fwd", key)``) that the project index follows. After the first round,
a file whose questions the index answers differently from what it assumed is checked again with those answers
(see ``run.Run._settle``): its findings are then the ones it would have if the other module's code were in it.
The facts are part of that check's cache key, so editing the module that answers re-checks the file that asked.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

Value = Optional[Tuple[str, str]]
FWD = "fwd"
CALL, AWAIT = "()", "(await)"
# What a fact can tell the asker: an instance, a collection of instances, another callable or a forward.
EXPORTED = frozenset({"inst", "iter", FWD})


class Foreign:
    """The facts one check was given about other modules, and the questions it asked."""

    __slots__ = ("module", "roots", "facts", "asked", "recording")

    def __init__(self, module: str, roots: FrozenSet[str], facts: Optional[Dict[str, tuple]] = None):
        self.module = module
        self.roots = roots
        self.facts = facts or {}
        self.asked: Dict[str, Value] = {}
        self.recording = True

    def owns(self, name: str) -> bool:
        """Is ``name`` defined in another module of the project (so that only that module can say what it is)?"""
        if name.split(".", 1)[0] not in self.roots:
            return False
        return not (name == self.module or name.startswith(self.module + "."))

    def fact(self, key: str, assumed: Value) -> Value:
        if key in self.facts:
            return self.facts[key]
        if self.recording:
            self.asked[key] = assumed
        return assumed


def call_key(name: str, awaited: bool) -> str:
    return name + (AWAIT if awaited else CALL)


def exports(root) -> Dict[str, tuple]:
    """The facts this module gives others: the return types of its functions and methods, the values of its
    module-level names and of its classes' attributes (only where they are instances, collections of them, a
    forward, or another name for a callable)."""
    foreign = root.foreign
    saved = foreign.recording if foreign is not None else True
    if foreign is not None:
        foreign.recording = False  # questions asked only to export do not change this file's findings
    out: Dict[str, tuple] = {}
    try:
        for qualname, (_, outer, is_async, _) in root.returns.items():
            if outer.kind in ("module", "class"):
                _keep(out, call_key(qualname, is_async), root.call_value(qualname, awaited=is_async))
        for name, bindings in root.bindings.items():
            if any(b[0] != "value" for b in bindings):
                value = root.name_value(name)
                own = f"{root.qualname}.{name}"
                if value is not None and value[0] == "ref" and value[1] != own:
                    out[own] = value  # `sleep = time.sleep`, `Client = requests.Session`
                else:
                    _keep(out, own, value)
        for qualname, cls in root.classes.items():
            for attr in {*cls.attrs, *cls.bindings}:
                _keep(out, f"{qualname}.{attr}", cls.member_value(attr))
            for attr, method in cls.methods.items():
                returned = root.returns.get(method.qualname)
                if returned is not None and returned[3]:  # a property
                    _keep(out, f"{qualname}.{attr}", cls.member_value(attr))
    finally:
        if foreign is not None:
            foreign.recording = saved
    return out


def _keep(out: Dict[str, tuple], key: str, value: Value) -> None:
    if value is not None and value[0] in EXPORTED:
        out[key] = value
