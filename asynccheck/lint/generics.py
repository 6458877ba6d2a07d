"""What a type variable stands for where a generic class or function of this module is used.

`class Pool(Generic[T]): def take(self) -> T` says nothing alone; `pool.take()` with `pool: Pool[redis.Redis]`
(or `self.take()` in `class RedisPool(Pool[redis.Redis])`) gives a `redis.Redis`, and `first(sessions)` with
`def first(xs: Sequence[T]) -> T` gives what `sessions` holds. ``call_result`` answers that for a call whose
callee's return annotation names a type variable, ``attribute_result`` for `box.item` declared `item: T`; None
leaves the usual answer (a bound TypeVar's bound) in place.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import generic_project, types
from asynccheck.lint.types import INST, ITER, MAP, REF, Value

_GENERIC_BASES = frozenset({"Generic", "Protocol"})
# the position of T in a parameter annotation: the value itself, an element of a collection, a mapping's value
_ITSELF, _ELEMENT, _MAPPED, _MADE = "itself", "element", "mapped", "made"


def call_result(scope, call: cst.Call, name: str, awaited: bool) -> Value:
    """What calling (awaited: awaiting) the function or method ``name`` of this module gives at ``call``, when its
    return annotation is written with type variables that the receiver's declared type arguments or the call's
    arguments decide; None otherwise."""
    found = scope.module.returns.get(name)
    function = scope.module.functions.get(name)
    if found is None or function is None or found[0] is None or found[2] != awaited:
        return None
    annotation, home = found[0].annotation, found[1]
    variables = _variables(function, home)
    if not variables or not _mentions(annotation, variables):
        return None
    given: Dict[str, Value] = {}
    owner = function.class_scope
    if owner is not None and type(call.func) is cst.Attribute:
        given.update(_class_arguments(scope, call.func.value, owner))
    skip = 1 if function.self_name is not None and type(call.func) is cst.Attribute else 0
    for variable, value in _inferred(scope, call, function, home, variables, skip).items():
        given.setdefault(variable, value)
    return _substituted(home, annotation, given) if given else None


def _variables(function, home) -> frozenset:
    """The type variables a function's annotations may use: module TypeVars, its own and its class's `[T]`."""
    key = ("type variables", function.qualname)
    memo = function.module.memo
    if key not in memo:
        names = set(_declared_params(function.node))
        if function.class_scope is not None:
            names.update(_declared_params(function.class_scope.node))
        names.update(module_type_vars(function.module))
        memo[key] = frozenset(names)
    return memo[key]


def function_variables(function, home) -> frozenset:
    """The type variables a function's annotations may use that its class does not bind: its own."""
    variables = _variables(function, home)
    owner = function.class_scope
    return variables - frozenset(class_parameters(owner)) if owner is not None else variables


def _declared_params(node: cst.CSTNode) -> List[str]:
    """`def first[T](...)`, `class Pool[T]:`: the PEP 695 type parameters, in order."""
    declared = getattr(node, "type_parameters", None)
    if declared is None:
        return []
    return [p.param.name.value for p in declared.params if type(p.param) is cst.TypeVar]


def module_type_vars(module) -> frozenset:
    """The module-level names bound once to `TypeVar("T")` without a bound or constraints."""
    key = ("module type variables",)
    if key not in module.memo:
        names = set()
        for name, bindings in module.bindings.items():
            if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
                continue
            call = bindings[0][1]
            if types.dotted_last(call.func) != "TypeVar":
                continue
            value = module.evaluate(call.func)
            if value is None or value[0] != REF or value[1].rpartition(".")[0] not in ("typing", "typing_extensions"):
                continue
            if any(a.keyword is not None and a.keyword.value == "bound" for a in call.args) \
                    or len([a for a in call.args if a.keyword is None]) > 1:
                continue  # a bound or constrained TypeVar already says what it is (types._type_var_bound)
            names.add(name)
        module.memo[key] = frozenset(names)
    return module.memo[key]


def _mentions(annotation: cst.BaseExpression, variables: frozenset) -> bool:
    if type(annotation) is cst.Name:
        return annotation.value in variables
    if type(annotation) is cst.Subscript:
        return any(type(e.slice) is cst.Index and _mentions(e.slice.value, variables) for e in annotation.slice)
    if type(annotation) is cst.BinaryOperation:
        return _mentions(annotation.left, variables) or _mentions(annotation.right, variables)
    return False


def class_parameters(owner) -> List[str]:
    """A generic class's type parameters in order: `class Pool[T]`, the `Generic[...]`/`Protocol[...]` base, or
    else the type variables its subscripted bases use, as they first appear (`class Cache(Base[K, V])`)."""
    declared = _declared_params(owner.node)
    if declared:
        return declared
    variables = module_type_vars(owner.module)
    seen: List[str] = []
    for base in owner.base_nodes:
        if type(base) is not cst.Subscript:
            continue
        names = [e.slice.value.value for e in base.slice
                 if type(e.slice) is cst.Index and type(e.slice.value) is cst.Name and e.slice.value.value in variables]
        if types.dotted_last(base.value) in _GENERIC_BASES:
            return names
        seen.extend(n for n in names if n not in seen)
    return seen


def _class_arguments(scope, receiver: cst.BaseExpression, owner) -> Dict[str, Value]:
    """What the type parameters of ``owner`` (the class defining the method called) stand for on ``receiver``."""
    return receiver_arguments(scope, receiver, owner.qualname)


def receiver_arguments(scope, receiver: cst.BaseExpression, target: str) -> Dict[str, Value]:
    """What the type parameters of the class ``target`` stand for on ``receiver``, an instance of it or of a class
    deriving from it (any number of levels, in this module or another): the receiver's declared `Pool[redis.Redis]`
    (also as an element of a declared `dict[str, Pool[httpx.Client]]`), the call that made it (`Pool(redis.Redis())`,
    `Box[requests.Session]()`), then the type arguments each base on the way fixes (`class RedisPool(Pool[Redis])`)."""
    value = scope.evaluate(receiver)
    if value is None or value[0] != INST:
        return {}
    start = value[1]
    signature = generic_project.signature(scope, start)
    if signature is None:
        return {}
    given = own_arguments(scope, receiver, start, signature[0]) if signature[0] else {}
    return generic_project.lift(scope, given, start, target) or {}


def own_arguments(scope, receiver: cst.BaseExpression, cls: str, parameters: List[str]) -> Dict[str, Value]:
    """What the type parameters of ``cls``, the receiver's own class, are: from its declaration, else from the
    call that made it."""
    annotation, home = receiver_declaration(scope, receiver)
    arguments = _arguments_of(home, annotation, cls) if annotation is not None else None
    if arguments is None or len(arguments) != len(parameters):
        return _constructed(scope, receiver, cls, parameters)
    given: Dict[str, Value] = {}
    for parameter, argument in zip(parameters, arguments):
        typed = types.annotation_type(home, argument)
        if typed is not None:
            given[parameter] = typed
    return given


# calls that hand back one element of the container they are called on
_ELEMENT_CALLS = frozenset({"get", "pop", "popleft", "setdefault", "__getitem__"})


def receiver_declaration(scope, receiver: cst.BaseExpression, depth: int = 0):
    """(the annotation declaring ``receiver``, the scope to read it in), or (None, None): a name's or an
    attribute's declaration, or the element annotation of the declared container it is taken from
    (`self.pools[host]`, `self.pools.get(host)`, `for pool in self.pools.values()`, `pool = self.pools[host]`)."""
    if depth > 4:
        return None, None
    source = None
    if type(receiver) is cst.Subscript:
        source = receiver.value
    elif type(receiver) is cst.Call and type(receiver.func) is cst.Attribute \
            and receiver.func.attr.value in _ELEMENT_CALLS:
        source = receiver.func.value
    if source is not None:
        annotation, home = receiver_declaration(scope, source, depth + 1)
        element = _element_annotation(home, annotation) if annotation is not None else None
        if element is not None:
            return element, home
    annotation, home = types._declared(scope, receiver)
    if annotation is not None:
        return annotation, home
    bindings = [b for b in types.bindings_of(scope, receiver) or () if not types.is_none_binding(b)]
    if len(bindings) == 1 and bindings[0][0] == "part" and bindings[0][2] == 1:  # `for name, pool in d.items()`
        made = bindings[0][1]
        if type(made) is cst.Call and type(made.func) is cst.Attribute and made.func.attr.value == "items" \
                and not made.args:
            annotation, home = receiver_declaration(bindings[0][3], made.func.value, depth + 1)
            element = _element_annotation(home, annotation) if annotation is not None else None
            return (element, home) if element is not None else (None, None)
    if len(bindings) != 1 or bindings[0][0] not in ("iter", "expr") or len(bindings[0]) > 3:
        return None, None
    made, at = bindings[0][1], bindings[0][2]
    if bindings[0][0] == "expr":  # `pool = self.pools[host]`, `self.pool = pool` (a parameter declared so)
        return receiver_declaration(at, made, depth + 1) \
            if type(made) in (cst.Subscript, cst.Call, cst.Name) else (None, None)
    if type(made) is cst.Call and type(made.func) is cst.Attribute and made.func.attr.value == "values" \
            and not made.args:  # `for pool in self.pools.values()`
        made = made.func.value  # (a mapping's values are what its element annotation declares)
    annotation, home = receiver_declaration(at, made, depth + 1)
    element = _element_annotation(home, annotation) if annotation is not None else None
    return (element, home) if element is not None else (None, None)


def _element_annotation(home, annotation: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The annotation of one element of a declared collection (`list[Pool[T]]`, `tuple[Conn, ...]`) or of one
    value of a declared mapping (`dict[str, Pool[T]]`)."""
    annotation = unwrapped(home, annotation)
    if type(annotation) is not cst.Subscript:
        return None
    elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    head = home.evaluate(annotation.value)
    head_name = head[1].rpartition(".")[2] if head is not None and head[0] == REF else ""
    if head_name in ("tuple", "Tuple"):
        return elements[0] if len(elements) == 2 and type(elements[1]) is cst.Ellipsis else None
    if head_name in types.CONTAINERS and len(elements) == 1:
        return elements[0]
    if head_name in types.MAPPINGS and len(elements) == 2:
        return elements[1]
    return None


def _constructed(scope, receiver: cst.BaseExpression, cls: str, parameters: List[str]) -> Dict[str, Value]:
    """What the call that made ``receiver`` (the call itself, or the one a name is bound to once) says the type
    parameters of ``cls`` are: its subscript (`Box[requests.Session]()`), else the arguments its `__init__`
    declares with them (`Pool(redis.Redis())` with `def __init__(self, first: T)`)."""
    call, where = receiver, scope
    if type(receiver) is cst.Name:
        found = scope.sole_call(receiver.value)
        if found is None:
            return {}
        call, where = found
    if type(call) is not cst.Call:
        return {}
    func = call.func
    made = where.evaluate(func) if type(func) is not cst.Subscript else None
    if made is not None and made[0] == REF and made[1] != cls:  # `pooled(4)`, declared `-> Pool[httpx.Client]`
        return generic_project.returned_arguments(where, made[1], cls, parameters)
    if type(func) is cst.Subscript:
        if where.evaluate(func.value) != (REF, cls):
            return {}
        arguments = [e.slice.value for e in func.slice if type(e.slice) is cst.Index]
        if len(arguments) != len(parameters):
            return {}
        typed = {p: types.annotation_type(where, a) for p, a in zip(parameters, arguments)}
        return {p: v for p, v in typed.items() if v is not None}
    if where.evaluate(func) != (REF, cls):
        return {}
    own = scope.module.functions.get(f"{cls}.__init__")
    if own is not None:
        declared = scope.module.returns.get(own.qualname)
        return _inferred(where, call, own, declared[1], frozenset(parameters), 1) if declared is not None else {}
    return generic_project.constructed(where, call, cls)


def declared_arguments(scope, receiver: cst.BaseExpression, qualname: str):
    """(the type arguments ``receiver`` is declared to give the class ``qualname``, the scope to read them in), or
    (None, None): `info` declared `Info[Context, None]`, `Optional[...]` or a string around it too."""
    annotation, home = receiver_declaration(scope, receiver)
    arguments = _arguments_of(home, annotation, qualname) if annotation is not None else None
    return (arguments, home) if arguments is not None else (None, None)


def _arguments_of(home, annotation: cst.BaseExpression, qualname: str) -> Optional[List[cst.BaseExpression]]:
    """The type arguments of `Pool[A]` (also inside `Optional[...]`, `... | None` or a string) when its head is
    the class ``qualname``."""
    annotation = unwrapped(home, annotation)
    if type(annotation) is not cst.Subscript:
        return None
    head = home.evaluate(annotation.value)
    if head != (REF, qualname):
        return None
    return [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]


def unwrapped(home, annotation: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = types._parsed(home, annotation.evaluated_value)
    if annotation is None:
        return None
    if type(annotation) is cst.BinaryOperation and type(annotation.operator) is cst.BitOr:
        sides = [s for s in (annotation.left, annotation.right) if not types.is_none(s)]
        return unwrapped(home, sides[0]) if len(sides) == 1 else None
    if types.is_wrapper(annotation, home) and type(annotation.slice[0].slice) is cst.Index:
        return unwrapped(home, annotation.slice[0].slice.value)  # `Optional[Pool[redis.Redis]]`
    return annotation


def _inferred(scope, call: cst.Call, function, home, variables: frozenset, skip: int) -> Dict[str, Value]:
    """What the call's arguments say the function's type variables are: `first(sessions)` with
    `def first(xs: Sequence[T]) -> T` and `sessions: list[requests.Session]` makes T a `requests.Session`."""
    params = function.node.params
    positional = [*params.posonly_params, *params.params][skip:]

    def place(param):
        return _place(home, param.annotation.annotation, variables) if param.annotation is not None else None
    return matched(scope, call, [(p.name.value, place(p)) for p in positional],
                   [(p.name.value, place(p)) for p in params.kwonly_params])


def matched(scope, call: cst.Call, positional: List[tuple], keyword_only: List[tuple]) -> Dict[str, Value]:
    """The type variables a call's arguments decide, its parameters given as (name, (variable, place) or None)
    in order (the positional ones, then those only passed by keyword); a variable two arguments disagree on is
    left out."""
    by_name = dict((*positional, *keyword_only))
    found: Dict[str, List[Value]] = {}
    index = 0
    for arg in call.args:
        if arg.star:
            break  # `f(*xs)`: which parameter each later argument fills is not known
        if arg.keyword is not None:
            where = by_name.get(arg.keyword.value)
        else:
            where = positional[index][1] if index < len(positional) else None
            index += 1
        if where is None:
            continue
        variable, how = where
        value = scope.evaluate(arg.value)
        if how == _ITSELF:
            value = value if value is not None and value[0] == INST else None
        elif how == _ELEMENT:
            value = (INST, value[1]) if value is not None and value[0] == ITER else None
        elif how == _MADE:  # `Box(requests.Session)`, `factory: Callable[[], T]` or `kind: type[T]`: what calling it makes
            value = scope.call_value(value[1]) if value is not None and value[0] == REF else None
            value = value if value is not None and value[0] == INST else None
        else:
            value = (INST, value[1]) if value is not None and value[0] == MAP else None
        found.setdefault(variable, []).append(value)
    return {v: values[0] for v, values in found.items()
            if values[0] is not None and all(x == values[0] for x in values)}


def return_place(home, annotation: cst.BaseExpression, variables: frozenset,
                 made: bool = False) -> Optional[Tuple[str, str]]:
    """(the type variable, where it sits) in a member's declaration (`-> T`, `-> list[T]`, `item: dict[str, T]`);
    ``made``: also a factory's `Callable[..., T]` (a parameter)."""
    place = _place(home, annotation, variables)
    return place if place is not None and (made or place[1] != _MADE) else None


def _place(home, annotation: cst.BaseExpression, variables: frozenset) -> Optional[Tuple[str, str]]:
    """(the type variable, where it sits) in a parameter annotation `T`, `Sequence[T]`, `Mapping[K, T]`."""
    annotation = unwrapped(home, annotation)
    if type(annotation) is cst.Name:
        return (annotation.value, _ITSELF) if annotation.value in variables else None
    if type(annotation) is not cst.Subscript:
        return None
    elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    last = elements[-1] if elements else None
    if type(last) is not cst.Name or last.value not in variables:
        return None
    head = home.evaluate(annotation.value)
    head_name = head[1].rpartition(".")[2] if head is not None and head[0] == REF else ""
    if head is None and type(annotation.value) is cst.Name and annotation.value.value == "type" \
            and home.lookup_scope("type") is None:
        head_name = "type"  # (the builtin, which the evaluator leaves unnamed)
    if head_name in types.CONTAINERS and len(elements) == 1:
        return last.value, _ELEMENT
    if head_name in types.MAPPINGS and len(elements) == 2:
        return last.value, _MAPPED
    if (head_name == "Callable" and len(elements) == 2) or (head_name in ("type", "Type") and len(elements) == 1):
        return last.value, _MADE  # a factory, or the class itself (`container.get(requests.Session)`)
    return None


def _substituted(home, annotation: cst.BaseExpression, given: Dict[str, Value]) -> Value:
    """The value a return annotation declares once its type variables are what ``given`` says: `T`, `Optional[T]`,
    `list[T]`, `Iterator[T]`, `dict[str, T]`."""
    annotation = unwrapped(home, annotation)
    if type(annotation) is cst.Name:
        return given.get(annotation.value)
    if type(annotation) is not cst.Subscript:
        return None
    elements = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    last = elements[-1] if elements else None
    inner = given.get(last.value) if type(last) is cst.Name else None
    if inner is None or inner[0] != INST:
        return None
    head = home.evaluate(annotation.value)
    head_name = head[1].rpartition(".")[2] if head is not None and head[0] == REF else ""
    if head_name in types.CONTAINERS and len(elements) == 1:
        return (ITER, inner[1])
    if head_name in types.MAPPINGS and len(elements) == 2:
        return (MAP, inner[1])
    return None


def attribute_result(scope, node: cst.Attribute, cls, attr: str) -> Value:
    """`box.item` with `box: Box[requests.Session]` where the generic class declares `item: T` (a field, `self.item:
    T`, `self.item = item` of an `__init__` parameter `item: T`, or a property `-> T`): what T stands for there."""
    cls, annotation, home = _declaring_class(scope, cls, attr)
    if annotation is None:
        return None
    variables = frozenset(class_parameters(cls))
    if not variables or not _mentions(annotation, variables):
        return None
    given = _class_arguments(scope, node.value, cls)
    return _substituted(home, annotation, given) if given else None


def _declaring_class(scope, cls, attr: str):
    """(the class of this module that declares ``attr`` for instances of ``cls``: itself or a base, nearest first;
    the annotation; the scope to read it in), or (cls, None, None)."""
    queue, seen = [cls], {cls.qualname}
    while queue and len(seen) < 16:
        current = queue.pop(0)
        annotation, home = attribute_declaration(current, attr)
        if annotation is not None:
            return current, annotation, home
        for base, _ in generic_project.signature(scope, current.qualname)[1]:
            local = scope.module.classes.get(base)
            if local is not None and base not in seen:
                seen.add(base)
                queue.append(local)
    return cls, None, None


def attribute_declaration(cls, attr: str):
    """(the annotation that declares a generic class's attribute, the scope to read it in), or (None, None)."""
    returned = cls.module.returns.get(f"{cls.qualname}.{attr}")
    if returned is not None:
        return (returned[0].annotation, returned[1]) if returned[3] and returned[0] is not None else (None, None)
    for binding in (*cls.attrs.get(attr, ()), *cls.bindings.get(attr, ())):
        found = types.declaration(binding)
        if found is not None:
            return found[0], found[1]
        if binding[0] == "expr" and type(binding[1]) is cst.Name:  # `self.item = item`, `item: T` a parameter
            where = binding[2]
            params = where.bindings.get(binding[1].value, ()) if where.name == "__init__" else ()
            if len(params) == 1 and params[0][0] == "param" and params[0][1] is not None:
                return params[0][1].annotation, params[0][3]
    return None, None
