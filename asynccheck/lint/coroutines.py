"""ACK301: a coroutine created and never awaited, scheduled, returned or passed on."""
from __future__ import annotations

from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import Candidate, FileContext, call_text
from asynccheck.lint.messages import coroutine_message as message


def unused(site: CallSite) -> bool:
    """The call's result is thrown away: an expression statement, or a name nobody reads."""
    if site.awaited:
        return False
    if site.dropped:
        return True
    return site.assigned is not None and site.scope.loads_of(site.assigned) == 0


def check(ctx: FileContext) -> None:
    for site in ctx.calls:
        if not unused(site):
            continue
        target = ctx.target_of(site)
        if target is None:
            continue
        kind = ctx.root.defs.get(target)
        text = call_text(site.node)
        in_async = site.scope.runs_on_loop
        if target in ctx.decorated:  # decorated in another module's way: the project index decides
            ctx.candidates.append(Candidate("coroutine", target, site.index, text, site.assigned or "", in_async=in_async))
        elif target in ctx.known.coroutines or kind == "async":
            ctx.report("ACK301", site.node, message(text, site.assigned or "", in_async))
        elif kind is None and ctx.is_project(target):
            ctx.candidates.append(Candidate("coroutine", target, site.index, text, site.assigned or "", in_async=in_async))
