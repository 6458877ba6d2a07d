"""ACK301: a coroutine created and never awaited, scheduled, returned or passed on; or one used as if it were
its result (tested, indexed, handed to an API that wants a plain callable), which never runs either."""
from __future__ import annotations

import functools
import re
from typing import Any, Dict, List, Optional, Set

import libcst as cst

from asynccheck.lint import blocking_shapes as shapes, coroutine_reads, dispatched, knowledge, plain_callbacks, ros, tasks, \
    types, worker_frameworks, zeromq
from asynccheck.lint.builder import LISTERS, CallSite, dotted, lister_for, walk_local
from asynccheck.lint.context import Candidate, FileContext, call_text, parents_of
from asynccheck.lint.interface import FWD, answer
from asynccheck.lint.messages import coroutine_message as message
from asynccheck.lint.scope import INST, ITER, MAP, REF, Scope

# APIs that call what they are given as a plain function, later or in another thread: (position, keyword).
# Given a coroutine function, they call it and drop the coroutine; given a coroutine, they fail to call it.
CALLBACK_TAKERS: Dict[str, tuple] = {
    **{name: spec for name, spec in knowledge.THREAD_ENTRY.items()
       if name not in ros.RUNS_COROUTINE_FUNCTIONS and name not in worker_frameworks.AWAITS_COROUTINE_FUNCTIONS},
    **knowledge.LOOP_CALLBACK_ENTRY,
    "atexit.register": (0, "func"),
    # a sync exit stack calls its callbacks as it unwinds, and drops what they return
    **{f"contextlib.{stack}.{method}": (0, keyword) for stack in ("ExitStack", "AsyncExitStack")
       for method, keyword in (("callback", "callback"), ("push", "exit"))},
    # called when the object is collected (on whichever thread drops it) or at exit
    "weakref.finalize": (1, "func"),
    # APScheduler 3's thread-pool executor calls a job's function and keeps what it returns as the job's result:
    # a coroutine function's coroutine is never awaited (only its asyncio scheduler awaits one, task_roots.py)
    **{f"{kind}.add_job": (0, "func") for kind in knowledge.APSCHEDULER_THREADED},
    # builtins that call a function for a value they use at once: a coroutine is always true to `filter`, and
    # cannot be compared as a `key` (99: a keyword-only argument)
    "builtins.filter": (0, "function"),
    "itertools.filterfalse": (0, "predicate"),
    "itertools.takewhile": (0, "predicate"),
    "itertools.dropwhile": (0, "predicate"),
    **{f"builtins.{name}": (99, "key") for name in ("sorted", "min", "max")},
}
_USES_RESULT = frozenset({"filter", "filterfalse", "takewhile", "dropwhile", "sorted", "min", "max", "sort"})


@functools.lru_cache(maxsize=None)
def _callback_takers() -> tuple:
    """(CALLBACK_TAKERS with the library calls that call a callback back from a thread of their own, such as a
    sounddevice stream's `callback=`, their last names). threads.py keeps those (it imports this module, so it is
    read once, at first use); a keyword-only callback (-1 there) is 99 here."""
    from asynccheck.lint import threads
    takers = dict(CALLBACK_TAKERS)
    for name, (position, keyword, _where) in threads.LIBRARY_THREAD_CALLBACKS.items():
        takers.setdefault(name, (99 if position < 0 else position, keyword))
    return takers, frozenset(name.rpartition(".")[2] for name in takers)
# APIs that call what they are handed later, awaiting it when it is a coroutine function (so one is fine there),
# but that cannot do anything with a coroutine object: (position, keyword) of that argument.
FUNCTION_TAKERS: Dict[str, tuple] = {
    # Starlette's (FastAPI's) background tasks run after the response: `add_task(send_mail, to)`, not `send_mail(to)`
    "starlette.background.BackgroundTasks.add_task": (0, "func"),
    "starlette.background.BackgroundTask": (0, "func"),
    **{name: knowledge.THREAD_ENTRY[name] for name in ros.RUNS_COROUTINE_FUNCTIONS},
}
_FUNCTION_TAKER_NAMES = frozenset(name.rpartition(".")[2] for name in FUNCTION_TAKERS)
# a future's or a task's `add_done_callback`, a list's `sort(key=...)` (99: keyword-only), whatever the receiver's type
_BY_METHOD = {"add_done_callback": (0, "fn"), "sort": (99, "key")}
# What a coroutine object itself offers: using these is handling the coroutine, not mistaking it for a result.
_COROUTINE_API = frozenset({"send", "throw", "close", "__await__", "cr_frame", "cr_code", "cr_running", "cr_await",
                            "cr_origin", "cr_suspended", "__name__", "__qualname__"})
# The async context protocol driven by hand (`conn = aiosqlite.connect(path)`, `await conn.__aenter__()`, kept open
# past the block): the code handles an awaitable object it knows, one a coroutine's result is not needed for.
_ENTERED_BY_HAND = frozenset({"__aenter__", "__aexit__"})
# The async protocols' methods return an awaitable whatever the object: called by hand and dropped, whatever it
# had to do (leave the wrapped context, fetch the next item) is not done
_ASYNC_PROTOCOL = _ENTERED_BY_HAND | {"__anext__"}
# Builtins that turn a value into a result-like one (`str(reply)`, `len(rows)`): handed a coroutine they print
# `<coroutine object ...>` or fail, so the caller took it for its result.
_CONVERSIONS = frozenset({"str", "int", "float", "bool", "len", "list", "dict", "tuple", "set", "sorted", "sum", "min",
                          "max"})
# Builtins that use every item of a collection at once (not `list()` or `set()`: a list of coroutines handed to
# `gather` is the idiom).
_CONSUMED_AT_ONCE = frozenset({"any", "all", "sum", "sorted", "min", "max"})


def unused(site: CallSite) -> bool:
    """The call's result is thrown away: an expression statement, or a name nobody reads."""
    if site.awaited:
        return False
    if site.dropped:
        return True
    return site.assigned is not None and site.scope.loads_of(site.assigned) == 0


def check(ctx: FileContext) -> None:
    local_parents: Dict[int, Dict[int, cst.CSTNode]] = {}
    reads: Dict[int, Dict[str, List[cst.Name]]] = {}
    awaited_calls: Dict[Any, Any] = {}  # (see _awaited_twin)
    returned_awaited: Dict[int, Set[str]] = {}  # (see _awaited_on_another_return)
    classes: Dict[str, Scope] = {}  # (see _field_awaited_elsewhere)
    dispatched.check(ctx)
    _out_of_sight(ctx)
    _assigned_as_library_callback(ctx)
    for site in ctx.calls:
        _callback_given(ctx, site)
        if site.awaited:
            continue
        if site.guards and _tested_not_coroutine_function(site):
            continue
        if (site.dropped or site.assigned) and _mapped_and_dropped(ctx, site):
            continue
        if type(site.node.func) is cst.Name and site.node.func.value == "map" and _mapped_as_results(ctx, site):
            continue
        if unused(site):
            if site.dropped and site.scope.runs_on_loop and (
                    _own_awaitable_field(site) or _field_awaited_elsewhere(ctx, site, classes)):
                ctx.report("ACK301", site.node, message(call_text(site.node), "", True))
                continue
            if site.dropped and site.scope.runs_on_loop and type(site.node.func) is cst.Attribute \
                    and site.node.func.attr.value in _ASYNC_PROTOCOL:
                ctx.report("ACK301", site.node, message(call_text(site.node), "", True))
                continue
            target = ctx.target_of(site) or _partial_target(site)
            if target in knowledge.AWAITABLE_MANAGERS and site.scope.runs_on_loop:
                ctx.report("ACK301", site.node,
                           f"`{call_text(site.node)}` makes an object that does its work only when awaited or "
                           f"entered with `async with`; {'dropped' if site.dropped else 'never used'} here, it never "
                           f"runs; add `await`, or enter it with `async with`")
                continue
            if site.guards and _coroutine_tested(site, dotted(site.node.func)):
                ctx.report("ACK301", site.node,
                           f"`{call_text(site.node)}` runs where a test said `{dotted(site.node.func)}` is a coroutine "
                           f"function, so it makes a coroutine; {'dropped' if site.dropped else 'never used'} here, it "
                           "is never awaited and its body never runs; "
                           + ("add `await`" if site.scope.runs_on_loop else "await it, or hand it to the loop"))
                continue
            if site.dropped and _unknown(ctx, target) and site.scope.runs_on_loop:
                twin = _awaited_twin(ctx, site, awaited_calls)
                if twin is not None:
                    ctx.report("ACK301", site.node,
                               f"`{call_text(site.node)}` is awaited elsewhere in this function, so it makes an "
                               "awaitable; here it is dropped and never awaited, so its work never runs; add `await`",
                               related=((twin, "the same call, awaited"),))
                    continue
            _decide(ctx, site, target, "")
            continue
        if type(site.statement) is cst.Expr and site.scope.runs_on_loop and _twin_dropped_whole(
                ctx, site, awaited_calls, local_parents):
            continue
        target = ctx.target_of(site)
        if target in knowledge.AWAITABLE_MANAGERS and site.assigned is not None and site.scope.runs_on_loop:
            if _assigned_only_misused(ctx, site, reads):
                ctx.report("ACK301", site.node,
                           f"`{call_text(site.node)}` makes an object that does its work only when awaited or "
                           f"entered with `async with`; bound to `{site.assigned}`, which is then only used as if "
                           f"it held the result, it never runs; add `await`, or enter it with `async with`")
            continue
        if target is None or not _may_be_coroutine(ctx, target) \
                or (target in knowledge.COROUTINE_ON_LOOP_ONLY and not site.scope.runs_on_loop) \
                or _older_discord_extension(ctx, target):
            continue
        here = ctx.known.is_coroutine(target) or ctx.root.defs.get(target) == "async"
        if site.argument_of is not None:
            how = _callback_slot(ctx, site.argument_of, site.node) and (
                f"passed to `{call_text(site.argument_of.node)}`, which wants a function to call, not a coroutine")
            how = how or (here and _returned_as_results(site)) or _converted(site) or _asserted(ctx, site) \
                or _serialised(site, site.argument_of.node)
            # `parse_prices(resp.text())` with `def parse_prices(html: str)`: the callee is told it gets a result
            how = how or (here and site.scope.runs_on_loop and _into_result_parameter(
                ctx, site.scope, _parents_near(ctx, site, local_parents), site.node) and (
                f"passed to `{call_text(site.argument_of.node)}`, which declares that parameter a plain value"))
            filled = site.argument_of.node.func
            if not how and type(filled) is cst.Attribute and filled.attr.value in ("append", "add"):  # (cheap first)
                how = here and _collected_as_declared_results(site, filled.value)
                if not how:
                    near = _parents_near(ctx, site, local_parents)
                    how = _collected_only_counted(ctx, site, near) or _collected_items_misused(ctx, site, near)
        elif site.assigned is not None:  # (the reads of a function's locals are gathered once, in one walk)
            # (a function of another module, which may not be a coroutine function at all, is looked at in the
            # code the loop runs only: in sync code, most of a library, such a binding is nearly always a result)
            how = (here or site.scope.runs_on_loop) and _assigned_only_misused(ctx, site, reads) and (
                f"bound to `{site.assigned}`, which is then only used as if it held the result")
            how = how or (site.scope.kind == "function" and type(site.statement) is cst.Assign
                          and tasks.unread_on_a_way_out(site.scope, site.assigned, site.statement) and (
                f"bound to `{site.assigned}` and left unread on one way out of the function"))
            how = how or ((here or site.scope.is_async) and _returns_result(site)
                          and _assigned_only_returned(ctx, site, reads) and (
                f"bound to `{site.assigned}` and returned from {_returner(site)}"))
            how = how or ((here or site.scope.is_async) and _bound_to_declared_value(site))
        elif getattr(site.statement, "value", None) is site.node:
            if type(site.statement) is not cst.Return:
                how = (here and (_stored_as_returned_results(site) or _item_returned(site)
                                 or _stored_as_declared_item(site))) or _stored_unread(ctx, site, here)
                if not how:
                    continue  # `self.x = f()`: handed on whole (the common case, so no parents needed)
            elif (here or site.scope.is_async) and _returns_result(site) \
                    or _awaited_on_another_return(ctx, site, target, returned_awaited):
                how = f"returned from {_returner(site)}"
            else:
                continue  # `return f()` from a sync function or one declaring an awaitable result: handed on
        else:
            parents = _parents_near(ctx, site, local_parents)
            how = _misuse(parents, _through_walrus(site, parents)) or (here and _comprehension_returned(site, parents)) \
                or ((here or site.scope.is_async) and _returned_by_a_branch(site, parents)) \
                or _collected_only_counted(ctx, site, parents) or _serialised_in_display(site, parents) \
                or _displayed_items_misused(ctx, site, parents) or (here and _returned_in_result_dict(site, parents)) \
                or _walked_items_misused(ctx, site, parents) or _collected_items_misused(ctx, site, parents)
        if how:
            advice = "; add `await`" if site.scope.runs_on_loop else ""
            _decide(ctx, site, target,
                    f"`{call_text(site.node)}` creates a coroutine that is {how}: it is never awaited, so its body "
                    f"never runs{advice}")


def _out_of_sight(ctx: FileContext) -> None:
    """Coroutines no call statement shows: a parameter's default value, and a property read (coroutine_reads)."""
    for site in coroutine_reads.default_calls(ctx):
        target = ctx.target_of(site)
        if target is not None and _may_be_coroutine(ctx, target):
            _decide(ctx, site, target,
                    f"`{call_text(site.node)}` creates a coroutine as a parameter's default value: it is made once, "
                    "when the `def` runs, and never awaited there (nor can calls share it: a coroutine is awaited "
                    "once at most), so its body never runs; default to `None` and call it in the body")
    for scope, node, made in coroutine_reads.property_reads(ctx):
        how = _misuse(ctx.parents(scope), node)
        if how:
            ctx.report("ACK301", node,
                       f"`{call_text(node)}` is a property whose getter returns `{call_text(made.node)}`, a coroutine, "
                       f"and the read is {how}: it is never awaited, so its body never runs; make the property an "
                       "`async def` method and await it")


def _twin_dropped_whole(ctx: FileContext, site: CallSite, awaited_calls: Dict[Any, Any],
                        local_parents: Dict[int, Dict[int, cst.CSTNode]]) -> bool:
    """`mailer.send(a) if mailer.enabled else None` (or `[mailer.send(a) for a in admins]`) as a statement beside
    `await mailer.send(b)`: an unknown receiver's call thrown away inside the statement as surely as one that is
    the statement, with the same evidence that it makes an awaitable (reported here, True)."""
    if not _unknown(ctx, ctx.target_of(site)):
        return False
    twin = _awaited_twin(ctx, site, awaited_calls)
    if twin is None:
        return False
    how = _misuse(_parents_near(ctx, site, local_parents), site.node)
    if how not in (_COLLECTED_DROPPED, _BRANCH_DROPPED, _OPERAND_DROPPED):
        return False
    ctx.report("ACK301", site.node,
               f"`{call_text(site.node)}` is awaited elsewhere in this function, so it makes an awaitable; here it "
               f"is {how}, never awaited, so its work never runs; add `await`",
               related=((twin, "the same call, awaited"),))
    return True


# Calls that schedule their work whether or not their result is awaited (a task, an executor job, a gather of
# tasks): dropping what they return loses a handle, not the work (ACK302's business, for the known ones)
_RUNS_ANYWAY = frozenset({"create_task", "ensure_future", "run_in_executor", "gather", "submit", "spawn",
                          "start_soon", "schedule", "shield", "call_soon", "call_later", "call_at",
                          # a stream's or handler's output, started at the call, with a Future to await for the
                          # peer to catch up (tornado's IOStream.write, RequestHandler.flush/finish): awaiting it is
                          # a choice, made at one call and not at the next
                          "write", "flush", "finish"})


def _unknown(ctx: FileContext, target: Optional[str]) -> bool:
    """Nothing this module can see says what ``target`` is (an untyped receiver's method, a library's)."""
    return target is None or (ctx.root.defs.get(target) is None and not ctx.is_project(target)
                              and not ctx.known.is_coroutine(target) and target not in ctx.decorated)


def _receiver_described(ctx: FileContext, value: Any) -> bool:
    """Does something say what the methods of a receiver evaluating to ``value`` make: this project's class, or
    a library type the tables describe? A library type they do not (`client: aiomqtt.Client` had no row) is as
    unknown as an untyped receiver: the function's own awaits of the same call are the evidence then."""
    if value is None:
        return False
    return value[0] != INST or ctx.is_project(value[1]) or value[1] in ctx.root.defs \
        or value[1] in knowledge.DESCRIBED_TYPES


def _awaited_twin(ctx: FileContext, site: CallSite, cache: Dict[Any, Any]) -> Optional[cst.CSTNode]:
    """`await client.http.post("/link")` ... `client.http.post("/invites")` as a statement, in one coroutine: the
    receiver's type is unknown, but the function itself says the call makes an awaitable. The awaited call of the
    same callee (by its text) in the same function, if any; the module's awaited calls are gathered once."""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value in _RUNS_ANYWAY:
        return None
    receiver = site.scope.evaluate(func.value)
    if _receiver_described(ctx, receiver):  # (its type's tables decide)
        return None
    text = dotted(func)
    if not text:
        return None
    if not cache:
        cache[None] = None  # (gathered: the module may have no awaited method call at all)
        for other in ctx.calls:
            if other.awaited and type(other.node.func) is cst.Attribute:
                cache.setdefault(id(other.scope), {}).setdefault(dotted(other.node.func), []).append(other.node)
                cache.setdefault("sites", {})[id(other.node)] = other
    twins = cache.get(id(site.scope), {}).get(text, ())
    if not twins or (func.attr.value != "execute" and dotted(func.value) in _command_buffers(site.scope)):
        return None
    if _handle_kept(ctx, text, cache):
        return None
    if receiver is not None:
        # a typed receiver: the awaited call must be on the same type (`isinstance(dev, RpcDevice)` before
        # `await dev.shutdown()`, `isinstance(dev, BlockDevice)` before a plain `dev.shutdown()`: two classes)
        twins = [twin for twin in twins if site.scope.evaluate(twin.func.value) == receiver]
    parents = parents_of(site.scope.node)
    sites = cache.get("sites", {})
    return next((twin for twin in twins if not _exclusive(parents, twin, site.node)
                 and not _typed_apart(sites.get(id(twin)), site, dotted(func.value))), None)


def _typed_apart(twin: Optional[CallSite], site: CallSite, receiver: str) -> bool:
    """The awaited twin runs only where `isinstance(receiver, T)` holds, and ``site`` only where it failed (`if
    isinstance(db, RemoteDb): await db.delete(...); return` before a plain `db.delete(...)`): the receiver is
    another kind of object there."""
    if twin is None or not receiver:
        return False
    failed = {id(test) for test, holds, _ in site.guards if not holds}
    return any(holds and id(test) in failed and type(test) is cst.Call and dotted(test.func) == "isinstance"
               and test.args and dotted(test.args[0].value) == receiver for test, holds, _ in twin.guards)


def _handle_kept(ctx: FileContext, text: str, cache: Dict[Any, Any]) -> bool:
    """Somewhere in the module the same call's result is bound, left unawaited at the call, and then used as an
    object (`ev = bus.dispatch(Start()); await ev; await ev.event_result()`): it hands back a handle on work it
    has started (an event, a future), one that can be awaited and then read again, which a coroutine cannot.
    Awaiting it waits for the work; dropping it does not stop it."""
    key = ("handle kept", text)
    if key not in cache:
        cache[key] = any(
            other.assigned and not other.awaited and type(other.node.func) is cst.Attribute
            and dotted(other.node.func) == text and any(
                type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value == other.assigned
                for node in walk_local(other.scope.node))
            for other in ctx.calls)
    return cache[key]


_BUFFERS_KEY = "coroutines.command_buffers"


def _command_buffers(scope: Scope) -> Set[str]:
    """Receivers this function runs with a bare `.execute()` (`pipe.hget(k)` ... `await pipe.execute()`): a
    pipeline or batch whose methods queue a command and hand back the buffer, awaitable or not, so a call on it
    left unawaited is queued like the rest; `execute()` runs them all. (`db.execute(sql)` takes its work as
    arguments: a receiver of that kind is no buffer.) Memoised per function."""
    found = scope.memo.get(_BUFFERS_KEY)
    if found is None:
        found = scope.memo[_BUFFERS_KEY] = {
            dotted(other.node.func.value) for other in scope.events.get("calls", ())
            if type(other.node.func) is cst.Attribute and other.node.func.attr.value == "execute"
            and not other.node.args}
    return found


def _exclusive(parents: Dict[int, cst.CSTNode], one: cst.CSTNode, other: cst.CSTNode) -> bool:
    """Do ``one`` and ``other`` sit in the two branches of one `if` (`if isinstance(cache, AsyncCache): await
    cache.clear() else: cache.clear()`), so that the code tells the two kinds of receiver apart?"""
    above = {}
    node, child = parents.get(id(one)), one
    while node is not None:
        above[id(node)] = child
        node, child = parents.get(id(node)), node
    node, child = parents.get(id(other)), other
    while node is not None:
        mine = above.get(id(node))
        if mine is not None:
            return type(node) in (cst.If, cst.IfExp, cst.Try) and mine is not child
        node, child = parents.get(id(node)), node
    return False


_COROUTINE_FUNCTION_TESTS = frozenset({"inspect.iscoroutinefunction", "asyncio.iscoroutinefunction",
                                       # Starlette's own test, which sees through partials and callable objects
                                       "starlette._utils.is_async_callable"})
# A library's own test, named the way such tests are (`is_coroutine_callable(fn)`, `is_async_callable(handler)`,
# `iscoroutinefunction_or_partial(cb)`): applied to the very callable the branch calls, it says which kind it is.
_COROUTINE_TEST_NAME = re.compile(
    r"_*(is_?(async|coro|coroutine)(_?(func|function|callable|fn|method|handler|def))?|iscoroutinefunction\w*)$")


def _tested_not_coroutine_function(site: CallSite) -> bool:
    """The call runs only where a test said its callee is not a coroutine function (`if not
    inspect.iscoroutinefunction(self.close): self.close()`, or the `else` of `if iscoroutinefunction(cb): await
    cb()`): code shared between a sync and an async twin, or a hook that may be either, calls it plainly only
    when the call does the work. A test of another callable says nothing about this one."""
    return _tested_not_coroutine(site, dotted(site.node.func))


def _tested_not_coroutine(site: CallSite, callee: str) -> bool:
    """``site`` runs only where a test said ``callee`` (as written) is not a coroutine function; the test may be
    kept in a local first (`is_async = is_async_callable(handler)` then `if is_async: ... else: ...`)."""
    return _coroutine_tested(site, callee) is False


def _coroutine_tested(site: CallSite, callee: str) -> Optional[bool]:
    """What a test ``site`` runs under said of ``callee`` (as written): True where it said a coroutine function
    (`if inspect.iscoroutinefunction(hook): hook(job)`), False where it said not, None where none said."""
    if not callee:
        return None
    for test, holds, _pristine in site.guards:
        while type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
            test, holds = test.expression, not holds
        tests = [test]
        if holds:  # `if a and not iscoroutinefunction(f)`: each part holds
            while any(type(t) is cst.BooleanOperation and type(t.operator) is cst.And for t in tests):
                tests = [part for t in tests for part in (
                    (t.left, t.right) if type(t) is cst.BooleanOperation and type(t.operator) is cst.And else (t,))]
        for part in tests:
            positive = holds
            while type(part) is cst.UnaryOperation and type(part.operator) is cst.Not:
                part, positive = part.expression, not positive
            if type(part) is cst.Name:
                kept = site.scope.sole_call(part.value)
                part = kept[0] if kept is not None else part
            if type(part) is not cst.Call or len(part.args) != 1 or part.args[0].star:
                continue
            if _tested_callable(part.args[0].value) != callee:
                continue
            value = site.scope.evaluate(part.func)
            if value is not None and value[0] == REF and value[1] in _COROUTINE_FUNCTION_TESTS:
                return positive
            if _COROUTINE_TEST_NAME.match(dotted(part.func).rpartition(".")[2]):
                return positive
    return None


def _tested_callable(node: cst.BaseExpression) -> str:
    """The callable a coroutine-function test reads, as written: `self.close`, and `getattr(db, "close", None)`
    as `db.close` (a hook the object may not have, looked up by name)."""
    if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "getattr" \
            and len(node.args) in (2, 3) and not any(arg.star or arg.keyword for arg in node.args) \
            and type(node.args[1].value) is cst.SimpleString:
        owner, name = dotted(node.args[0].value), node.args[1].value.evaluated_value
        return f"{owner}.{name}" if owner and isinstance(name, str) and name.isidentifier() else ""
    return dotted(node)


# Element types a function can declare it returns that a coroutine object is not.
_RESULT_TYPES = frozenset("bytes str int float bool dict list tuple set bytearray".split())
# interface key suffix: a plain function whose parameters are declared types no coroutine has (`html: str`), so
# that another module's `body = resp.text()` handed to it is taken for the result it is not (value: ("params",
# the names of those parameters in their positions, "" for the others; keyword-only ones after a ";"))
RESULT_PARAMS = "(result params)"
_SEQUENCES = frozenset("list List Sequence Iterable tuple Tuple set Set".split())


def _returned_as_results(site: CallSite) -> str:
    """`thumbs.append(resize(img))` then `return thumbs` in a function declared `-> list[bytes]`: the caller is
    told it gets results, so nobody will await the coroutines collected there."""
    call = site.argument_of.node
    if not (type(call.func) is cst.Attribute and call.func.attr.value in ("append", "add")
            and type(call.func.value) is cst.Name):
        return ""
    function = site.scope.node
    results = _declared_results(site)
    if not results:
        return ""
    name = call.func.value.value
    if not any(type(node) is cst.Return and type(node.value) is cst.Name and node.value.value == name
               for node in walk_local(function.body)):
        return ""
    return f"collected into `{name}`, which the function returns as its results ({results})"


_MAPPINGS = frozenset("dict Dict Mapping MutableMapping".split())


def _stored_as_returned_results(site: CallSite) -> str:
    """`levels[dev.address] = read_battery(dev)` then `return levels` in a function declared `-> dict[str, int]`:
    each value stored is a coroutine, and the caller is told it gets results, so nobody will await them."""
    statement = site.statement
    if type(statement) is not cst.Assign or len(statement.targets) != 1:
        return ""
    stored = statement.targets[0].target
    if type(stored) is not cst.Subscript or type(stored.value) is not cst.Name:
        return ""
    returns = getattr(site.scope.node, "returns", None)
    declared = returns.annotation if returns is not None else None
    if not (type(declared) is cst.Subscript and type(declared.value) in (cst.Name, cst.Attribute)
            and dotted(declared.value).rpartition(".")[2] in _MAPPINGS and len(declared.slice) == 2):
        return ""
    element = declared.slice[1].slice
    if not (type(element) is cst.Index and type(element.value) is cst.Name
            and element.value.value in _RESULT_TYPES and site.scope.lookup_scope(element.value.value) is None):
        return ""
    name = stored.value.value
    if not any(type(node) is cst.Return and type(node.value) is cst.Name and node.value.value == name
               for node in walk_local(site.scope.node.body)):
        return ""
    return f"stored in `{name}`, which the function returns as its results " \
           f"(`-> {dotted(declared.value)}[..., {element.value.value}]`)"


_ATTRIBUTES_READ = "\0attributes read"  # (the key of the module's memo that holds them)


def _stored_as_declared_item(site: CallSite) -> str:
    """`gates[gate_id] = Gate.connect(gate_id)` with `gates: dict[str, Gate]`: the mapping (or list) is declared to
    hold instances of a class, and gets the coroutine that would make one."""
    statement = site.statement
    if type(statement) is not cst.Assign or len(statement.targets) != 1 \
            or type(statement.targets[0].target) is not cst.Subscript:
        return ""
    holder = statement.targets[0].target.value
    owner = site.scope.lookup_scope(holder.value) if type(holder) is cst.Name else None
    # what the annotation says, not what other assignments put there (`seen: dict`, then `seen[k] = await f(k)`)
    declared = next((b[1] for b in owner.bindings.get(holder.value, ()) if b[0] in ("param", "annot")
                     and type(b[1]) is cst.Annotation and type(b[1].annotation) is cst.Subscript), None) \
        if owner is not None else None
    held = types.annotation_type(owner, declared) if declared is not None else None
    if held is None or held[0] not in (MAP, ITER) or held[1].rpartition(".")[2] in _AWAITABLE_RESULTS:
        return ""
    return f"stored into `{dotted(holder) or call_text(holder)}`, declared to hold `{held[1].rpartition('.')[2]}` values"


def _stored_unread(ctx: FileContext, site: CallSite, here: bool = False) -> str:
    """`app.state.jobs = open_pool(...)`, `self._conn = connect(...)`: a coroutine stored on an attribute that
    nothing in the module ever reads (no `.jobs`, no `"jobs"` for a getattr), so nothing here awaits it, gathers it
    or hands it on. Those stored and read anywhere (`await self._ready`, `gather(*x.pending)`) are taken as handed
    on; so is a public attribute of `self`, which the class's users may await (`await client.ready`)."""
    statement = site.statement
    if type(statement) is cst.Assign and len(statement.targets) == 1:
        stored = statement.targets[0].target
    elif type(statement) is cst.AnnAssign:
        stored = statement.target
    else:
        return ""
    if type(stored) is not cst.Attribute:
        return ""
    name = stored.attr.value
    receiver = stored.value
    if type(receiver) is cst.Name and site.scope.self_class(receiver.value) is not None and not name.startswith("_"):
        return ""
    module = site.scope.module
    read = module.memo.get(_ATTRIBUTES_READ)
    if read is None:
        read = module.memo[_ATTRIBUTES_READ] = _attributes_read(ctx.root.node)
    # (``here``: a coroutine function this module sees, the only kind worth a walk for private reads)
    if name in read and not (here and type(receiver) is cst.Name and name.startswith("_")
                             and not _private_read(module, site.scope.self_class(receiver.value), name)):
        return ""
    return f"stored in `{dotted(stored) or name}`, which nothing in this module reads"


def _private_read(module: Scope, owner: Optional[Scope], name: str) -> bool:
    """Does the module read the private attribute ``name`` of ``owner``'s instances: anywhere but through `self`
    (or `cls`) in the methods of another class of the module that does not derive from it, whose `self._ready`
    is its own attribute of the same name?"""
    if owner is None or type(owner.node) is not cst.ClassDef:
        return True
    found = module.memo.get(_PRIVATE_READS)
    if found is None:
        found = module.memo[_PRIVATE_READS] = _private_reads(module.node)
    readers, bases = found
    own = owner.node.name.value
    return any(reader is None or reader == own or own in bases.get(reader, ()) for reader in readers.get(name, ()))


_PRIVATE_READS = "\0private reads"  # (the key of the module's memo that holds them)


def _private_reads(tree: cst.CSTNode) -> tuple:
    """({private attribute name: the classes that read it through their own `self` or `cls`, None for a read
    through anything else or outside a class}, {class name: the last names of its bases}): one walk of the
    module, for the few modules that store a coroutine on a private attribute read somewhere."""
    stores: Set[int] = set()
    readers: Dict[str, Set[Optional[str]]] = {}
    bases: Dict[str, tuple] = {}
    stack: List[tuple] = [(tree, None)]
    while stack:
        node, cls = stack.pop()
        kind = type(node)
        if kind is cst.ClassDef:
            cls = node.name.value
            bases[cls] = tuple(dotted(base.value).rpartition(".")[2] for base in node.bases)
        elif kind is cst.Assign:
            stores.update(id(t.target) for t in node.targets)
        elif kind is cst.AnnAssign:
            stores.add(id(node.target))
        elif kind is cst.Attribute and node.attr.value.startswith("_") and id(node) not in stores:
            through_self = type(node.value) is cst.Name and node.value.value in ("self", "cls")
            readers.setdefault(node.attr.value, set()).add(cls if through_self else None)
        elif kind is cst.SimpleString:
            for name in _identifier_in(node):
                readers.setdefault(name, set()).add(None)
        lister = LISTERS.get(kind)
        stack.extend((child, cls) for child in (lister(node) if lister is not None else lister_for(kind)(node)))
    return readers, bases


def _attributes_read(tree: cst.CSTNode) -> Set[str]:
    """The attribute names a module reads (`x.name` anywhere but as what an assignment stores into, and the
    strings it holds, for `getattr(x, "name")`)."""
    stores: Set[int] = set()
    names: Set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is cst.Assign:
            stores.update(id(t.target) for t in node.targets)
        elif kind is cst.AnnAssign:
            stores.add(id(node.target))
        elif kind is cst.Attribute and id(node) not in stores:
            names.add(node.attr.value)
        elif kind is cst.SimpleString:
            names.update(_identifier_in(node))
        lister = LISTERS.get(kind)  # (children(node), without a call of its own per node)
        stack.extend(lister(node) if lister is not None else lister_for(kind)(node))
    return names


def _identifier_in(node: cst.SimpleString) -> tuple:
    """The string's value when it is an identifier (`getattr(x, "name")`). Without a backslash, a text string's
    value is what its quotes hold (up to line endings, which no identifier has): libcst's evaluated_value
    compiles every string, a large share of this module walk."""
    prefix = node.prefix.lower()
    if "b" in prefix:
        return ()
    inner = node.raw_value
    if "\\" in inner:
        value = node.evaluated_value
        return (value,) if isinstance(value, str) and value.isidentifier() else ()
    return (inner,) if inner.isidentifier() else ()


def _item_returned(site: CallSite) -> str:
    """`memo[key] = fetch(key)` then `return memo[key]` in a coroutine function that returns a result: the memo
    keeps the coroutine rather than what it returns, so the caller gets a coroutine object instead of a result
    (and a second caller the same one again, which cannot be awaited twice). One awaited in between
    (`memo[key] = await memo[key]`) is left alone."""
    statement = site.statement
    if type(statement) is not cst.Assign or len(statement.targets) != 1:
        return ""
    stored = statement.targets[0].target
    if type(stored) is not cst.Subscript or not _returns_result(site):
        return ""
    text = _source(stored)
    returned = False
    for node in walk_local(site.scope.node.body):
        if type(node) is cst.Await and type(node.expression) is cst.Subscript and _source(node.expression) == text:
            return ""
        if type(node) is cst.Return and type(node.value) is cst.Subscript and _source(node.value) == text:
            returned = True
    return f"stored in `{call_text(stored)}`, which the coroutine function then returns unawaited, so whoever " \
           "awaits it gets the coroutine itself, not its result" if returned else ""


_SOURCE = cst.Module(body=[])


def _source(node: cst.CSTNode) -> str:
    return _SOURCE.code_for_node(node)


def _declared_results(site: CallSite) -> str:
    """`-> list[str]` when the function the call is in declares it returns a sequence of results (of types a
    coroutine object is not), else ""."""
    return _declares_results(site.scope)


def _declares_results(scope: Scope) -> str:
    returns = getattr(scope.node, "returns", None)
    declared = returns.annotation if returns is not None else None
    if not (type(declared) is cst.Subscript and type(declared.value) in (cst.Name, cst.Attribute)
            and dotted(declared.value).rpartition(".")[2] in _SEQUENCES and declared.slice):
        return ""
    element = declared.slice[0].slice
    if not (type(element) is cst.Index and type(element.value) is cst.Name
            and element.value.value in _RESULT_TYPES and scope.lookup_scope(element.value.value) is None):
        return ""
    return f"`-> {dotted(declared.value)}[{element.value.value}]`"


def _into_returned_results(scope: Scope, parents: Dict[int, cst.CSTNode], node: cst.CSTNode) -> bool:
    """`replies.append(reply)` where the function returns `replies` and declares `-> list[str]`: the caller is
    told it gets results, so nobody awaits the coroutine collected there."""
    arg = parents.get(id(node))
    call = parents.get(id(arg))
    if type(arg) is not cst.Arg or arg.value is not node or arg.star or arg.keyword is not None \
            or type(call) is not cst.Call or len(call.args) != 1:
        return False
    func = call.func
    if not (type(func) is cst.Attribute and func.attr.value in ("append", "add") and type(func.value) is cst.Name):
        return False
    name = func.value.value
    return bool(_declares_results(scope)) and any(
        type(value) is cst.Name and value.value == name for value in scope.events.get("returned", ()))


def _comprehension_returned(site: CallSite, parents: Dict[int, cst.CSTNode]) -> str:
    """`return [self.llm.complete(d) for d in docs]` in a function declared `-> list[str]`: the caller is told
    it gets results, so nobody will await the coroutines the comprehension makes."""
    parent = parents.get(id(site.node))
    if type(parent) is cst.DictComp and parent.value is site.node and type(parents.get(id(parent))) is cst.Return:
        return _declares_result_values(site.scope) and (
            f"the values of a dict comprehension the function returns as its results "
            f"(`-> {_source(site.scope.node.returns.annotation)}`)")
    if type(parent) not in (cst.ListComp, cst.SetComp) or parent.elt is not site.node \
            or type(parents.get(id(parent))) is not cst.Return:
        return ""
    results = _declared_results(site)
    return results and f"made by a comprehension the function returns as its results ({results})"


MAP_COLLECTORS = frozenset({"builtins.list", "builtins.tuple", "builtins.set"})


def mapping(ctx: FileContext, site: CallSite) -> bool:
    """`list(map(...))` or the builtin `map(...)` itself: awaiting such a call is no fix, gathering what it maps is."""
    func = site.node.func
    if type(func) is cst.Name and func.value == "map":
        return site.scope.lookup_scope("map") is None
    return ctx.target_of(site) in MAP_COLLECTORS


def _mapped_and_dropped(ctx: FileContext, site: CallSite) -> bool:
    """`list(map(persist, records))` as a statement: `map` calls the coroutine function once per item and the
    list of coroutines it makes is thrown away (sync code's map-for-its-effects, ported without a gather). A bare
    `map(persist, records)` statement is the same mistake, lazier: it is dropped before it calls anything.
    Reported (or left to the project index) when so; True then."""
    node = site.node
    bare = type(node.func) is cst.Name and node.func.value == "map" and site.dropped
    if bare:
        inner = node
    elif type(node.func) is cst.Name and node.func.value in ("list", "tuple", "set") and len(node.args) == 1:
        inner = node.args[0].value
    else:
        return False
    if not (type(inner) is cst.Call and type(inner.func) is cst.Name and inner.func.value == "map"
            and len(inner.args) >= 2 and inner.args[0].keyword is None and not inner.args[0].star):
        return False
    if not bare and ctx.target_of(site) not in MAP_COLLECTORS or site.scope.lookup_scope("map") is not None:
        return False  # (`map` rebound by the module or the function: not the builtin)
    given = inner.args[0].value
    if type(given) is cst.Call and dotted(given.func).rpartition(".")[2] == "partial" and given.args \
            and given.args[0].keyword is None and not given.args[0].star:
        given = given.args[0].value  # `map(functools.partial(notify, text=t), users)`: the function it wraps
    if type(given) is cst.Lambda and type(given.body) is cst.Call:
        # `list(map(lambda r: persist(db, r), records))`: the lambda returns the coroutine, one per item
        if dotted(given.body.func).partition(".")[0] in {p.name.value for p in given.params.params}:
            return False  # (what it calls is the item's, or a parameter's: not a name of this scope)
        given = given.body.func
    value = site.scope.evaluate(given)
    if value is None or value[0] != REF or not _may_be_coroutine(ctx, value[1]):
        return False
    # `pending = list(map(notify, users))` then only `len(pending)`: thrown away as surely
    if not site.dropped and (site.scope.kind != "function"
                             or not tasks.only_counted(site.scope, site.assigned, ctx.parents(site.scope))):
        return False
    function = dotted(given)
    fate = "throws the coroutines away" if site.dropped else f"only counts the coroutines (`{site.assigned}`)"
    text = f"calls `{function}`, a coroutine function, once per item and {fate}: none is awaited, so none of them runs"
    if bare:  # (`map` is lazy: thrown away unconsumed, it called nothing, and what it would make is no result)
        text = (f"would call `{function}`, a coroutine function, once per item, but is thrown away before it is "
                "iterated, and nothing would await what it makes: none of them runs")
    _decide(ctx, site, value[1], f"`{call_text(node)}` {text}; `await asyncio.gather(*map(...))`")
    return True


def _mapped_as_results(ctx: FileContext, site: CallSite) -> bool:
    """`[r for r in map(self.load, keys) if r]`: a comprehension over `map(coroutine_function, ...)` that tests
    each item or reads a field of it takes the coroutines for their results; none is awaited. Reported (or left
    to the project index) when so; True then."""
    node = site.node
    if len(node.args) < 2 or node.args[0].keyword is not None or node.args[0].star \
            or site.scope.lookup_scope("map") is not None or site.scope.kind != "function":
        return False
    value = site.scope.evaluate(node.args[0].value)
    if value is None or value[0] != REF or not _may_be_coroutine(ctx, value[1]):
        return False
    parents = ctx.parents(site.scope)
    loop = parents.get(id(node))
    if type(loop) is not cst.CompFor or loop.iter is not node or type(loop.target) is not cst.Name \
            or loop.inner_for_in is not None:
        return False
    comprehension = parents.get(id(loop))
    if type(comprehension) not in (cst.ListComp, cst.SetComp, cst.GeneratorExp):
        return False
    name = loop.target.value
    misused = any(_tests_item(test.test, name) for test in loop.ifs) or _reads_item(comprehension.elt, name)
    if not misused or any(type(n) is cst.Await for n in walk_local(comprehension)):
        return False
    function = dotted(node.args[0].value)
    _decide(ctx, site, value[1],
            f"`{call_text(node)}` calls `{function}`, a coroutine function, once per item, and the comprehension "
            "over it uses each coroutine as if it were the result: none is awaited, so none of them runs; "
            "`await asyncio.gather(*map(...))` first")
    return True


def _tests_item(test: cst.BaseExpression, name: str) -> bool:
    """`if r`, `if not r`, `if r.ok`, `if r["x"]`: a test of what the item is, or holds."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test = test.expression
    return type(test) is cst.Name and test.value == name or _reads_item(test, name)


def _reads_item(node: cst.BaseExpression, name: str) -> bool:
    """`r.total`, `r["id"]`: a field of the item (a coroutine has none but its own API)."""
    if type(node) is cst.Attribute:
        return type(node.value) is cst.Name and node.value.value == name and node.attr.value not in _COROUTINE_API
    return type(node) is cst.Subscript and type(node.value) is cst.Name and node.value.value == name


def _own_awaitable_field(site: CallSite) -> bool:
    """`self.on_message(msg)` dropped in a coroutine of the class that declares `on_message: Callable[...,
    Awaitable[T]]` itself (a field, `self.x: T`): the class states its own callback's contract and breaks it.
    (A declaration read from another object, `self.description.press_fn(...)`, is not taken at its word:
    types.loose.) Any lambda assigned to it says the declaration is not to be trusted."""
    func = site.node.func
    if type(func) is not cst.Attribute or type(func.value) is not cst.Name:
        return False
    owner = site.scope.self_class(func.value.value)
    return owner is not None and _declared_awaitable(owner, func.attr.value)


def _declared_awaitable(owner: Scope, attr: str) -> bool:
    """``owner`` declares ``attr`` `Callable[..., Awaitable[T]]`, and assigns it no lambda."""
    declared = False
    for binding in (*owner.bindings.get(attr, ()), *owner.attrs.get(attr, ())):
        if binding[0] == "expr" and type(binding[1]) is cst.Lambda:
            return False
        found = types.declaration(binding)
        if found is None:
            continue
        if types.annotation_type(found[1], found[0]) != (REF, knowledge.AWAITABLE_FUNCTION):
            return False
        declared = True
    return declared


def _field_awaited_elsewhere(ctx: FileContext, site: CallSite, classes: Dict[str, Scope]) -> bool:
    """`step.undo()` dropped, `step` an instance of this module's `Step`, which declares `undo: Callable[[],
    Awaitable[None]]`, and the module itself awaits that field elsewhere (`await step.undo()` in a base class's
    method): the declaration read from another object is taken at its word (types.loose does not) when the
    code agrees with it."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    receiver = site.scope.evaluate(func.value)
    if receiver is None or receiver[0] != INST:
        return False
    if not classes:  # (this module's classes by name, gathered once)
        classes.update((scope.qualname, scope) for scope in ctx.scopes if scope.kind == "class")
    owner = classes.get(receiver[1])
    attr = func.attr.value
    if owner is None or not _declared_awaitable(owner, attr):
        return False
    return any(other.awaited and type(other.node.func) is cst.Attribute and other.node.func.attr.value == attr
               and other.scope.evaluate(other.node.func.value) == receiver for other in ctx.calls)


def _partial_target(site: CallSite) -> Optional[str]:
    """What a dropped call of a `functools.partial` calls (`say = functools.partial(reply, chat)` then
    `say("hi")`): the wrapped function, with the arguments bound and given together."""
    made, where = shapes.partial_made(site)
    value = where.evaluate(made.args[0].value) if made is not None else None
    return value[1] if value is not None and value[0] == REF else None


def _parents_near(ctx: FileContext, site: CallSite, cache: Dict[int, Dict[int, cst.CSTNode]]):
    """Parents for the code around a call: of its simple statement when it has one, else of the header of the
    `if`/`while`/`for` it is in (both cheap, next to the parents of a whole function)."""
    statement = site.statement
    if statement is None:
        by_node = cache.get(id(site.scope))
        if by_node is None:  # once per function, not a walk of every header per call in one
            by_node = cache[id(site.scope)] = {}
            for header, owner in _headers(site.scope.node).items():
                parents = parents_of(header)
                parents[id(header)] = owner
                for node in walk_local(header):
                    by_node.setdefault(id(node), parents)  # (the first header holding it, as a search would find)
        return by_node.get(id(site.node), {})
    found = cache.get(id(statement))
    if found is None:
        found = cache[id(statement)] = parents_of(statement)
    return found


def _headers(function: cst.CSTNode) -> Dict[cst.CSTNode, cst.CSTNode]:
    """The tests of a function's `if`s and `while`s and the iterables of its `for`s, each with its statement;
    walking statements only."""
    found: Dict[cst.CSTNode, cst.CSTNode] = {}
    stack = [getattr(function, "body", None)]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if type(node) in (cst.If, cst.While, cst.For):
            found[node.iter if type(node) is cst.For else node.test] = node
            stack.extend((node.body, node.orelse))
        elif isinstance(node, (cst.IndentedBlock, cst.Else, cst.With, cst.Try, cst.TryStar, cst.ExceptHandler,
                               cst.ExceptStarHandler, cst.Finally)):
            inner = node.body
            stack.extend(inner if isinstance(inner, (list, tuple)) else (inner,))
            if type(node) in (cst.Try, cst.TryStar):
                stack.extend((*node.handlers, node.orelse, node.finalbody))
    return found


def _may_be_coroutine(ctx: FileContext, target: str) -> bool:
    kind = ctx.root.defs.get(target)
    return (target in ctx.decorated or ctx.known.is_coroutine(target) or kind == "async"
            or (kind is None and ctx.is_project(target)))


def _older_discord_extension(ctx: FileContext, target: str) -> bool:
    """Whether ``target`` is one of discord.py's cog and extension loaders in a module written for discord.py
    before 2.0, where they were plain calls. Such a module says so by its own extension entry point: 1.x called a
    plain `def setup(bot): bot.add_cog(MyCog(bot))`, 2.0 awaits `async def setup(bot)` and fails on the plain
    one; the module's commands that load or unload extensions then call the plain methods too."""
    if not (target.startswith("discord.") and target in knowledge.COROUTINE_ON_LOOP_ONLY):
        return False
    setup = ctx.root.functions.get(f"{ctx.root.qualname}.setup")
    if setup is None or setup.is_async or setup.parent is not ctx.root:
        return False
    loaders = {name.rpartition(".")[2] for name in knowledge.COROUTINE_ON_LOOP_ONLY if name.startswith("discord.")}
    return any(call.scope is setup and call.dropped and not call.awaited and type(call.node.func) is cst.Attribute
               and call.node.func.attr.value in loaders for call in ctx.calls)


def _decide(ctx: FileContext, site: CallSite, target: Optional[str], text: str) -> None:
    """Report now when ``target`` is a coroutine function this module can see; leave it to the project index
    when it is defined elsewhere in the project. ``text`` is the message, "" for the plain "never awaited"."""
    if target is None:
        return
    kind = ctx.root.defs.get(target)
    in_async = site.scope.runs_on_loop
    if not in_async and target in knowledge.COROUTINE_ON_LOOP_ONLY or _older_discord_extension(ctx, target):
        return
    if target not in ctx.decorated and (ctx.known.is_coroutine(target) or kind == "async"):
        if not text and target in zeromq.COROUTINE_FUNCTIONS:
            text = zeromq.dropped(call_text(site.node), in_async, site.assigned or "")
        ctx.report("ACK301", site.node, text or message(call_text(site.node), site.assigned or "", in_async))
    elif target in ctx.decorated or kind is None and ctx.is_project(target):
        # decorated in another module's way, or defined in another module: the project index decides
        ctx.candidates.append(Candidate("coroutine", target, site.index, call_text(site.node), site.assigned or "",
                                        in_async=in_async, message=text))


def _collected_in_local(ctx: FileContext, site: CallSite, near: Dict[int, cst.CSTNode]):
    """The local list a function's call is collected in (`pending.append(f())`, `pending = [f() for ...]`), with
    the function's parents; None for any other fate. ``near`` answers first, so the function's parents are built
    only for a call that is collected."""
    if site.scope.kind != "function" or tasks.fate(site.node, near)[0] != tasks.COLLECTED:
        return None
    parents = ctx.parents(site.scope)
    fate, name, _ = tasks.fate(site.node, parents)
    return (name, parents) if fate == tasks.COLLECTED else None


def _collected_only_counted(ctx: FileContext, site: CallSite, near: Dict[int, cst.CSTNode]) -> str:
    """`pending = [store.exists(k) for k in keys]` then only `len(pending)`: the coroutines are made into a local
    list that is filled or counted, never awaited, returned or handed on (as tasks.py reads a list of tasks).
    ``near``: the parents of the call's statement, enough to see it collected (the function's are built only then)."""
    collected = _collected_in_local(ctx, site, near)
    if collected is None:
        return ""
    name, parents = collected
    key = ("only counted", name)  # (one walk of the function per list, however many calls fill it)
    if key not in site.scope.memo:
        site.scope.memo[key] = tasks.only_counted(site.scope, name, parents)
    if not site.scope.memo[key]:
        return ""
    return f"collected in `{name}`, a local list that is only counted"


# Element types no coroutine is: a container declared to hold them holds results (`results: list[str] = []`)
_RESULT_ELEMENTS = frozenset("str int float bool bytes dict list tuple set frozenset Dict List Tuple Set FrozenSet".split())
_RESULT_CONTAINERS = frozenset("list set List Set deque Deque MutableSequence MutableSet".split())


def _collected_as_declared_results(site: CallSite, holder: cst.BaseExpression) -> str:
    """`self.results.append(completer.summarize(doc))` with `self.results: list[str] = []` (or a local so
    declared): the coroutine joins a container its code declares to hold plain results (strings, numbers, dicts),
    so whoever reads it takes each item for a result; nothing will await them."""
    scope = site.scope
    if type(holder) is cst.Name:
        home = scope.lookup_scope(holder.value)
        bindings = home.bindings.get(holder.value, ()) if home is not None and home.kind == "function" else ()
    elif type(holder) is cst.Attribute and type(holder.value) is cst.Name \
            and (owner := scope.self_class(holder.value.value)) is not None:
        bindings = owner.attrs.get(holder.attr.value, ())
    else:
        return ""
    for binding in bindings:
        annotation = binding[3] if binding[0] == "expr" and len(binding) > 3 else \
            binding[1] if binding[0] == "annot" else None
        if type(annotation) is cst.Annotation:
            annotation = annotation.annotation
        if annotation is not None and _holds_results(annotation):
            return f"collected in `{dotted(holder)}`, which is declared to hold results " \
                   f"(`{cst.Module([]).code_for_node(annotation)}`)"
    return ""


def _holds_results(annotation: cst.BaseExpression) -> bool:
    """`list[str]`, `List[dict[str, int]]`, `set[int]`: a container of a type no coroutine is."""
    if type(annotation) is not cst.Subscript or len(annotation.slice) != 1 \
            or type(annotation.slice[0].slice) is not cst.Index:
        return False
    container = dotted(annotation.value).rpartition(".")[2]
    element = annotation.slice[0].slice.value
    if type(element) is cst.Subscript:
        element = element.value
    return container in _RESULT_CONTAINERS and dotted(element).rpartition(".")[2] in _RESULT_ELEMENTS \
        and "." not in dotted(element).replace("typing.", "")


def _collected_items_misused(ctx: FileContext, site: CallSite, near: Dict[int, cst.CSTNode]) -> str:
    """`orders.append(repo.load(i))` then only `[o for o in orders if o.paid]`: a local list of coroutines whose
    every read fills it or walks it, and whose items the walks use as results (an attribute read, a test) and
    never await or hand on: whoever wrote the walk took the list for one of results."""
    collected = _collected_in_local(ctx, site, near)
    if collected is None:
        return ""
    name, parents = collected
    key = ("items misused", name)  # (one walk of the function per list, however many calls fill it)
    if key not in site.scope.memo:
        site.scope.memo[key] = _items_misused(site.scope, name, parents)
    return site.scope.memo[key] and f"collected in `{name}`, whose items are then used as if they were results"


def _returned_in_result_dict(site: CallSite, near: Dict[int, cst.CSTNode]) -> str:
    """`return {"db": repo.exists(), "cache": store.ping()}` from an `async def` that declares no awaitable result:
    the caller awaits the function and reads the dict's values as results (as `_assigned_only_returned` reads
    `value = f()` then `return {"v": value}`)."""
    element = near.get(id(site.node))
    if type(element) is not cst.DictElement or element.value is not site.node:
        return ""
    display = near.get(id(element))
    if type(display) is not cst.Dict or type(near.get(id(display))) is not cst.Return:
        return ""
    if not _returns_result(site) or _declares_awaitables(site.scope):
        return ""
    if not site.scope.is_async:
        declared = _source(site.scope.node.returns.annotation) if _declares_result_values(site.scope) else ""
        return declared and (f"a value of the dict returned from a function declared to return `{declared}`, so "
                             "its caller takes the coroutine for that value")
    return ("a value of the dict returned from a coroutine function, so whoever awaits it gets the coroutine "
            "itself, not its result")


def _displayed_items_misused(ctx: FileContext, site: CallSite, near: Dict[int, cst.CSTNode]) -> str:
    """`checks = {"db": repo.exists(), "cache": store.get(k)}` then only `all(v is not None for v in
    checks.values())`: the coroutines are the values of a dict (or the items of a list) display bound to a local
    whose every read walks it and uses its items as results, never awaiting or handing them on. (A display whose
    values are later gathered, returned or passed anywhere is left alone.)"""
    element = near.get(id(site.node))
    if type(element) not in (cst.DictElement, cst.Element) or element.value is not site.node \
            or site.scope.kind != "function":
        return ""
    display = near.get(id(element))
    assign = near.get(id(display))
    if type(display) not in (cst.Dict, cst.List, cst.Tuple, cst.Set) or type(assign) is not cst.Assign \
            or assign.value is not display or len(assign.targets) != 1 or type(assign.targets[0].target) is not cst.Name:
        return ""
    name = assign.targets[0].target.value
    key = ("items misused", name)  # (one walk of the function per local, however many calls fill it)
    if key not in site.scope.memo:
        site.scope.memo[key] = _items_misused(site.scope, name, ctx.parents(site.scope))
    return site.scope.memo[key] and f"stored in `{name}`, whose items are then used as if they were results"


def _walked_items_misused(ctx: FileContext, site: CallSite, near: Dict[int, cst.CSTNode]) -> str:
    """`for coro in [room.announce(text) for room in rooms]: log.debug("queued %r", coro)`: the coroutines are
    made for a loop whose variable is only used as a result (logged, printed, tested), never awaited or handed on."""
    if site.scope.kind != "function":
        return ""
    fate, name, loop = tasks.fate(site.node, near)
    if fate != tasks.ITERATED or type(loop) is not cst.For:
        return ""
    if not _walk_misused(site.scope, loop, ctx.parents(site.scope)):
        return ""
    return f"walked by a loop that only uses `{name}` as if it held a result"


def _items_misused(scope, name: str, parents: Dict[int, cst.CSTNode]) -> bool:
    reads = tasks.reads(scope, name, parents)
    if not reads or not tasks.made_here(scope.node, name):
        return False
    misused = False
    for node, parent in reads:
        if type(parent) is cst.Attribute and parent.value is node and parent.attr.value in ("append", "add"):
            continue
        if type(parent) is cst.Attribute and parent.value is node and parent.attr.value == "values":
            # a dict's values walked (`for v in checks.values()`): the walk is over what the dict holds
            call = parents.get(id(parent))
            if type(call) is not cst.Call or call.func is not parent or call.args:
                return False
            node, parent = call, parents.get(id(call))
        if type(parent) is cst.CompFor and parent.iter is node and parent.asynchronous is None:
            where: cst.CSTNode = parents.get(id(parent))
        elif type(parent) is cst.For and parent.iter is node and parent.asynchronous is None:
            where = parent.body
        else:
            return False  # returned, passed on, indexed...: it may be handled as a list of coroutines
        walked = _walk_misused(scope, parent, parents, where)
        if walked is None:
            return False
        misused = misused or walked
    return misused


def _walk_misused(scope: Scope, loop: Any, parents: Dict[int, cst.CSTNode], where: Any = None) -> Optional[bool]:
    """Does the walk ``loop`` (a `for` or a comprehension's `for`, whose reads of its variable are in ``where``,
    the `for`'s body by default) use an item as a result (tested, indexed, printed, logged)? None when it may
    handle them as coroutines: an item awaited, handed on or rebound, or a loop variable that is not a name."""
    target = loop.target
    where = loop.body if where is None else where
    if type(target) is not cst.Name or where is None:
        return None
    misused = False
    for item in walk_local(where):
        if type(item) is not cst.Name or item.value != target.value or item is target:
            continue
        holder = parents.get(id(item))
        if type(holder) is cst.Arg and _shows(scope, parents.get(id(holder))):
            misused = True  # `log.debug("queued %r", coro)`: shown as the value it was taken for
            continue
        if type(holder) in (cst.Await, cst.Arg, cst.AssignTarget) or type(holder) is cst.Attribute \
                and holder.value is item and holder.attr.value in _COROUTINE_API:
            return None  # awaited, handed on or rebound: the walk knows what it holds
        misused = misused or bool(_misuse(parents, item))
    return misused


def _shows(scope: Scope, call: Optional[cst.CSTNode]) -> bool:
    """Is ``call`` one that prints or logs its arguments on the spot (`print`, a logger's level method)?"""
    if type(call) is not cst.Call:
        return False
    func = call.func
    name = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else ""
    if name not in _DISPLAY_NAMES:  # (cheap test first)
        return False
    value = scope.evaluate(func)
    if value is None:
        return tasks.untyped_logger_call(func)
    return value[0] == REF and value[1] in knowledge.DISPLAY_CALLS


def _converted(site: CallSite) -> str:
    """`bool(repo.exists(key))`, `len(fetch_rows())`: the coroutine itself converted as if it were its result."""
    call = site.argument_of.node
    if not (type(call.func) is cst.Name and call.func.value in _CONVERSIONS
            and site.scope.lookup_scope(call.func.value) is None):
        return ""
    if any(arg.value is site.node and arg.keyword is None and not arg.star for arg in call.args):
        return f"converted with `{call.func.value}()` as if it were its result"
    return ""


def _serialised(site: CallSite, call: cst.Call) -> str:
    """`web.json_response(count_users())`, `print(fetch())`: handed to a call that serialises, prints or logs its
    arguments on the spot, which takes the coroutine for its result."""
    func = call.func
    name = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else ""
    if name not in _SERIALISING_NAMES and name not in _DISPLAY_NAMES:  # (cheap test first)
        return ""
    value = site.scope.evaluate(func)
    if value is None and tasks.untyped_logger_call(func):
        return f"handed to `{dotted(func)}()`, which logs it as if it were its result"
    if value is None or value[0] != REF or (value[1] not in knowledge.SERIALISING_CALLS
                                            and value[1] not in knowledge.DISPLAY_CALLS
                                            and value[1] not in knowledge.VALUE_CALLS):
        return ""
    does = "prints or logs" if value[1] in knowledge.DISPLAY_CALLS else "serialises" \
        if value[1] in knowledge.SERIALISING_CALLS else "reads"
    return f"handed to `{dotted(func)}()`, which {does} it as if it were its result"


def _serialised_in_display(site: CallSite, parents: Dict[int, cst.CSTNode]) -> str:
    """`return JsonResponse({"users": count_users()})`: a value of a dict or list display handed to such a call."""
    node, parent = site.node, parents.get(id(site.node))
    if type(parent) not in (cst.DictElement, cst.Element) or parent.value is not node:
        return ""
    while type(parent) in (cst.DictElement, cst.Element) and parent.value is node:
        node = parents.get(id(parent))
        if type(node) not in (cst.Dict, cst.List, cst.Tuple, cst.Set):
            return ""
        parent = parents.get(id(node))
    call = parents.get(id(parent))
    if type(parent) is not cst.Arg or parent.star or type(call) is not cst.Call:
        return ""
    return _serialised(site, call)


def _asserted(ctx: FileContext, site: CallSite) -> str:
    """`self.assertTrue(service.is_ready())`: handed to a test case's assertion, which only looks at the value."""
    target = ctx.target_of(site.argument_of)
    owner, _, method = (target or "").rpartition(".")
    if method not in knowledge.VALUE_ASSERTIONS or owner not in knowledge.TEST_CASE_TYPES:
        return ""
    return f"handed to `{method}()`, which checks it as if it were its result"


def _through_walrus(site: CallSite, parents: Dict[int, cst.CSTNode]) -> cst.CSTNode:
    """`(doc := fetch(key)) is not None`: the walrus hands the test the coroutine itself, so the test misuses
    it as the call would; unless the name is awaited later (`await doc`), where the coroutine is handled."""
    walrus = parents.get(id(site.node))
    if type(walrus) is not cst.NamedExpr or walrus.value is not site.node or type(walrus.target) is not cst.Name:
        return site.node
    name = walrus.target.value
    if any(type(n) is cst.Await and type(n.expression) is cst.Name and n.expression.value == name
           for n in walk_local(site.scope.node)):
        return site.node
    return walrus


# How `_misuse` says a value was thrown away whole, as a statement drops it: the evidence of an awaited twin
# (`_awaited_twin`) then counts as it does for a dropped call
_COLLECTED_DROPPED = "collected and thrown away"
_BRANCH_DROPPED = "a branch of a conditional expression whose value is thrown away"
_OPERAND_DROPPED = "an operand of `and`/`or` whose value is thrown away"


def _misuse(parents: Dict[int, cst.CSTNode], node: cst.CSTNode) -> str:
    """How a value is used as if it were a result, not a coroutine: '' when it may well be handled as one."""
    contained, branch = False, ""
    while True:
        parent = parents.get(id(node))
        if parent is None:
            return ""
        if type(parent) in (cst.Element, cst.List, cst.Tuple, cst.Set, cst.ListComp, cst.SetComp, cst.GeneratorExp):
            contained, node = True, parent  # (a generator expression runs nothing until iterated)
            continue
        if type(parent) is cst.IfExp and node is not parent.test:
            # `send(u) if u else None` as a statement: the branch taken makes a coroutine nobody keeps
            branch, node = branch or _BRANCH_DROPPED, parent
            continue
        if type(parent) is cst.BooleanOperation and (node is parent.right or contained and type(parent.operator)
                                                     is cst.Or):
            # `ready and send(u)`, `{p.setup() for p in ps} or None`: the operand may be the expression's value,
            # so its fate is the expression's
            branch, node = branch or _OPERAND_DROPPED, parent
            continue
        if contained and type(parent) is cst.BooleanOperation and node is parent.left:
            # `{p.setup() for p in ps} and set()`: a filled collection is true, so the right side is the value
            return "collected, tested for truth and thrown away"
        if type(parent) is cst.Expr:
            if contained:
                return _COLLECTED_DROPPED
            return branch
        if contained and type(parent) is cst.Arg and parent.keyword is None and not parent.star:
            # `any(ok(i) for i in items)`: every coroutine is true, and cannot be added up or ordered
            call = parents.get(id(parent))
            if type(call) is cst.Call and type(call.func) is cst.Name and call.func.value in _CONSUMED_AT_ONCE:
                return f"handed in a collection to `{call.func.value}()`, which uses each as if it were its result"
        if contained:
            return ""
        if type(parent) in (cst.If, cst.While, cst.Assert, cst.IfExp, cst.CompIf) and node is parent.test:
            return "tested for truth (a coroutine object is always true)"
        if type(parent) is cst.UnaryOperation and type(parent.operator) is cst.Not:
            return "tested for truth (a coroutine object is always true)"
        if type(parent) is cst.BooleanOperation and node is parent.left:
            return "tested for truth (a coroutine object is always true)"
        if type(parent) is cst.Subscript and node is parent.value:
            return "indexed as if it were its result"
        if type(parent) is cst.Attribute and node is parent.value \
                and parent.attr.value not in _COROUTINE_API and parent.attr.value not in _ENTERED_BY_HAND:
            return f"used as if it were its result (`.{parent.attr.value}`)"
        if type(parent) in (cst.Comparison, cst.BinaryOperation) or (
                type(parent) is cst.ComparisonTarget and node is parent.comparator):  # (`limit < n`, `x in n`)
            return "used in arithmetic or a comparison as if it were its result"
        if type(parent) in (cst.For, cst.CompFor) and node is parent.iter and parent.asynchronous is None:
            return "iterated as if it were its result"  # (`[r["id"] for r in rows]` too)
        if type(parent) is cst.FormattedStringExpression and node is parent.expression:
            return "formatted into a string as if it were its result"
        if type(parent) is cst.Arg and parent.keyword is None and not parent.star:
            call = parents.get(id(parent))
            if type(call) is cst.Call and type(call.func) is cst.Name and call.func.value in _CONVERSIONS:
                return f"converted with `{call.func.value}()` as if it were its result"
        return ""


# What a function may declare it returns when it hands a coroutine on for its caller to await.
_AWAITABLE_RESULTS = frozenset("Awaitable Coroutine Future Task Any Generator AsyncGenerator".split())


# Builtin values and their typing names: a union of these holds no awaitable.
_PLAIN_TYPES = frozenset(
    "None str bytes bytearray int float complex bool dict list tuple set frozenset "
    "Dict List Tuple Set FrozenSet Mapping Sequence".split()
)


_SCALAR_TYPES = frozenset("str bytes bytearray int float complex bool".split())


def _returned_by_a_branch(site: CallSite, parents: Dict[int, cst.CSTNode]) -> str:
    """`return self._cache[key] if key in self._cache else self._load(key)`, `return cached or self._load(key)`
    in an `async def`: on that branch whoever awaits the function gets the coroutine, not its result."""
    node, parent = site.node, parents.get(id(site.node))
    while type(parent) is cst.IfExp and node is not parent.test \
            or type(parent) is cst.BooleanOperation and node is parent.right:
        node, parent = parent, parents.get(id(parent))
    if node is site.node or type(parent) is not cst.Return or not _returns_result(site):
        return ""
    return f"returned, on one branch, from {_returner(site)}"


def _bound_to_declared_value(site: CallSite) -> str:
    """`event = stage(event)` where the function declares `event: dict` (a parameter's or a local's annotation):
    the name is declared to hold a plain value, so every reader takes the coroutine for one."""
    if site.scope.kind != "function":
        return ""
    for binding in site.scope.bindings.get(site.assigned, ()):
        # (a parameter's, a bare declaration's, or one with a value: `result: Optional[dict] = None`)
        annotation = binding[1] if binding[0] in ("param", "annot") else binding[3] if binding[0] == "expr" \
            and len(binding) > 3 else None
        declared = annotation.annotation if type(annotation) is cst.Annotation else None
        if declared is not None and (_plain_type(declared) or _plain_union(declared)) and not types.is_none(declared):
            return f"bound to `{site.assigned}`, which the function declares as `{_source(declared)}`"
    return ""


def _plain_union(declared: cst.BaseExpression) -> bool:
    """`Optional[str]`, `Union[int, None]`, `dict | None`: a union (or an Optional) of builtin value types only."""
    if type(declared) is cst.BinaryOperation and type(declared.operator) is cst.BitOr:
        return _plain_type(declared.left) and _plain_type(declared.right) or (
            type(declared.left) is cst.BinaryOperation and _plain_union(declared.left) and _plain_type(declared.right))
    if type(declared) is not cst.Subscript or dotted(declared.value).rpartition(".")[2] not in ("Optional", "Union"):
        return False
    elements = [e.slice.value for e in declared.slice if type(e.slice) is cst.Index]
    return bool(elements) and len(elements) == len(declared.slice) and all(_plain_type(e) for e in elements)


def _plain_type(node: cst.BaseExpression) -> bool:
    if type(node) is cst.Subscript:
        node = node.value
    return type(node) in (cst.Name, cst.Attribute) and dotted(node).rpartition(".")[2] in _PLAIN_TYPES


def _returns_result(site: CallSite) -> bool:
    """The call is in an `async def` (not a generator) that does not declare it returns an awaitable: whoever
    awaits it expects a result, so a coroutine it returns unawaited reaches the caller as a value. (A sync
    function returning a coroutine is the usual way to hand one on, and is left alone, unless it declares a
    plain value result: see `_sync_declares_value`.)"""
    scope = site.scope
    if scope.kind != "function" or scope.is_generator:
        return False
    if not scope.is_async:
        return _sync_declares_value(scope)
    returns = getattr(scope.node, "returns", None)
    if returns is None:
        return not _hands_out_awaitables(scope)
    declared = returns.annotation
    if _plain_union(declared):
        return True  # `Optional[str]`, `dict | None`: every type it allows is a plain value
    if type(declared) is cst.Subscript:
        declared = declared.value
    if type(declared) not in (cst.Name, cst.Attribute):
        return False  # a string, a union...: not read
    name = dotted(declared).rpartition(".")[2]
    if name in _AWAITABLE_RESULTS or name in ("Optional", "Union"):
        return False  # (an Optional or a Union may hold an awaitable: not read either)
    # a TypeVar or an alias of this module's may stand for an awaitable
    return not (type(declared) is cst.Name and scope.lookup_scope(name) is not None
                and name not in ("None", "object"))


def _returner(site: CallSite) -> str:
    if site.scope.is_async:
        return "a coroutine function, so whoever awaits it gets the coroutine itself, not its result"
    return (f"a function declared to return `{cst.Module([]).code_for_node(site.scope.node.returns.annotation)}`, "
            "so its caller takes the coroutine for that value")


def _sync_declares_value(scope: Scope) -> bool:
    """A sync function declaring a builtin value result (`-> int`, `-> dict | None`): a coroutine it returns is
    not handed on as one (a factory says `Awaitable`, `Coroutine` or nothing), its callers (a Celery task's
    worker, a CLI command) take it for the value, and nothing ever awaits it."""
    returns = getattr(scope.node, "returns", None)
    if returns is None:
        return False
    declared = returns.annotation
    if type(declared) is cst.BinaryOperation and type(declared.operator) is cst.BitOr:
        named = [declared.left, declared.right]
    elif type(declared) is cst.Subscript and dotted(declared.value).rpartition(".")[2] in ("Optional", "Union"):
        named = [e.slice.value for e in declared.slice if type(e.slice) is cst.Index]
    else:
        named = [declared]
    # (a coroutine is no container either: `-> dict`, `-> list[str]`; a container of coroutines the caller
    # gathers is told apart where one is returned: `_declares_result_values`)
    names = [dotted(n.value if type(n) is cst.Subscript else n) if type(n) in (cst.Name, cst.Attribute)
             or type(n) is cst.Subscript and type(n.value) in (cst.Name, cst.Attribute) else "" for n in named]
    values = [n for n in names if n in _SCALAR_TYPES or n.rpartition(".")[2] in _CONTAINER_TYPES
              and scope.lookup_scope(n.partition(".")[0]) in (None, scope.module) and n != "None"]
    return bool(values) and len(values) + names.count("None") == len(names)


_CONTAINER_TYPES = frozenset("dict list tuple set frozenset Dict List Tuple Set FrozenSet DefaultDict OrderedDict "
                             "Mapping MutableMapping Sequence MutableSequence".split())


def _declares_result_values(scope: Scope) -> bool:
    """A sync function declaring a mapping of plain values (`-> dict[str, int]`, `-> Dict[str, bool]`): the
    values of a dict it returns are taken for those, where a bare `-> dict` may hold coroutines to gather."""
    returns = getattr(scope.node, "returns", None)
    declared = returns.annotation if returns is not None else None
    if not (type(declared) is cst.Subscript and type(declared.value) in (cst.Name, cst.Attribute)
            and dotted(declared.value).rpartition(".")[2] in ("dict", "Dict", "Mapping", "MutableMapping")
            and len(declared.slice) == 2):
        return False
    value = declared.slice[1].slice
    return type(value) is cst.Index and type(value.value) is cst.Name and value.value.value in _RESULT_TYPES \
        and scope.lookup_scope(value.value.value) is None


def _awaited_on_another_return(ctx: FileContext, site: CallSite, target: str,
                                cache: Dict[int, Set[str]]) -> bool:
    """`return await self._once()` on one way out of an `async def` and `return self._once()` on another: the
    function's own code says its callers want the result, whatever its declared type (`-> Any`, a TypeVar, an
    Optional) leaves open, so the unawaited return is the slip of a retry or fallback path."""
    scope = site.scope
    if scope.kind != "function" or not scope.is_async or scope.is_generator:
        return False
    if not cache:
        cache[0] = set()  # (filled once per module: the awaited returns of every coroutine function)
        for other in ctx.calls:
            if other.awaited and type(other.statement) is cst.Return \
                    and type(other.statement.value) is cst.Await and other.statement.value.expression is other.node:
                aimed = ctx.target_of(other)
                if aimed is not None:
                    cache.setdefault(id(other.scope), set()).add(aimed)
    return target in cache.get(id(scope), ())


_HANDS_OUT = ("hands-out-awaitables",)


def _hands_out_awaitables(scope) -> bool:
    """One of the function's `return`s hands back a call of a coroutine function that does nothing
    (`async def nothing(): pass` ... `return nothing()`): nobody awaits a no-op for its result, so the function
    returns something to await by design (a shutdown step for its caller), and its other returned coroutines are
    that same contract, not forgotten awaits. Worked out once per function."""
    known = scope.memo.get(_HANDS_OUT)
    if known is None:
        known = scope.memo[_HANDS_OUT] = any(
            type(node) is cst.Return and type(node.value) is cst.Call and _calls_a_no_op(scope, node.value)
            for node in walk_local(scope.node.body))
    return known


def _calls_a_no_op(scope, call: cst.Call) -> bool:
    value = scope.evaluate(call.func)
    if value is None or value[0] != REF:
        return False
    called = scope.module.functions.get(value[1])
    if called is None or not called.is_async or called.is_generator:
        return False
    body = called.node.body
    statements = body.body if type(body) is cst.IndentedBlock else (body,)
    for statement in statements:
        for small in getattr(statement, "body", ()) if type(statement) is cst.SimpleStatementLine else (statement,):
            if type(small) is cst.Pass or type(small) is cst.Expr and type(small.value) in (
                    cst.SimpleString, cst.ConcatenatedString, cst.Ellipsis):
                continue
            return False
    return True


def _local_reads(ctx: FileContext, scope, cache: Dict[int, Dict[str, List[cst.Name]]]) -> Dict[str, List[cst.Name]]:
    """name -> its reads in a function's own code, gathered in one walk per function."""
    found = cache.get(id(scope))
    if found is None:
        found = cache[id(scope)] = {}
        parents = ctx.parents(scope)
        root = scope.node
        for node in walk_local(root.body if type(root) is cst.FunctionDef else root):
            if type(node) is cst.Name:
                parent = parents.get(id(node))
                if type(parent) is cst.Element:  # (a name unpacked into, `a, b = ...`, is stored, not read)
                    holder = parents.get(id(parents.get(id(parent))))
                    if type(holder) is cst.AssignTarget:
                        continue
                if type(parent) in (cst.AssignTarget, cst.Param) or (
                        type(parent) is cst.Attribute and node is parent.attr) or (
                        type(parent) is cst.Arg and node is parent.keyword):  # (`send(text=body)` reads `body`)
                    continue
                found.setdefault(node.value, []).append(node)
    return found


def _assigned_only_returned(ctx: FileContext, site: CallSite, cache) -> bool:
    """`value = fetch(key)` then only `return value` or `return {"value": value}` (or misuses of it): nothing
    awaits the coroutine before it is returned."""
    name, scope = site.assigned, site.scope
    # (the function's own returns, recorded as it was built, rule nearly every call out before any walk)
    if not any(type(value) is cst.Name and value.value == name
               or type(value) is cst.Dict and any(type(e) is cst.DictElement and type(e.value) is cst.Name
                                                   and e.value.value == name for e in value.elements)
               for value in scope.events.get("returned", ())):
        return False
    if any(name not in c.bindings and c.loads_of(name) for c in scope.children):
        return False
    if len(scope.bindings.get(name, ())) != 1:
        return False
    parents = ctx.parents(scope)
    reads = _local_reads(ctx, scope, cache).get(name, [])
    in_dict = [n for n in reads if _returned_as_dict_value(parents, n)]
    if in_dict and (_declares_awaitables(scope) or not scope.is_async and not _declares_result_values(scope)):
        return False  # `-> dict[str, Awaitable[int]]`: the caller is told it gets coroutines to await
    returned = [n for n in reads if type(parents.get(id(n))) is cst.Return or n in in_dict]
    return bool(returned) and all(n in returned or _misuse(parents, n) for n in reads)


def _declares_awaitables(scope) -> bool:
    """The function's declared return type names an awaitable anywhere (`dict[str, Awaitable[int]]`)."""
    returns = getattr(scope.node, "returns", None)
    if returns is None:
        return False
    return any(type(n) is cst.Name and n.value in _AWAITABLE_RESULTS or type(n) is cst.Attribute
               and n.attr.value in _AWAITABLE_RESULTS for n in walk_local(returns.annotation)) \
        or type(returns.annotation) is cst.SimpleString


def _returned_as_dict_value(parents: Dict[int, cst.CSTNode], node: cst.CSTNode) -> bool:
    """`return {"user": user}`: a value of a dict the function returns, which its caller reads as a result."""
    parent = parents.get(id(node))
    if type(parent) is not cst.DictElement or parent.value is not node:
        return False
    return type(parents.get(id(parent))) is cst.Dict and type(parents.get(id(parents.get(id(parent))))) is cst.Return


def _assigned_only_misused(ctx: FileContext, site: CallSite, cache) -> bool:
    """`data = fetch(url)` then only `data["x"]`, `if data:`, `print(data)`...: every read of the name misuses the
    coroutine. (Whatever else reads it, awaits it, passes it on or rebinds it, leaves it alone.)"""
    name, scope = site.assigned, site.scope
    if scope.kind != "function" or len(scope.bindings.get(name, ())) != 1 or not scope.name_loads.get(name):
        return False
    if any(name not in c.bindings and c.loads_of(name) for c in scope.children):
        return False
    passed, returned, shown = _handed_on(ctx, scope, cache)
    known = site.scope.runs_on_loop and _known_coroutine(ctx, site)
    if name in passed and not known and not (site.scope.runs_on_loop and _declares_results(scope)):
        return False  # (decided from what the builder recorded: no walk, no parents)
    parents = ctx.parents(scope)
    reads = _local_reads(ctx, scope, cache).get(name, [])
    # (another module's function, handed on: only into results this function returns, the index to confirm it
    # makes a coroutine)
    typed = [n for n in reads if (known and _into_result_parameter(ctx, scope, parents, n))
             or _into_returned_results(scope, parents, n)] if name in passed else []
    if name in passed and not typed:
        return False
    displayed = [n for n in reads if _shown(parents, n, shown)]
    misused = [n for n in reads if n in displayed or n in typed or _misuse(parents, n)]
    if len(misused) == len(reads):
        return bool(reads)
    # tested for truth, which a coroutine never fails (`if not user: return {}`), or printed or logged as a value
    # (`log.info("total %s", total)`), and otherwise only carried out in what the function returns: nothing here
    # takes it for a coroutine either
    if any(_misuse(parents, n).startswith("tested") for n in misused):
        return all(n in misused or _returned_in_display(parents, n) for n in reads)
    return bool(displayed) and all(n in misused or _returned_in_display(parents, n)
                                   or type(parents.get(id(n))) is cst.Return for n in reads)


def _known_coroutine(ctx: FileContext, site: CallSite) -> bool:
    """The call is known to make a coroutine: a coroutine function of this module's or a library's."""
    target = ctx.target_of(site)
    return target is not None and (ctx.known.is_coroutine(target) or ctx.root.defs.get(target) == "async")


_GENERIC_RESULTS = frozenset("list dict tuple set frozenset List Dict Tuple Set FrozenSet".split())


def _into_result_parameter(ctx: FileContext, scope: Scope, parents: Dict[int, cst.CSTNode],
                           node: cst.CSTNode) -> bool:
    """`body = render(event)` then `await send_mail(to, subject, body)`, where this module's `send_mail` declares
    `body: str`: the callee is told it gets a result, so nothing there awaits the coroutine it is handed.
    (A parameter that is unannotated, or declared anything that may be awaitable, is a hand-off.)"""
    arg = parents.get(id(node))
    call = parents.get(id(arg))
    if type(arg) is not cst.Arg or arg.value is not node or arg.star or type(call) is not cst.Call:
        return False
    value = scope.evaluate(call.func)
    callee = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if callee is None and value is not None and value[0] == REF:
        made = next((c for c in ctx.scopes if c.kind == "class" and c.qualname == value[1]), None)
        if made is not None:
            return _into_result_field(made, call, arg)
    if callee is None and value is not None and value[0] == REF and type(call.func) is cst.Name:
        return _into_foreign_result_parameter(scope, call, arg, value[1])
    if callee is None or type(callee.node) is not cst.FunctionDef or value[1] in ctx.decorated:
        return False
    params = callee.node.params
    decorators = {dotted(d.decorator) for d in callee.node.decorators}
    if decorators - {"staticmethod", "classmethod"}:
        return False  # (a decorator may change what the function is handed)
    if arg.keyword is not None:
        found = [p for p in (*params.params, *params.kwonly_params) if p.name.value == arg.keyword.value]
        if not found:
            return False
        param = found[0]
    else:
        at = next(i for i, a in enumerate(call.args) if a is arg)
        if any(a.keyword is not None or a.star for a in call.args[:at]):
            return False
        positional = [*params.posonly_params, *params.params]
        if callee.parent is not None and callee.parent.kind == "class" and "staticmethod" not in decorators:
            if type(call.func) is not cst.Attribute:
                return False  # (`Class.method(obj, x)`: the receiver is handed too)
            positional = positional[1:]
        if at >= len(positional):
            return False
        param = positional[at]
    return param.annotation is not None and _result_annotation(callee, param.annotation.annotation)


_FIELD_CLASSES = frozenset({"dataclass", "define", "frozen", "mutable"})  # (dataclasses', attrs' annotated forms)


def _into_result_field(made: Scope, call: cst.Call, arg: cst.Arg) -> bool:
    """`HostState(robots=robots)` with `@dataclass class HostState: robots: Optional[RobotFileParser] = None`: the
    generated `__init__` stores what it is given in a field declared to hold an instance of a class that is not
    awaitable, so nothing will await the coroutine it is handed there."""
    node = made.node
    if type(node) is not cst.ClassDef or not any(
            dotted(d.decorator.func if type(d.decorator) is cst.Call else d.decorator).rpartition(".")[2]
            in _FIELD_CLASSES for d in node.decorators):
        return False
    body = node.body.body if type(node.body) is cst.IndentedBlock else ()
    fields = [line.body[0] for line in body if type(line) is cst.SimpleStatementLine
              and type(line.body[0]) is cst.AnnAssign and type(line.body[0].target) is cst.Name
              and not _class_variable(line.body[0].annotation.annotation)]
    if any(type(line) is cst.FunctionDef and line.name.value == "__init__" for line in body):
        return False  # (its own constructor decides where each argument goes)
    if arg.keyword is not None:
        field = next((f for f in fields if f.target.value == arg.keyword.value), None)
    else:
        at = next(i for i, a in enumerate(call.args) if a is arg)
        if node.bases or any(a.keyword is not None or a.star for a in call.args[:at]) or at >= len(fields):
            return False  # (a base's fields come first)
        field = fields[at]
    if field is None:
        return False
    annotation = field.annotation.annotation
    if _result_annotation(made, annotation):
        return True
    held = types.annotation_type(made, annotation)
    return held is not None and held[0] == INST and held[1].rpartition(".")[2] not in _AWAITABLE_RESULTS \
        and held[1] not in ("typing.Any", "builtins.object", "object")


def _class_variable(annotation: cst.BaseExpression) -> bool:
    """`ClassVar[int]`: a class attribute, not a field of the generated constructor."""
    base = annotation.value if type(annotation) is cst.Subscript else annotation
    return dotted(base).rpartition(".")[2] == "ClassVar"


def _into_foreign_result_parameter(scope: Scope, call: cst.Call, arg: cst.Arg, name: str) -> bool:
    """``_into_result_parameter`` for a plain function of another module of the project, from what that module
    says its parameters are declared (``RESULT_PARAMS``)."""
    said = answer(scope.module.foreign, name, RESULT_PARAMS, "params")
    if said is None:
        return False
    positional, _, keyword_only = said.partition(";")
    if arg.keyword is not None:
        return arg.keyword.value in (*positional.split(","), *keyword_only.split(",")) and bool(arg.keyword.value)
    at = next(i for i, a in enumerate(call.args) if a is arg)
    if any(a.keyword is not None or a.star for a in call.args[:at]):
        return False
    names = positional.split(",")
    return at < len(names) and bool(names[at])


def exported_result_params(ctx: FileContext) -> Dict[str, tuple]:
    """Interface facts (see ``RESULT_PARAMS``): the module's plain, undecorated functions with a parameter declared
    a type no coroutine has."""
    out = {}
    for name, func in ctx.functions.items():
        if func.parent is None or func.parent.kind != "module" or type(func.node) is not cst.FunctionDef \
                or func.node.decorators or name in ctx.decorated:
            continue
        params = func.node.params
        positional = [_declared_result(func, p) for p in (*params.posonly_params, *params.params)]
        keyword_only = [_declared_result(func, p) for p in params.kwonly_params]
        if any(positional) or any(keyword_only):
            out[f"{name}{RESULT_PARAMS}"] = ("params", ",".join(positional) + ";" + ",".join(keyword_only))
    return out


def _declared_result(func: Scope, param: cst.Param) -> str:
    """The parameter's name when it is declared a type no coroutine has, else ""."""
    annotation = param.annotation
    return param.name.value if annotation is not None and _result_annotation(func, annotation.annotation) else ""


def _result_annotation(callee: Scope, node: cst.BaseExpression) -> bool:
    """`str`, `bytes`, `dict[str, int]`, `str | None`, `Optional[str]`: a declared type no coroutine has."""
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.BitOr:
        sides = [node.left, node.right]
        none = [side for side in sides if type(side) is cst.Name and side.value == "None"]
        return len(none) == 1 and _result_annotation(callee, next(side for side in sides if side not in none))
    if type(node) is cst.Subscript and type(node.value) is cst.Name and len(node.slice) == 1 \
            and node.value.value == "Optional" and type(node.slice[0].slice) is cst.Index:
        return _result_annotation(callee, node.slice[0].slice.value)
    if type(node) is cst.Subscript and type(node.value) is cst.Name and node.value.value in _GENERIC_RESULTS:
        node = node.value
    if type(node) is not cst.Name or node.value not in _RESULT_TYPES | _GENERIC_RESULTS:
        return False
    return callee.lookup_scope(node.value) is None  # (not a class of the project's named like a builtin)


def _shown(parents: Dict[int, cst.CSTNode], node: cst.CSTNode, shown: Set[int]) -> bool:
    """Is ``node`` an argument of one of the calls that only print, log or serialise what they are given, or a
    value carried in a dict, list, tuple or set display handed to one (`JsonResponse({"users": count})`)?"""
    parent = parents.get(id(node))
    while type(parent) in (cst.DictElement, cst.Element) and parent.value is node:
        node = parents.get(id(parent))
        if type(node) not in (cst.Dict, cst.List, cst.Tuple, cst.Set):
            return False
        parent = parents.get(id(node))
    return type(parent) is cst.Arg and not parent.star and id(parents.get(id(parent))) in shown


def _returned_in_display(parents: Dict[int, cst.CSTNode], node: cst.CSTNode) -> bool:
    """Is ``node`` an item of a dict, list, tuple or set display that a `return` returns as it is?"""
    parent = parents.get(id(node))
    if type(parent) not in (cst.DictElement, cst.Element) or parent.value is not node:
        return False
    while type(parent) in (cst.DictElement, cst.Element, cst.Dict, cst.List, cst.Tuple, cst.Set):
        node, parent = parent, parents.get(id(parent))
    return type(parent) is cst.Return and parent.value is node


_DISPLAY_NAMES = frozenset(name.rpartition(".")[2] for name in knowledge.DISPLAY_CALLS)
_SERIALISING_NAMES = frozenset(name.rpartition(".")[2] for name in (*knowledge.SERIALISING_CALLS,
                                                                    *knowledge.VALUE_CALLS))


def _handed_on(ctx: FileContext, scope, cache: Dict[Any, Any]) -> tuple:
    """(names the function's own code passes whole to a call, names it returns, the calls that only print or log
    their arguments): a call bound to a name passed on is left alone before any walk of the function (most calls
    bound to a name are to functions of other modules, decided later, whose results are handed on). A conversion
    such as `str(x)` or a `print(x)` is no hand-off: it takes the coroutine for its result."""
    key = (id(scope), "handed")  # (beside the reads, in the same per-function cache)
    found = cache.get(key)
    if found is None:
        passed: Set[str] = set()
        shown: Set[int] = set()
        for call in scope.events.get("calls", ()):
            func = call.node.func
            if type(func) is cst.Name and func.value in _CONVERSIONS:
                continue
            name = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else ""
            if name in _DISPLAY_NAMES and ctx.target_of(call) in knowledge.DISPLAY_CALLS \
                    or name in _SERIALISING_NAMES and (ctx.target_of(call) in knowledge.SERIALISING_CALLS
                                                       or ctx.target_of(call) in knowledge.VALUE_CALLS):
                shown.add(id(call.node))
                continue
            passed.update(arg.value.value for arg in call.node.args if type(arg.value) is cst.Name)
        returned = {value.value for value in scope.events.get("returned", ()) if type(value) is cst.Name}
        found = cache[key] = (passed, returned, shown)
    return found


def _callback_slot(ctx: FileContext, call: CallSite, arg: cst.CSTNode) -> bool:
    """Is ``arg`` the argument of ``call`` that the API calls as a plain function?"""
    slot = slot_of(ctx, call) or _function_slot(ctx, call)
    if slot is None:
        return False
    position, keyword = slot
    positional = [a for a in call.node.args if a.keyword is None and a.star == ""]
    for a in call.node.args:
        if a.keyword is not None and a.keyword.value == keyword and a.value is arg:
            return True
    return len(positional) > position and positional[position].value is arg


def _function_slot(ctx: FileContext, call: CallSite) -> Optional[tuple]:
    """(position, keyword) of the argument that ``call`` calls, sync or async, if it is such an API."""
    func = call.node.func
    name = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
    if name not in _FUNCTION_TAKER_NAMES:
        return None
    target = ctx.target_of(call)
    return FUNCTION_TAKERS.get(target) if target is not None else None


def slot_of(ctx: FileContext, call: CallSite) -> Optional[tuple]:
    """(position, keyword) of the argument that ``call`` calls as a plain function, if it is such an API."""
    func = call.node.func
    if type(func) is cst.Attribute and func.attr.value in _BY_METHOD:
        return _BY_METHOD[func.attr.value]
    takers, names = _callback_takers()
    if type(func) is cst.Attribute and func.attr.value not in names:
        return None  # (asked of every call: a method's own name rules out nearly all before any evaluation)
    if type(func) is cst.Name and f"builtins.{func.value}" in takers:
        # (the evaluator names only some builtins; one the module does not shadow is the builtin)
        return takers[f"builtins.{func.value}"] if call.scope.lookup_scope(func.value) is None else None
    target = ctx.target_of(call)
    return takers.get(target) if target is not None else None


def tornado_loop(site: CallSite) -> bool:
    """`self.io_loop.call_later(1, self.refresh)` on a tornado IOLoop: tornado runs whatever a callback returns
    (a coroutine included) as a future, so a coroutine function is a fine callback there. Known by type
    (`IOLoop.current()`), or when untyped (or made in another module) by tornado's name for it, `io_loop`."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    receiver = func.value
    value = site.scope.evaluate(receiver)
    if value is None and type(receiver) is cst.Name:
        made = _made_by(site.scope, receiver.value)  # `loop = tornado.ioloop.IOLoop.current()`, then `loop.call_later`
        if made is not None:
            receiver = made
    if value is None and type(receiver) is cst.Call:
        value = site.scope.evaluate(receiver.func)  # `IOLoop.current().call_later(...)`
    if value is not None and value[0] != FWD:  # (another module's answer, not known in this one: by its name)
        return value[1].startswith("tornado.")
    return dotted(receiver).rpartition(".")[2].lstrip("_").lower() in ("io_loop", "ioloop")


def _made_by(scope, name: str) -> Optional[cst.Call]:
    """The call whose result a local holds, when that is its only binding (`loop = IOLoop.current()`)."""
    owner = scope.lookup_scope(name)
    made = owner.sole_call(name) if owner is not None and owner.kind == "function" else None
    return made[0] if made is not None else None


_PAIR_TAKERS = frozenset(name.rpartition(".")[2] for name in knowledge.HANDLER_PAIRS)


def _handler_pairs_given(ctx: FileContext, site: CallSite) -> None:
    """`ae.start_server(addr, evt_handlers=[(evt.EVT_C_STORE, self.on_store)])` with `async def on_store`: the
    library calls each pair's handler as a plain function."""
    spec = knowledge.HANDLER_PAIRS.get(ctx.target_of(site))
    if spec is None:
        return
    pairs = _slot_argument(site, *spec)
    if type(pairs) not in (cst.List, cst.Tuple):
        return
    for element in pairs.elements:
        pair = element.value
        if type(pair) is cst.Tuple and len(pair.elements) >= 2:
            _given_to_call(ctx, site, pair.elements[1].value)


def _callback_given(ctx: FileContext, site: CallSite) -> None:
    """`loop.add_signal_handler(SIGTERM, self.shutdown)`, `Thread(target=self.run)` with `async def run`: the API
    calls the coroutine function, and drops the coroutine it gets."""
    func = site.node.func
    if type(func) is cst.Attribute and func.attr.value in _PAIR_TAKERS:
        _handler_pairs_given(ctx, site)
    slot = slot_of(ctx, site)
    if slot is None:
        _slot_given(ctx, site)
        for given in plain_callbacks.given_as_plain(ctx, site):  # `bus.subscribe(handler)`, declared `-> None`
            _given_to_call(ctx, site, given)
        return
    if tornado_loop(site):
        return
    _given_to_call(ctx, site, _slot_argument(site, *slot))


def _slot_argument(site: CallSite, position: int, keyword: str) -> Optional[cst.BaseExpression]:
    """The argument a call passes for the parameter at ``position`` named ``keyword``, by name or by place."""
    given = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == keyword), None)
    if given is None:
        positional = [a for a in site.node.args if a.keyword is None and a.star == ""]
        if len(positional) > position:
            given = positional[position].value
    return given


def _given_to_call(ctx: FileContext, site: CallSite, given: Optional[cst.BaseExpression]) -> None:
    """What ``site`` calls as a plain function later is ``given``: a coroutine function there, or a lambda
    returning a coroutine, makes coroutines nobody awaits."""
    if type(given) is cst.Call and dotted(given.func).rpartition(".")[2] == "partial" and given.args:
        given = given.args[0].value  # functools.partial(coroutine_function, ...)
    if type(given) is cst.Lambda and type(given.body) is cst.Call:
        _lambda_given(ctx, site, given)
        return
    target = _named_function(site, given)
    if target is None:
        if given is not None and site.guards and _coroutine_tested(site, dotted(given)):
            ctx.report("ACK301", site.node,
                       f"`{call_text(site.node)}` is given `{dotted(given)}`, which a test said is a coroutine "
                       "function, to call as a plain function: each call only creates a coroutine that nobody "
                       "awaits, so its body never runs; schedule it with `asyncio.create_task(...)` (and keep the "
                       "task) or await it")
        return
    if not _may_be_coroutine(ctx, target) or _tested_not_coroutine(site, dotted(given)):
        return  # (`else: await run_in_threadpool(handler)` after `if is_async_callable(handler): await handler()`)
    text = call_text(site.node)
    if _uses_result(site):
        _decide(ctx, site, target,
                f"`{text}` is given `{dotted(given)}`, a coroutine function, and uses what each call returns as "
                "the result: a coroutine (always true, and it cannot be ordered) that nobody awaits, so its body "
                "never runs; await each call first (`[x for x in items if await check(x)]`)")
        return
    _decide(ctx, site, target,
            f"`{text}` is given `{dotted(given)}`, a coroutine function, to call as a plain function: each call "
            "only creates a coroutine that nobody awaits, so its body never runs; pass a plain function that "
            "schedules it (`lambda: tasks.add(asyncio.create_task(...))`) or await it from a coroutine")


def _assigned_as_library_callback(ctx: FileContext) -> None:
    """`self.client.on_message = self.on_message` on a paho client, with `async def on_message`: the library calls
    the function as a plain one, and drops the coroutine each call makes."""
    from asynccheck.lint import threads  # (threads imports this module)
    for scope in ctx.scopes:
        for target, value in scope.events.get("callback_attrs", ()):
            if type(value) not in (cst.Name, cst.Attribute):
                continue
            function = scope.evaluate(value)
            name = function[1] if function is not None and function[0] == REF else None
            if name is None or name in ctx.decorated or not (ctx.root.defs.get(name) == "async"
                                                              or ctx.known.is_coroutine(name)):
                continue
            if threads.library_callback_attribute(ctx, scope, target):
                ctx.report("ACK301", target,
                           f"`{dotted(target)}` is given `{dotted(value)}`, a coroutine function, which the library "
                           "calls as a plain function: each call only creates a coroutine that nobody awaits, so its "
                           "body never runs; assign a plain function that hands the work to the loop "
                           "(`loop.call_soon_threadsafe(...)`, `asyncio.run_coroutine_threadsafe(...)`)")


def _named_function(site: CallSite, given: Optional[cst.BaseExpression]) -> Optional[str]:
    """What a callable handed over by name (`self.refresh`, `shutdown`) refers to, or None."""
    if type(given) not in (cst.Name, cst.Attribute):
        return None
    value = site.scope.evaluate(given)
    return value[1] if value is not None and value[0] == REF else None


# GUI toolkits call a signal's slots and a widget's event handlers as plain functions, whatever they return: Qt's
# `button.clicked.connect(slot)` (qasync's `@asyncSlot()` is the wrapper that schedules a coroutine function there,
# and turns it into a plain one), Kivy's `widget.bind(on_press=handler)` and `fbind("on_press", handler)`. Known by
# the toolkit the module imports, since a signal's type is rarely written down.
_GUI_TOOLKITS = (("Qt", knowledge.QT_BINDINGS), ("Kivy", ("kivy",)))


def _slot_given(ctx: FileContext, site: CallSite) -> None:
    """`self.refresh_button.clicked.connect(self.refresh)` in a Qt module, `button.bind(on_press=self.go)` in a
    Kivy one, with `async def refresh`: the toolkit calls it as a plain function and drops the coroutine."""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value not in ("connect", "bind", "fbind"):
        return
    module = ctx.root.module
    toolkit = next((name for name, packages in _GUI_TOOLKITS if module.imports(packages)), "")
    if func.attr.value == "connect" and toolkit == "Qt":
        givens = [a.value for a in site.node.args[:1] if a.keyword is None and a.star == ""]
    elif func.attr.value == "bind" and toolkit == "Kivy":
        givens = [a.value for a in site.node.args if a.keyword is not None]
    elif func.attr.value == "fbind" and toolkit == "Kivy":
        givens = [a.value for a in site.node.args[1:2] if a.keyword is None and a.star == ""]
    else:
        return
    for given in givens:
        target = _named_function(site, given)
        # only this module's own plain `async def`: a decorator may well be the wrapper that schedules it
        # (qasync's `@asyncSlot()`, a project's own)
        scope = ctx.functions.get(target) if target is not None else None
        if scope is None or ctx.root.defs.get(target) != "async" or getattr(scope.node, "decorators", ()):
            continue
        text = call_text(site.node)
        _decide(ctx, site, target,
                f"`{text}` is given `{dotted(given)}`, a coroutine function, as a {toolkit} handler: {toolkit} calls "
                "it as a plain function, so each call only creates a coroutine that nobody awaits and its body "
                "never runs; " + ("decorate it with qasync's `@asyncSlot()`, or " if toolkit == "Qt" else "")
                + "pass a plain function that schedules it (`lambda *_: tasks.add(asyncio.create_task(...))`)")


def _lambda_given(ctx: FileContext, site: CallSite, lam: cst.Lambda) -> None:
    """`loop.call_later(5, lambda: notifier.send(user, "hi"))`: the API calls the lambda and throws away what it
    returns, here a coroutine, which never runs. (A lambda that schedules it, `lambda: asyncio.ensure_future(...)`,
    returns a task: ACK302's business.)"""
    inner = ctx.builder.scope_of.get(id(lam))
    if inner is None:
        return
    body = next((s for s in inner.events.get("calls", ()) if s.node is lam.body), None)
    target = ctx.target_of(body) if body is not None else None
    if target is None or not _may_be_coroutine(ctx, target):
        return
    if _uses_result(site):
        _decide(ctx, body, target,
                f"`{call_text(lam.body)}` creates a coroutine that a lambda given to `{call_text(site.node)}` returns: "
                f"`{dotted(site.node.func)}` uses it as the result (a coroutine is always true, and cannot be "
                "ordered), and nobody awaits it, so its body never runs; await each call first "
                "(`[x for x in items if await check(x)]`)")
        return
    _decide(ctx, body, target,
            f"`{call_text(lam.body)}` creates a coroutine that a lambda given to `{call_text(site.node)}` returns: "
            "the API calls the lambda as a plain function and drops the coroutine, so its body never runs; "
            "schedule it instead (`lambda: tasks.add(asyncio.ensure_future(...))`)")


def _uses_result(site: CallSite) -> bool:
    """A builtin that uses what the function it calls returns at once (`filter`, a `key=`), not a callback API."""
    func = site.node.func
    name = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else ""
    return name in _USES_RESULT
