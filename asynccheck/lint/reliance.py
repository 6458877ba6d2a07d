"""Whether an awaiter counts on a coroutine's cancellation coming back (ACK602), as far as one module can tell.

A module sees the awaiters in its own code; one in another module reaches it only as a fact of the project index.
Asking the index in the middle of a file's check costs a second check of the file whenever the answer differs from
what was assumed, and nearly every module that ends a coroutine with `await f()` would ask (a caller that ends with
f hands on its own awaiters' reliance): on the bench corpus that was 190 files checked twice, a fifth of a cold run.
So a module works out a *reliance* instead: True when its code shows an awaiter, else the terms that would, any one
of them held by the project:

- ``(RELIED_TERM, name)``: some module relies on the coroutine function ``name`` (facts.RELIED);
- ``(UNUSED_TERM, names)``: no module uses any of ``names`` but by awaiting them (facts.USED): a public coroutine
  offered to callers that await it.

``NO`` (no term) is "nobody". A file's own findings ask only for the terms of the coroutines they are about
(``holds``); what it exports for the index keeps the terms, which the index settles once for the whole project
(``settled``). Free of libcst, as the index is.
"""
from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Set, Union

from asynccheck.lint.facts import USED

Reliance = Union[bool, FrozenSet[tuple]]
NO: FrozenSet[tuple] = frozenset()
RELIED_TERM, UNUSED_TERM = "relied", "unused"


def either(first: Reliance, second: Reliance) -> Reliance:
    if first is True or second is True:
        return True
    return (first or NO) | (second or NO)


def holds(reliance: Reliance, relied: Callable[[str], bool], used: Callable[[str], bool]) -> bool:
    """Does the project make ``reliance`` true, ``relied`` and ``used`` telling its facts? Terms are asked in a fixed
    order, the first that holds ending it: the questions a file asks must not depend on hash order."""
    if reliance is True:
        return True
    for kind, what in sorted(reliance):
        if kind == RELIED_TERM and relied(what) or kind == UNUSED_TERM and not any(used(name) for name in what):
            return True
    return False


def merge(into: Dict[str, Reliance], more: Dict[str, Reliance]) -> None:
    """Add one module's exported reliances to the project's: two modules' terms for a name are alternatives. Plain
    dict access, so that an index that loads modules on demand does not load more for it."""
    for name, reliance in more.items():
        if reliance is not True:
            reliance = either(dict.get(into, name, NO), reliance)
        dict.__setitem__(into, name, reliance)


def settled(names: Dict[str, Reliance]) -> Set[str]:
    """The names the project relies on: those some module relies on outright, then those whose terms the names
    found so far make true, until no more are found. A USED key is a use of the name, never conditional. Plain dict
    access, as in merge: an index that loads modules on demand has read those the names asked about depend on."""
    entries = dict.items(names)
    held = {name for name, reliance in entries if reliance is True}
    pending = {name: reliance for name, reliance in entries if reliance is not True and reliance}
    used = lambda name: dict.__contains__(names, USED + name)  # noqa: E731
    while pending:
        found = [name for name, reliance in pending.items() if holds(reliance, held.__contains__, used)]
        if not found:
            break
        held.update(found)
        for name in found:
            del pending[name]
    return held
