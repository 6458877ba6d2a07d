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

from typing import Callable, Dict, FrozenSet, Optional, Sequence, Tuple

import libcst as cst

from asynccheck.lint import knowledge

from asynccheck.lint.facts import (  # noqa: F401 - the keys and values of facts, used here and by the rules
    AWAIT, BACKGROUND_LOOP, DECLARED, CALL, CALLS_BACK, ENTERED, ENTERS_OTHER, EXPORTED, FIXTURE, FWD, KEYED, LIBRARY_NAMES,
    MANAGED, STARTS, TOUCHES_LOOP, WATCHES, CATCHES, DESCRIBES, Value)


class Foreign:
    """The facts one check was given about other modules (a dict, or ``live``: a function asked as it goes),
    and the questions it asked."""

    __slots__ = ("module", "roots", "facts", "live", "asked", "used", "recording", "own_names", "starred")

    def __init__(self, module: str, roots: FrozenSet[str], facts: Optional[Dict[str, tuple]] = None,
                 live: Optional[Callable[[str, Value], Value]] = None,
                 own_names: Optional[FrozenSet[str]] = None, starred: Tuple[str, ...] = ()):
        self.module = module
        # the names the module binds itself, when other `module.*` names are another module's: a package's
        # submodules, or what a `from m import *` brings (None: every `module.*` name is the module's own)
        self.own_names = own_names
        self.starred = starred  # the modules of `from m import *` lines: a name bound nowhere here may come from m
        self.roots = roots
        self.facts = dict(facts or {})
        self.live = live
        self.asked: Dict[str, Value] = {}  # every key looked up -> what it assumed without an answer
        self.used: Dict[str, tuple] = {}  # the answers that replaced an assumption
        self.recording = True

    def owns(self, name: str) -> bool:
        """Is ``name`` defined in another module of the project (so that only that module can say what it is)?"""
        if name.split(".", 1)[0] not in self.roots:
            return False
        if name == self.module or not name.startswith(self.module + "."):
            return name != self.module
        if self.own_names is None:
            return False
        # pkg/__init__.py's `from .clients import session` refers to `pkg.clients.session`: a submodule's name,
        # which only pkg/clients.py can answer, unless the __init__ itself binds `clients` to something else
        return name[len(self.module) + 1:].split(".", 1)[0] not in self.own_names

    def star_name(self, name: str) -> Optional[tuple]:
        """A name bound nowhere in a module with `from m import *`: the library's name when a library module is
        starred and the tables know that name there (`from peewee import *`, then `class User(Model)`), else the
        module's own name for it, which the project index follows to the module the star import brings it from
        (see ProjectIndex.resolve)."""
        for source in reversed(self.starred):  # (the last star import that brings the name is the one that binds it)
            if source.split(".", 1)[0] not in self.roots and f"{source}.{name}" in LIBRARY_NAMES:
                return ("ref", f"{source}.{name}")
        return ("ref", f"{self.module}.{name}") if self.starred else None

    def fact(self, key: str, assumed: Value) -> Value:
        if self.recording:
            self.asked[key] = assumed
        value = self.facts.get(key)
        if value is None and self.live is not None and key not in self.facts:
            value = self.facts[key] = self.live(key, assumed)
        if value is None:
            return assumed
        if self.recording:
            self.used[key] = value
        return value


def answer(foreign: Optional[Foreign], name: str, suffix: str, kind: str) -> Optional[str]:
    """What another module of the project says of its ``name`` under the key ``suffix``, when the answer is of
    ``kind`` (the fact's text); None when ``name`` is not another module's or that module says nothing of it."""
    if foreign is None or not foreign.owns(name):
        return None
    value = foreign.fact(name + suffix, None)
    return value[1] if value is not None and value[0] == kind else None


def own_names(module: str, bindings: Dict[str, list], defs: Dict[str, str]) -> FrozenSet[str]:
    """The names a module binds for itself: not a package's `from . import clients`, which names the submodule
    (a `def` or `class` binds the same reference to its own qualified name, and is the module's own)."""
    def submodule(name: str, bound: list) -> bool:
        own = f"{module}.{name}"
        return own not in defs and all(b[0] == "value" and b[1] == ("ref", own) for b in bound)

    return frozenset(name for name, bound in bindings.items() if not submodule(name, bound))


def call_key(name: str, awaited: bool) -> str:
    return name + (AWAIT if awaited else CALL)


def unpacked_key(name: str, awaited: bool, index: int) -> str:
    """``pkg.db.make_db()[0]``: what the function's call (awaited or not) gives at that position of its tuple."""
    return f"{call_key(name, awaited)}[{index}]"


def exports(root, scopes: Sequence) -> Dict[str, tuple]:
    """The facts this module gives others: the return types of its functions and methods, the values of its
    module-level names and of its classes' attributes (only where they are instances, collections of them, a
    forward, or another name for a callable).

    They never depend on the facts this check was given (a forward stands for the other module's answer), so
    a cached entry stays right when the other module changes: values worked out with facts are forgotten first."""
    from asynccheck.lint import fixtures, generic_project, types  # types imports this module
    forget_facts(root, scopes)
    foreign = root.foreign
    out: Dict[str, tuple] = {}
    for qualname, (_, outer, is_async, _) in root.returns.items():
        if outer.kind in ("module", "class") and root.defs.get(qualname) == "asyncgen":
            out[call_key(qualname, False)] = ("inst", knowledge.ASYNC_GENERATOR_TYPE)  # what calling one gives
        elif outer.kind in ("module", "class"):
            value = root.call_value(qualname, awaited=is_async)
            if value is not None and value[0] == "ref" and not is_async and _own_closure(root, qualname, value[1]):
                # `def syncify(fn): def inner(*a): return asyncio.run(fn(*a)); return inner`: another module's
                # `fetch_sync = syncify(fetch)` calls `inner`, and what `inner` does is the project's to say
                out[call_key(qualname, False)] = value
            else:
                _keep(out, call_key(qualname, is_async), value)
            for index, part in enumerate(types.returned_parts(root, qualname)):
                _keep(out, unpacked_key(qualname, is_async, index), part)  # `a, b = make_pair()`
    for name, bindings in root.bindings.items():
        if any(b[0] != "value" for b in bindings):
            value = root.name_value(name)
            own = f"{root.qualname}.{name}"
            if _awaitable_alias(root, name, bindings):
                out[own] = ("ref", knowledge.AWAITABLE_FUNCTION)  # `Hook = Callable[[Event], Awaitable[None]]`
            elif (aliased := _union_alias(root, name, bindings)) is not None:
                out[own] = aliased  # `AnyAddress = IPv4Address | IPv6Address`, `DbDep = Annotated[Conn, ...]`
            elif value is not None and value[0] == "ref" and value[1] != own:
                out[own] = value  # `sleep = time.sleep`, `Client = requests.Session`
            elif value is None and (wrapped := _partial_of(root, bindings)) is not None:
                out[own] = wrapped  # `run = functools.partial(subprocess.run, check=True)`
            else:
                _keep(out, own, value)
            _keep(out, own + KEYED, root.typed_key(cst.Name(name)))
    for name, function in fixtures.own_fixtures(root).items():
        _keep(out, f"{root.qualname}.{name}{FIXTURE}", fixtures.fixture_value(function))
    for qualname, function in root.functions.items():
        if function.parent.kind in ("module", "class") and function.is_generator:
            _keep(out, f"{qualname}{MANAGED}", function.managed_value())  # `with workdir() as path` elsewhere
        made = root.made_by_decorator(qualname) if function.parent is root else None
        if made is not None:  # `@app.task def render`: another module's `render.delay()` is the task's
            out[qualname] = ("inst", made)
    for qualname, cls in root.classes.items():
        if not cls.enters_itself():
            out[f"{qualname}.__enter__{ENTERED}"] = ENTERS_OTHER
        for attr in {*cls.attrs, *cls.bindings}:
            value = cls.member_value(attr)
            if value is not None and value[0] == "ref" and foreign is not None and foreign.owns(value[1]):
                # `self.http = http`, imported from the project's clients module: what that module says it is
                # (a subclass in a third module reads `self.http` through this class)
                value = (FWD, value[1])
            _keep(out, f"{qualname}.{attr}", value)
            if not cls.attrs.get(attr) and cls.bindings.get(attr) \
                    and all(b[0] == "annot" for b in cls.bindings[attr]):
                # a field only declared (`sock: socket.socket` of a NamedTuple, a dataclass): what the maker hands
                _keep(out, f"{qualname}.{attr}{DECLARED}", cls.member_value(attr))
        for attr, method in cls.methods.items():
            returned = root.returns.get(method.qualname)
            if returned is not None and returned[3]:  # a property
                _keep(out, f"{qualname}.{attr}", cls.member_value(attr))
    out.update(generic_project.exported(root))
    return out


def forget_facts(root, scopes: Sequence) -> None:
    """Stop giving the check facts, and forget the values worked out with them: from here on the check works out
    what it exports, which must not depend on them."""
    foreign = root.foreign
    if foreign is not None and foreign.used:
        for scope in scopes:
            scope.memo.clear()
    if foreign is not None:
        # the file's findings are made, so what it asks from here on could not change them, and recorded it would
        # have the file checked again for nothing
        foreign.recording = False
        foreign.facts, foreign.live = {}, None


def _own_closure(root, qualname: str, returned: str) -> bool:
    """Is ``returned`` a function nested in ``qualname`` (the closure a factory or a decorator hands back)?"""
    return returned.startswith(qualname + ".") and root.defs.get(returned) in ("sync", "async")


def _partial_of(root, bindings) -> Value:
    """A module-level name bound once to `functools.partial(f, ...)`: another name for ``f`` to the modules that
    import it, which call it as they would call ``f``. Not when what the partial binds could decide whether ``f``
    blocks (``f`` has arguments that make it harmless, or the partial binds `timeout=`, `blocking=`, ...): the
    importer sees only its own arguments, and this module's check of the partial is the one that can tell."""
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
        return None
    call = bindings[0][1]
    if root.evaluate(call.func) != ("ref", "functools.partial") or not call.args \
            or call.args[0].keyword is not None or call.args[0].star:
        return None
    target = root.evaluate(call.args[0].value)
    if target is None or target[0] != "ref" or target[1] in knowledge.NON_BLOCKING_ARGS \
            or target[1] in knowledge.LAZY or target[1].startswith("socket.socket."):
        return None
    guards = {keyword for _, keyword, _ in knowledge.NON_BLOCKING_KEYWORDS}
    if any(arg.star or (arg.keyword is not None and arg.keyword.value in guards) for arg in call.args[1:]):
        return None
    return target


def _awaitable_alias(root, name: str, bindings) -> bool:
    """Is the module-level ``name`` an alias of a function type that returns an awaitable? Another module that
    annotates with it (`hooks: list[Hook]`) then knows that calling one makes a coroutine."""
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Subscript:
        return False
    from asynccheck.lint import types  # types imports this module
    return types.annotation_type(root, cst.Name(name)) == ("ref", knowledge.AWAITABLE_FUNCTION)


def _union_alias(root, name: str, bindings) -> Value:
    """A module-level name bound once to a type expression that declares one known type: a union of
    interchangeable types (`AnyAddress = IPv4Address | IPv6Address`, `Union[threading.Lock, threading.RLock]`),
    an Optional or an Annotated one (`MaybeSession = Optional[requests.Session]`, FastAPI's `DbDep =
    Annotated[Session, Depends(get_db)]`): another name for that type to the modules that annotate with it, as
    `Client = requests.Session` is. (Read in this module it is resolved in place, types._alias; an importer sees
    only the name.)"""
    if len(bindings) != 1 or bindings[0][0] != "expr":
        return None
    from asynccheck.lint import types  # types imports this module
    if not types.is_union(bindings[0][1], root) and not types.is_wrapper(bindings[0][1], root):
        return None
    declared = types.annotation_type(root, cst.Name(name))
    return ("ref", declared[1]) if declared is not None and declared[0] == "inst" else None


def _keep(out: Dict[str, tuple], key: str, value: Value) -> None:
    if value is not None and value[0] in EXPORTED:
        out[key] = value
