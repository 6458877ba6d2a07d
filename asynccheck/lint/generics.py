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

from asynccheck.lint import types
from asynccheck.lint.types import INST, ITER, MAP, REF, Value

_GENERIC_BASES = frozenset({"Generic", "Protocol"})
# the position of T in a parameter annotation: the value itself, an element of a collection, a mapping's value
_ITSELF, _ELEMENT, _MAPPED = "itself", "element", "mapped"


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
        names.update(_module_type_vars(function.module))
        memo[key] = frozenset(names)
    return memo[key]


def _declared_params(node: cst.CSTNode) -> List[str]:
    """`def first[T](...)`, `class Pool[T]:`: the PEP 695 type parameters, in order."""
    declared = getattr(node, "type_parameters", None)
    if declared is None:
        return []
    return [p.param.name.value for p in declared.params if type(p.param) is cst.TypeVar]


def _module_type_vars(module) -> frozenset:
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
    variables = _module_type_vars(owner.module)
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
    """What the type parameters of ``owner`` (the class defining the method called) stand for on ``receiver``:
    its declared `Pool[redis.Redis]`, or the subclass's base `class RedisPool(Pool[redis.Redis])`."""
    value = scope.evaluate(receiver)
    if value is None or value[0] != INST:
        return {}
    parameters = class_parameters(owner)
    if not parameters:
        return {}
    if value[1] == owner.qualname:
        annotation, home = types._declared(scope, receiver)
        arguments = _arguments_of(home, annotation, owner.qualname) if annotation is not None else None
    else:
        subclass = scope.module.classes.get(value[1])
        arguments = None
        for base in subclass.base_nodes if subclass is not None and subclass.parent is not None else ():
            arguments = _arguments_of(subclass.parent, base, owner.qualname)
            if arguments is not None:
                home = subclass.parent
                break
    if arguments is None or len(arguments) != len(parameters):
        return {}
    given = {}
    for parameter, argument in zip(parameters, arguments):
        typed = types.annotation_type(home, argument)
        if typed is not None:
            given[parameter] = typed
    return given


def _arguments_of(home, annotation: cst.BaseExpression, qualname: str) -> Optional[List[cst.BaseExpression]]:
    """The type arguments of `Pool[A]` (also inside `Optional[...]`, `... | None` or a string) when its head is
    the class ``qualname``."""
    annotation = _unwrapped(home, annotation)
    if type(annotation) is not cst.Subscript:
        return None
    head = home.evaluate(annotation.value)
    if head != (REF, qualname):
        return None
    return [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]


def _unwrapped(home, annotation: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    if type(annotation) is cst.Annotation:
        annotation = annotation.annotation
    if type(annotation) is cst.SimpleString and isinstance(annotation.evaluated_value, str):
        annotation = types._parsed(home, annotation.evaluated_value)
    if annotation is None:
        return None
    if type(annotation) is cst.BinaryOperation and type(annotation.operator) is cst.BitOr:
        sides = [s for s in (annotation.left, annotation.right) if not types.is_none(s)]
        return _unwrapped(home, sides[0]) if len(sides) == 1 else None
    if types.is_wrapper(annotation, home) and type(annotation.slice[0].slice) is cst.Index:
        return _unwrapped(home, annotation.slice[0].slice.value)  # `Optional[Pool[redis.Redis]]`
    return annotation


def _inferred(scope, call: cst.Call, function, home, variables: frozenset, skip: int) -> Dict[str, Value]:
    """What the call's arguments say the function's type variables are: `first(sessions)` with
    `def first(xs: Sequence[T]) -> T` and `sessions: list[requests.Session]` makes T a `requests.Session`."""
    params = function.node.params
    positional = [*params.posonly_params, *params.params][skip:]
    by_name = {p.name.value: p for p in (*positional, *params.kwonly_params)}
    found: Dict[str, List[Value]] = {}
    index = 0
    for arg in call.args:
        if arg.star:
            break  # `f(*xs)`: which parameter each later argument fills is not known
        if arg.keyword is not None:
            param = by_name.get(arg.keyword.value)
        else:
            param = positional[index] if index < len(positional) else None
            index += 1
        if param is None or param.annotation is None:
            continue
        place = _place(home, param.annotation.annotation, variables)
        if place is None:
            continue
        variable, how = place
        value = scope.evaluate(arg.value)
        if how == _ITSELF:
            value = value if value is not None and value[0] == INST else None
        elif how == _ELEMENT:
            value = (INST, value[1]) if value is not None and value[0] == ITER else None
        else:
            value = (INST, value[1]) if value is not None and value[0] == MAP else None
        found.setdefault(variable, []).append(value)
    return {v: values[0] for v, values in found.items()
            if values[0] is not None and all(x == values[0] for x in values)}


def _place(home, annotation: cst.BaseExpression, variables: frozenset) -> Optional[Tuple[str, str]]:
    """(the type variable, where it sits) in a parameter annotation `T`, `Sequence[T]`, `Mapping[K, T]`."""
    annotation = _unwrapped(home, annotation)
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
    if head_name in types.CONTAINERS and len(elements) == 1:
        return last.value, _ELEMENT
    if head_name in types.MAPPINGS and len(elements) == 2:
        return last.value, _MAPPED
    return None


def _substituted(home, annotation: cst.BaseExpression, given: Dict[str, Value]) -> Value:
    """The value a return annotation declares once its type variables are what ``given`` says: `T`, `Optional[T]`,
    `list[T]`, `Iterator[T]`, `dict[str, T]`."""
    annotation = _unwrapped(home, annotation)
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
    annotation, home = _attribute_declaration(cls, attr)
    if annotation is None:
        return None
    variables = frozenset(class_parameters(cls))
    if not variables or not _mentions(annotation, variables):
        return None
    given = _class_arguments(scope, node.value, cls)
    return _substituted(home, annotation, given) if given else None


def _attribute_declaration(cls, attr: str):
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


# -- a generic class of another module of the project ---------------------------------------------------------
# Where a generic class's method returns (or an attribute holds) one of its type parameters, its module exports
# the parameter's position under this suffix (`pkg.box.Box.get()` + it: ("type parameter", 0)); a module that
# declares `box: Box[Holder]` reads the argument at that position.
TYPE_PARAMETER = "(type parameter)"
POSITION = "type parameter"


def exported_positions(cls, call_key) -> Dict[str, tuple]:
    """The facts of a generic class's methods and attributes declared as one of its type parameters itself."""
    parameters = class_parameters(cls)
    if not parameters:
        return {}
    out: Dict[str, tuple] = {}
    for attr, method in cls.methods.items():
        returned = cls.module.returns.get(method.qualname)
        if returned is None or returned[0] is None:
            continue
        index = _position(returned[1], returned[0].annotation, parameters)
        if index is not None:
            key = f"{cls.qualname}.{attr}" if returned[3] else call_key(method.qualname, returned[2])
            out[key + TYPE_PARAMETER] = (POSITION, index)
    for attr in {*cls.attrs, *cls.bindings} - set(cls.methods):
        annotation, home = _attribute_declaration(cls, attr)
        index = _position(home, annotation, parameters) if annotation is not None else None
        if index is not None:
            out[f"{cls.qualname}.{attr}{TYPE_PARAMETER}"] = (POSITION, index)
    return out


def _position(home, annotation: cst.BaseExpression, parameters: List[str]) -> Optional[int]:
    annotation = _unwrapped(home, annotation)
    if type(annotation) is cst.Name and annotation.value in parameters:
        return parameters.index(annotation.value)
    return None


def imported_result(scope, receiver: cst.BaseExpression, key: str, owner: str) -> Value:
    """What ``receiver``'s member named by ``key`` (a call key, or an attribute's qualified name) is when the
    receiver is declared `Box[A]` with Box another module's generic class ``owner`` and the member declared as
    one of Box's type parameters: the type argument at that position."""
    foreign = scope.module.foreign
    if foreign is None or not foreign.owns(owner):
        return None
    annotation, home = types._declared(scope, receiver)
    annotation = _unwrapped(home, annotation) if annotation is not None else None
    if type(annotation) is not cst.Subscript or home.evaluate(annotation.value) != (REF, owner):
        return None  # (asked only of a receiver declared with type arguments: a question costs a re-check)
    position = foreign.fact(key + TYPE_PARAMETER, None)
    if position is None or position[0] != POSITION:
        return None
    arguments = [e.slice.value for e in annotation.slice if type(e.slice) is cst.Index]
    return types.annotation_type(home, arguments[position[1]]) if position[1] < len(arguments) else None
