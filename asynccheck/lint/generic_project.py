"""Generic classes across the project's modules: a class's type parameters and what its bases fix, read from this
module's code or from the facts another module exports, and the members declared with them.

`class Pool(Generic[T]): def take(self) -> T` in one module, `self.pool: Pool[redis.Redis]` in another: the first
module exports `Pool(generic)` (its parameters and bases) and `Pool.take()(generic)` (the return is T itself); the
second asks the project index what `take()` gives on a `Pool` (generic_facts.on_receiver: found through the bases
and said in the receiver class's own terms, in one round of checks however deep the bases are) and substitutes
what the receiver's declaration or constructor says T is. Bases several levels deep (`class SessionHolder(Keyed[str,
requests.Session])`, `class Keyed(Holder[T], Generic[K, T])`) are followed from the receiver's class to the class
that declares the member, each base's arguments read in its own terms.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import generics, types
from asynccheck.lint.facts import AWAIT, CALL
from asynccheck.lint.interface import answer
from asynccheck.lint.generic_facts import GENERIC, GENERIC_AS, GENERIC_RETURN, ON_RECEIVER, TVAR as _TVAR, Argument, \
    Signature, argument_text, decoded, encoded, lifted_arguments, parsed_argument
from asynccheck.lint.types import INST, ITER, MAP, REF, Value

_HOW = {"itself": None, "element": ITER, "mapped": MAP}  # where T sits in a member's declaration
_MAX_DEPTH = 6


def signature(scope, qualname: str) -> Optional[Signature]:
    """(the class's type parameters, its bases with the type arguments each is given), for a class of this
    module or of another module of the project that exported one; None for any other class."""
    cls = scope.module.classes.get(qualname)
    if cls is not None:
        return _local_signature(cls)
    said = answer(scope.module.foreign, qualname, GENERIC, "generic")
    return decoded(said) if said is not None else None


def _local_signature(cls) -> Signature:
    memo, key = cls.module.memo, ("generic signature", cls.qualname)
    if key not in memo:
        parameters = tuple(generics.class_parameters(cls))
        variables = set(parameters) | generics.module_type_vars(cls.module)
        home = cls.parent
        bases = []
        for base in cls.base_nodes if home is not None else ():
            head = home.evaluate(base.value if type(base) is cst.Subscript else base)
            if head is None or head[0] != REF or types.dotted_last(base.value if type(base) is cst.Subscript
                                                                    else base) in ("Generic", "Protocol"):
                continue
            arguments: Tuple[Argument, ...] = ()
            if type(base) is cst.Subscript:
                arguments = tuple(
                    (_TVAR, e.slice.value.value) if type(e.slice.value) is cst.Name and e.slice.value.value in variables
                    else _instance_kind(types.annotation_type(home, e.slice.value))
                    for e in base.slice if type(e.slice) is cst.Index)
            bases.append((head[1], arguments))
        memo[key] = (parameters, tuple(bases))
    return memo[key]


def _instance_kind(value: Value) -> Argument:
    return value if value is not None and value[0] in (INST, ITER, MAP) else None


def lift(scope, given: Dict[str, Value], start: str, target: str, depth: int = 0) -> Optional[Dict[str, Value]]:
    """What the type parameters of ``target`` stand for, ``given`` those of ``start`` (a class deriving from it,
    or the class itself); None when ``target`` is not reached through bases we can read."""
    if start == target:
        return given
    if depth > _MAX_DEPTH:
        return None
    cls = scope.module.classes.get(start)
    if cls is None:  # another module's class: the index walks its bases up to ``target`` in one answer
        foreign = scope.module.foreign
        fact = foreign.fact(f"{start}{GENERIC_AS}{target})", None) \
            if foreign is not None and foreign.owns(start) else None
        if fact is None or fact[0] != "lifted":
            return None
        fixed = {}
        for parameter, argument in lifted_arguments(fact[1]).items():
            value = given.get(argument[1]) if argument is not None and argument[0] == _TVAR else argument
            if value is not None:
                fixed[parameter] = value
        return fixed
    for base, arguments in _local_signature(cls)[1]:
        base_signature = signature(scope, base)
        if base_signature is None or len(base_signature[0]) != len(arguments):
            continue
        fixed = {}
        for parameter, argument in zip(base_signature[0], arguments):
            value = given.get(argument[1]) if argument is not None and argument[0] == _TVAR else argument
            if value is not None:
                fixed[parameter] = value
        lifted = lift(scope, fixed, base, target, depth + 1)
        if lifted is not None:
            return lifted
    return None


def call_result(scope, call: cst.Call, name: str, awaited: bool) -> Value:
    """What calling the method ``name`` of another module's class gives on ``call``'s receiver, when the method
    (its own or a base's) is declared to return one of a generic class's type parameters (`pool.take()`, `-> T`)."""
    foreign = scope.module.foreign
    if foreign is None or not foreign.owns(name):
        return None
    fact = foreign.fact(name + (AWAIT if awaited else CALL) + ON_RECEIVER, None)
    if fact is not None and fact[0] == "call":  # `first(sessions)`, `container.get(requests.Session)`
        variable, how, positional, keyword_only = fact[1].split("|")
        value = generics.matched(scope, call, _places(positional), _places(keyword_only)).get(variable)
        return _placed(value, how)
    if type(call.func) is not cst.Attribute:
        return None
    return _member_result(scope, call.func.value, name.rpartition(".")[0], fact)


def attribute_result(scope, node: cst.Attribute, cls: str) -> Value:
    """`holder.item` on an instance of another module's class whose generic base declares `item: T` (or a
    property)."""
    foreign = scope.module.foreign
    if foreign is None or not foreign.owns(cls):
        return None
    return _member_result(scope, node.value, cls, foreign.fact(f"{cls}.{node.attr.value}{ON_RECEIVER}", None))


def _member_result(scope, receiver: cst.BaseExpression, cls: str, fact) -> Value:
    """The index's answer (generic_facts.on_receiver), made specific by what the receiver's declaration or
    constructor says the parameters of its class ``cls`` are."""
    if fact is None or fact[0] != "member":
        return None
    argument, how, parameters = fact[1].split("|")
    kind, _, name = argument.partition(":")
    if kind == _TVAR:
        value = scope.evaluate(receiver)
        if value != (INST, cls):
            return None
        value = generics.own_arguments(scope, receiver, cls, parameters.split(",")).get(name)
    else:
        value = (kind, name)
    return _placed(value, how)


def _placed(value: Value, how: str) -> Value:
    """What a member declared `T` (itself), `list[T]` (element) or `dict[K, T]` (mapped) is, T being ``value``."""
    if value is None or how == "itself":
        return value
    return (_HOW[how], value[1]) if value[0] == INST else None


def constructed(scope, call: cst.Call, cls: str) -> Dict[str, Value]:
    """What the arguments of `Pool(redis.Redis())` say the type parameters of another module's class `Pool` are,
    from the places its `__init__` declares with them (exported as `Pool.__init__(generic)`)."""
    foreign = scope.module.foreign
    fact = foreign.fact(f"{cls}.__init__{GENERIC}", None) if foreign is not None else None
    if fact is None or fact[0] != "params":
        return {}
    positional, keyword_only = fact[1].split("|")
    return generics.matched(scope, call, _places(positional), _places(keyword_only))


def returned_arguments(scope, name: str, cls: str, parameters: List[str]) -> Dict[str, Value]:
    """`pooled(4)`, another module's `def pooled(n) -> Pool[httpx.Client]`: what its declared return says the type
    parameters of ``cls`` are (exported as `pooled()(generic return)`)."""
    foreign = scope.module.foreign
    if foreign is None or not foreign.owns(name):
        return {}
    fact = foreign.fact(call_key_of(name, False) + GENERIC_RETURN, None)
    if fact is None or fact[0] != "returned":
        return {}
    head, _, given = fact[1].partition("|")
    values = [parsed_argument(text) for text in given.split(",")]
    if head != cls or len(values) != len(parameters):
        return {}
    return {p: v for p, v in zip(parameters, values) if v is not None}


def _places(text: str):
    places = []
    for item in text.split(",") if text else ():
        name, variable, how = item.split(":")
        places.append((name, (variable, how) if variable else None))
    return places


# -- the facts this module exports -------------------------------------------------------------------------

def exported(root) -> Dict[str, tuple]:
    """The generic facts of this module's classes: signatures (for classes with type parameters or bases of the
    project), members declared with a type parameter, and the `__init__` parameters that decide them."""
    out: Dict[str, tuple] = {}
    for qualname, cls in root.classes.items():
        if cls.parent is None:
            continue
        parameters, bases = _local_signature(cls)
        if not parameters and not any(arguments or root.foreign is None or root.foreign.owns(base)
                                      or base in root.classes for base, arguments in bases):
            continue
        out[qualname + GENERIC] = ("generic", encoded((parameters, bases)))
        variables = frozenset(parameters)
        if not variables:
            continue
        for attr in {*cls.attrs, *cls.bindings, *cls.methods}:
            method = cls.methods.get(attr)
            returned = root.returns.get(method.qualname) if method is not None else None
            if returned is not None and not returned[3]:  # a method: what calling it gives
                if returned[0] is None:
                    continue
                place = generics.return_place(returned[1], returned[0].annotation, variables)
                key = qualname + "." + attr + (AWAIT if returned[2] else CALL) + GENERIC
            else:
                annotation, home = generics.attribute_declaration(cls, attr)
                place = generics.return_place(home, annotation, variables) if annotation is not None else None
                key = f"{qualname}.{attr}{GENERIC}"
            if place is not None:
                out[key] = ("member", f"{qualname}|{place[0]}|{place[1]}")
        init = cls.methods.get("__init__")
        if init is not None and init.self_name is not None and init.qualname in root.returns:
            out[f"{qualname}.__init__{GENERIC}"] = ("params", _parameter_places(root, init, variables))
    _generic_functions(root, out)
    _generic_returns(root, out)
    return out


def _generic_returns(root, out: Dict[str, tuple]) -> None:
    """`def pooled(n) -> Pool[httpx.Client]`: functions and methods declared to return a generic class of the project
    with its type arguments given, for another module's `pooled(4).take()`."""
    for qualname, function in root.functions.items():
        declared = root.returns.get(qualname)
        outer = function.parent
        if declared is None or declared[0] is None or declared[3] or outer is None \
                or outer.kind not in ("module", "class"):
            continue
        home = declared[1]
        annotation = generics.unwrapped(home, declared[0])
        if type(annotation) is not cst.Subscript:
            continue
        head = home.evaluate(annotation.value)
        if head is None or head[0] != REF or not (head[1] in root.classes or (
                root.foreign is not None and root.foreign.owns(head[1]))):
            continue
        arguments = [_instance_kind(types.annotation_type(home, e.slice.value)) for e in annotation.slice
                     if type(e.slice) is cst.Index]
        if any(arguments):
            out[call_key_of(qualname, declared[2]) + GENERIC_RETURN] = (
                "returned", head[1] + "|" + ",".join(map(argument_text, arguments)))


def _generic_functions(root, out: Dict[str, tuple]) -> None:
    """`def first(xs: Sequence[T]) -> T`, `def get(self, kind: type[T]) -> T`: functions and methods whose return
    names a type variable of their own (not of their class), which the call's arguments decide."""
    for qualname, function in root.functions.items():
        declared = root.returns.get(qualname)
        outer = function.parent
        if declared is None or declared[0] is None or declared[3] or outer is None \
                or outer.kind not in ("module", "class"):
            continue
        variables = generics.function_variables(function, declared[1])
        if not variables:
            continue
        place = generics.return_place(declared[1], declared[0].annotation, variables)
        key = call_key_of(qualname, declared[2]) + GENERIC
        if place is not None and key not in out:
            out[key] = ("call", f"{place[0]}|{place[1]}|{_parameter_places(root, function, variables)}")


def call_key_of(qualname: str, awaited: bool) -> str:
    return qualname + (AWAIT if awaited else CALL)


def _parameter_places(root, function, variables: frozenset) -> str:
    """The places of ``variables`` in the function's parameters, encoded (self left out of a method's)."""
    home = root.returns[function.qualname][1]
    params = function.node.params

    def encoded(param) -> str:
        place = generics.return_place(home, param.annotation.annotation, variables, made=True) \
            if param.annotation is not None else None
        return f"{param.name.value}:{place[0]}:{place[1]}" if place is not None else f"{param.name.value}::"
    positional = [*params.posonly_params, *params.params][1 if function.self_name is not None else 0:]
    return ",".join(map(encoded, positional)) + "|" + ",".join(map(encoded, params.kwonly_params))
