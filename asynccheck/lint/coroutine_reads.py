"""Where ACK301 finds a coroutine made out of sight of a call statement: a property whose getter hands one back
(`if self.online:` runs `return self._check_online()`), and a call written as a parameter's default value
(`async def greet(user, profile=load_profile(0))`, made once, when the `def` runs, and never awaited there)."""
from __future__ import annotations

from typing import Dict, Iterator, Optional, Tuple

import libcst as cst

from asynccheck.lint import properties
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import Scope


def _makes_coroutine(ctx: FileContext, site: CallSite) -> bool:
    """A call of a coroutine function this module can see (defined here, or known to the tables)."""
    target = ctx.target_of(site)
    return target is not None and (ctx.root.defs.get(target) == "async" or ctx.known.is_coroutine(target)) \
        and target not in ctx.decorated


def coroutine_getters(ctx: FileContext) -> Dict[str, CallSite]:
    """getter qualname -> the call it returns, for each plain `@property` of this module's classes whose every
    return hands back a coroutine, unawaited (`return self._fetch()` with `async def _fetch`). A getter that may
    return something else too (a cached value, None) is left alone: what a read gets is then not known."""
    getters = properties.defined(ctx.root)
    if not getters:
        return {}
    returned: Dict[str, list] = {}
    for site in ctx.calls:
        scope = site.scope
        if scope.qualname in getters and type(site.statement) is cst.Return and site.statement.value is site.node:
            returned.setdefault(scope.qualname, []).append(site)
    found = {}
    for qualname, sites in returned.items():
        getter = ctx.functions.get(qualname)
        if getter is None or getter.is_async or getter.is_generator:
            continue
        values = getter.events.get("returned", ())
        if len(values) == len(sites) and all(_makes_coroutine(ctx, site) for site in sites):
            found[qualname] = sites[0]
    return found


def property_reads(ctx: FileContext) -> Iterator[Tuple[Scope, cst.Attribute, CallSite]]:
    """(scope, read, what the getter returns) for each read, in a function, of a property ``coroutine_getters``
    names: what the read gives is a coroutine, however the reader takes it."""
    getters = coroutine_getters(ctx)
    if not getters:
        return
    reads = ctx.builder.reads
    for scope in ctx.scopes:
        for position in scope.events.get("reads", ()):
            node = reads[position]
            target: Optional[str] = properties.read_target(scope, node)
            if target in getters and target != scope.qualname:
                yield scope, node, getters[target]


def default_calls(ctx: FileContext) -> Iterator[CallSite]:
    """Each call written as a default value of a parameter of this module's functions."""
    defaults = set()
    for function in ctx.functions.values():
        params = getattr(function.node, "params", None)
        if params is None:
            continue
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if type(param.default) is cst.Call:
                defaults.add(id(param.default))
    if defaults:
        yield from (site for site in ctx.calls if id(site.node) in defaults)
