"""Scopes, bindings and a small abstract evaluator: "what is this expression?" without full metadata.

One walk over a module (see ``builder.py``) fills these scopes; rules then ask ``Scope.evaluate(expr)``, which
answers lazily and memoises. A value is ``None`` (unknown) or a pair:

- ``("ref", "time.sleep")``: a module, function, class or method, by qualified name;
- ``("inst", "requests.Session")``: an instance of a type;
- ``("iter", "threading.Thread")``: a collection of such instances (from ``list[threading.Thread]``).

The evaluator is deliberately conservative: when a name is bound to two different known values (or declared
with two different types) it is unknown, so a rule built on it stays quiet rather than guess, unless the bindings
that reach the read agree (``flow.py``). Annotations and how bindings combine are in ``types.py``.
"""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import callbacks, django_orm, fixtures, generic_project, generics, knowledge, protocols, \
    request_servers, sdk_families, stubs, types
from asynccheck.lint.types import element as iterated_element
from asynccheck.lint.interface import ENTERED, ENTERS_OTHER, FWD, KEYED, MANAGED, Foreign, call_key, unpacked_key

Value = Optional[Tuple[str, str]]
REF, INST, ITER = "ref", "inst", "iter"
MAP, ITEMS, MAP_ITER = types.MAP, types.ITEMS, types.MAP_ITER

BUILTINS = frozenset({"open", "input", "print", "len", "range", "list", "dict", "set", "tuple", "iter", "next",
                      "enumerate", "zip", "staticmethod", "getattr"})
_WRAPS_A_BUFFER = frozenset(f"io.{kind}" for kind in ("TextIOWrapper", "BufferedReader", "BufferedWriter", "BufferedRandom"))
_ELEMENT_METHODS = {ITER: frozenset({"pop", "popleft"}), MAP: frozenset({"get", "pop", "setdefault"}),
                    MAP_ITER: frozenset({"get", "pop", "setdefault"})}


_NOT_INHERITED = knowledge.INHERITS_HARMLESS | knowledge.ONLY_FROM_CALLS


def _container_method(base: Tuple[str, str], method: str) -> Value:
    kind, element = base
    if kind == MAP_ITER:  # `self._hooks.get(event, [])`: one of the collections
        return (ITER, element) if method in _ELEMENT_METHODS[kind] else None
    if method in _ELEMENT_METHODS[kind]:
        return types.element(base)  # (an awaitable-returning callable, from `handlers.get(name)`)
    if kind == MAP and method == "values":
        return (ITER, element)
    if kind == MAP and method == "items":
        return (ITEMS, element)
    return None
_IN_PROGRESS = ("?", "?")
_APP_STATE = "app.state"  # Starlette's shared namespace, reached as `app.state`, `request.app.state`, `self.app.state`
_NOT_STORED = ("!", "!")  # (no store of the attribute in the function: the class decides)
# Builtins whose result holds the elements of the one collection they are given, in some order.
_SAME_ELEMENTS = frozenset({"reversed", "sorted", "list", "tuple", "set", "frozenset", "iter"})


# `typing.cast(T, value)` hands back its value declared as a T (the type may be written as a string).
_CASTS = frozenset(("typing.cast", "typing_extensions.cast"))
_GENERATOR_MANAGERS = frozenset(("contextlib.contextmanager", "contextlib.asynccontextmanager"))

_NEW_TYPES = frozenset({"typing.NewType", "typing_extensions.NewType"})

# the methods that queue a Celery task (a signature, a task) and return its result handle
_CELERY_SENDS = frozenset({"delay", "apply_async"})

class Scope:
    """A module, class, function or lambda body, with what is bound in it."""

    __slots__ = (
        "kind", "name", "qualname", "parent", "node", "module", "bindings", "is_async", "is_generator",
        "attrs", "methods", "class_scope", "self_name", "memo", "children", "events", "name_loads", "defs",
        "returns", "classes", "base_nodes", "functions", "foreign", "narrowed", "reaching", "early_reads",
        "loopless", "excluded", "raise_tests", "returned_arms", "def_guards",
    )

    def __init__(self, kind: str, name: str, qualname: str, parent: Optional["Scope"], node: cst.CSTNode):
        self.kind = kind  # "module" | "class" | "function" | "lambda"
        self.name = name
        self.qualname = qualname
        self.parent = parent
        self.node = node
        self.module: "Scope" = parent.module if parent is not None else self
        self.bindings: Dict[str, List[tuple]] = {}
        self.is_async = False
        self.is_generator = False
        self.attrs: Dict[str, List[tuple]] = {}  # class scopes: self.X assignments in methods
        self.methods: Dict[str, "Scope"] = {}  # class scopes
        self.class_scope: Optional[Scope] = None  # function scopes: the class this is a method of
        self.self_name: Optional[str] = None  # methods: the name of the first parameter
        self.memo: Dict[object, Value] = {}
        self.children: List[Scope] = []
        self.events: Dict[str, list] = {}
        self.name_loads: Dict[str, int] = {}
        self.defs: Dict[str, str] = {}  # module scope: qualname -> "sync" | "async" | "asyncgen" | "class"
        # module scope: function qualname -> (return annotation, the scope it is read in, async?, property?)
        self.returns: Dict[str, tuple] = {}
        self.classes: Dict[str, "Scope"] = {}  # module scope: class qualname -> its scope
        self.functions: Dict[str, "Scope"] = {}  # module scope: function qualname -> its scope
        self.base_nodes: List[cst.BaseExpression] = []  # class scopes: the bases, read in the parent scope
        self.foreign: Optional[Foreign] = None  # module scope: facts about other modules (interface.py)
        # module scope: id(Name, or `self.x` Attribute, read under `isinstance(name, T)`) -> (T, the scope the test is in)
        self.narrowed: Dict[int, Tuple[cst.BaseExpression, "Scope"]] = {}
        # module scope: id(read where `isinstance(name, T)` failed) -> ((T, the scope the test is in), ...)
        self.excluded: Dict[int, Tuple[Tuple[cst.BaseExpression, "Scope"], ...]] = {}
        # module scope: id(test of an `if ...: raise` with no else): what follows runs on every path that returns
        self.raise_tests: Set[int] = set()
        # module scope: id(test of an `if`) -> (the call its body ends returning, the call its `else` ends
        # returning), each None when that arm ends otherwise; only tests with one such arm
        self.returned_arms: Dict[int, Tuple[Optional[cst.Call], Optional[cst.Call]]] = {}
        # module scope: id(a def nested in a function) -> the `if` tests it is defined under there (CallSite.guards)
        self.def_guards: Dict[int, tuple] = {}
        self.reaching: Optional[Dict[int, tuple]] = None  # function scopes: see flow.py
        # class scopes: ids of the Names the body reads before it binds them; a class body runs top to bottom,
        # so such a read is the enclosing scope's (`x = cast(T, v)` above a method named `cast`)
        self.early_reads: Set[int] = set()
        # module scope: its coroutines are stepped by a plain function of its own, with no loop (trampolines.py)
        self.loopless = False

    # -- structure -----------------------------------------------------------------------------------------
    @property
    def runs_on_loop(self) -> bool:
        """A coroutine or async generator body: code here runs on the event loop's thread (unless the module
        drives its coroutines itself, without a loop)."""
        return self.kind == "function" and self.is_async and not self.module.loopless

    @property
    def function_kind(self) -> str:
        if self.kind != "function":
            return self.kind
        if self.is_async:
            return "asyncgen" if self.is_generator else "async"
        return "sync"

    def bind(self, name: str, binding: tuple) -> None:
        self.bindings.setdefault(name, []).append(binding)

    def add_event(self, kind: str, item: object) -> None:
        self.events.setdefault(kind, []).append(item)

    def imports(self, packages: Tuple[str, ...]) -> bool:
        """Does this module bind anything from one of ``packages`` (`"django"`, the Qt bindings)? Memoised: asked
        once per module and question."""
        key = ("imports", packages)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = any(
                binding[0] == "value" and binding[1] is not None and isinstance(binding[1][1], str)
                and binding[1][1].partition(".")[0] in packages
                for bindings in self.bindings.values() for binding in bindings)
        return found  # type: ignore[return-value]

    def lookup_scope(self, name: str) -> Optional["Scope"]:
        """The scope whose binding of ``name`` is visible here (class bodies are skipped, as Python does)."""
        scope: Optional[Scope] = self
        first = True
        while scope is not None:
            if name in scope.bindings and (first or scope.kind != "class"):
                return scope
            first = False
            scope = scope.parent
        return None

    def sole_call(self, name: str) -> Optional[Tuple[cst.Call, "Scope"]]:
        """(the call whose result ``name`` holds, the scope that call is in) when that is the only binding of the
        name visible here (`loop = IOLoop.current()`), else None."""
        home = self.lookup_scope(name)
        bindings = home.bindings.get(name, ()) if home is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Call:
            return bindings[0][1], bindings[0][2]
        return None

    def loads_of(self, name: str) -> int:
        """How often ``name`` is read in this scope and the scopes nested in it."""
        total = self.name_loads.get(name, 0)
        for child in self.children:
            if name not in child.bindings:
                total += child.loads_of(name)
        return total

    # -- evaluation ----------------------------------------------------------------------------------------
    def evaluate(self, node: cst.BaseExpression) -> Value:
        key = id(node)
        memo = self.memo
        if key in memo:
            value = memo[key]
            return None if value is _IN_PROGRESS else value
        memo[key] = _IN_PROGRESS
        try:
            value = self._evaluate(node)
        except RecursionError:
            value = None
        memo[key] = value
        return value

    def _evaluate(self, node: cst.BaseExpression) -> Value:
        if type(node) is cst.Name:
            narrowed = self.module.narrowed.get(id(node))
            if narrowed is not None:  # `isinstance(x, T)` holds here: a T (a check we cannot read changes nothing)
                kind, where = narrowed
                decided, value = types.narrowed_type(where, kind)
                if decided:
                    return value
            excluded = self.module.excluded.get(id(node))
            if excluded is not None:  # `else:` of `isinstance(x, T)`: what is left of x's declared union
                value = types.remaining_member(self._declarations(node.value), excluded)
                if value is not None:
                    return value
                value = self._name(node)
                return None if types.ruled_out(value, excluded) else value
            return self._name(node)
        if type(node) is cst.Attribute:
            narrowed = self.module.narrowed.get(id(node))
            if narrowed is not None:  # `isinstance(self._lock, T)` holds here, as for a name
                kind, where = narrowed
                decided, value = types.narrowed_type(where, kind)
                if decided:
                    return value
            excluded = self.module.excluded.get(id(node))
            owner = self.self_class(node.value.value) if excluded is not None and type(node.value) is cst.Name \
                else None
            if owner is not None:  # `self._client` declared `httpx.Client | httpx.AsyncClient`, as for a name
                attr = node.attr.value
                value = types.remaining_member([*owner.attrs.get(attr, ()), *owner.bindings.get(attr, ())],
                                               excluded)
                if value is not None:
                    return value
            return self._attribute(node)
        if type(node) is cst.Call:
            return self._call(node)
        if type(node) is cst.BinaryOperation:
            if type(node.operator) is cst.Divide:
                left = self.evaluate(node.left)
                return left if left == (INST, "pathlib.Path") else None
            if type(node.operator) is cst.BitOr:
                # `prompt | model | parser`: composing a library's pipeline stage makes another (knowledge.PIPED)
                for side in (node.left, node.right):
                    value = self.evaluate(side)
                    if value is not None and value[0] == INST and value[1] in knowledge.PIPED:
                        return INST, knowledge.PIPED[value[1]]
            return None
        if type(node) is cst.Subscript:
            base = self.evaluate(node.value)
            if base is not None and base[0] in (ITER, MAP):
                return types.element(base)  # (`handlers[kind]`: maybe an awaitable-returning callable)
            if base is not None and base[0] == MAP_ITER:
                return (ITER, base[1])  # `self._hooks[event]`: the list of hooks for one event
            if base is not None and base[0] == INST and base[1] in knowledge.ITEM_TYPES:
                return (INST, knowledge.ITEM_TYPES[base[1]][0])  # `client["app"]`: a MongoClient's database
            if base is not None and base[0] == REF and base[1] in knowledge.REGISTRY_ITEMS:
                return (INST, knowledge.REGISTRY_ITEMS[base[1]])  # `caches["default"]`: a configured cache
            if base is not None and base[0] == REF and self._class_like(base[1]) \
                    and base[1].partition(".")[0] not in ("typing", "typing_extensions"):
                return base  # `asyncio.Queue[bytes]`, `Base[T]`: the generic class itself (called, subclassed)
            key = node.slice[0].slice if len(node.slice) == 1 else None
            if type(key) is cst.Index and type(key.value) in (cst.Name, cst.Attribute):
                typed = self.typed_key(key.value)
                if typed is not None:
                    return typed
            if base is not None and base[0] == INST and type(key) is cst.Index \
                    and type(key.value) is cst.SimpleString and isinstance(key.value.evaluated_value, str):
                name = key.value.evaluated_value
                return self.module.keyed_value(base[1], name) or self._member(base[1], name)  # a TypedDict's key
            if base is not None and base[0] == INST and base[1] in self.module.classes:
                getter = f"{base[1]}.__getitem__"  # `self.locks[lift]`, a class of the module's own `__getitem__`
                if getter in self.module.returns:
                    return self.call_value(getter)
            if base is None and type(key) is cst.Index and type(key.value) is cst.Integer \
                    and type(node.value) in (cst.Name, cst.Attribute):
                index = key.value.evaluated_value  # `ward.guards[0]` of a tuple display
                return self._display_part(node.value, index) if isinstance(index, int) and index >= 0 else None
            return None
        if type(node) is cst.Await:
            inner = node.expression
            if type(inner) is cst.Call:
                func = self.evaluate(inner.func)
                if func == (REF, knowledge.AWAITABLE_FUNCTION):  # declared `Callable[..., Awaitable[T]]`: a T
                    return types.awaited_declared(self, inner.func)
                if func is not None and func[0] == REF and func[1] in knowledge.OFFLOADED_RESULT:
                    handed = self.offloaded(inner, func[1])
                    return self.call_value(handed) if handed is not None else None
                if func is not None and func[0] == REF and func[1] in self.module.returns:
                    specific = generics.call_result(self, inner, func[1], awaited=True)
                    if specific is not None:
                        return specific
                elif func is not None and func[0] == REF and self.module.foreign is not None:
                    specific = generic_project.call_result(self, inner, func[1], awaited=True)
                    if specific is not None:
                        return specific
                if func is not None and func[0] == REF:
                    value = self.call_value(func[1], awaited=True)
                    return value if value is not None else types.held_element(self, inner, awaited=True)
            return None
        if type(node) is cst.ListComp:  # `[threading.Lock() for _ in range(n)]`: a list of locks
            element = self.evaluate(node.elt)
            return (ITER, element[1]) if element is not None and element[0] == INST else None
        if type(node) is cst.DictComp:  # `{k: threading.Lock() for k in keys}`
            element = self.evaluate(node.value)
            return (MAP, element[1]) if element is not None and element[0] == INST else None
        if type(node) is cst.Dict and node.elements:  # `{"db": threading.Lock(), "cache": threading.Lock()}`
            values = {self.evaluate(e.value) if type(e) is cst.DictElement else None for e in node.elements}
            value = next(iter(values)) if len(values) == 1 else None
            if value is not None and value[0] == INST:
                return (MAP, value[1])
            return self._coroutine_table({self._table_entry(e.value) if type(e) is cst.DictElement else None
                                          for e in node.elements})
        if type(node) in (cst.List, cst.Tuple, cst.Set) and node.elements:
            # `(requests.get, requests.head)`, walked and each called: a table without keys
            table = self._blocking_table({self._table_entry(e.value) if type(e) is cst.Element else None
                                          for e in node.elements})
            return (ITER, table[1]) if table is not None else None
        if type(node) is cst.IfExp or (type(node) is cst.BooleanOperation and type(node.operator) is cst.Or):
            return self._either(node)
        if type(node) is cst.Lambda:
            return self._forwarded(node)
        return None

    def _forwarded(self, node: cst.Lambda) -> Value:
        """`lambda url: requests.get(url, timeout=5)`: a lambda that only calls a known blocking function stands
        for it, so calling the lambda (`self.fetch(url)` after `self.fetch = lambda ...`) is that call. Not when
        the function is one of the lambda's parameters, nor when its arguments may make it harmless (the
        lambda's own call does not show them), nor in a coroutine, whose lambdas are taken to run on the loop and
        are reported where they call it."""
        body = node.body
        if type(body) is not cst.Call or self.is_async:
            return None
        root = body.func
        while type(root) is cst.Attribute:
            root = root.value
        params = {p.name.value for p in (*node.params.params, *node.params.posonly_params, *node.params.kwonly_params)}
        if type(root) is not cst.Name or root.value in params:
            return None
        value = self.evaluate(body.func)
        if value is None or value[0] != REF or value[1] not in knowledge.BLOCKING \
                or value[1] in knowledge.NON_BLOCKING_ARGS:
            return None
        return value

    def offloaded(self, call: cst.Call, offloader: str) -> Optional[str]:
        """The callable f that `asyncio.to_thread(f, ...)` (an OFFLOADED_RESULT call) runs: awaited, the call gives
        what f returns (the object a worker thread made is used on the loop's thread afterwards).
        `functools.partial(f, ...)` stands for f."""
        position, keyword = knowledge.OFFLOADED_RESULT[offloader]
        named = [a for a in call.args if a.keyword is not None and a.keyword.value == keyword]
        positional = [a for a in call.args if a.keyword is None and not a.star]
        arg = named[0] if named else positional[position] if len(positional) > position else None
        handed = arg.value if arg is not None else None
        if type(handed) is cst.Call and handed.args and handed.args[0].keyword is None \
                and self.evaluate(handed.func) == (REF, "functools.partial"):
            handed = handed.args[0].value
        if type(handed) not in (cst.Name, cst.Attribute):
            return None
        func = self.evaluate(handed)
        return func[1] if func is not None and func[0] == REF else None

    def typed_key(self, key: cst.BaseExpression) -> Value:
        """What `app[POOL]` holds when `POOL = web.AppKey("pool", ClientSession)`: the key itself names the type
        of its value (the container needs no annotation: aiohttp's handlers often take a bare `app`). A key
        imported from another module of the project (`app[keys.POOL]`) is what that module says it keys."""
        made = self.sole_call(key.value) if type(key) is cst.Name else None
        if made is None:
            ref = self.evaluate(key)
            foreign = self.module.foreign
            if ref is None or ref[0] != REF or foreign is None or not foreign.owns(ref[1]):
                return None
            value = foreign.fact(ref[1] + KEYED, None)
            return value if value is not None and value[0] == INST else None
        call, where = made
        func = where.evaluate(call.func)
        spec = knowledge.TYPED_KEYS.get(func[1]) if func is not None and func[0] == REF else None
        if spec is None:
            return None
        position, keyword = spec
        positional = [a for a in call.args if a.keyword is None and not a.star]
        named = [a for a in call.args if a.keyword is not None and a.keyword.value == keyword]
        arg = named[0] if named else positional[position] if len(positional) > position else None
        value = types.annotation_type(where, arg.value) if arg is not None else None
        return value if value is not None and value[0] == INST else None

    def _table_entry(self, node: cst.BaseExpression) -> Value:
        """An entry of a dispatch table: `functools.partial(push, text="hi")` is called as what it wraps is."""
        if type(node) is cst.Call and node.args and node.args[0].keyword is None and not node.args[0].star \
                and self.evaluate(node.func) == (REF, "functools.partial"):
            node = node.args[0].value
        return self.evaluate(node)

    def _coroutine_table(self, values: set) -> Value:
        """`{"ping": ping, "help": help_}` with every value an `async def` of this module: a dispatch table whose
        entries make coroutines when called (`handlers[name](chat)` must be awaited)."""
        defs = self.module.defs
        if all(v is not None and v[0] == REF and defs.get(v[1]) == "async" for v in values):
            return (MAP, knowledge.AWAITABLE_FUNCTION)
        return self._blocking_table(values)

    @staticmethod
    def _blocking_table(values: set) -> Value:
        """`{"get": requests.get, "post": requests.post}`: library functions that all block the same way, one
        standing for all (`HANDLERS[method](url)` is a request whichever it picks)."""
        if all(v is not None and v[0] == REF for v in values):
            codes = {knowledge.BLOCKING.get(v[1]) for v in values}
            if len(codes) == 1 and None not in codes:
                return (MAP, types.FUNCTION_ELEMENT + min(v[1] for v in values))
        return None

    def _either(self, node: cst.BaseExpression) -> Value:
        """`loop or asyncio.get_event_loop()`, `a if c else b`: what the known branches agree on (an unknown
        branch or a None does not compete, as with a name's bindings)."""
        sides = (node.body, node.orelse) if type(node) is cst.IfExp else (node.left, node.right)
        values = {self.evaluate(side) for side in sides if not types.is_none(side)} - {None}
        if len(values) > 1:  # `sender or send_email`: the function named says more than "some coroutine function"
            values.discard((REF, knowledge.AWAITABLE_FUNCTION))
        return values.pop() if len(values) == 1 else types.file_or_memory(sorted(values))

    def _name(self, node: cst.Name) -> Value:
        """A read of a name: what its bindings combine to, or when they disagree and it is a local of a function,
        what the bindings that reach this read say (flow.py)."""
        name = node.value
        scope = self.lookup_scope(name)
        if scope is self and id(node) in self.early_reads:
            outer = self.parent
            while outer is not None and outer.kind == "class":
                outer = outer.parent
            scope = outer.lookup_scope(name) if outer is not None else None
        if scope is None:
            if name in BUILTINS:
                return (REF, "builtins." + name)
            return self.module.imported(self.module.foreign.star_name(name)) if self.module.foreign else None
        value = scope._bound_value(name)
        if value is None and scope.kind == "function" and scope._disagree(name):
            from asynccheck.lint import flow  # here: flow walks with builder's helpers, and builder imports this

            reaching = flow.reaching(scope, node)
            if reaching:
                value = types.combine(scope, list(reaching), scope._binding_value)
                if value is None:  # a file on one path, a buffer on another: a file (types.file_or_memory)
                    value = types.file_or_memory(scope._binding_value(b) for b in reaching
                                                 if not types.is_none_binding(b))
        return value

    def _disagree(self, name: str) -> bool:
        """Is ``name`` unknown here because its bindings say different things (not because none says anything)?"""
        bindings = self.bindings[name]
        if len(bindings) < 2:
            return False
        key = ("disagree", name)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = types.says_something(self, bindings, self._binding_value)
        return found

    def name_value(self, name: str) -> Value:
        scope = self.lookup_scope(name)
        if scope is None:
            if name in BUILTINS:
                return (REF, "builtins." + name)
            return self.module.imported(self.module.foreign.star_name(name)) if self.module.foreign else None
        return scope._bound_value(name)

    def _bound_value(self, name: str) -> Value:
        key = ("name", name)
        if key in self.memo:
            value = self.memo[key]
            return None if value is _IN_PROGRESS else value
        self.memo[key] = _IN_PROGRESS
        value = types.combine(self, self.bindings[name], self._binding_value) or types.stored(self, name, self.bindings[name])
        self.memo[key] = value
        return value

    def _declarations(self, name: str) -> List[tuple]:
        home = self.lookup_scope(name)
        return home.bindings.get(name, []) if home is not None else []

    def _binding_value(self, binding: tuple) -> Value:
        kind = binding[0]
        if kind == "value":  # a value known when the binding was made (imports, defs)
            return self.module.imported(binding[1])
        if kind == "expr":  # (with a 4th item, the annotation of `x: T = expr`)
            return binding[2].evaluate(binding[1])
        if kind == "param":
            _, annotation, default, scope, is_self = binding
            if is_self is not None:
                return (INST, is_self)
            if annotation is not None:
                typed = scope.annotation_value(annotation)
                if typed is not None:
                    return typed
            if default is not None and scope.parent is not None:
                given = types.dependency_value(scope.parent, default)  # `db=Depends(get_db)`
                return given if given is not None else scope.parent.evaluate(default)
            if getattr(scope.node, "decorators", None) and scope.parent is not None:
                given = types.handler_argument(scope, binding)  # `@bot.event async def on_message(message)`
                if given is not None:
                    return given
            if scope.name == "__init__" and scope.class_scope is not None:
                made = types.constructor_argument(scope, binding)  # `class Music(commands.Cog)`: its `bot`
                if made is None:
                    made = types.constructor_given(scope, binding)  # `Repo(session=requests.Session())`
                if made is not None:
                    return made
            given = fixtures.fixture_argument(scope, binding) if default is None else None
            if given is not None:  # `async def test_health(client)`: what the fixture `client` yields
                return given
            transport = protocols.handed_transport(scope, binding) if scope.name == "connection_made" else None
            if transport is not None:
                return (INST, transport)
            handed = callbacks.handed_argument(scope, binding)  # `asyncio.start_server(pump, ...)`: its writer
            return handed if handed is not None else types.named_argument(scope, binding)  # a HA module's `hass`
        if kind == "unpack":  # `reader, writer = await asyncio.open_connection(...)`
            _, expr, index, scope = binding
            awaited = type(expr) is cst.Await
            call = expr.expression if awaited else expr
            if type(call) is cst.Call:  # `left, right = socket.socketpair()`
                func = scope.evaluate(call.func)
                if awaited and func is not None and func[0] == REF and func[1] in knowledge.OFFLOADED_RESULT:
                    # `_, out, _ = await asyncio.to_thread(ssh.exec_command, cmd)`: what the sync call unpacks to
                    handed = scope.offloaded(call, func[1])
                    func, awaited = ((REF, handed) if handed is not None else None), False
                table = knowledge.UNPACKED if awaited else knowledge.UNPACKED_SYNC
                made = table.get(func[1]) if func is not None and func[0] == REF else None
                if made is not None and index < len(made):
                    return (INST, made[index])
                foreign = scope.module.foreign
                if func is not None and func[0] == REF and foreign is not None and foreign.owns(func[1]):
                    # another module's function: what it says its tuple holds there
                    return foreign.fact(unpacked_key(func[1], awaited, index), None)
            if type(expr) in (cst.Name, cst.Attribute):  # `order_lock, _ = ward.guards`, a tuple display
                part = scope._display_part(expr, index)
                if part is not None:
                    return part
            return types.unpacked_declared(scope, expr, index)
        if kind == "annot":
            _, annotation, scope = binding
            return types.declared_value(scope, annotation)
        if kind == "iter":
            _, expr, scope = binding
            value = scope.evaluate(expr)
            return iterated_element(value) if value is not None and value[0] == ITER else None
        if kind == "part":  # `for i, x in enumerate(xs)`, `for a, b in zip(xs, ys)`, `for k, v in d.items()`
            _, expr, index, scope = binding
            return scope._iterated_part(expr, index)
        if kind == "subpart":  # `for (k, v), y in zip(pairs, ys)`, `for i, (k, v) in enumerate(pairs)`
            _, expr, index, inner, scope = binding
            pairs = scope._zipped(expr, index)
            return (INST, pairs[1]) if pairs is not None and pairs[0] == ITEMS and inner == 1 else None
        if kind == "enter":  # `with X as y`: the known types' __enter__ returns the object itself
            _, expr, scope = binding
            manager = scope._generator_manager(expr)
            if manager is not None:  # `async with session() as api`: what the generator yields
                return manager.yielded_value()
            value = scope.evaluate(expr)
            yielded = scope._managed_yield(expr)
            if yielded is not None:
                return yielded  # `with uploaded(id) as path:` where `@contextmanager def uploaded() -> Iterator[Path]`
            foreign = scope.module.foreign
            if type(expr) is cst.Call and foreign is not None:
                called = scope.evaluate(expr.func)
                if called is not None and called[0] == REF and foreign.owns(called[1]):
                    # another module's `@contextmanager` generator: what it says entering a call of it gives
                    managed = foreign.fact(f"{called[1]}{MANAGED}", None)
                    if managed is not None:
                        return managed
            if value is None or value[0] != INST:
                return None
            owner = scope.module.classes.get(value[1])
            if owner is not None:
                return value if owner.enters_itself() else owner.entered_value()
            foreign = scope.module.foreign
            if foreign is not None and foreign.owns(value[1]):  # a class of another module: what it says
                return None if foreign.fact(f"{value[1]}.__enter__{ENTERED}", value) == ENTERS_OTHER else value
            return (INST, knowledge.ENTERS[value[1]]) if value[1] in knowledge.ENTERS else value
        return None

    def _attribute(self, node: cst.Attribute) -> Value:
        attr = node.attr.value
        base_node = node.value
        if type(base_node) is cst.Name:
            owner = self.self_class(base_node.value)
            if owner is not None:
                return owner.member_value(attr)
            stored = self._stored_here(base_node.value, attr)
            if stored is not _NOT_STORED:
                return stored
        elif type(base_node) is cst.Attribute and _path(base_node):
            path = _path(base_node)
            stored = self._stored_here(path, attr)
            if stored is not _NOT_STORED:
                return stored
            if path == _APP_STATE or path.endswith("." + _APP_STATE):
                shared = self.module.app_state_value(attr)
                if shared is not None:
                    return shared
        if type(base_node) is cst.Call and not base_node.args and type(base_node.func) is cst.Name \
                and base_node.func.value == "super" and self.lookup_scope("super") is None:
            scope: Optional[Scope] = self  # `super().attr` in a method: the attribute as a base class has it
            while scope is not None and scope.kind in ("function", "lambda") and scope.self_name is None:
                scope = scope.parent
            owner = scope.class_scope if scope is not None and scope.kind == "function" else None
            return owner._from_base(attr) if owner is not None else None
        instance = _class_of_instance(base_node)
        if instance is not None and self.lookup_scope("type") is None:
            owner = self.self_class(instance)  # `type(self)._lock`, `self.__class__._lock`: the class's own
            if owner is not None:
                return owner.member_value(attr)
        base = self.evaluate(base_node)
        if base is None:
            return None
        kind, name = base
        if kind == REF:
            owner = self.module.classes.get(name)
            if owner is not None and (attr != django_orm.MANAGER or owner.defines(attr)):
                return owner.member_value(attr)  # `Registry._lock`, `cls._lock`: what the class body (or a base) binds
            manager = django_orm.manager_value(self, name, attr) if attr == django_orm.MANAGER else None
            if manager is not None:
                return manager  # `Order.objects`: the model's rows, read when the query runs
            if owner is not None:
                return owner.member_value(attr)
            made = self.made_by_decorator(name)
            if made is not None:
                return self._member(made, attr)  # `render.delay(...)`: `@app.task def render` is a Celery task
            return self.module.imported((REF, knowledge.canonical(f"{name}.{attr}")))
        if kind == INST:
            specific = types.typed_attribute(self, node, name)  # `info.context` with `info: Info[Context, None]`
            if specific is not None:
                return specific
            member = f"{name}.{attr}"
            if member in knowledge.PROPERTIES:
                return (INST, knowledge.PROPERTIES[member])
            items = knowledge.ITEM_TYPES.get(name)
            if items is not None and attr not in items[1] and not attr.startswith("_"):
                return (INST, items[0])  # `db.orders`: a database's collection
            if items is None and sdk_families.namespace(name, attr):
                return (INST, name)  # `compute.virtual_machines`: an operation group of an Azure client
            generic = self.module.classes.get(name)
            if generic is not None:  # `box.item` with `box: Box[requests.Session]`, `item: T`
                specific = generics.attribute_result(self, node, generic, attr)
                if specific is not None:
                    return specific
            elif self.module.foreign is not None:
                specific = generic_project.attribute_result(self, node, name)  # another module's `Box`
                if specific is not None:
                    return specific
            return self._member(name, attr)
        return None

    def _stored_here(self, name: str, attr: str) -> object:
        """``obj.attr`` where this function (or one it is nested in, while ``obj`` is the same object) itself
        assigns ``obj.attr = value``: a test that swaps a client for a mock, a handler that installs its own
        reader. What the class declares is no longer what is there; the value assigned is, when every such store
        agrees, else nothing is known. ``name`` may be a path (`app.state` of `app.state.client`)."""
        root = name.partition(".")[0]
        holder = self.lookup_scope(root)
        if holder is None or all(b[0] == "value" and b[1] is not None and b[1][0] == REF
                                 for b in holder.bindings[root]):
            # a module, class or function (`asyncio.create_task = fake`): patching it for the whole program is
            # not this object's slot, and reading the patch flow-insensitively would hide every call before it
            return _NOT_STORED
        scope: Optional[Scope] = self
        found: list = []
        while scope is not None and scope.kind in ("function", "lambda"):
            for owner, stored_attr, binding in scope.events.get("attr_stores", ()):
                # (`conn.writer = None` after closing it resets the slot; it does not say what was used before)
                if owner == name and stored_attr == attr and not (binding[0] == "expr" and types.is_none(binding[1])):
                    found.append(binding)
            if found or root in scope.bindings:
                break
            scope = scope.parent
        if not found:
            return _NOT_STORED
        values = set()
        for binding in found:
            if binding[0] != "expr":
                return None
            values.add(binding[2].evaluate(binding[1]))
        return values.pop() if len(values) == 1 else None

    def _managed_yield(self, expr: cst.BaseExpression) -> Value:
        """What entering ``expr`` gives when it calls a `@contextmanager` (or `@asynccontextmanager`) generator of
        this module: what it yields, as its `Iterator[T]` / `Generator[T, ...]` / `AsyncIterator[T]` return
        annotation declares; else None."""
        if type(expr) is not cst.Call:
            return None
        called = self.evaluate(expr.func)
        name = called[1] if called is not None and called[0] == REF else None
        function = self.module.functions.get(name) if name is not None else None
        annotated = self.module.returns.get(name) if function is not None else None
        if annotated is None or annotated[0] is None or not any(
                _decorator_value(function, d) in _GENERATOR_MANAGERS for d in getattr(function.node, "decorators", ())):
            return None
        declared = annotated[1].annotation_value(annotated[0])
        return (INST, declared[1]) if declared is not None and declared[0] == ITER else None

    def made_by_decorator(self, qualname: str) -> Optional[str]:
        """The type of the library object a decorator makes of this module's function ``qualname`` (see
        knowledge.OBJECT_DECORATORS), else None."""
        function = self.module.functions.get(qualname)
        if function is None or not getattr(function.node, "decorators", ()):
            return None
        where = function.parent
        for decorator in function.node.decorators:
            expr = decorator.decorator.func if type(decorator.decorator) is cst.Call else decorator.decorator
            made = where.evaluate(expr)
            if made is not None and made[0] == REF and made[1] in knowledge.OBJECT_DECORATORS:
                return knowledge.OBJECT_DECORATORS[made[1]]
        return None

    def _typed_dict(self, cls: str) -> bool:
        """Is ``cls`` a TypedDict class of this module?"""
        owner = self.module.classes.get(cls)
        if owner is None or owner.parent is None:
            return False
        for base in owner.base_nodes:
            value = owner.parent.evaluate(base)
            if value is not None and value[0] == REF and value[1].rpartition(".")[2] == "TypedDict":
                return True
        return False

    def _member(self, cls: str, attr: str) -> Value:
        """``obj.attr`` (or a TypedDict's ``obj["attr"]``) on an instance of the class ``cls``."""
        owner = self.module.classes.get(cls)
        if owner is not None:
            return owner.member_value(attr)
        member = (REF, f"{cls}.{attr}")
        if member[1] in knowledge.PROPERTIES:  # (a library class's, inherited: `self.loop` in a `discord.Client`)
            return (INST, knowledge.PROPERTIES[member[1]])
        found = self.module.imported(member)
        if found == member:
            return django_orm.instance_member(self, cls, attr) or found  # `order.save()`, order an app's model
        return found

    def imported(self, value: Value) -> Value:
        """A reference to a name of another project module: what that module says it is (an instance, another
        name for a callable), else the reference itself."""
        foreign = self.module.foreign
        if value is None or value[0] != REF or foreign is None or not foreign.owns(value[1]):
            return value
        return foreign.fact(value[1], value)

    def self_class(self, name: str) -> Optional["Scope"]:
        """The class scope when ``name`` is the ``self`` of the method this code is in (closures included)."""
        scope: Optional[Scope] = self
        while scope is not None and scope.kind in ("function", "lambda"):
            if scope.self_name is not None:
                return scope.class_scope if scope.self_name == name else None
            if name in scope.bindings:
                return None
            scope = scope.parent
        return None

    def enters_itself(self) -> bool:
        """Does entering an instance of this class give the instance? Not when its `__enter__` or `__aenter__`
        returns anything but `self`: `async with Client() as session` binds the session that `Client.__aenter__`
        makes (gql), whose methods are not the client's."""
        from asynccheck.lint.builder import walk_local  # builder imports this module
        for name in ("__enter__", "__aenter__"):
            method = self.methods.get(name)
            if method is None or method.self_name is None:
                continue
            for node in walk_local(method.node):
                if type(node) is cst.Return and not (
                        type(node.value) is cst.Name and node.value.value == method.self_name):
                    return False
        return True

    def entered_value(self) -> Value:
        """What entering an instance of this class gives when it is not the instance: what its `__aenter__` (or
        `__enter__`) declares it returns (`async def __aenter__(self) -> sqlite3.Connection`), else what its
        return statements agree on; unknown when the two methods disagree."""
        values = set()
        for name in ("__enter__", "__aenter__"):
            method = self.methods.get(name)
            if method is None:
                continue
            returned = self.module.returns.get(method.qualname)
            if returned is not None and returned[0] is not None and not types.names_no_class(returned[1], returned[0]):
                values.add(returned[1].annotation_value(returned[0]))
            else:
                values.add(method.returned_value())
        return values.pop() if len(values) == 1 else None

    def app_state_value(self, attr: str) -> Value:
        """``request.app.state.attr`` (Starlette's and FastAPI's namespace of shared objects): what this module
        stores there, in any function (`app.state.reindex = asyncio.Event()` in the lifespan), when every store
        agrees. One object per application, whatever path reaches it. Asked of the module scope."""
        memo_key = ("app.state", attr)
        if memo_key in self.memo:
            value = self.memo[memo_key]
            return None if value is _IN_PROGRESS else value
        self.memo[memo_key] = _IN_PROGRESS
        values = set()
        pending = [self]
        while pending:
            scope = pending.pop()
            pending.extend(scope.children)
            for owner, stored_attr, binding in scope.events.get("attr_stores", ()):
                if stored_attr != attr or not (owner == _APP_STATE or owner.endswith("." + _APP_STATE)):
                    continue
                if binding[0] != "expr":
                    values.add(None)
                elif not types.is_none(binding[1]):
                    values.add(binding[2].evaluate(binding[1]))
        value = values.pop() if len(values) == 1 else None
        self.memo[memo_key] = value
        return value

    def keyed_value(self, cls: str, key: str) -> Value:
        """``obj["db"]`` on an instance of the library class ``cls`` that works as a registry (an aiohttp
        `Application`): what this module stores under that key on instances of it, when every store agrees.
        Asked of the module scope."""
        memo_key = ("keyed", cls, key)
        if memo_key in self.memo:
            value = self.memo[memo_key]
            return None if value is _IN_PROGRESS else value
        self.memo[memo_key] = _IN_PROGRESS
        values = set()
        for container, stored_key, binding in self.events.get("keyed_stores", ()):
            if stored_key != key or types.is_none(binding[1]):
                continue
            where = binding[2]
            if where.evaluate(container) == (INST, cls):
                values.add(where.evaluate(binding[1]))
        value = values.pop() if len(values) == 1 else None
        self.memo[memo_key] = value
        return value

    def member_value(self, attr: str, depth: int = 0) -> Value:
        """``self.attr`` inside this class (or ``obj.attr`` on its instances): a method, a property's type, or
        what the class body and the methods declare or assign to it, here or in a base class of this module."""
        key = ("attr", attr)
        if key in self.memo:
            value = self.memo[key]
            return None if value is _IN_PROGRESS else value
        self.memo[key] = _IN_PROGRESS
        bindings = [*self.attrs.get(attr, ()), *self.bindings.get(attr, ())]
        method = self.methods.get(attr)
        if method is not None and attr not in self.attrs:
            value = (REF, method.qualname)
            returned = self.module.returns.get(method.qualname)
            if returned is not None and returned[3]:  # a property: the value is what it returns
                value = returned[1].annotation_value(returned[0]) if returned[0] is not None else method.returned_value()
        elif bindings:
            value = types.combine(self, bindings, self._binding_value) or types.stored(self, attr, bindings) \
                or types.field_given(self, attr, bindings)
        else:
            value = self._inherited(attr, depth)
        self.memo[key] = value
        return value

    def _from_base(self, attr: str) -> Value:
        """``super().attr`` in this class's methods: the attribute as its first base class has it (the first
        base known to be a class: of this module, or another of the project's that the index resolves)."""
        if len(self.base_nodes) != 1 or self.parent is None:
            return None  # (several bases: the method resolution order decides, which is not modelled)
        value = self.parent.evaluate(self.base_nodes[0])
        if value is None or value[0] != REF:
            return None
        owner = self.module.classes.get(value[1])
        if owner is not None:
            return owner.member_value(attr) if owner is not self else None
        return self.imported((REF, f"{value[1]}.{attr}"))

    def _inherited(self, attr: str, depth: int) -> Value:
        """A member declared in a base class of the same module; otherwise a reference the project index
        resolves later (for methods)."""
        if request_servers.is_server_attr(attr) and self.kind == "class":
            served = request_servers.server_class(self)  # `self.server` in a socketserver handler
            if served is not None:
                return (INST, served)
        if depth < 5 and self.parent is not None:
            shadowed = False  # a base before the library's defines it (or, of another module, may)
            for base in self.base_nodes:
                value = self.parent.evaluate(base)
                owner = self.module.classes.get(value[1]) if value is not None and value[0] == REF else None
                foreign = self.module.foreign
                if owner is None and value is not None and value[0] == REF and foreign is not None \
                        and foreign.owns(value[1]):  # a base class of another module: what it says
                    found = foreign.fact(f"{value[1]}.{attr}", None)
                    if found is not None and found[0] != REF:
                        return found
                    if foreign.fact(call_key(f"{value[1]}.{attr}", False), None) is not None:
                        # a method that base defines and says what it returns: that base's (`self.key_lock(k)`)
                        return (REF, f"{value[1]}.{attr}")
                    shadowed = True
                if owner is not None and owner is not self:
                    found = owner.member_value(attr, depth + 1)
                    if found is not None and (found != (REF, f"{owner.qualname}.{attr}") or attr in owner.methods):
                        return found  # (a method the base defines is that base's: `self.guarded()` in a subclass)
                    shadowed = shadowed or owner.defines(attr)
                if not shadowed and owner is None and value is not None and value[0] == REF \
                        and not attr.startswith("__") and not types.is_project(self, value[1]):
                    # `class Api(requests.Session)`: what the class does not define it inherits from the library
                    # class, so `self.get(...)` (and `api.get(...)` on an instance) is `requests.Session.get`
                    made = types.class_value(value[1], self)
                    # (not a type whose calls block or not by how it was made, `sqlite3.Connection(":memory:")`,
                    # nor one only the call that made it establishes: how a subclass's instances are made is not
                    # followed)
                    if made is not None and made[0] == INST and knowledge.canonical(made[1]) not in _NOT_INHERITED:
                        return self._member(made[1], attr)
        return (REF, f"{self.qualname}.{attr}")

    def base_refs(self) -> Iterator[str]:
        """The qualified names the class's bases evaluate to (those that name something: a class of this module,
        another module's or a library's)."""
        if self.parent is None:
            return
        for base in self.base_nodes:
            value = self.parent.evaluate(base)
            if value is not None and value[0] == REF:
                yield value[1]

    def defines(self, attr: str, depth: int = 0) -> bool:
        """Does this class, or a base class of the project, define ``attr`` (a base of another module may)?"""
        if attr in self.methods or attr in self.attrs or attr in self.bindings:
            return True
        if depth > 5 or self.parent is None:
            return False
        for base in self.base_refs():
            owner = self.module.classes.get(base)
            if owner is not None and owner is not self and owner.defines(attr, depth + 1):
                return True
            if owner is None and types.is_project(self, base):
                return True
        return False

    def _display_part(self, expr: cst.BaseExpression, index: int) -> Value:
        """What is at ``index`` of the tuple display that ``expr`` holds: a name bound once to one (`GUARDS =
        (threading.Lock(), threading.Lock())`), or an attribute that a class of the module binds once to one
        (`self.guards = (...)` in `__init__`, read as `self.guards` or `ward.guards`). Not a list's: its items
        may be replaced."""
        bindings: tuple = ()
        if type(expr) is cst.Name:
            home = self.lookup_scope(expr.value)
            bindings = tuple(home.bindings.get(expr.value, ())) if home is not None else ()
        elif type(expr.value) is cst.Name:
            cls = self.self_class(expr.value.value)
            if cls is None:
                value = self.evaluate(expr.value)
                cls = self.module.classes.get(value[1]) if value is not None and value[0] == INST else None
            if cls is not None:
                bindings = tuple(cls.attrs.get(expr.attr.value, ()) or cls.bindings.get(expr.attr.value, ()))
        if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Tuple:
            return None
        elements = bindings[0][1].elements
        if index >= len(elements) or any(type(e) is not cst.Element for e in elements[:index + 1]):
            return None  # (a starred element moves the rest)
        return bindings[0][2].evaluate(elements[index].value)

    def _iterated_part(self, expr: cst.BaseExpression, index: int) -> Value:
        value = self.evaluate(expr)
        if value is not None and value[0] == ITEMS:
            return iterated_element(value) if index == 1 else None  # (a table's functions too)
        inner = self._zipped(expr, index)
        return (INST, inner[1]) if inner is not None and inner[0] == ITER else None

    def _zipped(self, expr: cst.BaseExpression, index: int) -> Value:
        """What the collection iterated at ``index`` of the tuples `enumerate(xs)` or `zip(xs, ys)` make is
        (xs at index 1 of enumerate's, the index-th argument of zip's)."""
        if type(expr) is cst.Call and type(expr.func) is cst.Name and not any(a.star for a in expr.args):
            func = self.evaluate(expr.func)
            args = [a.value for a in expr.args if a.keyword is None]
            if func == (REF, "builtins.enumerate") and index == 1 and args:
                return self.evaluate(args[0])
            if func == (REF, "builtins.zip") and index < len(args):
                return self.evaluate(args[index])
        return None

    def _call(self, node: cst.Call) -> Value:
        if type(node.func) is cst.Attribute:  # `d.values()`, `d.get(k)`, `xs.pop()` on typed containers
            base = self.evaluate(node.func.value)
            if base is not None and base[0] in (ITER, MAP, MAP_ITER):
                return _container_method(base, node.func.attr.value)
            if node.func.attr.value == "get" and base is not None and base[0] == INST and node.args \
                    and type(node.args[0].value) is cst.SimpleString and self._typed_dict(base[1]):
                key = node.args[0].value.evaluated_value  # `caches.get("shifts")`: the key's declared type, or None
                return self._member(base[1], key) if isinstance(key, str) else None
            if node.func.attr.value == "setdefault" and len(node.args) == 2 and base is None:
                made = self.evaluate(node.args[1].value)  # `locks.setdefault(key, threading.Lock())`: one of those
                return made if made is not None and made[0] == INST else None
        if type(node.func) is cst.Name and node.func.value in _SAME_ELEMENTS and node.args \
                and not node.args[0].star and node.args[0].keyword is None \
                and all(a.keyword is not None and a.keyword.value in ("key", "reverse") for a in node.args[1:]) \
                and self.lookup_scope(node.func.value) is None:
            # `reversed(self.plugins)`, `sorted(self.plugins, key=...)`: the same plugins, reordered
            inner = self.evaluate(node.args[0].value)
            # (`list(self.children.items())`: the same (key, instance) pairs, copied to be changed while looped)
            if inner is not None and inner[0] in (ITER, ITEMS):
                return inner
        if type(node.func) is cst.Name and node.func.value == "dict" and node.args \
                and all(a.keyword is not None for a in node.args) and self.lookup_scope("dict") is None:
            # `dict(get=requests.get, head=requests.head)`: the display's table, written as keywords
            return self._coroutine_table({self._table_entry(a.value) for a in node.args})
        if type(node.func) is cst.Name and node.func.value == "next" and 1 <= len(node.args) <= 2 \
                and not node.args[0].star and node.args[0].keyword is None and self.lookup_scope("next") is None:
            inner = self.evaluate(node.args[0].value)  # `next(iter(self._conns))`, `next(connections())`: one of them
            if inner is not None and inner[0] == ITER:
                return iterated_element(inner)
        if type(node.func) is cst.Name and node.func.value == "map" and len(node.args) >= 2 \
                and not any(arg.star or arg.keyword for arg in node.args) and self.lookup_scope("map") is None:
            made = self.evaluate(node.args[0].value)  # `map(Path, names)`: what calling it on each name makes
            made = self.call_value(made[1]) if made is not None and made[0] == REF else None
            if made is not None and made[0] == INST:
                return (ITER, made[1])
        func = self.evaluate(node.func)
        if func is not None and func[0] == INST and func[1] in knowledge.CALL_RETURNS:
            return (INST, knowledge.CALL_RETURNS[func[1]])  # `SessionLocal()`, SessionLocal a sessionmaker
        if func is None:
            return self._untyped_call(node)
        if func[0] != REF:
            return None
        name = func[1]
        if name in _NEW_TYPES and len(node.args) == 2 and not any(a.keyword or a.star for a in node.args):
            made = self.evaluate(node.args[1].value)  # `Bridge = NewType("Bridge", requests.Session)`: that class
            return made if made is not None and made[0] == REF else None
        if name.endswith((".get", ".get_nowait")):
            held = types.held_element(self, node, awaited=False)  # `self._pool.get_nowait()`: a pooled connection
            if held is not None:
                return held
        if name == "builtins.staticmethod" and len(node.args) == 1 and not node.args[0].star:
            return self.evaluate(node.args[0].value)  # `on_message = staticmethod(reply)`: the function itself
        if name in types.DEFAULT_MAPS:  # `defaultdict(threading.Lock)`: a mapping of what the factory makes
            return types.defaulted(self, node)
        if name == "builtins.getattr":
            return self._dispatched(node)
        if name in _CASTS and node.args and node.args[0].keyword is None and not node.args[0].star:
            return types.annotation_type(self, node.args[0].value)  # `cast(requests.Session, obj)`: what it declares
        factory = knowledge.FIELD_FACTORIES.get(name)
        if factory is not None:  # `field(default_factory=requests.Session)`: the field holds what it makes
            return self._field_value(node, factory)
        if name.endswith("Stub") and node.args and not node.args[0].star and knowledge.GRPC_STUB_CLASS.search(name) \
                and self.evaluate(node.args[0].value) == (INST, knowledge.GRPC_CHANNEL):
            return (INST, knowledge.GRPC_SYNC_STUB)  # the channel decides whether the stub's calls wait
        if name in knowledge.ASYNC_BY_ARGUMENT:  # `Nominatim(..., adapter_factory=AioHTTPAdapter)`: the async twin
            twin = self._chosen_by_argument(node, knowledge.ASYNC_BY_ARGUMENT[name])
            if twin is not None:
                return twin
        if name in knowledge.RETURNS_BY_ARGUMENT:  # `client.write_api(write_options=SYNCHRONOUS)`
            return self._chosen_by_argument(node, knowledge.RETURNS_BY_ARGUMENT[name])
        if name in knowledge.ASYNC_MODE_KEYWORDS and self._async_mode(node, knowledge.ASYNC_MODE_KEYWORDS[name]):
            return None  # `psycopg2.connect(dsn, async_=True)`: not the connection whose calls wait
        if name in self.module.returns:  # `pool.take()` with `pool: Pool[redis.Redis]`, `first(sessions)`
            specific = generics.call_result(self, node, name, awaited=False)
            if specific is not None:
                return specific
        elif self.module.foreign is not None:
            specific = generic_project.call_result(self, node, name, awaited=False)  # another module's `Pool`
            if specific is not None:
                return specific
        return self.call_value(name)

    def _async_mode(self, node: cst.Call, keywords: frozenset) -> bool:
        """The call passes one of ``keywords`` with a value that is not plainly false, or unpacks a mapping this
        function sets it in (`kwargs["async_"] = kwargs.pop("async", True)` before `connect(dsn, **kwargs)`)."""
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in keywords:
                value = arg.value
                return not (type(value) is cst.Name and value.value in ("False", "None")
                            or type(value) is cst.Integer and value.value == "0")
            if arg.star == "**" and type(arg.value) is cst.Name and self._sets_key(arg.value.value, keywords):
                return True
        return False

    def _sets_key(self, mapping: str, keys: frozenset) -> bool:
        from asynccheck.lint.builder import walk_local  # builder imports this module
        for node in walk_local(self.node):
            if type(node) is cst.AssignTarget and type(node.target) is cst.Subscript:
                target = node.target
            elif type(node) is cst.Call and type(node.func) is cst.Attribute \
                    and node.func.attr.value in ("setdefault", "update") and node.args:
                target = node  # `kwargs.setdefault("async_", True)`, `kwargs.update(async_=True)`
                if type(node.func.value) is cst.Name and node.func.value.value == mapping and (
                        _literal_key(node.args[0].value) in keys
                        or any(a.keyword is not None and a.keyword.value in keys for a in node.args)):
                    return True
                continue
            else:
                continue
            if type(target.value) is cst.Name and target.value.value == mapping and len(target.slice) == 1 \
                    and type(target.slice[0].slice) is cst.Index \
                    and _literal_key(target.slice[0].slice.value) in keys:
                return True
        return False

    def _chosen_by_argument(self, node: cst.Call, chosen: tuple) -> Value:
        position, keyword, constants, made = chosen
        for index, arg in enumerate(node.args):
            if arg.star:
                return None
            if (arg.keyword.value == keyword) if arg.keyword is not None else index == position:
                value = self.evaluate(arg.value)
                return (INST, made) if value is not None and value[0] == REF and value[1] in constants else None
        return None

    def _untyped_call(self, node: cst.Call) -> Value:
        """A call of something of unknown type that its argument or its method still gives away: a stub class
        handed in as a parameter and made on a sync gRPC channel (`stub_cls(channel)`: whatever wraps a sync
        channel waits on it), or `sig.delay(...)`/`sig.apply_async(...)` on an unknown receiver, Celery's way
        to queue a task, which hands back the result handle whose `get()` waits for a worker."""
        func = node.func
        if type(func) in (cst.Name, cst.Attribute):
            made = types.called_declared(self, func)  # `make()`, `make: Callable[[], requests.Session]`
            if made is not None:
                return made
        if type(func) is cst.Attribute and func.attr.value in _CELERY_SENDS:
            return (INST, knowledge.CELERY_RESULT) if self.evaluate(func.value) is None else None
        for packages, keywords, receiver, made in knowledge.UNTYPED_MAKERS.get(func.attr.value, ()) \
                if type(func) is cst.Attribute else ():
            if not self.module.imports(packages):
                continue
            given = {a.keyword.value for a in node.args if a.keyword is not None}
            held = _held_name(func.value)
            if given.issuperset(keywords) and held.lower().endswith(receiver) and self.evaluate(func.value) is None:
                return (INST, made)  # `cluster.connect("ks")` where the module imports cassandra
        positional = [a for a in node.args if a.keyword is None]
        if len(positional) == 1 and not positional[0].star and type(positional[0].value) in (cst.Name, cst.Attribute) \
                and self.evaluate(positional[0].value) == (INST, knowledge.GRPC_CHANNEL):
            return (INST, knowledge.GRPC_SYNC_STUB)
        return None

    def _dispatched(self, node: cst.Call) -> Value:
        """`getattr(self, f"handle_{kind}")` (or `"on_" + event`, with a default or not): a method of this class
        chosen by name. When every method whose name starts with the literal prefix is a coroutine function (a
        dispatch of async handlers), one of them stands for all; otherwise nothing is known."""
        args = node.args
        if len(args) not in (2, 3) or any(a.keyword is not None or a.star for a in args):
            return None
        if type(args[1].value) is not cst.SimpleString:
            chosen = self._verb_dispatched(args[0].value)
            if chosen is not None:
                return chosen
        if type(args[0].value) is not cst.Name:
            return None
        owner = self.self_class(args[0].value.value)
        prefix = _literal_prefix(args[1].value)
        if owner is None or not prefix:
            return None
        named = [method for name, method in owner.methods.items() if name.startswith(prefix)]
        if named and all(method.is_async and not method.is_generator for method in named):
            return (REF, named[0].qualname)
        return None

    def _verb_dispatched(self, receiver: cst.BaseExpression) -> Value:
        """`getattr(requests, method.lower())`, `getattr(self.session, verb)`: a name computed at run time on an
        HTTP client whose public callables are the verbs, each a request; the client's `request` stands for them."""
        value = self.evaluate(receiver)
        if value is None or value[0] not in (REF, INST):
            return None
        verb = knowledge.VERB_DISPATCH.get(value[1])
        return (REF, verb) if verb is not None else None

    def call_value(self, name: str, awaited: bool = False) -> Value:
        """What calling the callable ``name`` returns (awaited: what awaiting that call gives)."""
        returned = (knowledge.ASYNC_RETURNS if awaited else knowledge.RETURNS).get(name) or \
            (sdk_families.returned(name) if not awaited else None)
        if returned is not None:
            return (INST, returned)
        if not awaited and name in knowledge.CLASS_RETURNS:
            return (REF, knowledge.CLASS_RETURNS[name])  # `User = get_user_model()`: the class, not an instance
        if not awaited and name in knowledge.ITER_RETURNS:
            return (ITER, knowledge.ITER_RETURNS[name])  # `folder.glob("*.json")`: paths, one by one
        owner, _, last = name.rpartition(".")
        if not awaited and owner in knowledge.FLUENT_TYPES and last not in knowledge.FLUENT_TYPES[owner] \
                and not last.startswith("_"):
            return (INST, owner)  # `service.users().messages().list(userId="me")`: a request, not yet sent
        if not awaited and owner in knowledge.SUBRESOURCE_FACTORIES and last[:1].isupper():
            return (INST, owner)  # `s3.Bucket(name)`: a sub-resource, made without a request
        resource, _, collection = owner.rpartition(".")
        if not awaited and resource in knowledge.SUBRESOURCE_FACTORIES and last in knowledge.COLLECTION_BUILDERS \
                and collection[:1].islower():
            return (INST, knowledge.BOTO3_COLLECTION)  # `bucket.objects.filter(Prefix=p)`: pages as it is iterated
        foreign = self.module.foreign
        if foreign is not None and foreign.owns(name):  # another module's function: what it says it returns
            key = call_key(name, awaited)
            guess = (INST, name) if not awaited and self._class_like(name) else (FWD, key)
            return foreign.fact(key, guess)
        if not awaited and self.module.defs.get(name) == "asyncgen":
            return (INST, knowledge.ASYNC_GENERATOR_TYPE)  # `gen = stream(...)`, later `gen.aclose()`
        annotated = self.module.returns.get(name)
        if annotated is not None:  # a function of this module: its return annotation, or what it returns
            annotation, scope, is_async, _ = annotated
            if is_async != awaited:
                return None
            if annotation is not None and not types.names_no_class(scope, annotation):
                return scope.annotation_value(annotation)
            # unannotated, or annotated with a typing form that names no class (`-> Callable[[bytes], None]`,
            # `-> IO[str]`, `-> Any`): what its return statements agree on (the nested function a factory returns)
            function = self.module.functions.get(name)
            return function.returned_value() if function is not None else None
        if awaited:
            return None
        kind = self.module.defs.get(name)
        if kind == "class":
            return (INST, name)
        if name in _WRAPS_A_BUFFER:
            return None  # `io.TextIOWrapper(io.BytesIO())`: a file only if what it wraps is one
        if kind is None and not types.is_project(self, name):  # a library callable: what its stub returns
            known = (self._class_like(name) and stubs.known_type(name)) or stubs.returned(name)
            if known is not None:
                return (INST, known)
        if kind is None and self._class_like(name):
            # Probably a class of the project imported from elsewhere: track its instances so that
            # `obj.method()` can be resolved against the project index. A library class (`io.BytesIO()`) is
            # tracked too: it is a type of its own, which competes with the others a name is bound to.
            return (INST, name)
        return None

    @staticmethod
    def _class_like(name: str) -> bool:
        return name.rpartition(".")[2][:1].isupper() and name not in knowledge.ONLY_FROM_CALLS

    def returned_value(self) -> Value:
        """What this unannotated function returns, when its return statements agree (a bare return or None
        does not compete); a generator returns a generator."""
        key = ("returned",)
        if key in self.memo:
            value = self.memo[key]
            return None if value is _IN_PROGRESS else value
        self.memo[key] = _IN_PROGRESS
        value = None
        if not self.is_generator:
            values = [self.evaluate(v) for v in self.events.get("returned", ()) if v is not None and not types.is_none(v)]
            known = [v for v in values if v is None or v[0] != FWD] or values  # another module's answer: unknown here
            if known and known[0] is not None and all(v == known[0] for v in known):
                value = known[0]
        self.memo[key] = value
        return value

    def _generator_manager(self, expr: cst.BaseExpression) -> Optional["Scope"]:
        """The `@contextmanager` (`@asynccontextmanager`) generator of this module that ``expr`` calls, if any,
        whose yield says what entering the call gives (see managed_value)."""
        if type(expr) is not cst.Call:
            return None
        func = self.evaluate(expr.func)
        function = self.module.functions.get(func[1]) if func is not None and func[0] == REF else None
        return function if function is not None and function._yield_types_target() else None

    def _yield_types_target(self) -> bool:
        """Is this a context-manager generator whose yield types the target of a `with` that enters it? An
        `@asynccontextmanager`'s is; a sync `@contextmanager`'s only when the generator calls nothing that blocks
        (`yield BASE / name`): one that does (`conn = sqlite3.connect(path)` ... `yield conn.cursor()`) is reported
        where it is entered, once, not again at each use of what it yields."""
        if not self.is_generator or type(self.node) is not cst.FunctionDef:
            return False
        kinds = {types.dotted_last(d.decorator) for d in self.node.decorators}
        if self.is_async:
            return "asynccontextmanager" in kinds
        if "contextmanager" not in kinds:
            return False
        for site in self.events.get("calls", ()):
            called = self.evaluate(site.node.func)
            if called is not None and called[0] == REF and called[1] in knowledge.BLOCKING:
                return False
        return True

    def managed_value(self) -> Value:
        """What entering a call of this context-manager generator gives: its declared `Iterator[T]` (any
        manager), or what it yields (see _yield_types_target); None for any other function."""
        if not self.is_generator or type(self.node) is not cst.FunctionDef or self.parent is None:
            return None
        if any(_decorator_value(self, d) in _GENERATOR_MANAGERS for d in self.node.decorators):
            annotated = self.module.returns.get(self.qualname)
            if annotated is not None and annotated[0] is not None:
                declared = annotated[1].annotation_value(annotated[0])
                if declared is not None and declared[0] == ITER:
                    return (INST, declared[1])
        return self.yielded_value() if self._yield_types_target() else None

    def yielded_value(self) -> Value:
        """What this generator yields, when its yields agree (a generator dependency's one `yield db`)."""
        key = ("yielded",)
        if key in self.memo:
            value = self.memo[key]
            return None if value is _IN_PROGRESS else value
        self.memo[key] = _IN_PROGRESS
        values = [self.evaluate(v) for v in self.events.get("yielded", ()) if not types.is_none(v)]
        value = values[0] if values and values[0] is not None and values[0][0] != FWD \
            and all(v == values[0] for v in values) else None
        self.memo[key] = value
        return value

    def _field_value(self, node: cst.Call, factory: Tuple[int, str, str]) -> Value:
        position, keyword, default = factory
        for i, arg in enumerate(node.args):
            name = arg.keyword.value if arg.keyword is not None else None
            if name == keyword or (name is None and i == position and not arg.star):
                if type(arg.value) is cst.Lambda and not arg.value.params.params:
                    # `field(default_factory=lambda: boto3.client("s3"))`: what the lambda's call makes
                    return self.evaluate(arg.value.body)
                made = self.evaluate(arg.value)
                return self.call_value(made[1]) if made is not None and made[0] == REF else None
            if name == default and default:
                return self.evaluate(arg.value)
        return None

    def annotation_value(self, annotation: cst.BaseExpression) -> Value:
        return types.annotation_type(self, annotation)


def _decorator_value(function: "Scope", decorator: cst.Decorator) -> Optional[str]:
    made = function.parent.evaluate(decorator.decorator)
    return made[1] if made is not None and made[0] == REF else None


def _held_name(node: cst.BaseExpression) -> str:
    """The name an object is held under: `pool`, `self._pool`, `app["db_pool"]`, `request.app.state.pool`."""
    if type(node) is cst.Name:
        return node.value
    if type(node) is cst.Attribute:
        return node.attr.value
    if type(node) is cst.Subscript and len(node.slice) == 1 and type(node.slice[0].slice) is cst.Index \
            and type(node.slice[0].slice.value) is cst.SimpleString:
        key = node.slice[0].slice.value.evaluated_value
        return key if isinstance(key, str) else ""
    return ""


def _literal_prefix(node: cst.BaseExpression) -> str:
    """The literal text a computed name starts with: `f"handle_{kind}"`, `"on_" + event`; "" when none."""
    if type(node) is cst.FormattedString and node.parts and type(node.parts[0]) is cst.FormattedStringText:
        return node.parts[0].value if len(node.parts) > 1 else ""
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.Add \
            and type(node.left) is cst.SimpleString and isinstance(node.left.evaluated_value, str):
        return node.left.evaluated_value
    return ""


def _path(node: cst.BaseExpression) -> str:
    """``app.state`` for an attribute chain rooted at a name, "" for anything else."""
    parts = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    return ".".join([node.value, *reversed(parts)]) if type(node) is cst.Name else ""


def _literal_key(node: cst.BaseExpression) -> Optional[str]:
    """The text of a plain string literal (`"async_"`), or None."""
    if type(node) is cst.SimpleString and node.prefix == "":
        return node.raw_value
    return None


def _class_of_instance(node: cst.BaseExpression) -> Optional[str]:
    """``x`` of `type(x)` or `x.__class__`, the class of the instance a name holds."""
    if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "type" \
            and len(node.args) == 1 and node.args[0].keyword is None and not node.args[0].star \
            and type(node.args[0].value) is cst.Name:
        return node.args[0].value.value
    if type(node) is cst.Attribute and node.attr.value == "__class__" and type(node.value) is cst.Name:
        return node.value.value
    return None
