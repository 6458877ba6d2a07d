"""What a call's arguments and the `if`s around it say: literal values, parameters, and the conditions built from
them (see conditions.py), so that `sqlite3.connect(":memory:")` or a helper's dead branch is not reported."""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.conditions import (FALSE, FETCHED, IP_TEXT, MEMORY, UNKNOWN, Cond, all_of, any_of, atom, negate,
                                        opaque)
from asynccheck.lint.scope import INST, REF, Scope

_MAX_DEPTH = 4


def _plain_string(node: cst.SimpleString) -> Optional[str]:
    """The value of a str literal without escapes, read off its text: libcst's ``evaluated_value`` compiles it
    (ast.literal_eval), which costs more than the rest of the check for a long docstring-like constant."""
    text = node.value
    start = 0
    while text[start] not in "'\"":
        start += 1
    if text[:start].lower() not in ("", "u", "r") or "\\" in text or "\r" in text or "\0" in text:
        return None
    quote = 3 if text[start:start + 3] in ('"""', "'''") else 1
    return text[start + quote:len(text) - quote]


def _literal(node: cst.BaseExpression) -> tuple:
    if type(node) is cst.SimpleString:
        plain = _plain_string(node)
        if plain is not None:
            return ("const", plain)
    if type(node) in (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float):
        try:
            value = node.evaluated_value
        except Exception:  # libcst raises on odd literals (bad escapes)
            return UNKNOWN
        return UNKNOWN if value is None else ("const", value)  # None: a concatenation with an f-string
    if type(node) is cst.Name and node.value in ("True", "False", "None"):
        return ("const", {"True": True, "False": False, "None": None}[node.value])
    if type(node) is cst.UnaryOperation and type(node.operator) is cst.Minus:
        inner = _literal(node.expression)
        if inner[0] == "const" and isinstance(inner[1], (int, float)):
            return ("const", -inner[1])
    return UNKNOWN


def value_of(scope: Scope, node: cst.BaseExpression, depth: int = 0) -> tuple:
    """The value of an expression as a call's argument: a literal, a flag set, a parameter of ``scope``'s
    function, or UNKNOWN."""
    found = _literal(node)
    if found is not UNKNOWN or depth > _MAX_DEPTH:
        return found
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.BitOr:
        left, right = value_of(scope, node.left, depth + 1), value_of(scope, node.right, depth + 1)
        flags = [v[1] for v in (left, right) if v[0] == "const" and isinstance(v[1], frozenset)]
        if not flags:
            return UNKNOWN
        others = [v for v in (left, right) if not (v[0] == "const" and isinstance(v[1], (frozenset, int)))]
        return ("const", frozenset().union(*flags) | (frozenset({"?"}) if others else frozenset()))
    if type(node) is cst.Name and _binary_parameter(scope, node.value):
        return FETCHED  # `def parse(blob: bytes)`: bytes are the data itself (a URL or a path is a str)
    if type(node) is cst.Name and _memory_parameter(scope, node):
        return MEMORY  # `def copy(src: io.BytesIO)`: the declaration says the stream is a buffer, not a file
    if type(node) is cst.Name:
        home = scope.lookup_scope(node.value)
        if home is not None and home is scope and scope.kind in ("function", "lambda") and \
                scope.bindings[node.value][0][0] == "param":
            return _param(scope, node.value, depth)
        if home is not None and home is not scope and home.kind == "function":
            captured = _captured_literal(scope, home, node.value)
            if captured is not None:
                return captured
        if home is not None and home.kind != "class":  # `MEMORY = ":memory:"`, a local bound only to literals
            bound = _literals(home, home.bindings[node.value], depth)
            if bound is not None and len(set(bound)) == 1:
                return ("const", bound[0])
    if _address_text(scope, node):
        return IP_TEXT
    value = scope.evaluate(node) if type(node) in (cst.Name, cst.Attribute, cst.Call) else None
    if value is not None and value[0] == REF and type(node) is not cst.Call:
        last = value[1].rpartition(".")[2]
        if last.isupper() and not last.startswith("_"):  # socket.AI_NUMERICHOST, os.WNOHANG
            return ("const", frozenset({last}))
    if value is not None and value[0] == INST and (value[1] in knowledge.MEMORY_STREAMS or
                                                   value[1] in knowledge.MEMORY_TRANSPORTS):
        return MEMORY  # `io.BytesIO(blob)`, `httpx.MockTransport(handler)`: what goes through it stays in memory
    if value is not None and value[0] == INST and value[1] in knowledge.INHERITS_HARMLESS and \
            type(node) is cst.Name and _made_harmless(scope, node, depth + 1) is None:
        return MEMORY  # `tar = tarfile.open(fileobj=io.BytesIO(raw))`: an archive that stays in memory
    if _fetched(scope, node):
        return FETCHED
    return UNKNOWN


def _captured_literal(scope: Scope, home: Scope, name: str) -> Optional[tuple]:
    """`if colour == "async": async def run(): ... helper(colour)`: a function defined under an equality test of
    a parameter of the function around it, which that function never rebinds, reads the literal compared to."""
    bindings = home.bindings.get(name, ())
    if len(bindings) != 1 or bindings[0][0] != "param":
        return None
    guards_of = scope.module.def_guards
    inner = scope
    while inner is not None and inner is not home:
        for test, holds, pristine in guards_of.get(id(inner.node), ()):
            if holds and name in pristine and type(test) is cst.Comparison and len(test.comparisons) == 1 \
                    and type(test.comparisons[0].operator) is cst.Equal:
                left, right = test.left, test.comparisons[0].comparator
                other = right if type(left) is cst.Name and left.value == name else \
                    left if type(right) is cst.Name and right.value == name else None
                value = _literal(other) if other is not None else UNKNOWN
                if value[0] == "const":
                    return value
        inner = inner.parent
    return None


def _address_text(scope: Scope, node: cst.BaseExpression) -> bool:
    """`str(ip)`, `ip.compressed`, `ip.exploded` of an `ipaddress` address: the text of a numeric address,
    which a resolver hands back without asking DNS."""
    if type(node) is cst.Attribute and node.attr.value in ("compressed", "exploded"):
        address = node.value
    elif type(node) is cst.Call and len(node.args) == 1 and node.args[0].keyword is None \
            and not node.args[0].star and type(node.func) is cst.Name and node.func.value == "str" \
            and scope.lookup_scope("str") is None:
        address = node.args[0].value
    else:
        return False
    made = scope.evaluate(address)
    return made is not None and made[0] == INST and made[1] in knowledge.IP_ADDRESS_TYPES


def _fetched(scope: Scope, node: cst.BaseExpression, through_name: bool = True) -> bool:
    """`await resp.text()`, `(await client.get(u)).content`, or a local bound only to such a value (`body`,
    `resp.text` where `resp = await client.get(u)`): data the coroutine has already read."""
    if type(node) is cst.Await:
        return True
    if type(node) is cst.Attribute:
        return _fetched(scope, node.value, through_name)
    if not through_name or type(node) is not cst.Name or scope.lookup_scope(node.value) is not scope:
        return False
    bindings = scope.bindings.get(node.value, ())
    return bool(bindings) and all(b[0] == "expr" and _fetched(scope, b[1], False) for b in bindings)


def _binary_parameter(scope: Scope, name: str) -> bool:
    if scope.kind != "function" or scope.lookup_scope(name) is not scope:
        return False
    bindings = scope.bindings.get(name, ())
    return len(bindings) == 1 and bindings[0][0] == "param" and type(bindings[0][1]) is cst.Annotation \
        and dotted(bindings[0][1].annotation) in ("bytes", "bytearray", "memoryview")


def _memory_parameter(scope: Scope, node: cst.Name) -> bool:
    name = node.value
    if scope.kind != "function" or scope.lookup_scope(name) is not scope:
        return False
    bindings = scope.bindings.get(name, ())
    if len(bindings) != 1 or bindings[0][0] != "param" or type(bindings[0][1]) is not cst.Annotation:
        return False
    value = scope.evaluate(node)
    return value is not None and value[0] == INST and value[1] in knowledge.MEMORY_STREAMS


def _literals(scope: Scope, bindings: List[tuple], depth: int) -> Optional[List[object]]:
    values = []
    for binding in bindings:
        if binding[0] != "expr":
            return None
        # a module constant may be an expression of flags (`_NUMERIC = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV`)
        folds = binding[2] is not scope or scope.kind == "module"
        value = value_of(binding[2], binding[1], depth + 1) if folds else _literal(binding[1])
        if value[0] != "const":
            return None
        values.append(value[1])
    return values


def _param(scope: Scope, name: str, depth: int) -> tuple:
    bindings = scope.bindings[name]
    if bindings[0][0] != "param":
        return UNKNOWN
    extras = _literals(scope, bindings[1:], depth)
    if extras is None:
        return UNKNOWN  # rebound to something we cannot follow
    return ("param", name, tuple(dict.fromkeys(extras)))


def call_args(scope: Scope, call: cst.Call) -> tuple:
    """(positional values, ((keyword, value), ...), has_star) of a call."""
    positional, keywords, star = [], [], False
    for arg in call.args:
        if arg.star:
            star = True
        elif arg.keyword is not None:
            keywords.append((arg.keyword.value, value_of(scope, arg.value)))
        elif not star:
            positional.append(value_of(scope, arg.value))
    return (tuple(positional), tuple(keywords), star)


def _argument(args: tuple, position: int, keyword: str) -> Optional[tuple]:
    """The value passed for a parameter; None when it is not passed (the API's blocking default applies)."""
    positional, keywords, star = args
    for name, value in keywords:
        if name == keyword:
            return value
    if 0 <= position < len(positional):
        return positional[position]
    return UNKNOWN if star else None


def harmless(scope: Scope, call: cst.Call, target: str, depth: int = 0) -> Cond:
    """When the call does not block, by its arguments (None: never blocks; FALSE: always may)."""
    args = call_args(scope, call)
    alternatives = [*knowledge.NON_BLOCKING_ARGS.get(target, ()), *((k,) for k in knowledge.NON_BLOCKING_KEYWORDS)]
    if knowledge.command_module_code(target) is not None:
        alternatives.extend(knowledge.COMMAND_NO_WAIT)
    parts: List[Cond] = []
    for tests in alternatives:
        atoms = []
        for position, keyword, test in tests:
            value = _argument(args, position, keyword)
            if value is None:  # not passed: the API's default blocks, but where the test says absent is harmless
                atoms.append(None if test.endswith("_or_absent") else FALSE)
            else:
                atoms.append(atom("harmless", test, value))
        parts.append(all_of(atoms))
    for position, keyword, prefixes in knowledge.NON_BLOCKING_PREFIXES.get(target, ()):
        value = _argument(args, position, keyword)
        if value is not None:
            parts.append(atom("harmless", ("prefix", prefixes, ()), value))
    owner, _, method = target.rpartition(".")
    if owner in knowledge.INHERITS_HARMLESS and type(call.func) is cst.Attribute and depth < _MAX_DEPTH and \
            method not in knowledge.TOUCH_DISK_ANYWAY.get(owner, ()):
        parts.append(_made_harmless(scope, call.func.value, depth + 1))
    return any_of(parts)


def made_harmless(scope: Scope, receiver: cst.BaseExpression) -> Cond:
    """When the object ``receiver`` names was made not to block (`lock = FileLock(p, timeout=0)`)."""
    return _made_harmless(scope, receiver, 0)


def _made_harmless(scope: Scope, receiver: cst.BaseExpression, depth: int) -> Cond:
    """The receiver was made by calls that were all harmless by their arguments (`db = sqlite3.connect(":memory:")`)."""
    if type(receiver) is cst.Name:
        home = scope.lookup_scope(receiver.value)
        if home is None:
            return FALSE
        bindings = home.bindings[receiver.value]
        if home is scope and len(bindings) == 1 and bindings[0][0] == "param":
            # `def validate(tar): tar.getmembers()`: harmless when the caller hands it an archive over memory
            # (the agents SDK checks `tarfile.open(fileobj=io.BytesIO(raw))` through a helper)
            return atom("harmless", "memory", ("param", receiver.value, ()))
    origins = made_by(scope, receiver)
    if origins is None:
        return FALSE
    parts = []
    for home, origin in origins:
        func = home.evaluate(origin.func)
        if func is None or func[0] != REF:
            return FALSE
        cond = harmless(home, origin, func[1], depth)
        if home is not scope and cond is not None:
            cond = FALSE  # made in another function, from its parameters: we cannot tell
        parts.append(cond)
    return all_of(parts) if parts else FALSE


def made_by(scope: Scope, receiver: cst.BaseExpression, depth: int = 0) -> Optional[List[Tuple[Scope, cst.Call]]]:
    """The calls that made the object ``receiver`` names, each with the scope it is in: the call itself, every
    binding of a name, every assignment of a `self.` attribute. None when some binding is not a call (a
    parameter, a value from elsewhere): then what made it is not all known."""
    origins: List[Tuple[Scope, cst.BaseExpression]] = []
    if type(receiver) is cst.Call:
        origins.append((scope, receiver))
    elif type(receiver) is cst.Name:
        home = scope.lookup_scope(receiver.value)
        if home is None:
            return None
        for binding in home.bindings[receiver.value]:
            if binding[0] not in ("expr", "enter"):
                return None
            if type(binding[1]) in (cst.Name, cst.Attribute) and depth < _MAX_DEPTH:
                # `db = self._db`, `with self._db as conn:`: another name for an object held elsewhere (entering
                # a connection, a file or an archive gives the object itself), made by what made that one
                entered = made_by(binding[2], binding[1], depth + 1)
                if not entered:
                    return None  # (an attribute of something else: what made it is not known)
                origins.extend(entered)
                continue
            origins.append((binding[2], binding[1]))
    elif type(receiver) is cst.Attribute and type(receiver.value) is cst.Name:
        owner = scope.self_class(receiver.value.value)
        for binding in (owner.attrs.get(receiver.attr.value, ()) if owner is not None else ()):
            if binding[0] != "expr":
                return None
            origins.append((binding[2], binding[1]))
    if any(type(origin) is not cst.Call for _, origin in origins):
        return None
    return origins


# -- guards: the `if`s a call sits under, as conditions on the function's parameters ---------------------------
def guard(site: CallSite) -> Cond:
    """The condition on the parameters of its function under which the call runs (None: always). Past `if not
    scopes: raise ValueError(...)` the call runs on every path that returns: which arguments the helper refuses
    is not what its blocking depends on, unless the test always holds there (`if loop.is_running(): raise`)."""
    raised = site.scope.module.raise_tests
    parts = []
    for test, holds, pristine in site.guards:
        cond = _Constraint(site.scope, pristine).of(test, holds)
        if not holds and cond != FALSE and id(test) in raised:
            continue
        parts.append(cond)
    return all_of(parts)


_LOOP_GETTERS = frozenset(("asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop"))


def loop_running_test(scope: Scope, test: cst.Call) -> bool:
    """`loop.is_running()` on an event loop: code reached from the loop's thread runs while that loop runs, so
    the branch for a stopped loop (`if loop.is_running(): loop.create_task(c) else: loop.run_until_complete(c)`,
    aiosmtpd's controller) is not taken there. The receiver is known to be a loop, or named like one."""
    func = test.func
    if test.args or type(func) is not cst.Attribute or func.attr.value != "is_running":
        return False
    receiver = func.value
    if type(receiver) is cst.Call:
        return scope.evaluate(receiver.func) in {(REF, name) for name in _LOOP_GETTERS}
    value = scope.evaluate(receiver)
    if value is not None and value[0] == INST and "EventLoop" in str(value[1]):
        return True
    name = dotted(receiver).rpartition(".")[2].lower()
    return name == "loop" or name.endswith("_loop")


# (on the loop's thread `get_event_loop()` returns the running loop too; its `except RuntimeError` is elsewhere)
_RUNNING_LOOP = frozenset(((REF, "asyncio.get_running_loop"), (REF, "asyncio._get_running_loop"),
                           (REF, "asyncio.events._get_running_loop"), (REF, "asyncio.get_event_loop")))


def running_loop_or_none(scope: Scope, node: cst.BaseExpression) -> bool:
    """A name bound only to `asyncio.get_running_loop()` and to None (`try: loop = get_running_loop()` /
    `except RuntimeError: loop = None`): None exactly when no loop runs in this thread (crawl4ai's
    `generate_schema` runs `asyncio.run(coro)` only then)."""
    if type(node) is not cst.Name:
        return False
    owner = scope.lookup_scope(node.value)
    bindings = owner.bindings.get(node.value, ()) if owner is not None else ()
    seen = False
    for binding in bindings:
        value = binding[1] if binding[0] == "expr" else None
        if type(value) is cst.Name and value.value == "None":
            continue
        if not (type(value) is cst.Call and binding[2].evaluate(value.func) in _RUNNING_LOOP):
            return False
        seen = True
    return seen


def stopped_loop_branch(site: CallSite) -> bool:
    """The call sits in a branch that runs only when an event loop is not running (see loop_running_test)."""
    return any(_Constraint(site.scope, pristine).of(test, holds) == FALSE and _names_loop_test(site.scope, test)
               for test, holds, pristine in site.guards)


def _names_loop_test(scope: Scope, test: cst.BaseExpression) -> bool:
    while type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test = test.expression
    if type(test) is cst.BooleanOperation:
        return _names_loop_test(scope, test.left) or _names_loop_test(scope, test.right)
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        return running_loop_or_none(scope, test.left)
    return type(test) is cst.Call and loop_running_test(scope, test)


class _Constraint:
    def __init__(self, scope: Scope, pristine: frozenset):
        self.scope = scope
        self.pristine = pristine  # parameters not rebound before the test: it reads the caller's argument

    def of(self, test: cst.BaseExpression, positive: bool) -> Cond:
        """What must hold of the parameters for ``test`` to be ``positive``; None when it constrains nothing."""
        if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
            return self.of(test.expression, not positive)
        if type(test) is cst.BooleanOperation:
            both = isinstance(test.operator, cst.And) == positive
            parts = (self.of(test.left, positive), self.of(test.right, positive))
            return all_of(parts) if both else any_of(parts)
        if type(test) is cst.Comparison and len(test.comparisons) == 1:
            target = test.comparisons[0]
            if type(target.comparator) is cst.Name and target.comparator.value == "None":
                if type(target.operator) is cst.IsNot:
                    positive = not positive
                elif type(target.operator) is not cst.Is:
                    return self._opaque(test, positive)
                if running_loop_or_none(self.scope, test.left):
                    return FALSE if positive else None  # on the loop's thread there is a running loop
                return self._atom("none", test.left, positive, whole=test)
            if type(target.comparator) is cst.Name and target.comparator.value in ("True", "False") \
                    and type(target.operator) in (cst.Is, cst.IsNot):
                # `if ssl is True: ssl = default_context()`: a flag that may also be a value of its own (a context)
                singleton = target.comparator.value == "True"
                return self._atom(("is", singleton), test.left, positive == (type(target.operator) is cst.Is),
                                  whole=test)
            membership = type(target.operator) in (cst.In, cst.NotIn)
            if membership and type(target.comparator) not in (cst.Tuple, cst.List, cst.Set):
                return self._opaque(test, positive)  # `x in "abc"`: a substring test
            literals = _literal_set(target.comparator) if membership or _literal(target.comparator) != UNKNOWN else None
            if literals is None:
                return self._opaque(test, positive)
            if type(target.operator) in (cst.NotEqual, cst.NotIn):
                positive = not positive
            elif type(target.operator) not in (cst.Equal, cst.In):
                return self._opaque(test, positive)
            return self._atom(("in", literals), test.left, positive, whole=test)  # `if host == "localhost":`
        if type(test) is cst.Call and dotted(test.func) == "isinstance" and len(test.args) == 2:
            names = _type_names(test.args[1].value)
            if names is None:
                return self._opaque(test, positive)
            # a helper that opens what it is given only when it is a path (`if isinstance(fp, str): fp =
            # open(fp)`): the polarity goes into the test, so that an argument of unknown type leaves the
            # branch out whichever way the test reads
            return self._atom(("isinstance", names, positive), test.args[0].value, True, kind="typed",
                              whole=(test, positive))
        if type(test) is cst.Call and loop_running_test(self.scope, test):
            return None if positive else FALSE
        prefixes = _prefix_test(test)
        if prefixes is not None:
            return self._prefix(test, prefixes, positive)
        return self._atom("truthy", test, positive)

    def _prefix(self, test: cst.Call, prefixes: tuple, positive: bool) -> Cond:
        """`if secret_name.startswith("oidc/"):` on a parameter: false for a literal argument that does not start
        so (`get_secret("OPENAI_API_KEY")`), even where the body first rewrote the name by replacing or removing
        literals in it (`secret_name = secret_name.replace("os.environ/", "")`): the test reads the rewritten
        literal, whichever of the rewrites ran."""
        receiver = test.func.value
        name = receiver.value if type(receiver) is cst.Name else None
        rewritten = () if name in self.pristine else _rewrites(self.scope, name) if name else None
        if rewritten is None or not self._is_param(name):
            return self._atom(("prefix", prefixes, ()), receiver, positive, whole=test)
        cond = atom("guard", ("prefix", prefixes, rewritten), ("param", name, ()))
        return cond if positive else negate(cond)

    def _atom(self, test, node: cst.BaseExpression, positive: bool, kind: str = "guard", whole=None) -> Cond:
        """``whole``: the test ``node`` is part of (with its polarity, where ``positive`` is inside ``test``)."""
        if type(node) is cst.Name and node.value in self.pristine and self._is_param(node.value):
            value: tuple = ("param", node.value, ())  # `if host: host = resolve(host)`: the test reads the argument
        elif kind == "guard" and self._own_attribute(node):
            # `if self.log_file: open(self.log_file, "a")`: an option of the instance, which no call site shows;
            # the branch may run, and the message says on what (crawl4ai's logger writes a file only if given one)
            value = ("param", dotted(node), ())
        else:
            value = value_of(self.scope, node) if type(node) is cst.Name else _literal(node)
        if value is UNKNOWN:
            # the test holds on some paths and not on others (`if ttype.endswith("-PROMPT"):`)
            if type(whole) is tuple:
                return self._opaque(*whole)
            return self._opaque(node if whole is None else whole, positive)
        cond = atom(kind, test, value)
        return cond if positive else negate(cond)

    def _opaque(self, test: cst.BaseExpression, positive: bool) -> Cond:
        """A test no literal or parameter decides: named by its text where that is one unrebound name (so that
        `if binary:` and a later `if not binary:` are known to be the two outcomes of one test), else by the
        node, whose `if` and `else` branches share it."""
        name = dotted(test)
        if not name or len(self.scope.bindings.get(name.partition(".")[0], ())) > 1:
            name = f"#{id(test)}"
        return opaque(name, positive)

    def _own_attribute(self, node: cst.BaseExpression) -> bool:
        return (type(node) is cst.Attribute and type(node.value) is cst.Name
                and self.scope.self_name is not None and node.value.value == self.scope.self_name)

    def _is_param(self, name: str) -> bool:
        bindings = self.scope.bindings.get(name)
        return bool(bindings) and bindings[0][0] == "param" and self.scope.lookup_scope(name) is self.scope


def _prefix_test(test: cst.BaseExpression) -> Optional[tuple]:
    """The literal prefixes of `x.startswith("a")` or `x.startswith(("a", "b"))`, sorted; None for other tests."""
    if type(test) is not cst.Call or type(test.func) is not cst.Attribute or test.func.attr.value != "startswith" \
            or len(test.args) != 1 or test.args[0].keyword is not None or test.args[0].star:
        return None
    literals = _literal_set(test.args[0].value)
    if not literals or not all(isinstance(v, str) for v in literals):
        return None
    return tuple(sorted(literals))


_REWRITES = frozenset(("replace", "removeprefix"))


def _rewrites(scope: Scope, name: str) -> Optional[tuple]:
    """How a parameter's later bindings rewrite it with literals, in order (`name = name.replace("os.environ/",
    "")` as ("replace", "os.environ/", ""), `name = name.removeprefix("x:")`); None when another binding gives it
    some other value."""
    bindings = scope.bindings.get(name, ())
    rewrites: List[tuple] = []
    for binding in bindings[1:]:
        value = binding[1] if binding[0] == "expr" else None
        if type(value) is not cst.Call or type(value.func) is not cst.Attribute \
                or value.func.attr.value not in _REWRITES or type(value.func.value) is not cst.Name \
                or value.func.value.value != name or not value.args \
                or len(value.args) != (2 if value.func.attr.value == "replace" else 1) \
                or any(arg.keyword is not None or arg.star for arg in value.args):
            return None
        args = [_literal(arg.value) for arg in value.args]
        if any(a[0] != "const" or not isinstance(a[1], str) for a in args):
            return None
        rewrites.append((value.func.attr.value, *(a[1] for a in args)))
    return tuple(dict.fromkeys(rewrites))


def _type_names(node: cst.BaseExpression) -> Optional[frozenset]:
    """`str`, `os.PathLike`, `(str, bytes)` as the set of their last name parts; None for anything else."""
    if type(node) is cst.Tuple:
        parts = [_type_names(e.value) for e in node.elements]
        return None if not parts or any(p is None for p in parts) else frozenset().union(*parts)
    if type(node) in (cst.Name, cst.Attribute):
        name = dotted(node)
        return frozenset((name.rpartition(".")[2],)) if name else None
    return None


def _literal_set(node: cst.BaseExpression) -> Optional[frozenset]:
    """`"a"` or `("a", "b")` (a tuple, list or set of literals) as a set of values; None for anything else."""
    elements = [e.value for e in node.elements] if type(node) in (cst.Tuple, cst.List, cst.Set) else [node]
    values = [_literal(e) for e in elements]
    if not values or any(v[0] != "const" for v in values):
        return None
    try:
        return frozenset(v[1] for v in values)
    except TypeError:
        return None


def signature(scope: Scope) -> tuple:
    """(bound, ((name, kind, default), ...)) of a function, for conditions.bind."""
    node = scope.node
    params = node.params
    decorators = {d.decorator.value if type(d.decorator) is cst.Name else
                  d.decorator.attr.value if type(d.decorator) is cst.Attribute else "" for d in node.decorators}
    bound = 1 if scope.class_scope is not None and "staticmethod" not in decorators else 0
    out = []
    for p in (*params.posonly_params, *params.params):
        out.append((p.name.value, "pos", None if p.default is None else _default(scope, p.default)))
    for p in params.kwonly_params:
        out.append((p.name.value, "kwonly", None if p.default is None else _default(scope, p.default)))
    for p in (params.star_arg, params.star_kwarg):
        if type(p) is cst.Param:
            out.append((p.name.value, "var", None))
    return (bound, tuple(out))


def _default(scope: Scope, node: cst.BaseExpression) -> tuple:
    value = value_of(scope.parent, node) if scope.parent is not None else _literal(node)
    return value if value[0] == "const" else UNKNOWN
