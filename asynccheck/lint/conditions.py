"""Conditions on a function's arguments: when a blocking call does not block, when a helper's blocking branch runs.

Kept free of libcst: the project index evaluates them from cached summaries without parsing anything.

A value is ``("const", v)`` (a literal; a set of flag names stands for ``A | B``), ``("param", name, extras)``
(the enclosing function's parameter; ``extras`` are the literals the body may rebind it to) or ``UNKNOWN``.
A condition is ``None`` (always holds), ``FALSE``, or a tuple tree of ``("and"|"or", *parts)``, ``("not", part)``
and atoms ``(kind, test, param_value)``: kind "guard" is undecided on an unknown argument, kind "harmless" is false
on one (an unknown host may well need DNS, as the per-file rule assumes), kind "typed" (an `isinstance` test, its
polarity inside the test) is false on one: a helper that opens its argument only when given a path is not said to
block for an argument whose type we do not know. An atom ``("opaque", test, holds)`` is a test that reads no
parameter and no literal (`if ttype.endswith("-PROMPT"):`): it decides nothing, so it evaluates as holding, but
the branch it guards runs on some paths only, and a message says so (see ``certain``).
"""
from __future__ import annotations

import ipaddress
from typing import Dict, Iterable, List, Optional

UNKNOWN = ("?",)
MEMORY = ("memory",)  # an in-memory stream (io.BytesIO, io.StringIO): known not to be a path or a file
FETCHED = ("fetched",)  # what an await produced (a response's body): data already read, not where to read it
IP_TEXT = ("iptext",)  # `str(addr)` of an `ipaddress` address: a numeric host, whatever its value
_QUIET = frozenset({"harmless", "typed"})  # kinds that are false on an argument we cannot read
FALSE = ("false",)
Cond = Optional[tuple]
# A pseudo-parameter every function has: ("const", True) when its caller awaits what the call returns. A sync
# function with an async colour (`if self._colour == "async": async def run(): ...; return run()`, then the
# same work done with sync calls) took its async arm when its caller awaits the result: awaiting what the sync
# arm returns would fail, so that arm is not the path such a caller runs.
AWAITED = "(awaited)"
UNAWAITED = ("unawaited", ("is", True), ("param", AWAITED, ()))  # the branch runs unless the result is awaited
# Another: ("const", True) when the caller only enters what the call returns, a `@contextmanager` generator handed
# to `stack.enter_context(...)`: its body runs there up to the `yield`, and the rest when the stack closes, which may
# be in another function (`end_execution()` closing the stack `begin_execution()` filled).
ENTERED = "(entered)"
AT_EXIT = ("at exit", ("is", True), ("param", ENTERED, ()))  # the call runs unless the generator is only entered
# A keyword a call `self.method(...)` passes, its value the caller's name for the instance: the callee works on the
# same instance, so what the caller's tests settled about its attributes (`self.content`) holds there too. A method
# that base64s its content only `elif self.content:`, through a getter that returns `self.content` first and reads
# `self.filepath` only without it, never reads the file.
SELF_CALL = "(self)"
TRUTHY = ("truthy",)  # an attribute a test found truthy: not None, not false, not zero; its value unknown


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_ip(v: object) -> bool:
    if not isinstance(v, str):
        return False
    try:
        ipaddress.ip_address(v.split("%", 1)[0])  # "fe80::1%eth0": a scope id, still numeric
    except ValueError:
        return False
    return True


def _memory_uri(v: object) -> bool:
    if not isinstance(v, str) or not v.startswith("file:"):
        return False
    path, _, query = v[5:].partition("?")
    return path == ":memory:" or "mode=memory" in query.split("&")


def _is_document(v: object) -> bool:
    """A str or bytes literal that is the document itself, not a URL or a path naming it."""
    if isinstance(v, bytes):
        v = v.decode("latin-1")
    return isinstance(v, str) and (v.lstrip().startswith("<") or "\n" in v)


def _is_false(v) -> bool:
    return v is False or v is None or (_is_number(v) and v == 0)


_TESTS = {
    "false": _is_false,
    "false_or_absent": _is_false,  # (absent counts as harmless too: arguments.harmless)
    "true": lambda v: v is True or (_is_number(v) and v != 0),
    "zero": lambda v: _is_number(v) and v == 0,
    "memory_db": lambda v: v == ":memory:",
    "memory_db_or_absent": lambda v: v == ":memory:",  # (absent: see arguments.harmless)
    "memory": lambda v: False,  # a literal is never an in-memory stream (see MEMORY)
    "memory_or_absent": lambda v: v is None,  # `to_csv(None)`: no file, the text is returned
    "memory_uri": _memory_uri,
    "document": _is_document,
    "ip": _is_ip,
    "ip_or_none": lambda v: v is None or _is_ip(v),
    "truthy": bool,
    "none": lambda v: v is None,
}


def holds(test, value: tuple) -> Optional[bool]:
    """Does the test hold for the value? None when the value is not known. A test is a name from _TESTS,
    "has:FLAG", ("in", literals) for `x == "a"` and `x in ("a", "b")`, ("is", True) for `x is True`, or
    ("prefix", prefixes, rewrites) for `x.startswith(prefixes)`."""
    if value == MEMORY:
        return test in ("memory", "memory_or_absent", "document")
    if value == FETCHED:
        return True if test == "document" else None
    if value == IP_TEXT:
        return True if test in ("ip", "ip_or_none") else None
    if value == TRUTHY:
        return True if test == "truthy" else False if test in ("none", "false", "false_or_absent", "zero") else None
    if value[0] != "const":
        return None
    v = value[1]
    if isinstance(test, tuple) and test[0] == "is":  # `x is True`: the singleton itself, not any value equal to it
        return v is test[1]
    if isinstance(test, tuple) and test[0] == "prefix":
        # `if name.startswith("oidc/"):`, where the body may first have rewritten `name` (test[2]: `name =
        # name.replace("os.environ/", "")`, each perhaps under an `if`): decided when every variant agrees
        _, prefixes, rewrites = test
        if not isinstance(v, str):
            return False
        variants = {v}
        for method, *args in rewrites:
            variants |= {getattr(x, method)(*args) for x in variants}
        outcomes = {x.startswith(prefixes) for x in variants}
        return outcomes.pop() if len(outcomes) == 1 else None
    if isinstance(test, tuple) and test[0] == "isinstance":
        _, names, positive = test
        kinds = {"object", "int" if isinstance(v, (bool, frozenset)) else "", type(v).__name__}
        return bool(kinds & names) == positive
    if isinstance(test, tuple):
        return None if isinstance(v, frozenset) else v in test[1]
    if test.startswith("has:"):
        return isinstance(v, frozenset) and test[4:] in v
    if isinstance(v, frozenset):  # flags: a nonzero int whose bits we do not know
        return True if test == "truthy" else False if test in ("none", "false", "zero") else None
    try:
        return bool(_TESTS[test](v))
    except (TypeError, ValueError):
        return False


# -- building, with constant folding ------------------------------------------------------------------------
def atom(kind: str, test: str, value: tuple) -> Cond:
    if value[0] == "param":
        return (kind, test, value)
    result = holds(test, value)
    if result is None:
        return FALSE if kind in _QUIET else None  # an unknown guard: assume the branch can run
    return None if result else FALSE


def opaque(test: str, holds: bool) -> tuple:
    return ("opaque", test, holds)


def negate(cond: Cond) -> Cond:
    if cond is None:
        return FALSE
    if cond == FALSE:
        return None
    if cond[0] == "opaque":
        return opaque(cond[1], not cond[2])  # the other branch of an unreadable test is as undecided
    if cond[0] == "not":
        return cond[1]
    return ("not", cond)


def all_of(parts: Iterable[Cond]) -> Cond:
    kept: List[tuple] = []
    for part in parts:
        if part == FALSE:
            return FALSE
        if part is not None and part not in kept:
            kept.append(part)
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    if any(part[0] == "not" for part in kept) and _contradicts(kept):
        return FALSE
    return ("and", *kept)


def _contradicts(parts: List[tuple]) -> bool:
    """A test and its negation both required: `if url.startswith("data:"): urlopen(url)`, where urlopen blocks
    unless the URL is a `data:` one. The atoms' kinds say how an unknown value counts, not what the test is."""
    held, denied = set(), set()
    stack = list(parts)
    while stack:
        part = stack.pop()
        if part[0] == "and":
            stack.extend(part[1:])
        elif part[0] == "not" and part[1][0] not in ("and", "or", "not", "opaque", "unawaited", "at exit"):
            denied.add(part[1][1:])
        elif part[0] not in ("or", "not", "opaque", "unawaited", "at exit", "false"):
            held.add(part[1:])
    try:
        return not held.isdisjoint(denied)
    except TypeError:  # (an unhashable literal in a test)
        return False


def any_of(parts: Iterable[Cond]) -> Cond:
    kept: List[tuple] = []
    for part in parts:
        if part is None:
            return None
        if part != FALSE and part not in kept:
            kept.append(part)
    if not kept:
        return FALSE
    return kept[0] if len(kept) == 1 else ("or", *kept)


# -- evaluating under a call site's arguments ---------------------------------------------------------------
def evaluate(cond: Cond, env: Dict[str, tuple], paths: Optional[Dict[object, bool]] = None) -> Optional[bool]:
    """True, False, or None (undecided: it depends on an argument whose value is not a literal). An opaque test
    holds, unless ``paths`` gives it a value (the outcome of each unreadable test, by its text)."""
    if cond is None:
        return True
    head = cond[0]
    if head == "false":
        return False
    if head == "opaque":
        return True if paths is None else paths.get(cond[1], cond[2]) == cond[2]
    if head == "unawaited":
        return env.get(AWAITED) != ("const", True)
    if head == "at exit":
        return env.get(ENTERED) != ("const", True)
    if head == "not":
        inner = evaluate(cond[1], env, paths)
        return None if inner is None else not inner
    if head in ("and", "or"):
        results = [evaluate(part, env, paths) for part in cond[1:]]
        decisive = head == "or"  # the value that settles it: True for "or", False for "and"
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    if paths is not None:  # an undecided test given an outcome (`covered`)
        try:
            given = paths.get(cond)
        except TypeError:  # (an unhashable literal in the test: never one of `covered`'s)
            given = None
        if given is not None:
            return given
    kind, test, (_, name, extras) = cond
    values = [env.get(name, UNKNOWN), *(("const", e) for e in extras)]
    results = {holds(test, v) for v in values}
    if len(results) == 1 and None not in results:
        return results.pop()
    return False if kind in _QUIET and (None in results or False in results) else None


def params_in(cond: Cond) -> List[str]:
    if cond is None or cond == FALSE or cond[0] in ("opaque", "unawaited", "at exit"):
        return []
    if cond[0] in ("and", "or", "not"):
        return [name for part in cond[1:] for name in params_in(part) if name]
    return [cond[2][1]]


def opaque_tests(cond: Cond) -> List[str]:
    """The unreadable tests a condition holds only on some outcomes of."""
    if cond is None or cond == FALSE:
        return []
    if cond[0] == "opaque":
        return [cond[1]]
    if cond[0] in ("and", "or", "not"):
        return [test for part in cond[1:] for test in opaque_tests(part)]
    return []


MAX_OPAQUE = 8  # more unreadable tests than this in one helper: its paths are not enumerated (2**n outcomes)


def certain(conds: List[Cond], env: Dict[str, tuple]) -> bool:
    """Whatever its unreadable tests turn out to be, one of ``conds`` holds: `if binary: open(p, "rb")` /
    `else: open(p)` opens a file on every path, though each `open` runs on some paths only."""
    tests = sorted({test for cond in conds for test in opaque_tests(cond)})
    if not tests:
        return any(evaluate(cond, env) for cond in conds)
    if len(tests) > MAX_OPAQUE:
        return False
    return _on_every_path(conds, env, tests)


def _undecided_atoms(cond: Cond, env: Dict[str, tuple], found: List[tuple]) -> None:
    if cond is None or cond == FALSE or cond[0] == "opaque":
        return
    if cond[0] in ("and", "or", "not"):
        for part in cond[1:]:
            _undecided_atoms(part, env, found)
    elif evaluate(cond, env) is None and cond not in found:
        found.append(cond)


def regardless(conds: List[Cond], env: Dict[str, tuple]) -> Optional[bool]:
    """Whether one of ``conds`` holds does not depend on the arguments no call site shows, only on unreadable
    tests: True when one holds on every path, False when on some paths only; None when the arguments decide
    (or nothing undecided is read). `if self.fallback is None: fh = open(p)` / `else: fh = open(p)` after
    `if req.method == "OPTIONS": return` opens a file on some paths, whatever `fallback` is."""
    atoms: List[tuple] = []
    for cond in conds:
        _undecided_atoms(cond, env, atoms)
    tests = sorted({test for cond in conds for test in opaque_tests(cond)})
    if not atoms or len(atoms) + len(tests) > MAX_OPAQUE:
        return None
    always = True
    for outcome in range(2 ** len(tests)):
        paths: Dict[object, bool] = {test: bool(outcome >> i & 1) for i, test in enumerate(tests)}
        seen = set()
        for choice in range(2 ** len(atoms)):
            paths.update((atom, bool(choice >> i & 1)) for i, atom in enumerate(atoms))
            seen.add(any(evaluate(cond, env, paths) for cond in conds))
            if len(seen) > 1:
                return None
        always = always and True in seen
    return always


def covered(conds: List[Cond], env: Dict[str, tuple]) -> bool:
    """Whatever the arguments no call site shows and the unreadable tests turn out to be, one of ``conds``
    holds: `if tls: a = make(binds)` / `else: a = make(binds)` runs `make` for every value of `tls`, so the
    argument decides which call runs, not whether one does."""
    atoms: List[tuple] = []
    for cond in conds:
        _undecided_atoms(cond, env, atoms)
    tests: List[object] = [*atoms, *sorted({test for cond in conds for test in opaque_tests(cond)})]
    if not atoms or len(tests) > MAX_OPAQUE:
        return False
    return _on_every_path(conds, env, tests)


def _on_every_path(conds: List[Cond], env: Dict[str, tuple], tests: List) -> bool:
    """One of ``conds`` holds whichever way each of ``tests`` turns out."""
    for outcome in range(2 ** len(tests)):
        paths = {test: bool(outcome >> i & 1) for i, test in enumerate(tests)}
        if not any(evaluate(cond, env, paths) for cond in conds):
            return False
    return True


def bind(signature: tuple, args: tuple, caller_env: Dict[str, tuple]) -> Dict[str, tuple]:
    """The callee's parameter -> value, from a call's argument values (which may name the caller's parameters).

    ``signature`` is (bound, ((name, kind, default), ...)): ``bound`` leading parameters are filled by the call
    itself (self, cls); kind is "pos", "kwonly" or "var"; default is a value or None (required).
    ``args`` is (positional values, ((keyword, value), ...), has_star).
    """
    bound, params = signature
    positional, keywords, star = args
    env: Dict[str, tuple] = {}
    slots = [p for p in params[bound:] if p[1] == "pos"]
    for param, value in zip(slots, positional):
        env[param[0]] = _resolve(value, caller_env)
    names = {p[0] for p in params}
    for keyword, value in keywords:
        if keyword in names or keyword in (AWAITED, ENTERED):
            env[keyword] = _resolve(value, caller_env)
    for name, kind, default in params[bound:]:
        if name not in env:
            env[name] = UNKNOWN if star or kind == "var" or default is None else default
    return env


def same_instance(args: tuple, env: Dict[str, tuple], inner: Dict[str, tuple], cond: Cond) -> Dict[str, tuple]:
    """The callee's environment ``inner`` of a call on the caller's own instance (a SELF_CALL keyword in
    ``args``), given what the caller knows of the instance's attributes: from its own caller, and from the tests
    ``cond`` the call runs under (`elif self.content: self.to_base64()`)."""
    name = next((value[1] for keyword, value in args[1] if keyword == SELF_CALL), None)
    if not isinstance(name, str):
        return inner
    prefix = name + "."
    carried = {key: value for key, value in env.items() if key.startswith(prefix)}
    stack = [cond]
    while stack:  # (the parts every path through the call holds: nested `and`s, from `elif a and b:`)
        part = stack.pop()
        if part is not None and part[0] == "and":
            stack.extend(part[1:])
        elif part is not None and part[0] == "guard" and part[1] == "truthy" and part[2][1].startswith(prefix) \
                and not part[2][2]:
            carried[part[2][1]] = TRUTHY
    if not carried:
        return inner
    return {**carried, **inner}


def _resolve(value: tuple, env: Dict[str, tuple]) -> tuple:
    if value[0] == "param":
        return env.get(value[1], UNKNOWN) if not value[2] else UNKNOWN
    return value

