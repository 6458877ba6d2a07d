"""Generators kept on an attribute and advanced later: `self._gen = self._walk(path)` in one method, `next(self._gen)`
in a coroutine. Calling a generator function runs none of its body; each `next()` (or `send()`) runs it up to its
next `yield`, so a generator function that blocks blocks where it is advanced (ACK103 and the rest of the family,
as for a direct call of a blocking helper)."""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge, types
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import REF, Scope

# what runs a generator's body up to its next yield: `next(gen)`, `next(gen, default)`, `gen.send(x)`
ADVANCES = frozenset({"builtins.next"})
_ADVANCING_METHODS = frozenset({"send", "__next__"})


def advances(site: CallSite, target: Optional[str]) -> bool:
    """Is ``site`` shaped like a generator's advance (what ``advanced`` then checks)?"""
    func = site.node.func
    return target in ADVANCES or (type(func) is cst.Attribute and func.attr.value in _ADVANCING_METHODS)


def advanced(ctx: FileContext, site: CallSite, target: Optional[str]) -> Optional[Tuple[str, cst.Call, Scope]]:
    """(the generator function, the call that made the generator, the scope it was made in) when ``site``
    advances a generator kept on an attribute of `self`, every assignment of which makes it with the same
    generator function of this module, or the same lazy library call (knowledge.LAZY: `path.iterdir()`)."""
    func = site.node.func
    if target in ADVANCES and site.node.args and not site.node.args[0].star:
        kept = site.node.args[0].value
    elif type(func) is cst.Attribute and func.attr.value in _ADVANCING_METHODS:
        kept = func.value
    else:
        return None
    if type(kept) is not cst.Attribute or type(kept.value) is not cst.Name:
        return None  # (a local: its making call is the one reported, where it is made and iterated)
    found = None
    for binding in types.bindings_of(site.scope, kept) or ():
        if types.is_none_binding(binding):
            continue
        if binding[0] != "expr" or type(binding[1]) is not cst.Call:
            return None
        where: Scope = binding[2]
        value = where.evaluate(binding[1].func)
        if value is None or value[0] != REF or (found is not None and found[0] != value[1]):
            return None
        function = ctx.functions.get(value[1])
        lazy = value[1] in knowledge.LAZY  # `self._entries = self.path.iterdir()`, `os.walk(root)`
        if not lazy and (function is None or not function.is_generator or function.is_async):
            return None
        found = (value[1], binding[1], where)
    return found
