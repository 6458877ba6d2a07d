"""Types written down in the code: what an annotation says a value is, and how a name's bindings combine.

The evaluator in ``scope.py`` asks this module two questions:

- ``annotation_type(scope, annotation)``: the value an annotation declares (``f: io.TextIOWrapper``,
  ``client: httpx.Client | None``, ``Optional["requests.Session"]``, ``Annotated[T, ...]``, ``list[T]``);
- ``combine(scope, bindings)``: the one value a name (or ``self.attr``) has, from all its bindings.

Combining is flow-insensitive. A declaration (a parameter or variable annotation, ``self.x: T = None``, a class
or dataclass field) says what the name holds wherever it is assigned, so when the declarations agree on a known
type that is the answer. Without one, the assigned values must agree; a ``None`` (an Optional's empty state) and
an assignment we cannot follow do not compete with a type every other binding agrees on, but two different
known types leave the name unknown. Then a read in a function combines only the bindings that reach it, where
the code between is simple enough to tell (``flow.py``).

Stubs (``stubs.py``, when typeshed-client is installed) plug in at ``class_value`` (a library class is the
known type it derives from: a ``PosixPath`` is a ``pathlib.Path``) and ``scope.Scope.call_value`` (what a library
callable returns); the built-in tables in ``knowledge.py`` answer first, and alone without the extra.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
# (class_value and is_project live where the project index, which must not load libcst, can use them too)
from asynccheck.lint.facts import FWD, GIVEN, LIBRARY_NAMES, TYPING as _TYPING, class_value, is_project  # noqa: F401 - used as types.X

Value = Optional[Tuple[str, str]]
REF, INST, ITER = "ref", "inst", "iter"
MAP, ITEMS = "map", "items"  # a mapping whose values are instances; what its `items()` gives
MAP_ITER = "mapiter"  # a mapping whose values are collections of instances: `dict[str, list[Hook]]`

_CONTAINERS = frozenset(
    "list List set Set frozenset FrozenSet tuple Tuple Sequence Iterable Iterator Collection MutableSequence "
    "deque Deque AbstractSet Generator AsyncIterator AsyncIterable AsyncGenerator".split()
)
_MAPPINGS = frozenset(
    "dict Dict Mapping MutableMapping DefaultDict defaultdict OrderedDict ChainMap WeakValueDictionary".split()
)
CONTAINERS, MAPPINGS = _CONTAINERS, _MAPPINGS  # (generics.py reads a type variable's place by them)
_WRAPPERS = frozenset({"Optional", "Final", "ClassVar", "Annotated", "Required", "NotRequired", "ReadOnly"})
_CLASS_OF = frozenset({"type", "Type"})
_SELF_TYPES = frozenset({"typing.Self", "typing_extensions.Self"})


def is_none(node: Optional[cst.CSTNode]) -> bool:
    return type(node) is cst.Name and node.value == "None"


def _union_members(node: cst.BaseExpression, scope) -> Optional[List[cst.BaseExpression]]:
    """The members of `A | B | None` or `Union[A, B]`; None when ``node`` is not a union."""
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.BitOr:
        members = []
        for side in (node.left, node.right):
            members.extend(_union_members(side, scope) or [side])
        return members
    if type(node) is cst.Subscript:
        base = scope.evaluate(node.value)
        if base is not None and base[0] == REF and base[1].rpartition(".")[2] == "Union":
            return [e.slice.value for e in node.slice if type(e.slice) is cst.Index]
    return None


def is_union(node: cst.BaseExpression, scope) -> bool:
    """`A | B` or `Union[A, B]`."""
    return _union_members(node, scope) is not None


def is_wrapper(node: cst.BaseExpression, scope) -> bool:
    """`Optional[T]`, `Annotated[T, ...]`, `Final[T]`: a form that declares what its first member declares."""
    if type(node) is not cst.Subscript:
        return False
    base = scope.evaluate(node.value)
    return base is not None and base[0] == REF and base[1].rpartition(".")[0] in _TYPING \
        and base[1].rpartition(".")[2] in _WRAPPERS


def _parsed(scope, text: str) -> Optional[cst.BaseExpression]:
    """The expression in a string annotation, parsed once per module and kept alive with it (the evaluator's
    memo is keyed by node ids, which must not be reused while the module is checked)."""
    cache = scope.module.memo
    key = ("annotation text", text)
    if key not in cache:
        try:
            cache[key] = cst.parse_expression(text.strip())
        except Exception:  # not an expression: a docstring-like annotation, say
            cache[key] = None
    return cache[key]


def annotation_type(scope, annotation: Optional[cst.BaseExpression]) -> Value:
    """The value an annotation declares: an instance (INST), a collection of instances (ITER), a class (REF,
    from ``type[T]``), or None when it names nothing we know."""
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if annotation is None:
        return None
    if type(annotation) is cst.SimpleString:  # `"requests.Session"`: a forward reference
        value = annotation.evaluated_value
        inner = _parsed(scope, value) if isinstance(value, str) else None
        return annotation_type(scope, inner) if inner is not None else None
    if type(annotation) is cst.ConcatenatedString:
        return None
    members = _union_members(annotation, scope)
    if members is not None:  # every member but None must be the same known type, or interchangeable ones
        typed = [annotation_type(scope, m) for m in members if not is_none(m)]
        if typed and typed[0] is not None and all(t == typed[0] for t in typed):
            return typed[0]
        return _interchangeable(typed)
    if type(annotation) is cst.Subscript and _returns_awaitable(scope, annotation):
        return (REF, knowledge.AWAITABLE_FUNCTION)  # `Callable[[dict], Awaitable[None]]`: calling it makes a coroutine
    if type(annotation) is cst.Subscript:
        base = scope.evaluate(annotation.value)
        base_name = base[1].rpartition(".")[2] if base is not None and base[0] == REF else ""
        if base is None and type(annotation.value) is cst.Name and annotation.value.value == "type" \
                and scope.lookup_scope("type") is None:
            base_name = "type"  # the builtin (`factory: type[httpx.Client]`), which the evaluator leaves unnamed
        elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
        if base_name in _WRAPPERS and elements:
            return annotation_type(scope, elements[0])
        if base_name in _CLASS_OF and elements:
            inner = annotation_type(scope, elements[0])
            return (REF, inner[1]) if inner is not None and inner[0] == INST else None
        if base_name in _CONTAINERS and elements:
            inner = annotation_type(scope, elements[0])
            if inner == (REF, knowledge.AWAITABLE_FUNCTION):  # `list[Callable[[], Awaitable[None]]]`
                return (ITER, knowledge.AWAITABLE_FUNCTION)
            if inner is None:  # `list[tuple[str, sqlite3.Connection]]`: (name, object) pairs, as `d.items()` gives
                return _pairs(scope, elements[0])
            return (ITER, inner[1]) if inner is not None and inner[0] == INST else None
        if base_name in _MAPPINGS and len(elements) == 2:
            inner = annotation_type(scope, elements[1])
            if inner == (REF, knowledge.AWAITABLE_FUNCTION):  # `dict[str, Callable[[dict], Awaitable[None]]]`
                return (MAP, knowledge.AWAITABLE_FUNCTION)
            if inner is not None and inner[0] == ITER:  # `defaultdict[str, list[Hook]]`: handlers per event
                return (MAP_ITER, inner[1])
            return (MAP, inner[1]) if inner is not None and inner[0] == INST else None
        if base is not None and base[0] == REF and base[1].rpartition(".")[0] in _TYPING:
            return None  # Callable[...], Awaitable[...], Dict[...]: not an instance of anything we know
        annotation = annotation.value  # `asyncio.Queue[str]` is an asyncio.Queue
    value = scope.evaluate(annotation)
    if value == (REF, knowledge.AWAITABLE_FUNCTION):
        return value  # an alias of such a function type, imported from another module
    if value is not None and value[1] in _SELF_TYPES and value[0] == REF:
        return _self_type(scope)
    if value is None or value[0] != REF or (
            type(annotation) is cst.Name and value[1].rpartition(".")[0] in _TYPING):
        # (`Hook = Callable[..., Awaitable[None]]` evaluates to typing's Callable: the alias says more)
        return _alias(scope, annotation) if type(annotation) is cst.Name else None
    return class_value(value[1], scope)


def _self_type(scope) -> Value:
    """`-> Self` in a class's method (a classmethod constructor's `return cls(...)`): an instance of that class
    (of a subclass, when called on one: its methods are the class's or override them)."""
    while scope is not None and scope.kind in ("function", "lambda"):
        scope = scope.class_scope if scope.class_scope is not None else scope.parent
    return (INST, scope.qualname) if scope is not None and scope.kind == "class" else None


_NO_CLASS = frozenset({"Any", "Callable", "IO", "TextIO", "BinaryIO"})


def names_no_class(scope, annotation: cst.BaseExpression) -> bool:
    """Is the annotation a typing form that says what a value can do but not what it is (`Callable[[bytes], None]`,
    `IO[str]`, `Any`, or an alias of one), or a class that does not say how its calls behave (a gRPC stub)? What a
    function so annotated returns is what its body returns."""
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = _parsed(scope, annotation.evaluated_value)
    if type(annotation) is cst.Name and annotation.value not in _NO_CLASS:
        home = scope.lookup_scope(annotation.value)  # `Handler = Callable[[bytes], None]`
        bindings = home.bindings.get(annotation.value, ()) if home is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Subscript:
            scope, annotation = bindings[0][2], bindings[0][1]
    head = annotation.value if type(annotation) is cst.Subscript else annotation
    if type(head) not in (cst.Name, cst.Attribute):
        return False
    value = scope.evaluate(head)
    module, _, last = value[1].rpartition(".") if value is not None and value[0] == REF else ("", "", "")
    if last.endswith("Stub") and knowledge.GRPC_STUB_CLASS.search(value[1]):
        return True  # a protoc-generated gRPC stub: sync or async by the channel it was made on, which the body shows
    return module in ("typing", "typing_extensions", "collections.abc") and last in _NO_CLASS


def _pairs(scope, annotation: cst.BaseExpression) -> Value:
    """`tuple[K, T]` as the element of a collection: ITEMS of T when T is a known instance type (what the second
    target of `for key, value in pairs` is)."""
    if type(annotation) is not cst.Subscript:
        return None
    base = scope.evaluate(annotation.value)
    if base is None or base[0] != REF or base[1].rpartition(".")[2] not in ("tuple", "Tuple"):
        return None
    elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    if len(elements) != 2:
        return None
    second = annotation_type(scope, elements[1])
    return (ITEMS, second[1]) if second is not None and second[0] == INST else None


def _interchangeable(typed: List[Value]) -> Value:
    """`Union[threading.Lock, threading.RLock]`, `httpx.Client | requests.Session`: instances of different known
    types that the rules treat alike (knowledge.INTERCHANGEABLE) are taken as the first; a real file or an
    in-memory stream, as the file (see ``file_or_memory``)."""
    if not typed or any(t is None or t[0] != INST for t in typed):
        return None
    names = {t[1] for t in typed}
    if any(names <= group for group in knowledge.INTERCHANGEABLE):
        return typed[0]
    return file_or_memory(typed)


def file_or_memory(values: Iterable[Value]) -> Value:
    """`open(path, "wb") if path else io.BytesIO()`, `f: io.BufferedWriter | io.BytesIO`: a value that is a real
    file on some paths and an in-memory stream on the others does file I/O on those paths, so its reads and
    writes block where the code cannot tell which it holds: the file. None unless every value is one or the
    other and one is a file (all in memory blocks nothing)."""
    values = list(values)
    files = [v for v in values if v is not None and v[0] == INST and v[1] in knowledge.FILE_TYPES]
    if not files or any(v is None or v[0] != INST or (v[1] not in knowledge.FILE_TYPES
                                                       and v[1] not in knowledge.MEMORY_STREAMS) for v in values):
        return None
    return files[0]


def _returns_awaitable(scope, annotation: cst.Subscript) -> bool:
    """Is the annotation `Callable[..., Awaitable[T]]` (or `Coroutine[...]`): a function whose call must be awaited?"""
    base = scope.evaluate(annotation.value)
    if base is None or base[0] != REF or base[1].rpartition(".")[2] != "Callable" \
            or base[1].rpartition(".")[0] not in _TYPING:
        return False
    elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    if len(elements) != 2:
        return False
    returned = elements[1].value if type(elements[1]) is cst.Subscript else elements[1]
    kind = scope.evaluate(returned)
    return kind is not None and kind[0] == REF and kind[1].rpartition(".")[0] in _TYPING \
        and kind[1].rpartition(".")[2] in ("Awaitable", "Coroutine")


def bindings_of(scope, node: cst.BaseExpression) -> Optional[tuple]:
    """Every binding of a name (where it lives), or of an attribute of `self` (its class's assignments and
    declarations); None for any other expression."""
    if type(node) is cst.Name:
        home = scope.lookup_scope(node.value)
        return home.bindings.get(node.value, ()) if home is not None else ()
    if type(node) is cst.Attribute and type(node.value) is cst.Name:
        owner = scope.self_class(node.value.value)
        attr = node.attr.value
        return (*owner.bindings.get(attr, ()), *owner.attrs.get(attr, ())) if owner is not None else ()
    return None


def awaited_declared(scope, func: cst.BaseExpression, depth: int = 0) -> Value:
    """`conn = await self._connect(dsn)` where `_connect` is declared `Callable[[str], Awaitable[Conn]]` (a
    parameter, or an attribute assigned one): what awaiting its call gives, a `Conn`, when every declaration
    the name has agrees."""
    bindings = bindings_of(scope, func)
    if bindings is None:
        return None
    found: List[Value] = []
    for binding in bindings:
        declared_here = declaration(binding)
        if declared_here is not None:
            found.append(_awaited_of(declared_here[1], declared_here[0]))
        elif binding[0] == "expr" and type(binding[1]) is cst.Name and depth < 2:
            found.append(awaited_declared(binding[2], binding[1], depth + 1))  # `self._connect = connect`
        elif not is_none_binding(binding):
            found.append(None)  # `self._connect = make_opener(...)`: says nothing we can read, and competes
    known = [v for v in found if v is not None]
    return known[0] if known and len(known) == len(found) and all(v == known[0] for v in known) else None


def called_declared(scope, func: cst.BaseExpression) -> Value:
    """`make().subscribe(cb)` where `make` is declared `Callable[[], Instrument]` (a parameter, or an attribute
    declared so): the instance its call returns, when every declaration the name has agrees. (A factory handed
    in is how framework code injects clients: `session_factory: Callable[[], Session]`.)"""
    bindings = bindings_of(scope, func)
    if not bindings:
        return None
    found = []
    for binding in bindings:
        declared_here = declaration(binding)
        if declared_here is not None:
            found.append(_called_of(declared_here[1], declared_here[0]))
        elif not is_none_binding(binding):
            return None  # `self.make = partial(...)`: an assignment that says nothing we read, and competes
    return found[0] if found and found[0] is not None and all(v == found[0] for v in found) else None


def _called_of(scope, annotation: Optional[cst.BaseExpression]) -> Value:
    """`Callable[..., T]` with T a class (not an awaitable: see _awaited_of): an instance of T."""
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = _parsed(scope, annotation.evaluated_value)
    if type(annotation) is not cst.Subscript or _returns_awaitable(scope, annotation):
        return None
    base = scope.evaluate(annotation.value)
    if base is None or base[0] != REF or base[1].rpartition(".")[2] != "Callable" \
            or base[1].rpartition(".")[0] not in _TYPING or len(annotation.slice) != 2 \
            or type(annotation.slice[1].slice) is not cst.Index:
        return None
    value = annotation_type(scope, annotation.slice[1].slice.value)
    return value if value is not None and value[0] == INST else None


def _awaited_of(scope, annotation: Optional[cst.BaseExpression]) -> Value:
    """`Callable[..., Awaitable[T]]` (or `Coroutine[Any, Any, T]`): the T awaiting a call gives."""
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = _parsed(scope, annotation.evaluated_value)
    if type(annotation) is not cst.Subscript or not _returns_awaitable(scope, annotation):
        return None
    returned = annotation.slice[1].slice.value
    if type(returned) is not cst.Subscript or type(returned.slice[-1].slice) is not cst.Index:
        return None
    value = annotation_type(scope, returned.slice[-1].slice.value)
    return value if value is not None and value[0] == INST else None


def _alias(scope, name: cst.Name) -> Value:
    """`MaybeSession = Optional[requests.Session]` (or `X: TypeAlias = ...`) used as an annotation: what the
    aliased type expression declares, when the name is bound once, to a subscripted or `|` type."""
    home = scope.lookup_scope(name.value)
    bindings = home.bindings.get(name.value, ()) if home is not None else ()
    if len(bindings) != 1 or bindings[0][0] != "expr":
        return None
    expr = bindings[0][1]
    if type(expr) is cst.Call:  # a TypeVar: what its bound (any annotation) declares
        expr = _type_var_bound(bindings[0][2], expr)
        if expr is None:
            return None
    elif type(expr) not in (cst.Subscript, cst.BinaryOperation, cst.SimpleString):
        return None
    key = ("alias", id(expr))
    if home.memo.get(key, 0) is None:
        return None  # `A = Optional["A"]`: an alias of itself
    home.memo[key] = None
    value = annotation_type(bindings[0][2], expr)
    del home.memo[key]
    return value


def _type_var_bound(scope, call: cst.Call) -> Optional[cst.BaseExpression]:
    """`ClientT = TypeVar("ClientT", bound="Client")`: a value of type `ClientT` is a `Client` (of a subclass).
    Constrained, `TypeVar("S", A, B)`, it is one of them: the union of the constraints, which must agree."""
    if dotted_last(call.func) != "TypeVar":
        return None
    func = scope.evaluate(call.func)
    if func is None or func[0] != REF or func[1].rpartition(".")[0] not in ("typing", "typing_extensions"):
        return None
    constraints = []
    for arg in call.args[1:]:
        if arg.keyword is not None and arg.keyword.value == "bound":
            return arg.value
        if arg.keyword is None and not arg.star:
            constraints.append(arg.value)
    if len(constraints) < 2:
        return None
    memo, key = scope.module.memo, ("constraints", id(call))  # made once, kept alive with the module
    if key not in memo:
        union = constraints[0]
        for other in constraints[1:]:
            union = cst.BinaryOperation(left=union, operator=cst.BitOr(), right=other)
        memo[key] = union
    return memo[key]


def dotted_last(node: cst.BaseExpression) -> str:
    return node.attr.value if type(node) is cst.Attribute else node.value if type(node) is cst.Name else ""


def narrowed_type(scope, kind: cst.BaseExpression) -> Tuple[bool, Value]:
    """(does `isinstance(x, kind)` say what `x` is, and what): an instance of the class, or of the one class
    every member of a tuple of classes agrees on, or the first of classes the rules treat alike
    (`(requests.Session, httpx.Client)`, as a union declares them; other different classes: unknown). A class we
    cannot name says nothing, and what `x` is otherwise stands."""
    members = [e.value for e in kind.elements] if type(kind) is cst.Tuple else [kind]
    values = []
    for member in members:
        value = scope.evaluate(member)
        if value is None or value[0] != REF:
            return False, None
        values.append(None if value[1] in knowledge.ONLY_FROM_CALLS else class_value(value[1], scope)
                      or (INST, value[1]))
    first = values[0] if values else None
    return bool(values), first if all(v == first for v in values) else _interchangeable(values)


def ruled_out(value: Value, excluded) -> bool:
    """Is ``value`` an instance of a class some `isinstance(x, T)` of ``excluded`` failed for: in the `else:` of
    `if isinstance(db, AsyncDb): db = cast(AsyncDb, db)`, the binding in the `if` is not what `db` holds."""
    if value is None or value[0] != INST:
        return False
    for kind, where in excluded:
        for member in (e.value for e in kind.elements) if type(kind) is cst.Tuple else (kind,):
            decided, narrowed = narrowed_type(where, member)
            if decided and narrowed == value:
                return True
    return False


def remaining_member(bindings, excluded) -> Value:
    """What a name declared as a union is where `isinstance(name, T)` failed for each (T, scope) of
    ``excluded``: the one known member left once the members that are a T are taken out. Every declaration
    among ``bindings`` must be the same union of known types, and the tests must take out at least one of its
    members (a T we cannot place among them says nothing)."""
    members: Optional[List[Value]] = None
    for binding in bindings:
        found = declaration(binding)
        if found is None:
            continue
        annotation, where = found[0], found[1]
        if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
            annotation = _parsed(where, annotation.evaluated_value)  # `"Client | AsyncClient"`
        union = _union_members(annotation, where) if annotation is not None else None
        typed = [annotation_type(where, m) for m in union or () if not is_none(m)]
        if not typed or None in typed or (members is not None and set(typed) != set(members)):
            return None
        members = typed
    if not members:
        return None
    ruled_out = set()
    for kind, where in excluded:
        for member in (e.value for e in kind.elements) if type(kind) is cst.Tuple else (kind,):
            decided, value = narrowed_type(where, member)
            if not decided or value is None:
                return None
            ruled_out.add(value)
    left = [m for m in members if m not in ruled_out]
    if len(left) == len(members) or not left:
        return None
    return left[0] if all(m == left[0] for m in left) else _interchangeable(left)


def declaration(binding: tuple) -> Optional[Tuple[cst.BaseExpression, Any, str]]:
    """(the annotation, the scope it is read in, the binding's kind) of a binding that declares a type: an
    annotated parameter (`def f(x: T)`), a variable or attribute annotated alone (`x: T`) or with a value."""
    kind = binding[0]
    if kind == "param" and binding[1] is not None and binding[4] is None:
        node, scope = binding[1], binding[3]
    elif kind == "annot":
        node, scope = binding[1], binding[2]
    elif kind == "expr" and len(binding) > 3:
        node, scope = binding[3], binding[2]
    else:
        return None
    return (node.annotation if type(node) is cst.Annotation else node), scope, kind


def declared(scope, binding: tuple) -> Tuple[bool, Value]:
    """(is this binding a declaration, the type it declares)."""
    found = declaration(binding)
    if found is None:
        return False, None
    annotation, where, kind = found
    if kind == "param":
        return True, where.annotation_value(annotation)
    if kind == "expr" and _bare_marker(where, annotation):
        return False, None  # `X: TypeAlias = ...`, `X: Final = ...`: the value says what it is
    return True, declared_value(where, annotation)


def _declares_alternatives(binding: tuple) -> bool:
    """Does the binding declare a union of different known types (`Union[Transport, AsyncTransport]`, not
    interchangeable ones)? Then what one assignment gives is only one of them: gql's client session calls the
    sync transport's `connect()` on a field declared both ways and defaulted to an async one."""
    found = declaration(binding)
    members = _union_members(found[0], found[1]) if found is not None else None
    if members is None:
        return False
    typed = [annotation_type(found[1], m) for m in members if not is_none(m)]
    return len(set(typed)) > 1 and None not in typed and _interchangeable(typed) is None


def declared_value(scope, annotation: cst.BaseExpression) -> Value:
    """What a variable's or a field's declaration establishes (see ``loose``)."""
    value = scope.annotation_value(annotation)
    if value == (REF, knowledge.AWAITABLE_FUNCTION) and _strictly_awaitable(scope, annotation):
        return value
    return loose(value)


def _strictly_awaitable(scope, annotation: cst.BaseExpression) -> bool:
    """A declaration no lambda around a sync call fits: a hook left None until it is handed a coroutine function
    (`on_event: Optional[Callable[..., Awaitable[None]]] = None`), or a callable declared to return a
    `Coroutine[...]` itself. (`Callable[..., Awaitable[None] | None]` says a sync callable fits too.)"""
    node, optional = annotation, False
    if is_wrapper(node, scope) and scope.evaluate(node.value)[1].rpartition(".")[2] == "Optional":
        elements = [e.slice.value for e in node.slice if type(e.slice) is cst.Index]
        node, optional = (elements[0] if len(elements) == 1 else None), True
    else:
        members = _union_members(node, scope)
        if members is not None:
            others = [m for m in members if not is_none(m)]
            node, optional = (others[0] if len(others) == 1 < len(members) else None), True
    if type(node) is not cst.Subscript or not _returns_awaitable(scope, node):
        return False
    if optional:
        return True
    returned = [e.slice.value for e in node.slice if type(e.slice) is cst.Index][1]
    kind = scope.evaluate(returned.value if type(returned) is cst.Subscript else returned)
    return kind is not None and kind[1].rpartition(".")[2] == "Coroutine"


def loose(value: Value) -> Value:
    """What a variable's or an attribute's declaration establishes, which is less than a parameter's:
    - the types only a call establishes (a concurrent Future) are established by a parameter's declaration (what
      a function is handed to wait for), not by a variable's (`task: Future[None]` set by code elsewhere, often
      done by the time it is read); but a collection of them (`self.pending: list[Future[bytes]] = []`, a
      `dict[str, Future]`) is work handed out and not yet collected;
    - `Callable[..., Awaitable[T]]` on a field is often filled with lambdas around sync calls (Home Assistant's
      entity descriptions), so only what is assigned to it counts. A collection of them (`self._subscribers:
      list[Callable[[Event], Awaitable[None]]]`) is a registry that registration fills with what its own
      parameter declares, and is taken at its word."""
    if value is None:
        return None
    if value[1] in knowledge.ONLY_FROM_CALLS and value[0] == INST:
        return None
    if value[1] == knowledge.AWAITABLE_FUNCTION and value[0] == REF:
        return None
    return value


# What a table of library functions holds (scope._coroutine_table): this prefix, then the function that stands
# for them all.
FUNCTION_ELEMENT = "function:"


def element(value: Tuple[str, str]) -> Value:
    """What iterating a collection (ITER) gives: instances, or the awaitable-returning callables of
    `callbacks: list[Callable[[], Awaitable[None]]]`, or the functions of a table of them."""
    if value[1].startswith(FUNCTION_ELEMENT):
        return (REF, value[1][len(FUNCTION_ELEMENT):])
    return (REF, value[1]) if value[1] == knowledge.AWAITABLE_FUNCTION else (INST, value[1])


def _bare_marker(scope, annotation: cst.BaseExpression) -> bool:
    value = scope.evaluate(annotation)
    return value is not None and value[0] == REF and value[1].rpartition(".")[2] in ("TypeAlias", "Final", "ClassVar")


_LITERALS = {
    cst.Dict: "dict", cst.DictComp: "dict", cst.List: "list", cst.ListComp: "list", cst.Set: "set",
    cst.SetComp: "set", cst.Tuple: "tuple", cst.SimpleString: "str", cst.FormattedString: "str",
    cst.ConcatenatedString: "str", cst.Integer: "int", cst.Float: "float", cst.Lambda: "function",
}


_LITERAL_TYPES = frozenset(f"builtins.{kind}" for kind in _LITERALS.values())


def _literal_type(binding: tuple) -> Value:
    """`x = {}`, `x = "a"`: a value of a builtin type, which competes with any other type."""
    if binding[0] != "expr":
        return None
    kind = _LITERALS.get(type(binding[1]))
    return (INST, f"builtins.{kind}") if kind is not None else None


def is_none_binding(binding: tuple) -> bool:
    kind = binding[0]
    if kind == "expr":
        return is_none(binding[1])
    if kind == "param":
        return binding[1] is None and binding[4] is None and is_none(binding[2])
    return False


def combine(scope, bindings: List[tuple], value_of) -> Value:
    """One value for a name from all its bindings (see the module's docstring); ``value_of`` evaluates one."""
    declarations: List[Value] = []
    for binding in bindings:
        is_decl, typed = declared(scope, binding)
        if is_decl:
            declarations.append(typed)
    known = [d for d in declarations if d is not None]
    if known:
        first = known[0]
        if first == (REF, knowledge.AWAITABLE_FUNCTION) and any(
                not declared(scope, b)[0] and not is_none_binding(b) for b in bindings):
            return None  # `cb = OneShot(cb)`: a loose annotation, rebound to something else; each read decides (flow)
        return first if all(d == first for d in declarations) else None
    if declarations and any(_declares_alternatives(b) for b in bindings):
        return None  # `transport: Union[Transport, AsyncTransport] = default`: the default is one of them
    values: List[Value] = []
    forwards: List[Value] = []  # what another module will say (interface.py): unknown here
    unknown = False
    for binding in bindings:
        if is_none_binding(binding):
            continue
        value = value_of(binding) or _literal_type(binding)
        if value is not None:
            (forwards if value[0] == FWD else values).append(value)
        else:
            unknown = True
    if not values:
        return forwards[0] if forwards and all(f == forwards[0] for f in forwards) else None
    first = values[0]
    if unknown and first == (REF, knowledge.AWAITABLE_FUNCTION):
        return None  # `target = job.target` and, on one path, `cast(Callable[..., Awaitable[T]], target)`: flow decides
    if not all(v == first for v in values) or first[1] in _LITERAL_TYPES:
        return None  # literals only compete: what they are is not the evaluator's business
    return first


# Containers filled after they are made: what goes in is what comes out (`self.files[name] = open(...)`, then
# `self.files[name].write(blob)`). The stores are noted on the scope that binds the container (a class for
# `self.x`), and read only when the container's own bindings say nothing more than "an empty container".
STORING_METHODS = frozenset({"append", "appendleft", "add", "insert", "setdefault"})
_EMPTY_CONTAINERS = {"builtins.dict": MAP, "builtins.list": ITER, "builtins.set": ITER,
                     "collections.defaultdict": MAP, "collections.OrderedDict": MAP, "collections.deque": ITER}


DEFAULT_MAPS = frozenset({"collections.defaultdict"})


def defaulted(scope, call: cst.Call) -> Value:
    """`defaultdict(threading.Lock)`, `defaultdict(lambda: asyncio.Queue(10))`: a mapping whose values are what
    its factory makes (a missing key makes one)."""
    if not call.args or call.args[0].keyword is not None or call.args[0].star:
        return None
    factory = call.args[0].value
    if type(factory) is cst.Lambda:
        params = factory.params
        takes = params.params or params.kwonly_params or params.posonly_params or type(params.star_arg) is cst.Param
        made = None if takes else scope.evaluate(factory.body)
    else:
        func = scope.evaluate(factory)
        made = scope.call_value(func[1]) if func is not None and func[0] == REF else None
    return (MAP, made[1]) if made is not None and made[0] == INST else None


def note_store(scope, container: cst.BaseExpression, kind: str, value: cst.BaseExpression) -> None:
    """``value`` goes into ``container`` (a name, or `self.x`), as a mapping's value (MAP) or an element (ITER)."""
    if type(container) is cst.Attribute and type(container.value) is cst.Name:
        home, name = scope.self_class(container.value.value), container.attr.value
    elif type(container) is cst.Name:
        home, name = scope.lookup_scope(container.value), container.value
    else:
        return
    if home is not None:
        home.add_event("stored", (name, kind, value, scope))


def note_stored_by_call(scope, call: cst.Call) -> None:
    """`xs.append(v)`, `xs.add(v)`, `xs.insert(i, v)`, `d.setdefault(k, v)`."""
    method = call.func.attr.value
    args = [a.value for a in call.args if a.keyword is None and not a.star]
    if len(args) != len(call.args) or len(args) != (2 if method in ("insert", "setdefault") else 1):
        return
    note_store(scope, call.func.value, MAP if method == "setdefault" else ITER, args[-1])


def stored(home, name: str, bindings: List[tuple]) -> Value:
    """A container whose bindings make it empty (`{}`, `[]`, `defaultdict(...)`, None, a declaration of no type we
    know such as `dict[str, IO[bytes]]`), holding what every store we can follow puts in: the one known type."""
    stores = [s for s in home.events.get("stored", ()) if s[0] == name]
    if not stores:
        return None
    kinds = set()
    for binding in bindings:
        if declared(home, binding)[1] is not None:
            return None  # a declared type the other bindings contradict: the stores do not settle it
        if is_none_binding(binding) or binding[0] == "annot":
            continue
        if binding[0] != "expr":
            return None
        expr = binding[1]
        if type(expr) in (cst.Dict, cst.List, cst.Set) and not expr.elements:
            kinds.add(MAP if type(expr) is cst.Dict else ITER)
            continue
        made = binding[2].evaluate(expr.func) if type(expr) is cst.Call else None
        if made is not None and made[0] == REF and made[1] in knowledge.FIELD_FACTORIES:
            made = _field_factory(binding[2], expr, knowledge.FIELD_FACTORIES[made[1]])
        if made is None or made[0] != REF or made[1] not in _EMPTY_CONTAINERS:
            return None
        kinds.add(_EMPTY_CONTAINERS[made[1]])
    kinds = kinds or {s[1] for s in stores}
    values = {s[3].evaluate(s[2]) or _literal_type(("expr", s[2])) for s in stores} - {None}  # a literal competes
    if len(kinds) != 1 or len(values) != 1:
        return None
    value = values.pop()
    return (kinds.pop(), value[1]) if value[0] == INST else None


def _field_factory(scope, call: cst.Call, factory: tuple) -> Value:
    """What a dataclass/attrs/pydantic field's factory names: `field(default_factory=dict)` gives every instance
    an empty dict, as `self.x = {}` in `__init__` would."""
    position, keyword, _ = factory
    for i, arg in enumerate(call.args):
        if (arg.keyword is not None and arg.keyword.value == keyword) or (arg.keyword is None and i == position):
            return scope.evaluate(arg.value)
    return None


def says_something(scope, bindings: List[tuple], value_of) -> bool:
    """Could some of the bindings together say more than all of them do: does one declare a known type, or assign
    a known value that is not a literal's?"""
    for binding in bindings:
        is_decl, typed = declared(scope, binding)
        if typed is not None:
            return True
        if not is_decl and not is_none_binding(binding):
            value = value_of(binding)
            if value is not None and value[0] != FWD and value[1] not in _LITERAL_TYPES:
                return True
    return False


def unpacked_declared(scope, expr: cst.BaseExpression, index: int) -> Value:
    """`session, url = pair` with `pair: tuple[requests.Session, str]`, or `conn, cur = connect(path)` with
    `def connect(...) -> tuple[sqlite3.Connection, sqlite3.Cursor]` in this module: the type declared at that
    position of the tuple (`tuple[T, ...]`: T at every position)."""
    annotation, home = _declared_subscript(scope, expr)
    return _tuple_part(home, annotation, index) if annotation is not None else None


def _tuple_part(home, annotation: cst.Subscript, index: int) -> Value:
    """The type at ``index`` of `tuple[A, B]` (`tuple[T, ...]`: T at every position)."""
    elements = _tuple_elements(home, annotation)
    if elements is None:
        return None
    if len(elements) == 2 and type(elements[1]) is cst.Ellipsis:
        return annotation_type(home, elements[0])
    if any(type(e) is cst.Ellipsis for e in elements) or index >= len(elements):
        return None
    return annotation_type(home, elements[index])


def _tuple_elements(home, annotation: cst.Subscript):
    base = home.evaluate(annotation.value)
    if base is None or base[0] != REF or base[1] not in ("builtins.tuple", "typing.Tuple"):
        return None
    return [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]


def returned_parts(root, qualname: str) -> List[Value]:
    """`def make_db() -> tuple[Session, Engine]`: the type at each position of the fixed tuple a function of this
    module is declared to return, for another module's `session, engine = make_db()` (interface.exports)."""
    annotation, home, _, _ = root.returns[qualname]
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = _parsed(home, annotation.evaluated_value)
    if type(annotation) is not cst.Subscript:
        return []
    elements = _tuple_elements(home, annotation)
    if not elements or any(type(e) is cst.Ellipsis for e in elements):
        return []
    return [_tuple_part(home, annotation, i) for i in range(len(elements))]


def _declared(scope, expr: cst.BaseExpression):
    """(the annotation that declares what ``expr`` is, the scope to read it in): a name's or a `self.` attribute's
    one annotation, or the return annotation of a function of this module that ``expr`` calls (or awaits, if it
    is async)."""
    if type(expr) is cst.Name:
        home = scope.lookup_scope(expr.value)
        bindings = home.bindings.get(expr.value, ()) if home is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "param":
            return bindings[0][1], bindings[0][3]
        return _one_annotation(bindings)
    if type(expr) is cst.Attribute and type(expr.value) is cst.Name:
        owner = scope.self_class(expr.value.value)
        if owner is None:  # `pool.idle` with `pool` an instance of a class of this module
            value = scope.evaluate(expr.value)
            owner = scope.module.classes.get(value[1]) if value is not None and value[0] == INST else None
        if owner is None:
            return None, None
        attr = expr.attr.value
        return _one_annotation([*owner.attrs.get(attr, ()), *owner.bindings.get(attr, ())])
    awaited = type(expr) is cst.Await
    call = expr.expression if awaited else expr
    if type(call) is not cst.Call:
        return None, None
    func = scope.evaluate(call.func)
    found = scope.module.returns.get(func[1]) if func is not None and func[0] == REF else None
    if found is None or found[2] != awaited:
        # `text, fut = self._jobs.get()` with `_jobs: queue.Queue[tuple[str, asyncio.Future]]`: what a declared
        # holder hands back is its element, declared with the holder
        return _held_annotation(scope, call, awaited)
    return found[0], found[1]


def _one_annotation(bindings):
    """The annotation of the bindings that carry one (`x: T` alone, or `x: T = value`), when there is just one."""
    found = [(b[1], b[2]) if b[0] == "annot" else (b[3], b[2]) for b in bindings
             if b[0] == "annot" or (b[0] == "expr" and len(b) > 3 and b[3] is not None)]
    return found[0] if len(found) == 1 else (None, None)


def _declared_subscript(scope, expr: cst.BaseExpression):
    """(`Base[...]` declared for ``expr``, the scope to read it in), string annotations parsed; or (None, None)."""
    annotation, home = _declared(scope, expr)
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = _parsed(home, annotation.evaluated_value)  # `-> "tuple[Conn, Cursor]"`
    return (annotation, home) if type(annotation) is cst.Subscript else (None, None)


# Generic holders whose getters hand back the element they are declared to hold, by method (True: a coroutine
# method, the element is what awaiting it gives): a pool of connections in a queue, a request's session in a
# context variable.
_HOLDERS = {
    **{f"asyncio.{q}": {"get": True, "get_nowait": False} for q in ("Queue", "LifoQueue", "PriorityQueue")},
    **{f"queue.{q}": {"get": False, "get_nowait": False}
       for q in ("Queue", "LifoQueue", "PriorityQueue", "SimpleQueue")},
    "contextvars.ContextVar": {"get": False},
}


# Generic library classes with an attribute that holds one of their type arguments, by position: a GraphQL
# resolver's `info: Info[Context, None]` hands it `info.context`, a pydantic-ai tool's `ctx: RunContext[Deps]`
# its `ctx.deps`, a discord.py command's `ctx: commands.Context[MyBot]` its `ctx.bot`.
_TYPED_ATTRIBUTES = {
    **{name: {"context": 0, "root_value": 1}
       for name in ("strawberry.Info", "strawberry.types.Info", "strawberry.types.info.Info")},
    **{name: {"deps": 0} for name in ("pydantic_ai.RunContext", "pydantic_ai.tools.RunContext")},
    **{name: {"bot": 0} for name in ("discord.ext.commands.Context", "discord.ext.commands.context.Context")},
    **{name: {"client": 0} for name in ("discord.Interaction", "discord.interactions.Interaction")},
    **{name: {"user": 0, "auth": 1} for name in ("litestar.Request", "litestar.connection.Request")},
}


def typed_attribute(scope, node: cst.Attribute, cls: str) -> Value:
    """`info.context` with `info: Info[Context, None]`: what the declared type argument the attribute holds is."""
    positions = _TYPED_ATTRIBUTES.get(cls)
    position = positions.get(node.attr.value) if positions is not None else None
    if position is None:
        return None
    from asynccheck.lint import generics  # (it reads annotations with this module)
    arguments, home = generics.declared_arguments(scope, node.value, cls)
    return annotation_type(home, arguments[position]) if arguments is not None and position < len(arguments) \
        else None


def held_element(scope, call: cst.Call, awaited: bool) -> Value:
    """`conn = await self._pool.get()` with `self._pool: asyncio.Queue[sqlite3.Connection]`, `_session.get()` with
    `_session: ContextVar[requests.Session]`: the element the holder is declared to hold."""
    annotation, home = _held_annotation(scope, call, awaited)
    return annotation_type(home, annotation) if annotation is not None else None


def _held_annotation(scope, call: cst.Call, awaited: bool):
    """(the element annotation of the declared holder whose getter ``call`` is, the scope to read it in)."""
    func = call.func
    if type(func) is not cst.Attribute:
        return None, None
    annotation, home = _declared_subscript(scope, func.value)
    if annotation is None:
        return None, None
    base = home.evaluate(annotation.value)
    methods = _HOLDERS.get(base[1]) if base is not None and base[0] == REF else None
    if methods is None or methods.get(func.attr.value) is not awaited:
        return None, None
    elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    return (elements[0], home) if len(elements) == 1 else (None, None)


_CONTAINER_DISPLAYS = (cst.Dict, cst.DictComp, cst.List, cst.ListComp, cst.Set, cst.SetComp)
_CONTAINER_FACTORIES = frozenset({*_EMPTY_CONTAINERS, "builtins.frozenset", "builtins.tuple"})


def _names_container(scope, annotation: cst.BaseExpression) -> bool:
    """`dict[str, Entry]`, `Optional[list[str]]`, `set | None`: an annotation whose head is a builtin or typing
    container (what it holds does not matter here)."""
    members = _union_members(annotation, scope)
    if members is not None:
        kept = [m for m in members if not is_none(m)]
        return bool(kept) and all(_names_container(scope, m) for m in kept)
    head = annotation.value if type(annotation) is cst.Subscript else annotation
    if type(head) is cst.Subscript:
        return False
    value = scope.evaluate(head)
    if value is not None and value[0] == REF and value[1].rpartition(".")[2] in _WRAPPERS:
        inner = annotation.slice[0].slice if type(annotation) is cst.Subscript else None
        return type(inner) is cst.Index and _names_container(scope, inner.value)
    while type(head) is cst.Attribute:
        head = head.attr
    return type(head) is cst.Name and head.value in (_CONTAINERS | _MAPPINGS)


def makes_container(binding: tuple) -> bool:
    """Does this binding declare or make a plain container (`x: dict[str, int]`, `self.seen = set()`, `{}`)? A
    parameter, a loop variable or any other value does not."""
    found = declaration(binding)
    if found is not None and binding[0] != "param":
        annotation, where, _kind = found
        if not isinstance(annotation, cst.BaseString) and _names_container(where, annotation):
            return True
    if binding[0] != "expr":
        return False
    expr = binding[1]
    if isinstance(expr, _CONTAINER_DISPLAYS):
        return True
    if type(expr) is cst.Call:
        made = binding[2].evaluate(expr.func)
        return made is not None and made[0] == REF and made[1] in _CONTAINER_FACTORIES
    return False


def holds_container(scope, node: cst.BaseExpression) -> bool:
    """A local name or an attribute of `self` that every binding makes a plain container: `self.cache.get(k)` is a
    dict's `get`, whatever else in the module is called `get`."""
    bindings = bindings_of(scope, node)
    if bindings is None:
        return False
    made = [b for b in bindings if not is_none_binding(b)]  # `None`: an Optional container's empty state
    return bool(made) and all(makes_container(b) for b in made)


def handler_argument(scope, binding: tuple) -> Value:
    """What a framework hands the unannotated parameter bound by ``binding`` of a handler that one of its
    decorators registers (knowledge.HANDLER_ARGUMENTS): `@bot.event async def on_message(message)` gets a
    message, `@bot.command() async def ping(ctx)` a command context."""
    params = [p for p in (*scope.node.params.posonly_params, *scope.node.params.params)
              if p.name.value != scope.self_name]
    position = next((i for i, p in enumerate(params)  # (by identity: two bare parameters bind equal tuples)
                     if any(b is binding for b in scope.bindings.get(p.name.value, ()))), None)
    if position is None:
        return None
    for decorator in scope.node.decorators:
        expr = decorator.decorator.func if type(decorator.decorator) is cst.Call else decorator.decorator
        value = scope.parent.evaluate(expr)
        if value is None or value[0] != REF:
            continue
        by_name = knowledge.HANDLER_ARGUMENTS_BY_NAME.get(value[1])
        if by_name is not None:  # `@app.command("/deploy") async def deploy(ack, say, command)`
            kind = by_name.get(params[position].name.value)
            return (INST, kind) if kind is not None else None
        handed = knowledge.HANDLER_ARGUMENTS.get(value[1])
        if handed is None:
            continue
        kinds = handed.get("", handed.get(scope.name, ()))
        return (INST, kinds[position]) if position < len(kinds) else None
    return None


def constructor_argument(scope, binding: tuple) -> Value:
    """What a framework's convention hands the unannotated parameter bound by ``binding`` of the `__init__` of a
    subclass of one of its classes (knowledge.CONSTRUCTOR_ARGUMENTS): a discord.py cog's `bot`."""
    params = [p for p in (*scope.node.params.posonly_params, *scope.node.params.params)
              if p.name.value != scope.self_name]
    position = next((i for i, p in enumerate(params)
                     if any(b is binding for b in scope.bindings.get(p.name.value, ()))), None)
    if position is None:
        return None
    for base in scope.class_scope.base_refs():
        handed = knowledge.CONSTRUCTOR_ARGUMENTS.get(knowledge.canonical(base))
        if handed is not None:
            return (INST, handed[position]) if position < len(handed) else None
    return None


def named_argument(scope, binding: tuple) -> Value:
    """What a framework's convention hands the unannotated parameter bound by ``binding`` by its name alone, in a
    module that imports the framework (knowledge.PARAMETERS_BY_NAME): a Home Assistant integration's `hass`."""
    name = next((p.name.value for p in (*scope.node.params.posonly_params, *scope.node.params.params,
                                        *scope.node.params.kwonly_params)
                 if any(b is binding for b in scope.bindings.get(p.name.value, ()))), None)
    if name is None:
        return None
    for package, by_name in knowledge.PARAMETERS_BY_NAME.items():
        kind = by_name.get(name)
        if kind is not None and scope.module.imports((package,)):
            return (INST, kind)
    return None


def constructor_given(scope, binding: tuple) -> Value:
    """`Repo(session=requests.Session())`, here or in another module (facts.GIVEN): what every maker of the class
    that names it hands the unannotated `__init__` parameter bound by ``binding``, when they agree on an instance
    of a library type. A maker that hands something else, or nothing known, leaves it unknown."""
    params = scope.node.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)][1:]
    name = next((p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)
                 if any(b is binding for b in scope.bindings.get(p.name.value, ()))), None)
    cls = scope.class_scope
    if name is None or name == scope.self_name:
        return None
    position = positional.index(name) if name in positional else -1
    return _given_to(cls, name, position)


def field_given(cls, name: str, bindings: List[tuple]) -> Value:
    """A field of a dataclass (attrs, NamedTuple) declared with a form that names no class (`out: TextIO`,
    `stream: IO[bytes]`, which a file and an in-memory `io.StringIO` both fit): what every maker of the class
    hands it (`Sink(out=open(path, "w"))`, here or in another module), when they agree on a library type."""
    if cls.kind != "class" or len(bindings) != 1 or bindings[0][0] != "annot" \
            or not names_no_class(bindings[0][2], bindings[0][1]):
        return None
    fields = [n for n, found in cls.bindings.items()
              if found and (found[0][0] == "annot" or found[0][0] == "expr" and len(found[0]) > 3)]
    return _given_to(cls, name, fields.index(name) if name in fields else -1)


def _given_to(cls, name: str, position: int) -> Value:
    given = []
    for call, where in _constructions(cls.module, cls):
        arg = _argument_for(call, name, position)
        if arg is _UNSURE:
            return None
        if arg is not None:
            given.append(where.evaluate(arg))
    foreign = cls.module.foreign
    if foreign is not None:
        for key in (name, f"#{position}") if position >= 0 else (name,):
            value = foreign.fact(cls.qualname + GIVEN.format(key), None)
            if value is not None:
                given.append(value)
    kinds = {value for value in given if value is not None and value[0] == INST and value[1] in LIBRARY_NAMES}
    return kinds.pop() if len(kinds) == 1 and len(kinds) == len(set(given)) else None


_UNSURE = object()  # a call whose arguments cannot be matched to parameters (`Repo(*args)`)


def _argument_for(call: cst.Call, name: str, position: int):
    for i, arg in enumerate(call.args):
        if arg.star:
            return _UNSURE
        if arg.keyword is not None and arg.keyword.value == name or arg.keyword is None and i == position:
            return arg.value
    return None


def _constructions(module, cls) -> List[tuple]:
    """The calls of the module that make an instance of the class ``cls`` (by its name, then evaluated): (call,
    scope). Gathered once per module."""
    key = ("constructions",)
    found = module.memo.get(key)
    if found is None:
        found = module.memo[key] = {}
        stack = [module]
        while stack:
            current = stack.pop()
            stack.extend(current.children)
            for site in current.events.get("calls", ()):
                func = site.node.func
                called = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute \
                    else None
                if called is not None and called[:1].isupper():
                    found.setdefault(called, []).append((site.node, site.scope))
    return [(call, where) for call, where in found.get(cls.name, ()) if where.evaluate(call.func) == (REF, cls.qualname)]


def exported_given(ctx) -> dict:
    """Facts for the modules whose classes this one makes (see ``constructor_given``): `Repo(session=
    requests.Session())` with `Repo` another module's, keyed by the class and the keyword or position."""
    foreign = ctx.root.foreign
    out: dict = {}
    if foreign is None:
        return out
    for site in ctx.calls:
        func = site.node.func
        called = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else ""
        if not called[:1].isupper() or not site.node.args:
            continue
        made = site.scope.evaluate(func)
        if made is None or made[0] != REF or not foreign.owns(made[1]):
            continue
        for i, arg in enumerate(site.node.args):
            if arg.star:
                break
            value = site.scope.evaluate(arg.value)
            if value is not None and value[0] == INST and value[1] in LIBRARY_NAMES:
                out[made[1] + GIVEN.format(arg.keyword.value if arg.keyword is not None else f"#{i}")] = value
    return out


def dependency_value(scope, node: cst.BaseExpression) -> Value:
    """What the framework hands a parameter whose default is a dependency marker (knowledge.DEPENDENCY_MARKERS):
    `db=Depends(get_db)` gets what `get_db` returns (awaited, for a coroutine function), or what it yields when
    it is a generator of this module; None when the marker names nothing known."""
    if type(node) is not cst.Call:
        return None
    marker = scope.evaluate(node.func)
    where = knowledge.DEPENDENCY_MARKERS.get(marker[1]) if marker is not None and marker[0] == REF else None
    if where is None:
        return None
    position, keyword = where
    named = [a for a in node.args if a.keyword is not None and a.keyword.value == keyword]
    plain = [a for a in node.args if a.keyword is None and not a.star]
    arg = named[0] if named else plain[position] if len(plain) > position else None
    if arg is None:
        return None
    dependency = scope.evaluate(arg.value)
    if dependency is None or dependency[0] != REF:
        return None
    function = scope.module.functions.get(dependency[1])
    if function is not None and function.is_generator:
        return function.yielded_value()
    return scope.call_value(dependency[1], awaited=function is not None and function.is_async)
