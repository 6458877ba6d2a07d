"""The facts generic classes give other modules, as text, and the one question the project index answers about
them. Free of libcst, as the index must be (see facts.py).

- `pkg.Pool(generic)`: ("generic", "T,K|pkg.Base[tvar:T,inst:requests.Session]") - the class's type parameters, then
  each base with the type arguments it is given (a parameter of this class, a known type, or `?`);
- `pkg.Pool.take()(generic)`, `pkg.Box.item(generic)`: ("member", "pkg.Pool|T|itself") - the class that declares
  the member, the parameter its declaration names, and where (`itself`, `element` of a collection, `mapped` value);
- `pkg.Pool.__init__(generic)`: ("params", "first:T:itself|") - what each `__init__` parameter (positional, then
  keyword-only) is declared with;
- `pkg.first()(generic)`, `pkg.Container.get()(generic)`: ("call", "T|itself|xs:T:element|") - a function or method
  generic in its own type variables: where its return names one, then its parameters as for `__init__` (the
  call's arguments decide);
- `pkg.pooled()(generic return)`: ("returned", "pkg.Pool|inst:httpx.Client") - a function declared to return a
  generic class with its arguments given (`-> Pool[httpx.Client]`): the class, then those arguments;
- `pkg.Sub(generic as pkg.Base)`: ("lifted", "T=inst:requests.Session") - asked of the index, which walks the bases
  from `Sub` up to `Base` in one answer (a question per level would take a round of checks per level);
- `pkg.Sub.held()(generic on receiver)`: ("member", "inst:requests.Session|itself|") - asked of the index too: the
  member's declaration found through the bases and said in the terms of `Sub`, the receiver's class: a type a
  base fixes, or one of `Sub`'s own parameters (`tvar:T|itself|T,K`, with `Sub`'s parameters in order).
"""
from __future__ import annotations

from typing import Callable, Dict, Optional, Tuple

GENERIC = "(generic)"
GENERIC_AS = "(generic as "
ON_RECEIVER = "(generic on receiver)"
GENERIC_RETURN = "(generic return)"
TVAR = "tvar"  # an argument that is a type parameter of the deriving class (`Holder[T]` in `Keyed(Generic[K, T])`)
KINDS = ("generic", "member", "params", "lifted", "call", "returned")  # (the kinds of value these facts have)
_MAX_DEPTH = 8

Argument = Optional[Tuple[str, str]]
Signature = Tuple[Tuple[str, ...], Tuple[Tuple[str, Tuple[Argument, ...]], ...]]


def argument_text(argument: Argument) -> str:
    return "?" if argument is None else f"{argument[0]}:{argument[1]}"


def parsed_argument(text: str) -> Argument:
    if text == "?":
        return None
    kind, _, name = text.partition(":")
    return kind, name


def encoded(found: Signature) -> str:
    parameters, bases = found
    return ",".join(parameters) + "|" + ";".join(
        f"{base}[{','.join(map(argument_text, arguments))}]" for base, arguments in bases)


def decoded(text: str) -> Signature:
    head, _, tail = text.partition("|")
    bases = []
    for item in tail.split(";") if tail else ():
        base, _, rest = item.partition("[")
        bases.append((base, tuple(parsed_argument(a) for a in rest[:-1].split(",") if a)))
    return tuple(head.split(",")) if head else (), tuple(bases)


def lifted_arguments(text: str) -> Dict[str, Argument]:
    """A "lifted" fact's mapping: each parameter of the base class -> what the deriving class gives it."""
    found = {}
    for item in text.split(",") if text else ():
        parameter, _, argument = item.partition("=")
        found[parameter] = parsed_argument(argument)
    return found


def lifted(type_fact: Callable[[str], Optional[tuple]], resolve: Callable[[str], str], key: str) -> Optional[tuple]:
    """The index's answer to `Sub(generic as Base)`: what each type parameter of `Base` is in terms of `Sub`'s
    own parameters (or a known type a base on the way fixes), through any number of project bases."""
    start, _, rest = key.partition(GENERIC_AS)
    mapping = _lift(type_fact, resolve, start, resolve(rest[:-1]), 0)
    if mapping is None:
        return None
    return "lifted", ",".join(f"{p}={argument_text(a)}" for p, a in mapping.items())


def _lift(type_fact, resolve, start: str, target: str, depth: int) -> Optional[Dict[str, Argument]]:
    fact = type_fact(start + GENERIC)
    if fact is None or fact[0] != "generic" or depth > _MAX_DEPTH:
        return None
    parameters, bases = decoded(fact[1])
    if resolve(start) == target:
        return {p: (TVAR, p) for p in parameters}
    for base, arguments in bases:
        inner = _lift(type_fact, resolve, base, target, depth + 1)  # the target's parameters in the base's terms
        if inner is None:
            continue
        base_fact = type_fact(base + GENERIC)
        base_parameters = decoded(base_fact[1])[0]
        if len(base_parameters) != len(arguments) and (arguments or base_parameters):
            continue  # `class Mid(Base)` of a generic Base: Base's parameters are left open
        given = dict(zip(base_parameters, arguments))
        return {p: (given.get(a[1]) if a is not None and a[0] == TVAR else a) for p, a in inner.items()}
    return None


def on_receiver(type_fact: Callable[[str], Optional[tuple]], resolve: Callable[[str], str], key: str) -> Optional[tuple]:
    """The index's answer to `Sub.m()(generic on receiver)` (see the module's docstring)."""
    member = key[:-len(ON_RECEIVER)]
    declared = type_fact(member + GENERIC)
    if declared is None or declared[0] != "member":
        return declared if declared is not None and declared[0] == "call" else None
    owner, variable, how = declared[1].split("|")
    name = member.partition("(")[0]
    receiver = name.rpartition(".")[0]
    mapping = _lift(type_fact, resolve, receiver, resolve(owner), 0)
    argument = mapping.get(variable) if mapping is not None else None
    if argument is None:
        return None
    own = type_fact(receiver + GENERIC)
    parameters = decoded(own[1])[0] if own is not None and own[0] == "generic" else ()
    return "member", f"{argument_text(argument)}|{how}|{','.join(parameters)}"
