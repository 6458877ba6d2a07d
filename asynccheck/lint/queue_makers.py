"""Queue makers across modules: `def make_channel(size=0): return asyncio.Queue(maxsize=size)` in one module, and
`make_channel()` in another, which gets the unbounded default. The maker's own module reports the default it
reads; the caller's module cannot see it, so the maker exports which parameter bounds its queue."""
from __future__ import annotations

from typing import Dict, Optional

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext, call_text
from asynccheck.lint.facts import SIZED_QUEUE
from asynccheck.lint.interface import answer
from asynccheck.lint.scope import REF, Scope


def exported(ctx: FileContext, size_of, unbounded, setting_of) -> Dict[str, tuple]:
    """`pkg.channels.make_channel(sized queue)` for each sync function of this module that returns the queue it
    makes with the size its caller gives (a class whose `__init__` stores it on `self`: the class), and whether
    that parameter's default leaves the queue unbounded ("open") or bounds it ("bounded": only a caller that hands
    it 0 or less gets an unbounded queue). (The checks of the size are queues.py's, handed in.)"""
    out: Dict[str, tuple] = {}
    for site in ctx.calls:
        scope = site.scope
        if scope.kind != "function" or scope.is_async or type(scope.node) is not cst.FunctionDef \
                or scope.parent is None or scope.parent.kind not in ("module", "class"):
            continue
        kind = ctx.target_of(site)
        if kind not in knowledge.UNBOUNDED_QUEUE_TYPES:
            continue
        size = size_of(site.node)
        setting = setting_of(size) if size is not None else None
        if type(setting) is not cst.Name:
            continue
        # (a parameter with no default: each caller decides, and one may hand 0 or None)
        default = "open" if unbounded(size, scope) or _required(scope, setting.value) else "bounded"
        maker = _maker(scope, site)
        position = _position(scope, setting.value)
        if maker is not None and position is not None:
            out[maker + SIZED_QUEUE] = ("sized", f"{position}|{setting.value}|{default}|{kind}")
    return out


def _maker(scope: Scope, site: CallSite) -> Optional[str]:
    """The name another module calls to get the queue: the function that returns it, or the class whose
    `__init__` keeps it on `self`."""
    statement = site.statement
    if type(statement) is cst.Return and statement.value is site.node:
        return scope.qualname if scope.parent.kind == "module" or _static(scope) else None
    if scope.name == "__init__" and scope.class_scope is not None and type(statement) in (cst.Assign, cst.AnnAssign) \
            and statement.value is site.node:
        targets = [t.target for t in statement.targets] if type(statement) is cst.Assign else [statement.target]
        if all(type(t) is cst.Attribute and type(t.value) is cst.Name and t.value.value == scope.self_name
               for t in targets):
            return scope.class_scope.qualname
    return None


def _required(scope: Scope, name: str) -> bool:
    bindings = scope.bindings.get(name, ())
    return len(bindings) == 1 and bindings[0][0] == "param" and bindings[0][2] is None \
        and any(p.name.value == name and p.default is None for p in scope.node.params.params)


def _static(scope: Scope) -> bool:
    return any(type(d.decorator) is cst.Name and d.decorator.value in ("staticmethod", "classmethod")
               for d in scope.node.decorators)


def _position(scope: Scope, name: str) -> Optional[int]:
    """Where the caller puts the parameter ``name`` (after `self`/`cls`), -1 for keyword-only; None if no such."""
    params = scope.node.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)]
    if scope.parent.kind == "class" and not any(type(d.decorator) is cst.Name and d.decorator.value == "staticmethod"
                                                for d in scope.node.decorators):
        positional = positional[1:]
    if name in positional:
        return positional.index(name)
    return -1 if any(p.name.value == name for p in params.kwonly_params) else None


def check_callers(ctx: FileContext, unbounded, own: Dict[str, tuple]) -> None:
    """`make_channel()` in this module, `make_channel` another module's maker (see ``exported``) whose queue's size
    this call leaves at its unbounded default (or sets to 0 or less): ACK501 here, where the size is chosen. A
    maker of this module (``own``, its exported facts) whose default is open is reported at its queue; one whose
    default bounds it, here at each call that hands it 0 or less."""
    foreign = ctx.root.foreign
    # (alone, a module asks only about calls named as its own makers: not every call pays for its evaluation)
    names = {key[:-len(SIZED_QUEUE)].rpartition(".")[2] for key, said in own.items() if "|bounded|" in said[1]}
    if foreign is None and not names:
        return
    for site in ctx.calls:
        func = site.node.func
        if type(func) not in (cst.Name, cst.Attribute) or any(a.star for a in site.node.args):
            continue
        if foreign is None and (not site.node.args or (func.value if type(func) is cst.Name else func.attr.value)
                                not in names):
            continue
        value = site.scope.evaluate(site.node.func)
        if value is None or value[0] != REF:
            continue
        mine = own.get(value[1] + SIZED_QUEUE)
        said = mine[1] if mine is not None else answer(foreign, value[1], SIZED_QUEUE, "sized")
        if said is None:
            continue
        position, param, default, kind = said.split("|", 3)
        if mine is not None and default == "open":
            continue  # (reported at its own queue: the default every caller may keep)
        given = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == param), None)
        plain = [a.value for a in site.node.args if a.keyword is None]
        if given is None and 0 <= int(position) < len(plain):
            given = plain[int(position)]
        if given is None or type(given) is cst.Name and given.value == "None":
            if default != "open":
                continue
        elif not unbounded(given, site.scope):
            continue
        maker = value[1].rpartition(".")[2]
        ctx.report("ACK501", site.node,
                   f"`{call_text(site.node)}` makes an unbounded `{kind}`: `{maker}` bounds it with its `{param}` "
                   f"parameter, which this call {'leaves' if given is None else 'sets'} at a maxsize of 0 or less "
                   "(no limit), so producers never wait "
                   f"and when consumers fall behind it grows without limit; pass `{param}=N`")
