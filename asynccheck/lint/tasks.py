"""ACK302: a task whose handle is dropped; ACK502: tasks spawned per loop item with no bound."""
from __future__ import annotations

from collections import Counter
from typing import Dict, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import consumers, knowledge, liveness, realtime, spawn_gates
from asynccheck.lint.builder import NESTED, CallSite, dotted, iter_children, last_name, names_no_variable, \
    walk_local
from asynccheck.lint.context import Candidate, FileContext, call_text
from asynccheck.lint.interface import CATCHES, DESCRIBES, STARTS, WATCHES, answer
from asynccheck.lint.messages import TASK_KEEP, caught_keep, watched_keep
from asynccheck.lint.scope import INST, REF, Scope
from asynccheck.wording import HELD_BY_TIMER, HELD_BY_WORKER, HELD_UNTIL_DONE as HELD_UNTIL_DONE_TEXT

SPAWNERS = knowledge.TASK_SPAWNERS | {"asyncio.TaskGroup.create_task"}
# anyio's task group and trio's nursery start a task per call as `create_task` does, but own it and give no handle
# back: a spawn for ACK502's count, never a dropped handle for ACK302
GROUP_STARTS = frozenset({"anyio.abc.TaskGroup.start_soon", "trio.Nursery.start_soon"})
_LIMIT_WORDS = ("sem", "limit", "slot", "capacity", "bound")
_ACQUIRE_FOR = ".acquire_on_behalf_of"  # anyio's CapacityLimiter, a slot taken for a task (released by it)
_LIMITERS = frozenset({"asyncio.Semaphore", "asyncio.BoundedSemaphore", "anyio.Semaphore", "anyio.CapacityLimiter",
                       "trio.Semaphore", "trio.CapacityLimiter"})


def check(ctx: FileContext) -> None:
    for site in ctx.calls:
        if "ACK302" in ctx.enabled and site.scope.kind == "function":
            lost = _task_list_lost(ctx, site)
            if lost is not None:
                ctx.report("ACK302", site.node, lost)
                continue
        if site.awaited:
            continue
        if "ACK302" in ctx.enabled and type(site.node.func) is cst.Name and site.node.func.value == "map" \
                and (mapped := _mapped_tasks_lost(ctx, site)) is not None:
            ctx.report("ACK302", site.node, mapped)
            continue
        if "ACK302" in ctx.enabled and (shielded := _shield_dropped(ctx, site)) is not None:
            ctx.report("ACK302", site.node, shielded)
            continue
        if "ACK302" in ctx.enabled and (_spawner(site) is not None or _untyped_loop_called_back(ctx, site)):
            problem = _dropped(site, ctx.parents(site.scope))  # (parents are built only where a task is made)
            registrar = _called_back(ctx, site.scope) if problem is None and site.scope.kind == "lambda" \
                and _lambda_value(site.scope.node.body, site.node) else None
            if registrar is not None:
                body = site.scope.node.body
                value = "an element of the list" if type(body) in (cst.ListComp, cst.SetComp) else "the value"
                problem = (f"the task returned by `{call_text(site.node)}` is {value} of a lambda {registrar} "
                           f"calls back and then ignores: {_keep(_held_until_done(site))}")
            registrar = _returned_to_registrar(ctx, site) if problem is None else None
            if registrar is not None:
                problem = (f"the task returned by `{call_text(site.node)}` is what `{site.scope.node.name.value}()` "
                           f"returns, and {registrar} calls it back and then ignores that: "
                           f"{_keep(_held_until_done(site))}")
            if problem is None:
                problem = _handed_to_describer(ctx, site)
            if problem is not None:
                catcher = _catches_own_errors(ctx, site) if _KEEP in problem else None
                if catcher is not None:
                    problem = problem.replace(_KEEP, _keep_catching(catcher))
                ctx.report("ACK302", site.node, _uncalled_coroutine_function(site) or problem)
        elif "ACK302" in ctx.enabled and site.dropped:  # (`f()` as a statement, or `_ = f()`)
            factory = _task_factory(ctx, site)
            if factory is not None and type(ctx.parents(site.scope).get(id(site.node))) is cst.Expr:
                value = site.scope.evaluate(site.node.func)
                func = ctx.functions[value[1]]
                ctx.report("ACK302", site.node, _factory_dropped(call_text(site.node), factory,
                                                                 _watches_its_task(ctx, func),
                                                                 runs_in_catcher(ctx, func)))
            elif factory is None and type(site.statement) is cst.Expr and site.statement.value is site.node:
                _another_modules_factory(ctx, site)
        elif "ACK302" in ctx.enabled and site.assigned is not None \
                and type(site.statement) in (cst.Assign, cst.AnnAssign) and site.statement.value is site.node \
                and site.scope.kind == "function":
            _factory_task_unkept(ctx, site)
        target = ctx.target_of(site)
        if target in knowledge.LOOP_CALLBACK_ENTRY and "ACK302" in ctx.enabled:
            spawner = _spawner_called_back(site, target)
            if spawner is not None:
                ctx.report("ACK302", site.node,
                           f"`{call_text(site.node)}` has the loop call `{spawner}` later and throw away what it "
                           f"returns, the task it starts: {_keep(_handed_on_held(site, target))}; "
                           "`asyncio.run_coroutine_threadsafe()` from another thread, or a plain function that keeps "
                           "the task")
        if target not in SPAWNERS and target not in GROUP_STARTS and not _project_spawner(ctx, site, target) \
                and not _sanic_add_task(site):
            continue
        if site.loop is not None and not _one_per_pass(site) and (
                not (_bounded_loop(site.scope, site.loop) or _paced(site)) or _batch_in_open_loop(ctx, site)
                or _grows_with_results(ctx, site)) \
                and not _gated_inside(ctx, site) and not spawn_gates.seldom(ctx, site) \
                and not consumers.prefetch_bounded(ctx, site):
            held = _limiter_let_go(ctx, site)
            ctx.report(
                "ACK502", site.node,
                f"`{call_text(site.node)}` starts one task per item of this loop and nothing bounds how many run at "
                + (f"once: `async with {call_text(held)}` is let go as soon as the task is made, before it runs; "
                   "take the limiter inside the task's coroutine, or wait for the task within the block" if held
                   is not None else
                   "once; limit them with an `asyncio.Semaphore`, a fixed pool of workers, or a cap on in-flight "
                   "tasks"),
            )
        elif site.loop is None and _async_comprehension(ctx, site) and not _gated_inside(ctx, site):
            ctx.report(
                "ACK502", site.node,
                f"`{call_text(site.node)}` starts one task per item the `async for` of this comprehension reads "
                "from an open-ended stream, and nothing bounds how many run at once; limit them with an "
                "`asyncio.Semaphore` taken before each spawn, or hand the items to a fixed pool of workers",
            )
        elif _recursive_fan_out(ctx, site) and not _gated_inside(ctx, site):
            ctx.report(
                "ACK502", site.node,
                f"`{call_text(site.node)}` starts a task per child that runs `{site.scope.name}()` again, so each "
                "level spawns the next and the tasks alive grow with the whole tree; nothing bounds how many run at "
                "once: limit them with an `asyncio.Semaphore` shared down the recursion, or walk the tree with a "
                "fixed pool of workers reading a queue",
            )
        elif (caller := _called_per_item(ctx, site)) is not None and not _gated_inside(ctx, site):
            ctx.report(
                "ACK502", site.node,
                f"`{call_text(site.node)}` starts a task for every call of `{site.scope.name}()`, which "
                f"`{caller.scope.name}()` makes for each item of an open-ended loop, and nothing bounds how many "
                "run at once: a fast producer starts them without limit; limit them with an `asyncio.Semaphore`, "
                "or hand the items to a bounded queue read by a fixed pool of workers",
                related=((caller.node, "the call made for each item"),),
            )
        elif (method := _per_message(ctx, site)) is not None and not _gated_inside(ctx, site):
            ctx.report(
                "ACK502", site.node,
                f"`{call_text(site.node)}` starts a task for every call of `{site.scope.name}()`, which "
                f"{method} calls for each message the peer sends, and nothing bounds how many run at once: a "
                "client that sends faster than the tasks finish starts them without limit; await the work in "
                "place (the framework waits for it before the next message), limit the tasks with an "
                "`asyncio.Semaphore`, or hand the messages to a bounded queue read by a fixed pool of workers",
            )
        elif _per_chunk(site) and not _gated_inside(ctx, site):
            ctx.report(
                "ACK502", site.node,
                f"`{call_text(site.node)}` starts a task for every call of `{site.scope.name}()`, which the transport "
                "makes for each chunk or datagram it receives, and nothing bounds how many run at once: a fast "
                "sender starts them without limit; limit them with an `asyncio.Semaphore`, hand the data to a "
                "bounded queue read by a fixed pool of workers, or `pause_reading()` while too many are in flight",
            )


def _handed_to_describer(ctx: FileContext, site: CallSite) -> Optional[str]:
    """`announce(asyncio.create_task(...))` where `announce` is a function of the project that only describes the
    parameter it gets the task in (`log.debug("started %s", task.get_name())`, `task.add_done_callback(report)`):
    handed over, the task is kept by nobody. In this module the function is read; another module's says so in its
    facts (``exported_describers``)."""
    parents = ctx.parents(site.scope)
    arg = parents.get(id(site.node))
    call = parents.get(id(arg)) if type(arg) is cst.Arg and not arg.star else None
    if type(call) is not cst.Call or call.func is site.node:
        return None
    value = site.scope.evaluate(call.func)
    if value is None or value[0] != REF or not ctx.is_project(value[1]):
        return None
    callee = ctx.functions.get(value[1])
    if callee is not None:
        if type(callee.node) is not cst.FunctionDef:
            return None
        described = _described_params(ctx, callee)
    else:
        said = answer(ctx.root.foreign, value[1], DESCRIBES, "params")
        if said is None:
            return None
        described = dict(item.split(":", 1) for item in said.split("|"))
    if arg.keyword is not None:
        param = arg.keyword.value if arg.keyword.value in described.values() else None
    else:
        positional = [a for a in call.args if a.keyword is None and not a.star]
        param = described.get(str(positional.index(arg)))
    if param is None:
        return None
    name = value[1].rpartition(".")[2]
    return (f"the task returned by `{call_text(site.node)}` is handed to `{name}()`, whose `{param}` keeps nothing "
            f"(it is only logged, described or given a done callback): {_keep(_held_until_done(site))}")


# Annotations of the parameters a describer is looked for in, for other modules (a cheap first test: reading the
# uses of every parameter of every function would cost more than the rule)
_TASK_ANNOTATIONS = frozenset({"Task", "Future"})


def _described_params(ctx: FileContext, func: Scope, annotated_only: bool = False) -> Dict[str, str]:
    """Position (over the positional arguments a call passes: a method's `self` is not one) -> name of each
    parameter of ``func`` that it reads, and only in ways that keep nothing (a log line, `get_name()`,
    `add_done_callback(...)`)."""
    found: Dict[str, str] = {}
    params = func.node.params
    positional = [*params.posonly_params, *params.params]
    if positional and func.parent is not None and func.parent.kind == "class":
        positional = positional[1:]  # (called on an instance, `self.announce(t)`: the instance is `self`)
    parents = None
    for position, param in enumerate(positional):
        if annotated_only and (param.annotation is None or last_name(
                param.annotation.annotation.value if type(param.annotation.annotation) is cst.Subscript
                else param.annotation.annotation) not in _TASK_ANNOTATIONS):
            continue
        parents = parents if parents is not None else ctx.parents(func)
        uses = _uses_keeping_nothing(func, param.name.value, parents)
        if uses is not None:
            found[str(position)] = param.name.value
    return found


def exported_describers(ctx: FileContext) -> Dict[str, tuple]:
    """The facts this module gives others about its functions that keep nothing of a task they are handed
    (``_handed_to_describer``): only parameters annotated as a task or future are read."""
    found: Dict[str, tuple] = {}
    for qualname, func in ctx.functions.items():
        if type(func.node) is not cst.FunctionDef or func.parent is None \
                or func.parent.kind not in ("module", "class"):
            continue
        described = _described_params(ctx, func, annotated_only=True)
        if described:
            found[f"{qualname}{DESCRIBES}"] = ("params", "|".join(f"{k}:{v}" for k, v in described.items()))
    return found


# asyncio protocol methods the transport calls once per chunk or datagram it receives
_PER_CHUNK = frozenset({"data_received", "datagram_received", "buffer_updated"})


def _per_chunk(site: CallSite) -> bool:
    """A spawn in a protocol's `datagram_received` / `data_received` (not in an open-ended loop, judged above):
    one task per chunk the peer sends, at the peer's pace. A task kept in a single attribute (`self._flush =
    create_task(...)`, one in flight), a len() cap or a `pause_reading()` in the method bounds them."""
    scope = site.scope
    if scope.kind != "function" or scope.name not in _PER_CHUNK or scope.class_scope is None or scope.is_async:
        return False
    if site.loop is not None and not _bounded_loop(scope, site.loop):
        return False
    if _held_in_attribute(site):
        return False
    for node in walk_local(scope.node.body):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value.startswith("pause_"):
            return False
        # `if len(self.inflight) >= LIMIT: return`; `if len(events) > 0:` only asks whether there is work
        if type(node) is cst.Comparison and type(node.left) is cst.Call and dotted(node.left.func) == "len" \
                and not all(type(c.comparator) is cst.Integer and c.comparator.value == "0"
                            for c in node.comparisons):
            return False
    return True


# Framework classes that call a method of a subclass once per message its peer sends, awaiting each before it
# reads the next: base -> those methods
_PER_MESSAGE = {
    "channels.generic.websocket.AsyncWebsocketConsumer": frozenset({"receive", "receive_json"}),
    "starlette.endpoints.WebSocketEndpoint": frozenset({"on_receive"}),
    "tornado.websocket.WebSocketHandler": frozenset({"on_message"}),
}


def _per_message(ctx: FileContext, site: CallSite) -> Optional[str]:
    """A spawn in a Channels consumer's `receive()`, a Starlette `WebSocketEndpoint.on_receive()` or a Tornado
    handler's `on_message()` (not in an open-ended loop, judged above): the framework calls it once per message,
    so each message the client sends starts a task. Left alone as for ``_per_chunk``: a task kept in a single
    attribute (one in flight), a semaphore, a len() cap, a task awaited in the method. The framework's class as
    the message names it, or None."""
    scope = site.scope
    if scope.kind != "function" or not scope.is_async or type(scope.node) is not cst.FunctionDef:
        return None
    if site.loop is not None and not _bounded_loop(scope, site.loop):
        return None
    base = _framework_base(ctx, scope.class_scope, scope.name, 0) if scope.class_scope is not None else None
    where = f"`{base.rpartition('.')[2]}`" if base is not None else consumers.consumer_of(ctx, site)
    if where is None or _held_in_attribute(site) or _limits_concurrency(scope, scope.node.body):
        return None
    for node in walk_local(scope.node.body):
        if type(node) is cst.Comparison and type(node.left) is cst.Call and dotted(node.left.func) == "len":
            return None
        if site.assigned and type(node) is cst.Await and any(
                type(name) is cst.Name and name.value == site.assigned for name in walk_local(node.expression)):
            return None
    return where


def _framework_base(ctx: FileContext, cls: Scope, method: str, depth: int) -> Optional[str]:
    """The framework class of _PER_MESSAGE that ``cls`` subclasses (through classes of this module) and that calls
    its ``method`` per message."""
    found = ctx.builder.bases.get(cls.qualname)
    if found is None or depth > 3:
        return None
    outer, bases = found
    for base in bases:
        value = outer.evaluate(base.value if type(base) is cst.Subscript else base)
        if value is None or value[0] != REF:
            continue
        if method in _PER_MESSAGE.get(value[1], ()):
            return value[1]
        parent = ctx.root.module.classes.get(value[1])
        if parent is not None and method not in parent.methods:
            inherited = _framework_base(ctx, parent, method, depth + 1)
            if inherited is not None:
                return inherited
    return None


def _sanic_add_task(site: CallSite) -> bool:
    """`app.add_task(coro)` on a Sanic app, or `request.app.add_task(coro)` in a Sanic route or websocket handler
    (`request` its first parameter): Sanic starts a task and keeps it in its registry, a spawn for ACK502's count,
    never a dropped handle."""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value != "add_task" or not site.node.args:
        return False
    receiver = site.scope.evaluate(func.value)
    if receiver is not None and receiver[0] == INST and receiver[1] == "sanic.Sanic":
        return True
    if not (type(func.value) is cst.Attribute and func.value.attr.value == "app" and type(func.value.value) is cst.Name):
        return False
    handler = site.scope
    while handler is not None and handler.kind in ("lambda", "comprehension"):
        handler = handler.parent
    if handler is None or handler.kind != "function" or type(handler.node) is not cst.FunctionDef:
        return False
    params = handler.node.params.params
    if not params or params[0].name.value != func.value.value.value:
        return False
    outer = handler.parent
    for decorator in handler.node.decorators:
        call = decorator.decorator
        if type(call) is cst.Call and type(call.func) is cst.Attribute \
                and call.func.attr.value in (*knowledge.SANIC_ROUTE_METHODS, "websocket"):
            owner = outer.evaluate(call.func.value) if outer is not None else None
            if owner is not None and owner[0] == INST and owner[1] in knowledge.SANIC_ROUTERS:
                return True
    return False


def _called_per_item(ctx: FileContext, site: CallSite) -> Optional[CallSite]:
    """A spawn outside any loop, in a function of this module that a call in an open-ended loop runs once per
    item (`async def on_msg(msg): create_task(handle(msg))` then `async for msg in sub: await on_msg(msg)`, a
    nested handler or a method): one task per item, as if written in the loop. The call site, or None. Left
    alone: a function that keeps one task in an attribute, waits for its task, or waits for capacity; a function
    that starts the coroutine it is handed (a spawner, judged at its calls)."""
    scope = site.scope
    if site.loop is not None or scope.kind != "function" or type(scope.node) is not cst.FunctionDef:
        return None
    if _held_in_attribute(site) or _limits_concurrency(scope, scope.node.body) or is_spawner(ctx, scope):
        return None
    if site.assigned and any(type(node) is cst.Name and node.value == site.assigned
                             for waited in walk_local(scope.node.body) if type(waited) is cst.Await
                             for node in walk_local(waited.expression)):
        return None  # `t = create_task(...); ...; await t`: one at a time per call
    for caller in ctx.calls:
        if caller.loop is None or caller.scope is scope:
            continue
        # which function it calls first: the loop's tests below walk the loop's body, and most calls in loops
        # call something else
        value = caller.scope.evaluate(caller.node.func)
        if value is None or value[0] != REF or (func := ctx.functions.get(value[1])) is None \
                or func.node is not scope.node:
            continue
        if not (_bounded_loop(caller.scope, caller.loop) or _paced(caller) or _pauses_somewhere(caller)
                or _one_per_pass(caller)):
            return caller
    return None


def _pauses_somewhere(site: CallSite) -> bool:
    """The loop around a call of a spawning function sleeps a set interval somewhere in its body (under a `try`
    or an `if` too: a heartbeat check, `try: await asyncio.sleep(hb * 2); ... await self._reset()`): a ticker
    that spawns when it finds something to do, not a stream's pace. Looser than ``_paced``, as the spawn is a call
    away and the call is the only evidence of a stream."""
    for node in walk_local(site.loop.body):
        call = node.expression if type(node) is cst.Await else None
        if type(call) is not cst.Call or not call.args:
            continue
        value = site.scope.evaluate(call.func)
        pause = call.args[0].value
        if value is not None and value[0] == REF and value[1] in _PAUSES and not (
                type(pause) in (cst.Integer, cst.Float) and float(pause.value) == 0):
            return True
    return False


def _spawner_called_back(site: CallSite, entry: str) -> Optional[str]:
    """`loop.call_soon_threadsafe(asyncio.create_task, coro)`, `loop.call_later(1, partial(ensure_future, coro))`:
    a task-making function given as the callback itself. The loop ignores a callback's return value, so the task
    is held by nobody. (The spawner as written, or None.)"""
    position, keyword = knowledge.LOOP_CALLBACK_ENTRY[entry]
    positional = [a for a in site.node.args if a.keyword is None and not a.star]
    given = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == keyword), None)
    if given is None and len(positional) > position:
        given = positional[position].value
    if type(given) is cst.Call and given.args and site.scope.evaluate(given.func) == (REF, "functools.partial"):
        given = given.args[0].value
    if type(given) not in (cst.Name, cst.Attribute):
        return None
    value = site.scope.evaluate(given)
    if value is not None and value[0] == REF and value[1] in knowledge.TASK_SPAWNERS:
        return dotted(given)
    return None


def _handed_on_held(site: CallSite, entry: str) -> str:
    """Who holds the task of `loop.call_soon(asyncio.create_task, asyncio.to_thread(save))` until it is done: the
    coroutine is the argument after the callback (as ``_held_until_done``)."""
    position = knowledge.LOOP_CALLBACK_ENTRY[entry][0]
    positional = [a.value for a in site.node.args if a.keyword is None and not a.star]
    coro = positional[position + 1] if len(positional) > position + 1 else None
    value = site.scope.evaluate(coro.func) if type(coro) is cst.Call else None
    return HELD_UNTIL_DONE.get(value[1], "") if value is not None and value[0] == REF else ""


def _lambda_value(body: cst.BaseExpression, node: cst.Call) -> bool:
    """Is the call what the lambda returns, on one of the branches of a conditional expression too (`lambda t:
    asyncio.ensure_future(retry()) if t.exception() else None`), or what each element of the list or set it returns
    is (`lambda _: [asyncio.create_task(f.poll()) for f in feeds]`)?"""
    if type(body) is cst.IfExp:
        return _lambda_value(body.body, node) or _lambda_value(body.orelse, node)
    return body is node or type(body) in (cst.ListComp, cst.SetComp) and body.elt is node


def _called_back(ctx: FileContext, lam: Scope) -> Optional[str]:
    """Is the lambda handed to an API that calls it later and throws away what it returns (`loop.call_later(5,
    lambda: create_task(...))`, `QTimer.singleShot(0, lambda: ...)`, `fut.add_done_callback(lambda f: ...)`, a Qt
    signal's `.connect(lambda: ...)`)? Who calls it, in words, or None."""
    return _registrar(ctx, lam.parent, lam.node) if lam.parent is not None else None


def _returned_to_registrar(ctx: FileContext, site: CallSite) -> Optional[str]:
    """`def later(): return asyncio.ensure_future(save())` nested in a function that only hands `later` to APIs
    that call it back and ignore what it returns (`QTimer.singleShot(0, later)`): who calls it, or None."""
    func, outer = site.scope, site.scope.parent
    if func.kind != "function" or type(func.node) is not cst.FunctionDef or func.is_async or outer is None \
            or outer.kind != "function" or type(site.statement) is not cst.Return or site.statement.value is not site.node:
        return None
    reads = _reads(outer, func.node.name.value, ctx.parents(outer))
    registrars = {_registrar(ctx, outer, node) for node, _ in reads or ()}
    return None if not registrars or None in registrars else sorted(registrars)[0]


def _registrar(ctx: FileContext, outer: Scope, node: cst.CSTNode) -> Optional[str]:
    """Who calls back the callable ``node`` is (an argument of a call in ``outer``) and ignores what it returns."""
    parents = ctx.parents(outer)
    arg = parents.get(id(node))
    call = parents.get(id(arg)) if type(arg) is cst.Arg else None
    if type(call) is not cst.Call:
        return None
    target = None
    for site in outer.events.get("calls", ()):
        if site.node is call:
            target = ctx.target_of(site)
            if target in knowledge.LOOP_CALLBACK_ENTRY or ctx.loop_callback(outer, call) is node:
                return "the loop"
            if target in _DISCARDING_REGISTRARS:
                return f"`{target.rpartition('.')[0].rpartition('.')[2]}.{target.rpartition('.')[2]}()`"
            break
    method = call.func.attr.value if type(call.func) is cst.Attribute else ""
    first = call.args[0] is arg and arg.keyword is None and not arg.star
    # (every future's done callbacks, concurrent or asyncio's, are called for their effect; a Qt signal ignores
    # what its slots return: `.connect` is read as a signal's only in a module that imports Qt)
    if first and method == "add_done_callback":
        return "the future"
    if first and method == "connect" and ctx.root.imports(knowledge.QT_BINDINGS):
        return "the signal"
    if (_registers_by_name(method) or _registers_for_an_event(method, call, arg)) \
            and (target is None or target not in ctx.functions):
        return f"`{dotted(call.func) or method}()`"
    return None


# How event and clean-up registrations are named across libraries (ipywidgets' `on_click`, pytest's
# `addfinalizer`, unittest's `addCleanup`, `add_listener`, `register_callback`): what they are handed they call
# for its effect. A name with "async" in it (`addAsyncCleanup`) awaits what its callable returns instead.
_REGISTRATION_VERBS = ("add", "register", "set")
_REGISTERED_KINDS = ("callback", "handler", "listener", "observer", "finalizer", "cleanup", "hook")


# Registrations that name the event first (IPython's `events.register("post_run_cell", f)`, an emitter's
# `on("close", f)`): the callable after the event's name is called for its effect.
_EVENT_REGISTRATIONS = frozenset({"register", "on", "once", "subscribe", "listen"})


def _registers_for_an_event(method: str, call: cst.Call, arg: cst.Arg) -> bool:
    """`x.register("post_run_cell", f)`: ``arg`` comes after a string naming the event."""
    return method in _EVENT_REGISTRATIONS and len(call.args) >= 2 and call.args[0] is not arg \
        and call.args[0].keyword is None and isinstance(call.args[0].value, (cst.SimpleString, cst.ConcatenatedString))


def _registers_by_name(method: str) -> bool:
    """Is ``method`` named for registering a callable that is called later for its effect alone?"""
    if method.startswith("on_") and len(method) > 3:
        return True
    words = method.lower().replace("_", "")
    return "async" not in words and words.startswith(_REGISTRATION_VERBS) \
        and words.rstrip("s").endswith(_REGISTERED_KINDS)


# Registrars outside asyncio that call a callback later and throw away what it returns: Qt's one-shot timer and
# the interpreter's exit hooks
_DISCARDING_REGISTRARS = frozenset({*(f"{qt}.QtCore.QTimer.singleShot" for qt in knowledge.QT_BINDINGS),
                                    "atexit.register"})


def _task_list_lost(ctx: FileContext, site: CallSite) -> Optional[str]:
    """`started = await pipeline.start()` then only `len(started)`, where `start` returns a list of tasks it has
    just started and keeps no reference to (`return [asyncio.create_task(a.run()), asyncio.create_task(b.run())]`):
    the caller holds the only references, and one that drops the list or only counts it leaves the tasks held by
    nobody. Why they are lost, or None."""
    func = ctx.functions.get(ctx.target_of(site) or "")
    if func is None or not _is_task_list_factory(func):
        return None
    parents = ctx.parents(site.scope)
    node, parent = site.node, parents.get(id(site.node))
    if func.is_async:
        if type(parent) is not cst.Await:
            return None  # (not awaited at all: ACK301's)
        node, parent = parent, parents.get(id(parent))
    if type(parent) is cst.Expr:
        how = "dropped"
    elif type(parent) is cst.Arg and _counts(parents.get(id(parent))):
        how = "only counted"
    elif type(parent) is cst.Assign and parent.value is node and len(parent.targets) == 1 \
            and type(parent.targets[0].target) is cst.Name:
        name = parent.targets[0].target.value
        reads = _reads(site.scope, name, parents)
        if reads is None or len(site.scope.bindings.get(name, ())) != 1 or not all(
                (type(up) is cst.Arg and _counts(parents.get(id(up)))) or (type(up) in (cst.If, cst.While)
                                                                           and up.test is read)
                for read, up in reads):
            return None
        how = f"bound to `{name}`, which is only counted"
    else:
        return None
    return (f"the tasks in the list `{call_text(site.node)}` returns are {how}: `{func.name}` starts them and keeps "
            "no reference, so its caller holds the only ones; the loop holds tasks only weakly, so they can be "
            "garbage-collected mid-flight, and no code of yours sees how they end; keep the list and await it "
            "(`asyncio.gather(*tasks)`), or keep the tasks in a set or an `asyncio.TaskGroup`")


def _counts(call: Optional[cst.CSTNode]) -> bool:
    return type(call) is cst.Call and dotted(call.func) in _COUNTING and len(call.args) == 1


def _is_task_list_factory(func: Scope) -> bool:
    """Every `return` of ``func`` hands back a list or tuple of tasks it starts right there: each element a
    `create_task`/`ensure_future` call (`[create_task(a()), create_task(b())]`, `[create_task(w()) for w in ws]`)."""
    key = ("task list",)
    if key not in func.memo:
        returned = func.events.get("returned", ())
        func.memo[key] = bool(returned) and not func.is_generator and not getattr(func.node, "decorators", ()) \
            and all(_started_tasks(func, node) for node in returned)
    return func.memo[key]


def _started_tasks(func: Scope, node: Optional[cst.BaseExpression]) -> bool:
    if type(node) in (cst.List, cst.Tuple):
        calls = [element.value for element in node.elements]
        if not calls or any(type(e) is not cst.Element for e in node.elements):
            return False
    elif type(node) is cst.ListComp:
        calls = [node.elt]
    else:
        return False
    for call in calls:
        if type(call) is not cst.Call:
            return False
        value = func.evaluate(call.func)
        if value is None or value[0] != REF or value[1] not in knowledge.TASK_SPAWNERS:
            return False
    return True


def _factory_dropped(text: str, factory: str, watched: bool = False, caught: bool = False) -> str:
    keep = watched_keep(factory) if watched else caught_keep(factory) if caught else _KEEP
    return (f"the task started by `{text}` is dropped: `{factory}` returns the task it starts and keeps no "
            f"reference to it, so only its caller could; {keep}")


def runs_in_catcher(ctx: FileContext, func: Scope) -> bool:
    """`def safe_ensure_future(coro): return asyncio.ensure_future(safe_wrapper(coro))`, `safe_wrapper` a
    coroutine function of the module that catches every error of what it awaits (see ``_catcher``): each task the
    factory starts ends without an exception to retrieve, even when the caller drops it."""
    returned = func.events.get("returned", ())
    return bool(returned) and all(
        type(node) is cst.Call and node.args and type(node.args[0].value) is cst.Call
        and _catcher(ctx, func, node.args[0].value) is not None for node in returned)


def _watches_its_task(ctx: FileContext, func: Scope) -> bool:
    """`t = asyncio.create_task(coro); t.add_done_callback(_log); return t`, where `_log` (nested, or a function
    of the module) calls `.exception()` or `.result()`: every task the factory starts has its outcome read, even
    when the caller drops it."""
    returned = [node.value for node in func.events.get("returned", ()) if type(node) is cst.Name]
    if type(func.node) is not cst.FunctionDef or len(set(returned)) != 1:
        return False
    for node in walk_local(func.node.body):
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute \
                or node.func.attr.value != "add_done_callback" or dotted(node.func.value) != returned[0] \
                or not node.args or type(node.args[0].value) is not cst.Name:
            continue
        name = node.args[0].value.value
        callback = next((d for d in walk_local(func.node.body) if type(d) is cst.FunctionDef and d.name.value == name),
                        None)
        if callback is None:
            value = func.evaluate(node.args[0].value)
            found = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
            callback = found.node if found is not None and type(found.node) is cst.FunctionDef else None
        if callback is not None and any(
                type(inner) is cst.Call and type(inner.func) is cst.Attribute and not inner.args
                and inner.func.attr.value in ("exception", "result") for inner in walk_local(callback.body)):
            return True
    return False


def _another_modules_factory(ctx: FileContext, site: CallSite) -> None:
    """`spawn(refresh(user))` as a statement, `spawn` a function of another module of the project: the project
    index says whether it is a task factory (see ``task_factories``)."""
    value = site.scope.evaluate(site.node.func)
    if value is None or value[0] != REF or not ctx.is_project(value[1]) or value[1] in ctx.root.defs:
        return
    short, text = value[1].rpartition(".")[2], call_text(site.node)
    ctx.candidates.append(Candidate("task", value[1], site.index, text, message=_factory_dropped(text, short)))


def _factory_task_unkept(ctx: FileContext, site: CallSite) -> None:
    """`task = spawn(poll(client))`, `spawn` a task factory of the project (of this module, or another module's:
    the index decides), then `task` never read or only described (`task.get_name()`): the handle the factory
    leaves to its caller is dropped all the same."""
    value = site.scope.evaluate(site.node.func)
    if value is None or value[0] != REF or not ctx.is_project(value[1]):
        return
    own = value[1] in ctx.root.defs
    factory = _task_factory(ctx, site) if own else value[1].rpartition(".")[2]
    name = site.assigned
    if factory is None or len(site.scope.bindings.get(name, ())) != 1:
        return
    parents = ctx.parents(site.scope)
    reads = _reads(site.scope, name, parents)
    uses = _uses_keeping_nothing(site.scope, name, parents, reads) if reads else [] if reads is not None else None
    if uses is None:
        return
    how = "is never read" if not uses else "is only used for " + " and ".join(uses)
    text = call_text(site.node)
    message = (f"the task started by `{text}` is bound to `{name}`, which {how}: `{factory}` returns the task it "
               f"starts and keeps no reference to it, so only its caller could; {_KEEP}")
    if own:
        ctx.report("ACK302", site.node, message)
    else:
        ctx.candidates.append(Candidate("task", value[1], site.index, text, message=message))


def task_factories(ctx: FileContext) -> Dict[str, tuple]:
    """The facts this module exports about its task factories (`pkg.util.spawn(starts)`), for the callers that
    drop what they return in other modules."""
    factories = {name: func for name, func in ctx.functions.items()
                 if func.parent is not None and func.parent.kind in ("module", "class") and is_task_factory(ctx, func)}
    facts = {f"{name}{STARTS}": ("inst", "asyncio.Task") for name in factories}
    facts.update({f"{name}{WATCHES}": ("inst", "asyncio.Task") for name, func in factories.items()
                  if _watches_its_task(ctx, func)})
    facts.update({f"{name}{CATCHES}": ("inst", "asyncio.Task") for name, func in factories.items()
                  if runs_in_catcher(ctx, func)})
    return facts


# Interface key suffix (see ``interface``): a function of the project that starts a task running the coroutine its
# caller hands it (a spawner: a call of it per item of a loop is one task per item).
SPAWNS = "(spawns)"
_TASK = ("inst", "asyncio.Task")


def _task_factory(ctx: FileContext, site: CallSite) -> Optional[str]:
    """The name of the project function a call calls when every `return` of it hands back a task it has just
    started (`def spawn(self, coro): return asyncio.create_task(coro)`): its caller is the only one who could keep
    the task. A helper that keeps the task itself (binds it, adds it to a set) returns a name, not the call."""
    value = site.scope.evaluate(site.node.func)
    func = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    return func.name if func is not None and is_task_factory(ctx, func) else None


def _foreign_helper(ctx: FileContext, site: CallSite, suffix: str) -> Optional[str]:
    """The name of the function of another module a call calls when that module says it is a spawner
    (``suffix``)."""
    value = site.scope.evaluate(site.node.func)
    foreign = ctx.root.foreign
    if value is None or value[0] != REF or foreign is None or not foreign.owns(value[1]):
        return None
    return value[1].rpartition(".")[2] if foreign.fact(value[1] + suffix, None) == _TASK else None


def _project_spawner(ctx: FileContext, site: CallSite, target: Optional[str]) -> bool:
    """Does the call hand its coroutine to a sync function of the project that starts a task running it
    (`self._supervisor.start(handle(msg))`, `spawn(forward(item))`)?"""
    if target is None or not site.node.args:
        return False
    func = ctx.functions.get(target)
    if func is not None:
        return is_spawner(ctx, func)
    return _foreign_helper(ctx, site, SPAWNS) is not None


def _parameters(function: cst.FunctionDef) -> set:
    params = function.params
    return {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}


def is_spawner(ctx: FileContext, func: Scope) -> bool:
    """Does the sync function ``func`` start a task running a coroutine one of its parameters gives it?"""
    key = ("spawns",)
    if key not in func.memo:
        func.memo[key] = False
        if not func.is_async and not func.is_generator and type(func.node) is cst.FunctionDef:
            sites = _task_calls(ctx).get(id(func), ())
            params = _parameters(func.node) if sites else ()
            func.memo[key] = any(
                type(inner.node.args[0].value) is cst.Name and inner.node.args[0].value.value in params
                and inner.node.args[0].keyword is None and _starts_task(inner)
                for inner in sites)
    return func.memo[key]


def _task_calls(ctx: FileContext) -> Dict[int, List[CallSite]]:
    """id(scope) -> its calls named `create_task`/`ensure_future` with arguments (one pass over the module)."""
    memo = ctx.root.memo
    found = memo.get(("task calls",))
    if found is None:
        found = memo[("task calls",)] = {}
        for site in ctx.calls:
            func = site.node.func
            last = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name \
                else ""
            if last in TASK_CALL_NAMES and site.node.args:
                found.setdefault(id(site.scope), []).append(site)
    return found


TASK_CALL_NAMES = frozenset(("create_task", "ensure_future", "Task"))


def _starts_task(site: CallSite) -> bool:
    """The call is `asyncio.create_task`/`ensure_future`, a task group's or a loop's `create_task` (evaluated
    afresh, not from the check's cache of targets: what a module exports must not depend on its facts)."""
    func = site.node.func
    value = site.scope.evaluate(func)
    if value is not None and value[0] == REF:
        return value[1] in SPAWNERS
    return type(func) is cst.Attribute and dotted(func.value).rpartition(".")[2].lower().endswith("loop")


def exported_spawners(ctx: FileContext) -> dict:
    """Interface facts for the other modules: this module's spawners (worked out without the facts)."""
    return {qualname + SPAWNS: _TASK for qualname, func in ctx.functions.items()
            if not func.is_async and not func.is_generator and is_spawner(ctx, func)}


def is_task_factory(ctx: FileContext, func: Scope) -> bool:
    if func.is_async or func.is_generator or getattr(func.node, "decorators", ()):
        return False
    returned = func.events.get("returned", ())
    if not returned or not all(type(node) in (cst.Call, cst.Name) for node in returned):
        return False
    wanted = {id(node) for node in returned if type(node) is cst.Call}
    for node in returned:
        if type(node) is cst.Name:
            bound = _bound_task(ctx, func, node)
            if bound is None:
                return False
            wanted.add(id(bound))
    made = {id(inner.node) for inner in func.events.get("calls", ())
            if id(inner.node) in wanted and (spawner := _spawner(inner)) is not None and spawner not in GATHERERS}
    return made == wanted


def _bound_task(ctx: FileContext, func: Scope, returned: cst.Name) -> Optional[cst.Call]:
    """`t = asyncio.create_task(coro); t.add_done_callback(log_failure); return t`: the call whose task the
    returned local holds, when that is its only binding and nothing but keep-nothing uses (a done callback, a
    name) reads it before it is returned; None when the helper may keep the task itself (`tasks.add(t)`)."""
    if type(func.node) is not cst.FunctionDef:
        return None
    name = returned.value
    parents = ctx.parents(func)
    bindings = [node for node in walk_local(func.node.body)
                if type(node) is cst.Name and node.value == name and type(parents.get(id(node))) is not cst.Arg
                and not names_no_variable(node, parents.get(id(node))) and _binds(node, parents)]
    if len(bindings) != 1:
        return None
    assign = parents.get(id(parents.get(id(bindings[0]))))
    if type(assign) is not cst.Assign or len(assign.targets) != 1 or type(assign.value) is not cst.Call:
        return None
    reads = _reads(func, name, parents)
    if reads is None:
        return None
    others = [(node, parent) for node, parent in reads if type(parent) is not cst.Return]
    if len(others) == len(reads):
        return None
    if others and _uses_keeping_nothing(func, name, parents, others) is None:
        return None
    return assign.value


def _binds(node: cst.Name, parents: Dict[int, cst.CSTNode]) -> bool:
    """Is the name a target: of an assignment, an augmented or annotated one, a `for`, a `with ... as`, a walrus?"""
    parent = parents.get(id(node))
    if type(parent) is cst.AssignTarget:
        return parent.target is node
    if type(parent) in (cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr):
        return parent.target is node
    if type(parent) is cst.AsName:
        return parent.name is node
    return False


# Not a task, but a future over tasks it starts (one per awaitable): dropped, they are lost the same way.
GATHERERS = frozenset({"asyncio.gather"})


def _spawner(site: CallSite) -> Optional[str]:
    """The task-making function a call calls, as the evaluator knows it: `x.create_task()` counts only when
    ``x`` is known to be an event loop (`asyncio.get_running_loop()`, an `AbstractEventLoop` annotation), not
    a task group, a nursery or some class of the project with a method of that name."""
    value = site.scope.evaluate(site.node.func)
    if value is not None and value[0] == REF and (value[1] in knowledge.TASK_SPAWNERS or value[1] in GATHERERS
                                                  or value[1] in realtime.TASK_STARTERS):
        return value[1]
    if value is None or _unresolved_attribute(site, value):
        return _partial_spawner(site) or _loop_chain_spawner(site)
    return None


# Builtins that build a new collection of what they iterate: over a `map`, they run it, starting each task
_MAP_COLLECTORS = frozenset({"list", "tuple", "set", "sorted"})


def _mapped_spawner(site: CallSite) -> Optional[str]:
    """The task-making function the builtin `map` of ``site`` calls once per item: `map(asyncio.create_task,
    coros)`, or a lambda that returns what one makes (`map(lambda c: asyncio.create_task(c.close()), conns)`)."""
    args = site.node.args
    if len(args) < 2 or args[0].keyword is not None or args[0].star or site.scope.lookup_scope("map") is not None:
        return None
    given = args[0].value
    if type(given) is cst.Lambda:
        body = given.body
        if type(body) is not cst.Call or dotted(body.func).partition(".")[0] in {
                p.name.value for p in given.params.params}:
            return None  # (a method of the item's, or of a parameter's: its own scope knows nothing of it)
        given = body.func
    value = site.scope.evaluate(given)
    return value[1] if value is not None and value[0] == REF and value[1] in knowledge.TASK_SPAWNERS else None


def _mapped_tasks_lost(ctx: FileContext, site: CallSite) -> Optional[str]:
    """`list(map(lambda c: asyncio.create_task(c.close()), conns))` as a statement, or bound to a local that is
    only counted: the collector runs the map, which starts a task per item, and nothing keeps the list. (A bare
    `map(...)` statement is never iterated and starts nothing.)"""
    spawner = _mapped_spawner(site)
    if spawner is None:
        return None
    parents = ctx.parents(site.scope)
    arg = parents.get(id(site.node))
    collector = parents.get(id(arg))
    if type(arg) is not cst.Arg or arg.keyword is not None or arg.star or type(collector) is not cst.Call \
            or type(collector.func) is not cst.Name or collector.func.value not in _MAP_COLLECTORS \
            or len(collector.args) != 1 or site.scope.lookup_scope(collector.func.value) is not None:
        return None
    fate, detail, _ = _fate(collector, parents, site.scope, contained=True)
    text, made = call_text(collector), f"`{spawner.rpartition('.')[2]}()`"
    if fate == _THROWN:
        return (f"`{text}` starts a task per item with {made} and drops the {collector.func.value} that holds them: "
                f"the loop holds tasks only weakly, so they can be garbage-collected mid-flight, and no code of "
                "yours retrieves their exceptions; keep them (`await asyncio.gather(*tasks)`, a set of tasks with "
                "`task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)")
    if fate == _COLLECTED and site.scope.kind == "function" and _only_counted(site.scope, detail, parents):
        return (f"`{text}` starts a task per item with {made} and collects them in `{detail}`, a local that is "
                "never awaited, returned or stored (only counted): when the function returns the tasks are held "
                f"by nobody and their exceptions are never seen; await them (`asyncio.gather(*{detail})`) or use "
                "an `asyncio.TaskGroup`")
    return None


def _unresolved_attribute(site: CallSite, value: tuple) -> bool:
    """`self._client.loop.create_task(...)` where the evaluator names the path off `self._client` itself (it knows
    no type for an attribute its class never assigns, `_client` set by a base class of another module): the path
    names no object anyone typed."""
    func = site.node.func
    owner = func.value.value if type(func) is cst.Attribute and type(func.value) is cst.Attribute else None
    if type(owner) is not cst.Attribute or type(owner.value) is not cst.Name \
            or owner.value.value != site.scope.self_name:
        return False
    return value[0] == REF and isinstance(value[1], str) \
        and value[1].endswith(f".{owner.attr.value}.loop.create_task")


def _partial_spawner(site: CallSite) -> Optional[str]:
    """`spawn = functools.partial(asyncio.create_task, name="worker")` bound once at the module's top or in the
    function that calls it, then `spawn(poll())`: the spawner the partial wraps."""
    func = site.node.func
    if type(func) is not cst.Name:
        return None
    home = site.scope.lookup_scope(func.value)
    bindings = home.bindings.get(func.value, ()) if home is not None and home.kind in ("module", "function") \
        else ()
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
        return None
    made, where = bindings[0][1], bindings[0][2]
    if not made.args or made.args[0].keyword is not None or where.evaluate(made.func) != (REF, "functools.partial"):
        return None
    wrapped = where.evaluate(made.args[0].value)
    return wrapped[1] if wrapped is not None and wrapped[0] == REF and wrapped[1] in knowledge.TASK_SPAWNERS \
        else None


def _loop_chain_spawner(site: CallSite) -> Optional[str]:
    """`self.app.loop.create_task(...)`, `request.app.loop.create_task(...)`, `client.loop.create_task(...)` where
    nothing types the chain: an attribute named `loop` of another attribute or of a parameter, in a module that
    imports asyncio or handed a call of one of the module's coroutine functions. (A bare `loop` or `self.loop` is
    left to the evaluator: too many objects of other kinds go by that name.)"""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value != "create_task" or type(func.value) is not cst.Attribute:
        return None
    chain = func.value
    if chain.attr.value != "loop" or not _owner_of_a_loop(site, chain.value):
        return None
    typed = site.scope.evaluate(chain)
    if typed is not None and not _unresolved_attribute(site, (typed[0], f"{typed[1]}.create_task")):
        return None
    if not (site.scope.module.imports(("asyncio",)) or _handed_a_coroutine(site)):
        return None
    return f"{knowledge.LOOP_TYPE}.create_task"


def _owner_of_a_loop(site: CallSite, owner: cst.BaseExpression) -> bool:
    """What a `.loop` is read off: another attribute (`self.app`), or a parameter other than a method's own
    object (`def __init__(self, client, event): client.loop...`), which stands for a client or an app as much."""
    if type(owner) is cst.Attribute:
        return True
    if type(owner) is not cst.Name or owner.value == site.scope.self_name:
        return False
    home = site.scope.lookup_scope(owner.value)
    bindings = home.bindings.get(owner.value, ()) if home is not None and home.kind == "function" else ()
    return len(bindings) == 1 and bindings[0][0] == "param"


def _handed_a_coroutine(site: CallSite) -> bool:
    """The call's first argument calls a coroutine function of this module (`self.deliver_event()`): a module
    that never imports asyncio still starts a task that way (its loop comes from a client another module made)."""
    if not site.node.args or site.node.args[0].keyword is not None or type(site.node.args[0].value) is not cst.Call:
        return False
    value = site.scope.evaluate(site.node.args[0].value.func)
    return value is not None and value[0] == REF and site.scope.module.defs.get(value[1]) == "async"


def _untyped_loop_called_back(ctx: FileContext, site: CallSite) -> bool:
    """`loop.call_soon(lambda: loop.create_task(poll()))` with `loop` a parameter nothing types: a receiver named
    for a loop, whose `create_task` is the whole of a lambda the loop itself calls back. A loop-named receiver
    elsewhere is not guessed (`loop.create_task(...)` on its own may be any object's method: the evaluator
    decides); a receiver it types (a project class with its own `create_task`) is never guessed."""
    func = site.node.func
    if site.scope.kind != "lambda" or site.scope.node.body is not site.node or type(func) is not cst.Attribute \
            or func.attr.value != "create_task" or site.scope.evaluate(func) is not None \
            or not dotted(func.value).rpartition(".")[2].lower().endswith("loop"):
        return False
    return _called_back(ctx, site.scope) == "the loop"


def _uncalled_coroutine_function(site: CallSite) -> Optional[str]:
    """`asyncio.ensure_future(self.refresh)`, the coroutine function itself rather than a call of it: the spawner
    raises TypeError and no task starts, so the dropped handle is not what goes wrong. Looked at only for a
    reported spawner call."""
    if not site.node.args or site.node.args[0].keyword is not None or site.node.args[0].star \
            or _spawner(site) in realtime.TASK_STARTERS:  # (`sio.start_background_task(fn, *args)` calls it)
        return None
    arg = site.node.args[0].value
    if type(arg) not in (cst.Name, cst.Attribute):
        return None
    value = site.scope.evaluate(arg)
    if value is None or value[0] != REF or site.scope.module.defs.get(value[1]) != "async":
        return None
    text = dotted(arg) or call_text(arg)
    return (f"`{call_text(site.node)}` is handed the coroutine function `{text}` itself, not a call of it: it "
            f"raises TypeError and no task starts; call it (`{text}()`) and keep a reference to the task")


_KEEP = TASK_KEEP

# Coroutines whose task something beyond the program's reach holds until it is done, so that dropping the handle
# loses its outcome, not its work: a worker thread (the job it runs holds the future the task waits on, whose
# done callback wakes the task: asyncio's executor job, anyio's worker queue) or the loop's timer (a sleep). The
# one who holds it, for messages.
HELD_UNTIL_DONE: Dict[str, str] = {
    "asyncio.to_thread": HELD_BY_WORKER,
    "anyio.to_thread.run_sync": HELD_BY_WORKER,
    "starlette.concurrency.run_in_threadpool": HELD_BY_WORKER,  # (anyio's, underneath)
    "asyncio.sleep": HELD_BY_TIMER,
}
_PLURAL = {HELD_BY_WORKER: "the worker threads running their functions", HELD_BY_TIMER: "the loop's timers"}


def _held_until_done(site: CallSite) -> str:
    """Who holds the task ``site`` starts until it is done, when the coroutine it is handed is one of
    HELD_UNTIL_DONE (`create_task(asyncio.to_thread(save, data))`); for a gather, who holds every task it starts.
    "" when nothing beyond the program is known to (a coroutine of the project's: it may wait on anything)."""
    args = [a for a in site.node.args if a.keyword is None]
    if _spawner(site) not in GATHERERS:
        args = args[:1]
    holders = set()
    for arg in args:
        coro = arg.value
        if arg.star == "*" and type(coro) in (cst.GeneratorExp, cst.ListComp):
            coro = coro.elt  # `gather(*(asyncio.to_thread(save, x) for x in items))`: one of each
        elif arg.star:
            return ""
        # (the callee is named as in the function: a comprehension binds only its loop variables)
        value = site.scope.evaluate(coro.func) if type(coro) is cst.Call else None
        holders.add(HELD_UNTIL_DONE.get(value[1], "") if value is not None and value[0] == REF else "")
    return holders.pop() if len(holders) == 1 else ""


def _keep(holder: str) -> str:
    """_KEEP, or where ``holder`` holds the task until it is done, what is lost instead: its outcome."""
    if not holder:
        return _KEEP
    return (HELD_UNTIL_DONE_TEXT.format(holder=holder) + "; keep a reference (a set of tasks with "
            "`task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`) and await it")


def _keep_catching(name: str) -> str:
    return (f"the loop holds tasks only weakly, so it can be garbage-collected mid-flight and never finish "
            f"(`{name}()` catches its own errors, so no exception goes unseen); keep a reference (a set of tasks "
            "with `task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)")


# What a handler must catch to leave a task no exception to retrieve (a cancellation is no error to report)
_CATCH_ALL = frozenset({"Exception", "BaseException"})


def _catches_own_errors(ctx: FileContext, site: CallSite) -> Optional[str]:
    """The name of the coroutine function the spawner is handed a call of, when that function of this module
    wraps all it does in one `try` whose handlers catch every error (`except Exception:`, wider, or bare) and
    none raises (`try: await self.fetch() except Exception: log...`): the task then never ends with an
    exception, so nobody failing to retrieve one costs nothing; only the dropped reference does. None otherwise."""
    if not site.node.args or site.node.args[0].keyword is not None or site.node.args[0].star:
        return None
    made = site.node.args[0].value
    return _catcher(ctx, site.scope, made) if type(made) is cst.Call else None


def _catcher(ctx: FileContext, scope: Scope, made: cst.Call) -> Optional[str]:
    """The name of the coroutine function of this module that ``made`` calls, when it wraps all it does in one
    `try` whose handlers catch every error and none raises one (a handler of cancellation alone may re-raise
    it: a cancellation is no error to report)."""
    value = scope.evaluate(made.func)
    func = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if func is None or not func.is_async or func.is_generator or type(func.node) is not cst.FunctionDef:
        return None
    body = list(func.node.body.body) if type(func.node.body) is cst.IndentedBlock else []
    if body and type(body[0]) is cst.SimpleStatementLine and len(body[0].body) == 1 \
            and type(body[0].body[0]) is cst.Expr and type(body[0].body[0].value) is cst.SimpleString:
        body = body[1:]  # the docstring
    if len(body) != 1 or type(body[0]) is not cst.Try:
        return None
    guard = body[0]
    if guard.orelse is not None or guard.finalbody is not None:
        return None  # code outside the handlers' reach may raise
    if any(type(n) is cst.Raise for handler in guard.handlers if not _cancellation_only(handler.type)
           for n in walk_local(handler.body)):
        return None
    if not any(_catches_every_error(func, handler.type) for handler in guard.handlers):
        return None
    return func.node.name.value


def _cancellation_only(kind: Optional[cst.BaseExpression]) -> bool:
    """`except asyncio.CancelledError:` (or `except CancelledError:`)."""
    return kind is not None and dotted(kind).rpartition(".")[2] == "CancelledError"


def _catches_every_error(scope: Scope, kind: Optional[cst.BaseExpression]) -> bool:
    if kind is None:
        return True  # a bare `except:`
    if type(kind) is cst.Tuple:
        return any(_catches_every_error(scope, element.value) for element in kind.elements)
    return type(kind) is cst.Name and kind.value in _CATCH_ALL and scope.lookup_scope(kind.value) is None


_KIND_TESTS = frozenset({"iscoroutine", "isawaitable"})


def _wraps_a_kept_future(site: CallSite) -> bool:
    """`asyncio.ensure_future(task)` on a name the code reads again (`refs.add(task)`, `return task`): handed a
    future it returns that very future, so dropping its result drops nothing the name does not still hold. (A
    coroutine bound to a name and read only there is wrapped in a new task, which is dropped.)"""
    if _spawner(site) != "asyncio.ensure_future" or len(site.node.args) != 1:
        return False
    arg = site.node.args[0]
    if arg.keyword is not None or arg.star or type(arg.value) is not cst.Name:
        return False
    name = arg.value.value
    # `if asyncio.iscoroutine(result): asyncio.ensure_future(result)` (a bus calling sync and async handlers): the
    # test is no second holder, and says the value is a coroutine, wrapped in a new task whatever else reads it;
    # `if inspect.isawaitable(result)` (a plugin's hook that may return a coroutine) is no holder either, but the
    # value may be a future, which another read of the name may keep
    tests = Counter(test for other in site.scope.events.get("calls", ())
                    if (test := dotted(other.node.func).rpartition(".")[2]) in _KIND_TESTS
                    and len(other.node.args) == 1
                    and type(other.node.args[0].value) is cst.Name and other.node.args[0].value.value == name)
    return not tests["iscoroutine"] and site.scope.loads_of(name) - tests["isawaitable"] > 1


# Calls that return an asyncio future some other party already holds: the executor's thread (through the
# concurrent future it completes) or the concurrent future itself.
_HELD_FUTURES = frozenset({"asyncio.AbstractEventLoop.run_in_executor", "asyncio.wrap_future"})


def _wraps_a_held_future(site: CallSite) -> bool:
    """`asyncio.ensure_future(loop.run_in_executor(None, save, data))`: handed a future, ensure_future returns it
    unchanged and starts no task, and the executor's job holds that future until it completes it. (A coroutine,
    `asyncio.to_thread(...)` or a project's own `run_in_executor` coroutine, is wrapped in a new task, dropped.)"""
    if _spawner(site) != "asyncio.ensure_future" or not site.node.args:
        return False
    arg = site.node.args[0]
    if arg.keyword is not None or arg.star or type(arg.value) is not cst.Call:
        return False
    func = arg.value.func
    value = site.scope.evaluate(func)
    if value is not None:
        return value[0] == REF and value[1] in _HELD_FUTURES
    # a loop the evaluator cannot type (`self._loop`): named for what it is, as `_starts_task` reads one
    return (type(func) is cst.Attribute and func.attr.value == "run_in_executor"
            and dotted(func.value).rpartition(".")[2].lower().endswith("loop"))


def _shield_dropped(ctx: FileContext, site: CallSite) -> Optional[str]:
    """`asyncio.shield(self._flush())` as a statement: shield wraps the coroutine in a new task and returns an
    outer future for it; with that dropped, the inner task is held by nobody (fire-and-forget). Handed a task
    something else keeps (`asyncio.shield(self._task)`, a parameter, a local read again), it drops nothing."""
    if not site.node.args or site.scope.evaluate(site.node.func) != (REF, "asyncio.shield"):
        return None
    arg = site.node.args[0]
    if arg.keyword is not None or arg.star:
        return None
    parents = ctx.parents(site.scope)
    fate, detail, holder = _fate(site.node, parents, site.scope)
    if not (fate == _THROWN or fate == _LOCAL and _dead_local(site.scope, detail, holder)):
        return None
    inner = arg.value
    if type(inner) is cst.Name:  # `coro = save(); asyncio.shield(coro)`: a local made here and read only there
        bindings = site.scope.bindings.get(inner.value, ())
        if site.scope.kind != "function" or site.scope.loads_of(inner.value) != 1 or len(bindings) != 1 \
                or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
            return None
        inner = bindings[0][1]
    if type(inner) is not cst.Call or not _makes_new_task(ctx, site.scope, inner):
        return None
    kept_by = _held_until_done(site)
    return (f"`{call_text(site.node)}` wraps a new task around its argument and the future it returns is "
            f"dropped{detail if fate == _THROWN else f' (bound to `{detail}`, never read)'}: shielding keeps the "
            f"task from being cancelled, not from being collected, and {_nothing_keeps(kept_by)}; keep the task "
            "(`self._tasks.add(t)` with a done callback that discards it) and `await asyncio.shield(t)` where "
            "its result is wanted")


_HELD_AWAITABLE_WORDS = ("task", "fut", "waiter")


def _makes_new_task(ctx: FileContext, scope: Scope, call: cst.Call) -> bool:
    """Is ``call`` a coroutine function's call or a spawn, whose task only the shield would hold? A method of an
    object nothing types (`asyncio.shield(storage.flush())`) is taken for a coroutine function: shield is handed
    an awaitable, and a method that returns a future or task kept elsewhere is named for it (`get_task()`)."""
    value = scope.evaluate(call.func)
    if value is None:
        return type(call.func) is cst.Attribute and not any(word in call.func.attr.value.lower()
                                                             for word in _HELD_AWAITABLE_WORDS)
    if value[0] != REF:
        return False
    target = value[1]
    return target in knowledge.TASK_SPAWNERS or ctx.known.is_coroutine(target) or ctx.root.defs.get(target) == "async"


_KEEP_GATHERED = "keep a reference (a set of futures with `fut.add_done_callback(futures.discard)`) or `await` it"


def _dropped(site: CallSite, parents: Dict[int, cst.CSTNode]) -> Optional[str]:
    """Why the task a spawning call makes is lost, or None when something keeps it."""
    if _wraps_a_held_future(site):
        return None
    text = call_text(site.node)
    fate, detail, holder = _fate(site.node, parents, site.scope)
    kept_by = _held_until_done(site)
    keep = _keep(kept_by)
    if _spawner(site) in GATHERERS:
        if fate == _THROWN or fate == _LOCAL and _dead_local(site.scope, detail, holder):
            if kept_by:
                return (f"the future returned by `{text}` is dropped without being awaited: {_plural(kept_by)} "
                        "hold the tasks it starts until they are done, so none is garbage-collected, but no code of "
                        "yours waits for them or retrieves their exceptions; `await` it")
            if fate == _THROWN and detail.startswith(" after `.add_done_callback(") \
                    and _callback_sees_outcome(parents[id(parents[id(site.node)])]):
                # `gather(...).add_done_callback(self._finish)`: the callback reads the outcome, but only the
                # tasks' own callbacks hold the future, and nothing holds them
                return (f"the future returned by `{text}` is dropped after `.add_done_callback(...)`: the callback "
                        "gets its outcome, but the future holds its callback, not the other way round, so nothing "
                        "holds it or the tasks it starts while they run, and they can be garbage-collected "
                        f"mid-flight; {_KEEP_GATHERED}")
            return (f"the future returned by `{text}` is dropped without being awaited: the tasks it starts are "
                    "held by nobody, can be garbage-collected mid-flight, and no code of yours retrieves their exceptions; "
                    "`await` it")
        return None
    if fate in (_THROWN, _LOCAL) and _held_by_endless_frame(site, parents):
        return None
    if fate == _THROWN and not _wraps_a_kept_future(site):
        if not kept_by and detail.startswith(" after `.add_done_callback(") \
                and _callback_sees_outcome(parents[id(parents[id(site.node)])]):
            # `create_task(c).add_done_callback(self._on_done)`: the callback gets the task, and may well look at
            # its exception; what is lost is the reference alone
            return (f"the task returned by `{text}` is dropped{detail}: the loop holds tasks only weakly, so it "
                    "can be garbage-collected mid-flight, before its callback runs; keep a reference (a set of "
                    "tasks with `task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)")
        return f"the task returned by `{text}` is dropped{detail}: {keep}"
    if fate in (_KEPT, _COLLECTED) and _added_to_weak_set(site, parents):
        return f"the task returned by `{text}` is added to a `weakref.WeakSet`, which does not keep it alive: {keep}"
    if _weakly_referenced(site.scope, site.node, parents):
        return (f"the task returned by `{text}` is held only by a `{_weak_call(site.scope, site.node, parents)}`, "
                f"which does not keep it alive: {keep}")
    if fate == _KEPT and _weak_store(site.scope, site.node, parents):
        return (f"the task returned by `{text}` is stored in a `weakref.WeakValueDictionary`, which does not keep "
                f"it alive: {keep}")
    if fate == _TESTED:
        return f"the task returned by `{text}` is only tested for truth and then dropped: {keep}"
    if fate == _ENTERED:
        return (f"`{text}` is used as a context manager, which a task is not: the `with` raises and the task is "
                f"dropped; keep a reference, or use `async with asyncio.TaskGroup() as tg: tg.create_task(...)`")
    if fate == _LOCAL and _runs_a_loop(site.scope):
        return None  # `t = loop.create_task(main()); t.add_done_callback(cb); loop.run_forever()`: the frame holds it
    uses = _uses_keeping_nothing(site.scope, detail, parents) if fate == _LOCAL else None
    if uses is not None and _waits_for_done_signal(site.scope, detail, parents):
        return None  # the frame, which holds the local, outlives the task
    if fate == _LOCAL and (_dead_local(site.scope, detail, holder) or uses is not None):
        used = "is never used" if site.scope.loads_of(detail) == 0 else "is not read again before it is rebound or " \
            "the function returns" if _dead_local(site.scope, detail, holder) else \
            f"is only used in ways that keep nothing ({'; '.join(uses or ())})"
        if used.startswith("is only used"):
            keeps = f"only {kept_by} holds it, so nothing of yours sees how it ends" if kept_by else \
                "nothing keeps it alive while it runs"
            return (f"the task from `{text}` is assigned to `{detail}`, which {used}: {keeps}; keep it in a set of "
                    "tasks (discarded by a done callback) or an `asyncio.TaskGroup`")
        return (f"the task from `{text}` is assigned to `{detail}`, which {used}: {_nothing_keeps(kept_by)}; keep "
                "it in a set of tasks or an `asyncio.TaskGroup`, and await it")
    if fate == _LOCAL and site.scope.kind == "function" and _left_by_early_return(site.scope, detail, holder):
        return (f"the task from `{text}` is assigned to `{detail}`, which an early `return` leaves behind unread: "
                f"on that way out {_nothing_keeps(kept_by)}; keep it in a set of tasks or an "
                "`asyncio.TaskGroup`, or cancel it before returning")
    if fate == _LOCAL and unread_on_a_way_out(site.scope, detail, holder):
        # `if debug: return task` then `return None`: only one branch hands the task on, the other way out
        # of the function drops it
        return (f"the task from `{text}` is assigned to `{detail}`, which only some branches read: the way out of "
                f"the function that skips them leaves it behind, and there {_nothing_keeps(kept_by)}; keep it in "
                "a set of tasks or an `asyncio.TaskGroup` on every path, or cancel it before returning")
    if fate == _LOCAL and _overwritten_each_round(site, detail, holder) and not spawn_gates.latched(site, parents):
        others = f"held only by {_plural(kept_by)} until they are done" if kept_by else "held by nobody"
        return (f"the task from `{text}` is assigned to `{detail}`, which the next round of the loop rebinds "
                f"before anything reads it: only the last task is kept, the others are {others} and "
                "their exceptions are never seen; collect them in a list or an `asyncio.TaskGroup`")
    if fate == _KEPT and (attribute := _attribute_rebound_each_round(site, parents)) is not None:
        others = f"held only by {_plural(kept_by)} until they are done" if kept_by else "held by nobody"
        return (f"the task from `{text}` is stored in `{attribute}`, which the next round of the loop overwrites, "
                f"and nothing can read it in between (the round neither suspends nor calls on its owner): only the "
                f"last task is kept, the others are {others} and their exceptions are never seen; collect them in a "
                "list or an `asyncio.TaskGroup`")
    if fate == _ITERATED and (how := _loop_drops(site.scope, detail, holder, parents)) is not None:
        return (f"the task from `{text}` is bound to the loop variable `{detail}`, which {how}: each round drops "
                f"its task; {keep}")
    side = _dict_side(site.node, holder) if fate == _COLLECTED else None
    if fate == _COLLECTED and _only_counted(site.scope, detail, parents, side):
        others = f"held only by {_plural(kept_by)} until they are done" if kept_by else "held by nobody"
        how = "only counted" if side is None else f"only counted, or its {_OTHER_SIDE[side]} listed"
        return (f"the task from `{text}` is collected in `{detail}`, a local that is never awaited, returned or "
                f"stored ({how}): when the function returns the tasks are {others} and their "
                f"exceptions are never seen; await them (`asyncio.gather(*{detail}{_items(side)})`) or use an "
                "`asyncio.TaskGroup`")
    return None


def _items(side: Optional[str]) -> str:
    """`.values()` for the dict that `started[key] = task` fills: gathering the dict itself would gather its keys."""
    return ".values()" if side == _VALUES else ""


_KEYS, _VALUES = "keys", "values"
_OTHER_SIDE = {_KEYS: "values", _VALUES: "keys"}


def _dict_side(task: cst.CSTNode, holder: Optional[cst.CSTNode]) -> Optional[str]:
    """Which side of a local dict the task is stored on: `started[key] = task` (values), `names[task] = key`
    (keys), alike in a dict display or comprehension bound to the local (`started = {key: task}`); None for a list
    or set."""
    if type(holder) is cst.Assign and type(holder.value) is cst.Dict:
        for element in holder.value.elements:
            if type(element) is cst.DictElement and task in (element.key, element.value):
                return _VALUES if element.value is task else _KEYS
        return None
    if type(holder) is cst.Assign and type(holder.value) is cst.DictComp:  # `{name: create_task(...) for ...}`
        made = holder.value
        return _VALUES if made.value is task else _KEYS if made.key is task else None
    if type(holder) is not cst.Assign or type(holder.targets[0].target) is not cst.Subscript:
        return None
    return _VALUES if holder.value is task else _KEYS


def _attribute_rebound_each_round(site: CallSite, parents: Dict[int, cst.CSTNode]) -> Optional[str]:
    """`for h in hosts: self._current = create_task(check(h))`: each round stores its task over the last one in
    the same attribute, and no other code can read it in between, for the round never suspends (no other task
    runs) and calls no method of the attribute's owner: every task but the last is held by nobody. The
    attribute's text, or None."""
    assign = parents.get(id(site.node))
    if type(assign) is not cst.Assign or assign.value is not site.node or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if type(target) is not cst.Attribute or type(target.value) is not cst.Name \
            or type(site.loop) is not cst.For or site.loop.asynchronous is not None or _one_per_pass(site):
        return None
    owner, held = target.value.value, dotted(target)
    making = {id(node) for arg in site.node.args for node in walk_local(arg)}  # the coroutine's own making
    for node in walk_local(site.loop.body):
        if type(node) in (cst.Await, cst.Yield) or type(node) in (cst.For, cst.With) and node.asynchronous:
            return None
        if node is not target and type(node) is cst.Attribute and dotted(node) == held:
            return None  # read in the round (`if self._current: ...`, `pending.add(self._current)`)
        if type(node) is cst.Call and id(node) not in making and type(node.func) is cst.Attribute \
                and type(node.func.value) is cst.Name and node.func.value.value == owner:
            return None  # `self.track()`: a method of the owner may read it
    return held


def _plural(holder: str) -> str:
    return _PLURAL.get(holder, holder)


def _nothing_keeps(kept_by: str) -> str:
    if kept_by:
        return (f"nothing of yours looks at its result ({kept_by} holds it until it is done, so it is not "
                "garbage-collected, but its exception is never seen)")
    return "nothing keeps it alive or looks at its result"


_NEW_COLLECTIONS = (cst.List, cst.Set, cst.Tuple, cst.Dict, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def _made_here(function: cst.FunctionDef, name: str) -> bool:
    """``name`` is a local of ``function`` that only ever holds a list or set made here (`[]`, `set()`, a
    comprehension): not a parameter, not the caller's or the module's collection."""
    params = function.params
    if any(p.name.value == name for p in (*params.posonly_params, *params.params, *params.kwonly_params)):
        return False
    made = False
    for node in walk_local(function.body):
        if type(node) is cst.Assign and any(type(t.target) is cst.Name and t.target.value == name
                                                for t in node.targets):
            value = node.value
            if not (isinstance(value, _NEW_COLLECTIONS) or type(value) is cst.Call
                    and dotted(value.func) in ("list", "set", "dict") and not value.args or _mapped(value)):
                return False
            made = True
        elif type(node) in (cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.CompFor, cst.With):
            target = getattr(node, "target", None)
            if type(target) is cst.Name and target.value == name:
                return False
    return made


def _mapped(value: cst.BaseExpression) -> bool:
    """`list(map(start, items))`: a new collection of what a call per item made (not a copy of another's)."""
    return type(value) is cst.Call and dotted(value.func) in ("list", "set", "tuple") and len(value.args) == 1 \
        and type(value.args[0].value) is cst.Call and dotted(value.args[0].value.func) == "map"


def _overwritten_each_round(site: CallSite, name: str, holder: cst.CSTNode) -> bool:
    """`for c in conns: t = create_task(serve(c))` and `t` read only after the loop: every round but the last
    loses its task."""
    if site.loop is None or site.scope.kind != "function" or _one_per_pass(site):
        return False
    if any(name not in child.bindings and child.loads_of(name) for child in site.scope.children):
        return False
    return not liveness.read_in_round(site.loop, name, holder)


_COUNTING = frozenset({"len", "bool"})
_FILLING = frozenset({"append", "add", "extend", "update"})


def _reads(scope: Scope, name: str, parents: Dict[int, cst.CSTNode]) -> Optional[List[Tuple[cst.Name, cst.CSTNode]]]:
    """Each read of the local ``name`` in its function, with its parent node; None when the function does not
    hold the name alone (a closure reads it, or it is declared global or nonlocal)."""
    if scope.kind != "function" or type(scope.node) is not cst.FunctionDef:
        return None
    if _closures_keep(scope, name):
        return None
    reads = []
    for node in walk_local(scope.node.body):
        if type(node) in (cst.Global, cst.Nonlocal) and any(n.name.value == name for n in node.names):
            return None
        if type(node) is not cst.Name or node.value != name:
            continue
        parent = parents.get(id(node))
        if names_no_variable(node, parent):
            continue  # `hedge = create_task(hedger.hedge(x))`: the attribute is not the local
        if not (type(parent) in (cst.AssignTarget, cst.AnnAssign) and parent.target is node):
            reads.append((node, parent))  # (`task: asyncio.Task[None] = spawn(...)` stores, as `task = ...` does)
    return reads


def _only_counted(scope: Scope, name: str, parents: Dict[int, cst.CSTNode], side: Optional[str] = None) -> bool:
    """Every read of the local ``name`` fills it (`name.append(...)`) or counts it (`len(name)`, `if name:`,
    `if not name:`): the tasks in it are never awaited, returned, passed on or stored anywhere that outlives the
    call. For a dict (``side`` says whether the tasks are its keys or its values), reads that see only the other
    side keep nothing either (`sorted(started)`, `started.keys()` when the tasks are the values)."""
    reads = _reads(scope, name, parents)
    if reads is None or not _made_here(scope.node, name):
        return False
    for node, parent in reads:
        if type(parent) is cst.Attribute and parent.value is node and parent.attr.value in _FILLING:
            continue
        if type(parent) is cst.Subscript and parent.value is node and type(parents.get(id(parent))) is cst.AssignTarget:
            continue  # `started[key] = task`: fills it
        if side is not None and _reads_other_side(node, parent, parents, side):
            continue
        if type(parent) is cst.Arg:
            call = parents.get(id(parent))
            if type(call) is cst.Call and dotted(call.func) in _COUNTING and len(call.args) == 1:
                continue
        while type(parent) is cst.UnaryOperation and type(parent.operator) is cst.Not:  # `if not name:`
            node, parent = parent, parents.get(id(parent))
        if type(parent) in (cst.If, cst.While, cst.IfExp) and parent.test is node:
            continue
        return False
    return True


# Calls that copy what iterating their one argument gives, which for a dict is its keys
_LISTING = frozenset({"list", "sorted", "set", "tuple", "frozenset"})
# Dict methods whose result holds only one side: name -> the side it holds
_ONE_SIDE = {"keys": _KEYS, "values": _VALUES}


def _reads_other_side(node: cst.Name, parent: Optional[cst.CSTNode], parents: Dict[int, cst.CSTNode],
                      side: str) -> bool:
    """Does this read of a dict see only the side the tasks are not on? `list(d)`, `sorted(d)`, `for k in d`,
    `k in d` and `d.keys()` give keys; `d.values()` gives values. Where that copy goes then does not matter."""
    if type(parent) is cst.Attribute and parent.value is node:
        call = parents.get(id(parent))
        seen = _ONE_SIDE.get(parent.attr.value)
        return seen is not None and seen != side and type(call) is cst.Call and call.func is parent and not call.args
    if side != _VALUES:
        return False
    if type(parent) is cst.Arg:
        call = parents.get(id(parent))
        return type(call) is cst.Call and dotted(call.func) in _LISTING and len(call.args) == 1 \
            and parent.keyword is None and parent.star == ""
    if type(parent) is cst.ComparisonTarget:  # `key in started`
        return type(parent.operator) in (cst.In, cst.NotIn)
    return type(parent) in (cst.For, cst.CompFor) and parent.iter is node


def _added_to_weak_set(site: CallSite, parents: Dict[int, cst.CSTNode]) -> bool:
    """`self._running.add(create_task(...))` where `_running` is a `weakref.WeakSet`: held only weakly, as by
    the loop."""
    arg = parents.get(id(site.node))
    call = parents.get(id(arg)) if type(arg) is cst.Arg else None
    if type(call) is not cst.Call or type(call.func) is not cst.Attribute or call.func.attr.value != "add":
        return False
    return site.scope.evaluate(call.func.value) == (INST, "weakref.WeakSet")


# Calls that refer to their argument weakly, as the loop does to a task: what they return keeps nothing alive.
_WEAK_REFERENCES = frozenset({"weakref.ref", "weakref.proxy"})


def _weak_call(scope: Scope, value: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> Optional[str]:
    """`weakref.ref(value)` or `weakref.proxy(value)`, ``value`` its first argument: the name of that call."""
    arg = parents.get(id(value))
    call = parents.get(id(arg)) if type(arg) is cst.Arg and arg.keyword is None and not arg.star else None
    if type(call) is not cst.Call or not call.args or call.args[0] is not arg:
        return None
    value_of = scope.evaluate(call.func)
    return f"{value_of[1]}(...)" if value_of is not None and value_of[0] == REF \
        and value_of[1] in _WEAK_REFERENCES else None


def _weakly_referenced(scope: Scope, value: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> bool:
    """`self._current = weakref.ref(create_task(...))`: the weak reference is kept, the task is not."""
    return _weak_call(scope, value, parents) is not None


def _weak_store(scope: Scope, value: cst.CSTNode, parents: Dict[int, cst.CSTNode]) -> bool:
    """`self._by_key[key] = value` where `_by_key` is a `weakref.WeakValueDictionary`: the entry goes when
    nothing else holds the value, so it keeps a task no better than the loop does."""
    assign = parents.get(id(value))
    if type(assign) is not cst.Assign or assign.value is not value or len(assign.targets) != 1:
        return False
    target = assign.targets[0].target
    return type(target) is cst.Subscript and _weak_mapping(scope, target.value)


_WEAK_MAPPING = "weakref.WeakValueDictionary"


def _weak_mapping(scope: Scope, node: cst.BaseExpression) -> bool:
    """Is ``node`` a `weakref.WeakValueDictionary`? An annotation with its value type
    (`self._by_key: WeakValueDictionary[str, Task] = ...`) reads as a mapping of tasks, so for `self.x` every
    binding of the attribute is checked: each a `WeakValueDictionary()` or annotated as one."""
    if scope.evaluate(node) == (INST, _WEAK_MAPPING):
        return True
    if type(node) is not cst.Attribute or type(node.value) is not cst.Name:
        return False
    owner = scope.self_class(node.value.value)
    name = node.attr.value
    bindings = (*owner.attrs.get(name, ()), *owner.bindings.get(name, ())) if owner is not None else ()
    for binding in bindings:
        if binding[0] == "annot":
            annotation = binding[1].annotation if type(binding[1]) is cst.Annotation else binding[1]
            annotation = annotation.value if type(annotation) is cst.Subscript else annotation
            weak = binding[2].evaluate(annotation) == (REF, _WEAK_MAPPING) or (
                type(annotation) is cst.SimpleString and _WEAK_MAPPING.rpartition(".")[2] in annotation.value)
        elif binding[0] == "expr":
            weak = type(binding[1]) is cst.Call and binding[2].evaluate(binding[1]) == (INST, _WEAK_MAPPING)
        else:
            weak = False
        if not weak:
            return False
    return bool(bindings)


def _into_counted_local(scope: Scope, call: Optional[cst.CSTNode], parents: Dict[int, cst.CSTNode]) -> bool:
    """Is ``call`` a statement `started.append(x)` (or `add`) on a list or set made in this function that is
    only filled and counted (`return len(started)`)?"""
    if type(call) is not cst.Call or type(call.func) is not cst.Attribute \
            or call.func.attr.value not in ("append", "add") or len(call.args) != 1 \
            or type(call.func.value) is not cst.Name \
            or type(parents.get(id(call))) is not cst.Expr or scope.kind != "function":
        return False
    return _only_counted(scope, call.func.value.value, parents)


def _weak_add(scope: Scope, call: Optional[cst.CSTNode], parents: Dict[int, cst.CSTNode]) -> bool:
    """Is ``call`` a statement `weak.add(x)` on a `weakref.WeakSet`?"""
    return type(call) is cst.Call and type(call.func) is cst.Attribute and call.func.attr.value == "add" \
        and len(call.args) == 1 and type(parents.get(id(call))) is cst.Expr \
        and scope.evaluate(call.func.value) == (INST, "weakref.WeakSet")


def _loop_drops(scope: Scope, name: str, loop: cst.For, parents: Dict[int, cst.CSTNode]) -> Optional[str]:
    """How the loop variable ``name`` of ``loop``, over freshly made tasks, lets each go (never read, or read
    only by calls that keep nothing, `t.set_name(...)`), or None when a task may outlive its round."""
    reads = _reads(scope, name, parents)
    if reads is None:
        return None
    reads = [(node, parent) for node, parent in reads if not (type(parent) is cst.For and parent.target is node)]
    if not reads:
        return "is never read"
    return "is only used for calls that keep nothing (`.set_name(...)`)" if _only_named(scope, name, parents, reads) \
        else None


def _only_named(scope: Scope, name: str, parents: Dict[int, cst.CSTNode],
                reads: Optional[List[Tuple[cst.Name, cst.CSTNode]]] = None) -> bool:
    """Every read of the local ``name`` calls a task method that returns None (`t.set_name("x")`) or hands the
    task a done callback: the handle is used, but nothing keeps it."""
    return _uses_keeping_nothing(scope, name, parents, reads) is not None


def _uses_keeping_nothing(scope: Scope, name: str, parents: Dict[int, cst.CSTNode],
                          reads: Optional[List[Tuple[cst.Name, cst.CSTNode]]] = None) -> Optional[List[str]]:
    """What the reads of the local ``name`` do, said for a message (`t.set_name(...)`), when none of them keeps
    the task; None when one may (or there is none)."""
    reads = _reads(scope, name, parents) if reads is None else reads
    if not reads:
        return None
    uses: List[str] = []
    for node, parent in reads:
        call = parents.get(id(parent))
        if type(parent) is cst.Arg and _weak_add(scope, call, parents):
            # `task = ensure_future(...)` then `self._closing.add(task)`, a WeakSet: held only weakly
            use = "an `add` to a `weakref.WeakSet`"
        elif type(parent) is cst.Arg and _into_counted_local(scope, call, parents):
            # `started.append(task)` into a local list that is only counted: held no longer than it
            use = "an `append` to a local list that is only counted"
        elif _weak_store(scope, node, parents):
            use = "a `weakref.WeakValueDictionary`"  # `self._by_key[key] = task`: as weakly
        elif _weakly_referenced(scope, node, parents):
            use = f"a `{_weak_call(scope, node, parents)}`"  # `self._ref = weakref.ref(task)`: as weakly
        elif type(parent) is cst.FormattedStringExpression or (
                type(parent) is cst.Arg and not parent.star and type(call) is cst.Call and _displays(scope, call)):
            # `log.debug("started %r", t)`, `print(f"started {t}")`: formatted on the spot, nothing of it kept
            use = "a log line"
        elif type(parent) is cst.Attribute and parent.value is node and type(call) is cst.Call \
                and call.func is parent and parent.attr.value in _DESCRIBES:
            # `log.debug("started %s", t.get_name())`: what it returns describes the task, holds nothing
            use = f"`{name}.{parent.attr.value}()`"
        elif (type(parent) is cst.Attribute and parent.value is node and type(call) is cst.Call
                and type(parents.get(id(call))) is cst.Expr and call.func is parent
                and (parent.attr.value in _RETURN_NONE
                     # `t.add_done_callback(on_done)`: as where it is chained
                     or (parent.attr.value == "add_done_callback" and _done_callback(call)))):
            use = f"`{name}.{parent.attr.value}(...)`" + (
                ", which the task holds, not the reverse" if parent.attr.value == "add_done_callback" else "")
        else:
            return None
        if use not in uses:
            uses.append(use)
    return uses


_THROWN, _TESTED, _ENTERED, _LOCAL, _KEPT = "thrown", "tested", "entered", "local", "kept"
_COLLECTED = "collected"  # in a list, set or dict bound to a local (detail: the local)
_ITERATED = "iterated"  # an element of what a `for` loop iterates (detail: the loop variable)
_RETURN_NONE = frozenset({"set_name", "remove_done_callback"})  # Task methods
# Task methods whose result describes the task without holding it or its outcome, wherever it goes (`done()`
# and `cancelled()` are not among them: polled in a loop, they wait for the task)
_DESCRIBES = frozenset({"get_name", "get_coro", "get_context", "get_stack", "print_stack"})
_DISPLAYS = (cst.List, cst.Tuple, cst.Set, cst.Dict, cst.Element, cst.StarredElement, cst.DictElement)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


def _displays(scope: Scope, call: cst.Call) -> bool:
    """`print(...)`, `log.info(...)`, `logging.debug(...)`: a call that only shows its arguments."""
    value = scope.evaluate(call.func)
    if value is None:
        return untyped_logger_call(call.func)
    return value[0] == REF and value[1] in knowledge.DISPLAY_CALLS


def untyped_logger_call(func: cst.BaseExpression) -> bool:
    """`logger.info(...)`, `self.log.warning(...)` on a logger nothing types (handed in, stored from a parameter):
    its name and the level method say what it is."""
    if type(func) is not cst.Attribute or func.attr.value not in knowledge.LOG_LEVELS:
        return False
    receiver = func.value
    name = receiver.value if type(receiver) is cst.Name else receiver.attr.value if type(receiver) is cst.Attribute \
        else ""
    return name in knowledge.LOGGER_NAMES


def _fate(node: cst.CSTNode, parents: Dict[int, cst.CSTNode], scope: Optional[Scope] = None,
          contained: bool = False) -> Tuple[str, str, Optional[cst.CSTNode]]:
    """Where a value goes, walking up through what passes it on unchanged (a list or tuple display, the
    element of a comprehension, a branch of `a if c else b`, an operand of `and`/`or`): (what becomes of it,
    a detail: how it was thrown away or the local it is bound to, the assignment that binds it). ``contained``:
    ``node`` is a collection of the values (inside one, a local that holds it is left alone)."""
    while True:
        parent = parents.get(id(node))
        if parent is None:
            return _KEPT, "", None
        if type(parent) is cst.Expr:
            return _THROWN, _THROWN_HOW.get(type(node), ""), None
        if type(parent) is cst.Element and not contained:
            unpacked = _unpacked_into(parent, parents)
            if unpacked is not None:  # `reader, writer = create_task(r()), create_task(w())`: one local each
                name, assign = unpacked
                return (_THROWN, " (bound to `_`)", None) if name == "_" else (_LOCAL, name, assign)
        if isinstance(parent, (*_DISPLAYS, *_COMPREHENSIONS)):  # (a comprehension's element, key or value)
            contained = True
            node = parent
        elif type(parent) is cst.BooleanOperation:
            node = parent
        elif type(parent) is cst.IfExp:
            if node is parent.test:
                return _TESTED, "", None
            node = parent
        elif type(parent) in (cst.If, cst.While, cst.Assert, cst.CompIf):
            return (_TESTED, "", None) if node is parent.test else (_KEPT, "", None)
        elif type(parent) is cst.UnaryOperation:
            return (_TESTED, "", None) if type(parent.operator) is cst.Not else (_KEPT, "", None)
        elif type(parent) is cst.WithItem:
            return (_ENTERED, "", None) if node is parent.item else (_KEPT, "", None)
        elif type(parent) is cst.AssignTarget:
            return _KEPT, "", None
        elif type(parent) is cst.Index and not contained and (keyed := _keyed_store(parent, parents)) is not None:
            return _COLLECTED, keyed[0], keyed[1]  # `names[create_task(...)] = key`
        elif type(parent) is cst.Attribute and parent.attr.value in _RETURN_NONE \
                and type(parents.get(id(parent))) is cst.Call and parents[id(parent)].func is parent:
            # `create_task(c).set_name("x")`: the method returns None, so the handle is gone
            return _THROWN, f" after `.{parent.attr.value}(...)`, which returns None", None
        elif type(parent) is cst.Attribute and parent.attr.value == "add_done_callback" \
                and type(parents.get(id(parent))) is cst.Call and parents[id(parent)].func is parent \
                and _done_callback(parents[id(parent)]):
            return _THROWN, " after `.add_done_callback(...)`: the task holds its callback, not the other way " \
                            "round, so nothing holds the task while it runs", None
        elif type(parent) in (cst.Assign, cst.AnnAssign):
            targets = [t.target for t in parent.targets] if type(parent) is cst.Assign else [parent.target]
            if len(targets) == 1 and type(targets[0]) is cst.Subscript and type(targets[0].value) is cst.Name \
                    and node is parent.value and not contained:
                return _COLLECTED, targets[0].value.value, parent  # `started[key] = create_task(...)`
            if len(targets) != 1 or type(targets[0]) is not cst.Name or node is not parent.value:
                return _KEPT, "", None
            if targets[0].value == "_":
                return _THROWN, " (bound to `_`)", None
            return (_COLLECTED, targets[0].value, parent) if contained else (_LOCAL, targets[0].value, parent)
        elif type(parent) is cst.For and contained and node is parent.iter:
            # `for t in (create_task(c) for c in cs): ...`: each task lives only as the loop variable
            target = parent.target
            return (_ITERATED, target.value, parent) if type(target) is cst.Name else (_KEPT, "", None)
        elif type(parent) is cst.Arg and not contained:
            call = parents.get(id(parent))  # `pending.append(create_task(...))` into a local list
            func = call.func if type(call) is cst.Call else None
            if (type(func) is cst.Attribute and func.attr.value in ("append", "add") and len(call.args) == 1
                    and type(func.value) is cst.Name):
                return _COLLECTED, func.value.value, call
            return _KEPT, "", None
        else:  # awaited, passed to a call, returned, yielded, stored in an attribute or an item, bound by a
            # walrus (`(t := spawn())` is written to be read later; flake8-async counts it as kept too)
            return _KEPT, "", None


def _keyed_store(index: cst.Index, parents: Dict[int, cst.CSTNode]) -> Optional[Tuple[str, cst.Assign]]:
    """`names[x] = key` with ``index`` the `x`: the local dict it is a key of, and the assignment."""
    element = parents.get(id(index))
    subscript = parents.get(id(element))
    target = parents.get(id(subscript))
    assign = parents.get(id(target))
    if type(element) is not cst.SubscriptElement or type(subscript) is not cst.Subscript \
            or len(subscript.slice) != 1 or type(subscript.value) is not cst.Name \
            or type(target) is not cst.AssignTarget or type(assign) is not cst.Assign or len(assign.targets) != 1:
        return None
    return subscript.value.value, assign


def _held_by_endless_frame(site: CallSite, parents: Dict[int, cst.CSTNode]) -> bool:
    """`_ = create_task(pump(writer))` followed by `while True:` reading the other side, in a coroutine: the
    local lives in the coroutine's frame, which the endless loop keeps alive for as long as it runs (the async
    twin of a sync function that runs the loop itself). Left alone only when the name is not read or rebound
    anywhere else and the loop has no `break` or `return` that would let the frame go first."""
    scope = site.scope
    assign = parents.get(id(site.node))
    if scope.kind != "function" or not scope.is_async or type(scope.node) is not cst.FunctionDef \
            or type(assign) is not cst.Assign or assign.value is not site.node or len(assign.targets) != 1 \
            or type(assign.targets[0].target) is not cst.Name:
        return False
    target = assign.targets[0].target
    line = parents.get(id(assign))
    block = parents.get(id(line))
    body = getattr(block, "body", None)
    if type(line) is not cst.SimpleStatementLine or not isinstance(body, (list, tuple)):
        return False
    if any(type(node) is cst.Name and node.value == target.value and node is not target
           and not names_no_variable(node, parents.get(id(node))) for node in walk_local(scope.node.body)):
        return False
    later = body[next(i for i, statement in enumerate(body) if statement is line) + 1:]
    return any(_endless(statement) for statement in later)


def _endless(statement: cst.CSTNode) -> bool:
    """`while True:` (or `while 1:`) with no `break` of its own and no `return`."""
    if type(statement) is not cst.While or statement.orelse is not None or not (
            type(statement.test) is cst.Name and statement.test.value == "True"
            or type(statement.test) is cst.Integer and statement.test.value == "1"):
        return False
    stack = list(iter_children(statement.body))
    while stack:
        node = stack.pop()
        if type(node) in (cst.Break, cst.Return):
            return False
        if type(node) in NESTED or type(node) in (cst.For, cst.While):
            if type(node) in (cst.For, cst.While):  # a `break` in there leaves only the inner loop
                stack.extend(n for n in walk_local(node) if type(n) is cst.Return)
            continue
        stack.extend(iter_children(node))
    return True


def _unpacked_into(element: cst.Element, parents: Dict[int, cst.CSTNode]) -> Optional[Tuple[str, cst.Assign]]:
    """The name an item of a tuple or list display is unpacked into (`a, b = x, y`: `x` goes to `a`), with the
    assignment; None when the display is not unpacked item for item into plain names."""
    display = parents.get(id(element))
    assign = parents.get(id(display))
    if type(display) not in (cst.Tuple, cst.List) or type(assign) is not cst.Assign or assign.value is not display \
            or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if type(target) not in (cst.Tuple, cst.List) or len(target.elements) != len(display.elements) or any(
            type(e) is cst.StarredElement for e in (*target.elements, *display.elements)):
        return None
    index = next(i for i, e in enumerate(display.elements) if e is element)
    name = target.elements[index].value
    return (name.value, assign) if type(name) is cst.Name else None


_LOOP_RUNS = frozenset({"run_forever", "run_until_complete"})


def _runs_a_loop(scope: Scope) -> bool:
    """A sync function that runs an event loop itself (`loop.run_forever()`): its locals, unread or not, hold
    what they are bound to for as long as the loop runs, so a task it binds to one is not left to the collector."""
    if scope.kind != "function" or scope.is_async:
        return False
    return any(type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _LOOP_RUNS
               for node in walk_local(scope.node.body))


# What a done callback does to tell the coroutine that started the task it has ended, and how that coroutine
# waits to be told (`await finished.wait()`, `await fut`, `await done.get()`).
_SIGNALS = frozenset({"set", "set_result", "set_exception", "put_nowait"})
_SIGNAL_WAITS = frozenset({"wait", "get"})


def _waits_for_done_signal(scope: Scope, name: str, parents: Dict[int, cst.CSTNode]) -> bool:
    """`task.add_done_callback(lambda _t: finished.set())` then `await finished.wait()` in the same coroutine:
    the function does not return before the task has ended, and until then its frame holds the local ``name``,
    so the task is kept for as long as it runs."""
    if scope.kind != "function" or not scope.is_async:
        return False
    signalled = set()
    for node, parent in _reads(scope, name, parents) or ():
        call = parents.get(id(parent))
        if type(parent) is cst.Attribute and parent.attr.value == "add_done_callback" and type(call) is cst.Call \
                and call.args:
            signalled.update(_signalled_by(call.args[0].value))
    if not signalled:
        return False
    for node in walk_local(scope.node.body):
        if type(node) is not cst.Await:
            continue
        waited = node.expression
        if type(waited) is cst.Call and type(waited.func) is cst.Attribute \
                and waited.func.attr.value in _SIGNAL_WAITS:
            waited = waited.func.value
        if dotted(waited) in signalled:
            return True
    return False


def _signalled_by(callback: cst.BaseExpression) -> set:
    """What ``callback`` signals: `finished.set` names `finished`; a lambda, what the signalling calls of its body
    are made on (`lambda _t: fut.set_result(None)` names `fut`)."""
    if type(callback) is cst.Attribute and callback.attr.value in _SIGNALS:
        return {dotted(callback.value)} - {""}
    if type(callback) is not cst.Lambda:
        return set()
    return {dotted(n.func.value) for n in walk_local(callback.body)
            if type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in _SIGNALS} - {""}


def _done_callback(call: cst.Call) -> bool:
    """`create_task(c).add_done_callback(cb)`: whatever the callback does with the task (log its exception,
    discard it from a set), it runs once the task is done; until then the task holds the callback and nothing
    holds the task, as the asyncio docs warn. The labelled sets of session 26 (heldout29, 30, 32, 33: four
    authors in four) count such a task as dangling; a task kept elsewhere as well (`tasks.add(t)`) is kept."""
    return len([a for a in call.args if a.keyword is None]) == 1


def _callback_sees_outcome(call: cst.Call) -> bool:
    """The callback `add_done_callback` is given may read the finished future: anything but a lambda that ignores
    its parameter (`lambda _: signal.raise_signal(SIGTERM)`)."""
    callback = call.args[0].value
    if type(callback) is not cst.Lambda:
        return True
    names = {p.name.value for p in callback.params.params}
    return any(type(n) is cst.Name and n.value in names for n in walk_local(callback.body))


_THROWN_HOW = {
    cst.ListComp: " with the list this comprehension builds",
    cst.SetComp: " with the set this comprehension builds",
    cst.DictComp: " with the dict this comprehension builds",
    cst.GeneratorExp: " (and this generator expression is never iterated, so it is not even created)",
    cst.List: " with the list that holds it",
    cst.Tuple: " with the tuple that holds it",
    cst.Set: " with the set that holds it",
    cst.Dict: " with the dict that holds it",
    cst.IfExp: " (the value of this conditional expression is thrown away)",
    cst.BooleanOperation: " (the value of this `and`/`or` is thrown away)",
}


def _dead_local(scope: Scope, name: str, holder: cst.CSTNode) -> bool:
    """Is the local ``name``, bound by the assignment ``holder``, never read afterwards? Globals,
    class attributes, names a closure reads and functions that read their own frame (`locals()`) are left alone."""
    return _held_alone(scope, name) and not liveness.read_after(scope.node, name, holder)


def _held_alone(scope: Scope, name: str) -> bool:
    """Is ``name`` a local that only its function's own statements read?"""
    if scope.kind != "function" or type(scope.node) is not cst.FunctionDef:
        return False
    function = scope.node
    for node in walk_local(function.body):
        if type(node) in (cst.Global, cst.Nonlocal) and any(n.name.value == name for n in node.names):
            return False
    for call in scope.events.get("calls", ()):
        func = call.node.func
        called = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
        if called in liveness.FRAME_READERS:
            return False
    if _closures_keep(scope, name):
        return False  # a nested function, lambda or class reads it: it may run at any time
    return True


def _closures_keep(scope: Scope, name: str) -> bool:
    """A nested function, lambda or class reads ``name`` and may outlive the call: a closure returned, stored
    or handed on keeps the task (`return stop`, `stop` cancelling it later). A nested `def` that nothing here
    reads, calls or decorates dies with the call, and with it the only reference to the task."""
    return any(name not in child.bindings and child.loads_of(name) and _escapes(scope, child)
               for child in scope.children)


def _escapes(scope: Scope, child: Scope) -> bool:
    node = child.node
    if child.kind != "function" or type(node) is not cst.FunctionDef or node.decorators:
        return True
    return scope.loads_of(child.name) > 0


def _left_by_early_return(scope: Scope, name: str, holder: cst.CSTNode) -> bool:
    """`task = create_task(...)` then, before any read of it in the same block, `if background: return None`
    whose branch never mentions the task: that way out drops it, whatever the straight path does with it. A
    `finally:` that reads the name, or the name's other keepers (closures, frame readers), leave it alone."""
    function = scope.node
    if not _held_alone(scope, name):
        return False
    for node in walk_local(function.body):
        if type(node) is cst.Try and node.finalbody is not None and liveness.reads(node.finalbody, name):
            return False
        body = getattr(node, "body", None)
        if type(node) not in (cst.IndentedBlock, cst.Module) or not isinstance(body, (list, tuple)):
            continue
        for i, stmt in enumerate(body):
            if type(stmt) is cst.SimpleStatementLine and any(small is holder for small in stmt.body):
                return _returns_first(body[i + 1:], name)
    return False


def _returns_first(later: list, name: str) -> bool:
    """Does an `if` among ``later`` return on a branch that never mentions ``name``, before any statement
    reads it?"""
    for stmt in later:
        if type(stmt) is cst.If and not liveness.reads(stmt.test, name) \
                and type(stmt.body) is cst.IndentedBlock and stmt.body.body \
                and type(stmt.body.body[-1]) is cst.SimpleStatementLine \
                and type(stmt.body.body[-1].body[-1]) is cst.Return and not liveness.reads(stmt.body, name):
            return True
        if liveness.reads(stmt, name) or type(stmt) not in (cst.SimpleStatementLine, cst.If):
            return False  # (a loop, a `with` or a `try` in between: left to the liveness pass)
    return False


def unread_on_a_way_out(scope: Scope, name: str, holder: cst.CSTNode) -> bool:
    """`coro = f()` in a function's own body, then a way out of the function that never reads ``coro``: an
    early `return` on a branch that does not mention it, or the end of the function reached past an `if` (with
    no `else`, or one that does not mention it) that is the only thing reading it (`if flag: await coro`).
    Statements that may leave or loop in ways this does not follow (a `try`, a `with`, a loop that reads the
    name, a test that reads it) end the search with no answer, as do the name's other keepers (closures, frame
    readers, a `finally:`)."""
    function = scope.node
    if scope.kind != "function" or type(function) is not cst.FunctionDef:
        return False
    body = function.body.body if type(function.body) is cst.IndentedBlock else ()
    at = next((i for i, stmt in enumerate(body)
               if type(stmt) is cst.SimpleStatementLine and any(small is holder for small in stmt.body)), None)
    if at is None:
        return False
    skipped = False  # a branch read the name and the other way went on without it
    for stmt in body[at + 1:]:
        if type(stmt) is cst.If and not liveness.reads(stmt.test, name):
            branches = [stmt.body, stmt.orelse.body if stmt.orelse is not None else None]
            reading = [b is not None and liveness.reads(b, name) for b in branches]
            if all(reading):
                return False
            if any(b is not None and not r and _ends_in_return(b) for b, r in zip(branches, reading)):
                return _held_alone(scope, name)
            skipped = skipped or any(reading)
            continue
        if liveness.reads(stmt, name):
            return False
        if type(stmt) is not cst.SimpleStatementLine:
            if any(type(node) is cst.Return for node in walk_local(stmt)):
                return False  # (a way out inside a loop, a `with` or a `try`: left to the liveness pass)
            continue
        if any(type(small) in (cst.Return, cst.Raise) for small in stmt.body):
            return (skipped or type(stmt.body[-1]) is cst.Return) and _held_alone(scope, name)
    return skipped and _held_alone(scope, name)  # (the costlier test last: most bindings are read straight on)


def _ends_in_return(block: cst.BaseSuite) -> bool:
    last = block.body[-1] if type(block) is cst.IndentedBlock and block.body else None
    return type(last) is cst.SimpleStatementLine and type(last.body[-1]) is cst.Return


def _one_per_pass(site: CallSite) -> bool:
    """The loop never has two of these tasks in flight: it awaits the task in the same iteration
    (`t = create_task(x); ...; await t`, or `loop.run_until_complete(t)` in sync code), or the spawn is on a branch that leaves the loop (`...; break`)."""
    chain = _chain(site.loop.body, site.node)
    if chain is None:
        return False
    for parent, child in zip(chain, chain[1:]):
        if type(child) is cst.Return:
            return True
        body = getattr(parent, "body", None)
        if isinstance(body, (list, tuple)):
            later = [s for i, s in enumerate(body) if any(c is child for c in body[:i])]
            if any(_leaves(statement) for statement in later):
                return True
            if _stops_the_loop(site.loop, body, child):
                return True
    if _restarted_each_pass(site) or _retried_until_it_starts(site, chain):
        return True
    held = site.assigned or _held_in_attribute(site)
    if not held:
        return False
    if any(type(parent) is cst.If and parent.body is child and _says_gone(parent.test, held)
           for parent, child in zip(chain, chain[1:])):
        return True  # `if self._task is None: self._task = create_task(...)`: one at a time
    if _cancelled_where_gate_reopens(site.loop.body, chain, held):
        return True
    for node in walk_local(site.loop.body):
        waited = node.expression if type(node) is cst.Await else _run_to_completion(node)
        if waited is not None and any(
            type(inner) in (cst.Name, cst.Attribute) and dotted(inner) == held for inner in walk_local(waited)
        ):
            return True
    return False


def _cancelled_where_gate_reopens(body: cst.CSTNode, chain: List[cst.CSTNode], held: str) -> bool:
    """A reconnect loop: the spawn runs only under `if self._conn is None:`, and the branch that drops the
    connection (`self._conn = None`) also cancels the task kept in ``held``, so the next pass that spawns again
    has stopped the previous one first."""
    gates = set()
    for parent, child in zip(chain, chain[1:]):
        if type(parent) is cst.If and parent.body is child:
            test = parent.test
            if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
                gates.add(dotted(test.expression))
            elif type(test) is cst.Comparison and len(test.comparisons) == 1 \
                    and type(test.comparisons[0].operator) is cst.Is \
                    and type(test.comparisons[0].comparator) is cst.Name \
                    and test.comparisons[0].comparator.value == "None":
                gates.add(dotted(test.left))
    gates.discard("")
    gates.discard(held)
    if not gates:
        return False
    for node in walk_local(body):
        statements = getattr(node, "body", None)
        if type(node) is not cst.IndentedBlock or not isinstance(statements, (list, tuple)):
            continue
        small = [s for line in statements if type(line) is cst.SimpleStatementLine for s in line.body]
        cancels = any(type(s) is cst.Expr and type(s.value) is cst.Call and type(s.value.func) is cst.Attribute
                      and s.value.func.attr.value == "cancel" and dotted(s.value.func.value) == held for s in small)
        reopens = any(type(s) is cst.Assign and type(s.value) is cst.Name and s.value.value == "None"
                      and any(dotted(t.target) in gates for t in s.targets) for s in small)
        if cancels and reopens:
            return True
    return False


def _held_in_attribute(site: CallSite) -> str:
    """`self._pacer = create_task(...)`: the attribute the task is kept in (as written), or "". Awaited in the
    same loop (`if self._pacer is not None: await self._pacer` before starting the next), one is in flight."""
    statement = site.statement
    if type(statement) is cst.Assign and statement.value is site.node and len(statement.targets) == 1:
        target = statement.targets[0].target
        if type(target) is cst.Attribute and type(target.value) is cst.Name:
            return dotted(target)
    return ""


def _says_gone(test: cst.BaseExpression, held: str) -> bool:
    """The test holds only while the task kept in ``held`` is absent or finished (`held is None`, `not held`,
    `held.done()`, either joined by `or`; one of them joined by `and`): the spawn under it replaces a task that is
    no longer running, so at most one is in flight."""
    if type(test) is cst.BooleanOperation:
        if type(test.operator) is cst.Or:
            return _says_gone(test.left, held) and _says_gone(test.right, held)
        return _says_gone(test.left, held) or _says_gone(test.right, held)
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return dotted(test.expression) == held
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        target = test.comparisons[0]
        return dotted(test.left) == held and type(target.operator) is cst.Is \
            and type(target.comparator) is cst.Name and target.comparator.value == "None"
    if type(test) is cst.Call and not test.args and type(test.func) is cst.Attribute:
        return test.func.attr.value == "done" and dotted(test.func.value) == held
    return False


def _run_to_completion(node: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """What `loop.run_until_complete(task)` waits for: sync code driving a loop that is not running waits there
    as a coroutine would at `await task`."""
    if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "run_until_complete" \
            and node.args and node.args[0].keyword is None:
        return node.args[0].value
    return None


# What ends an object's running service: `await server.close()` before `create_task(server.serve())` again.
_STOPS = frozenset(("close", "aclose", "stop", "shutdown", "terminate", "cancel"))


def _restarted_each_pass(site: CallSite) -> bool:
    """A restart, not a spawn per item: each pass stops the previous task before starting the next, by
    cancelling the handle it is about to overwrite (`if runner: runner.cancel()`, then `runner = create_task(...)`),
    or by awaiting the stop of the object whose method the task runs (`await worker.close()` then
    `create_task(worker.run())`). A stop after the spawn, or under a test that is not about the handle, leaves
    some passes adding a task."""
    coroutine = site.node.args[0].value if site.node.args else None
    runs_method = type(coroutine) is cst.Call and type(coroutine.func) is cst.Attribute
    owner = dotted(coroutine.func.value) if runs_method else ""
    awaited, stops = set(), []
    for node in walk_local(site.loop.body):
        if node is site.node:
            break
        if type(node) is cst.Await:
            awaited.add(id(node.expression))
        elif type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _STOPS:
            stops.append(node)
    for stop in stops:
        receiver, verb = dotted(stop.func.value), stop.func.attr.value
        if verb == "cancel":
            if receiver and receiver == site.assigned and _every_pass(site.loop.body, stop, receiver):
                return True
        elif owner and receiver == owner and id(stop) in awaited and _every_pass(site.loop.body, stop, None):
            return True
    return False


def _retried_until_it_starts(site: CallSite, chain: List[cst.CSTNode]) -> bool:
    """A connect-and-retry loop: the spawn is in a `try` whose `else:` leaves the loop once everything started,
    and every handler either leaves too or first awaits the stop of the object whose method the task runs
    (`except OSError: await self.stop()`), which ends the task before the next attempt starts another."""
    coroutine = site.node.args[0].value if site.node.args else None
    if not (type(coroutine) is cst.Call and type(coroutine.func) is cst.Attribute):
        return False
    owner = dotted(coroutine.func.value)
    for parent, child in zip(chain, chain[1:]):
        if not (type(parent) is cst.Try and child is parent.body and parent.handlers):
            continue
        if parent.orelse is None or not any(_leaves(s) for s in parent.orelse.body.body):
            continue
        if owner and all(any(_leaves(s) for s in handler.body.body) or _awaits_stop_of(handler.body, owner)
                         for handler in parent.handlers):
            return True
    return False


def _awaits_stop_of(body: cst.CSTNode, owner: str) -> bool:
    for node in walk_local(body):
        if type(node) is cst.Await and type(node.expression) is cst.Call:
            func = node.expression.func
            if type(func) is cst.Attribute and func.attr.value in _STOPS and dotted(func.value) == owner:
                return True
    return False


def _every_pass(body: cst.CSTNode, stop: cst.Call, handle: Optional[str]) -> bool:
    """The stop runs on every pass that has something to stop: under no `if`, or only under tests of the
    handle itself (`if runner is not None:`, `if not runner.done():`)."""
    for node in _chain(body, stop) or ():
        if type(node) is cst.If and not (handle and any(
                type(name) is cst.Name and name.value == handle for name in walk_local(node.test))):
            return False
    return True


def _stops_the_loop(loop: cst.CSTNode, body, child: cst.CSTNode) -> bool:
    """The block the spawn is in also makes the `while` loop's own test false (`while not self.stop.is_set():`
    ... `except Closed: self.stop.set(); self._close()`, `while self.running:` ... `self.running = False`): that
    round is the loop's last, so the spawn runs once however long the loop ran. A `continue` between the spawn
    and a later stop skips the stop."""
    if type(loop) is not cst.While:
        return False
    test = loop.test
    conjuncts = [test]
    while conjuncts and type(conjuncts[-1]) is cst.BooleanOperation and type(conjuncts[-1].operator) is cst.And:
        last = conjuncts.pop()
        conjuncts += [last.left, last.right]
    stops = set()  # (what the stopping statement writes, how): ("X", "set") for `X.set()`, ("X", "True")...
    for part in conjuncts:
        negated = type(part) is cst.UnaryOperation and type(part.operator) is cst.Not
        inner = part.expression if negated else part
        if negated and type(inner) is cst.Call and type(inner.func) is cst.Attribute and not inner.args \
                and inner.func.attr.value == "is_set" and dotted(inner.func.value):
            stops.add((dotted(inner.func.value), "set"))
        elif type(inner) in (cst.Name, cst.Attribute) and dotted(inner):
            stops.update({(dotted(inner), "True")} if negated else {(dotted(inner), "False"), (dotted(inner), "None")})
    if not stops:
        return False
    after = False
    for statement in body:
        if statement is child:
            after = True
            continue
        if type(statement) is not cst.SimpleStatementLine:
            continue
        for small in statement.body:
            if after and type(small) is cst.Continue:
                return False
            if type(small) is cst.Expr and type(small.value) is cst.Call and type(small.value.func) is cst.Attribute \
                    and not small.value.args and small.value.func.attr.value == "set" \
                    and (dotted(small.value.func.value), "set") in stops:
                return True
            if type(small) is cst.Assign and type(small.value) is cst.Name and any(
                    (dotted(t.target), small.value.value) in stops for t in small.targets):
                return True
    return False


def _leaves(statement: cst.CSTNode) -> bool:
    """`break`, `return` or `raise` as a statement of its own (not under a condition)."""
    if type(statement) in (cst.Break, cst.Return, cst.Raise):
        return True
    return type(statement) is cst.SimpleStatementLine and any(
        type(s) in (cst.Break, cst.Return, cst.Raise) for s in statement.body
    )


def _chain(root: cst.CSTNode, target: cst.CSTNode) -> Optional[List[cst.CSTNode]]:
    """The nodes from ``root`` down to ``target`` (both included), not entering nested functions."""
    stack = [(root, [root])]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if type(node) in NESTED and node is not root:
            continue
        for child in iter_children(node):
            stack.append((child, path + [child]))
    return None


_COMPREHENSION_ELEMENTS = {cst.ListComp: ("elt",), cst.SetComp: ("elt",), cst.GeneratorExp: ("elt",),
                           cst.DictComp: ("key", "value")}


def _async_comprehension(ctx: FileContext, site: CallSite) -> bool:
    """The spawn is the element of a comprehension that reads an `async for` (`[tg.create_task(grade(s)) async
    for s in samples()]`): one task per item of a stream, as in an `async for` loop. (A comprehension over a
    collection is bounded by its size, like a `for`.)"""
    parents = ctx.parents(site.scope)
    child: cst.CSTNode = site.node
    node = parents.get(id(child))
    while node is not None and node is not site.scope.node and type(node) not in NESTED:
        fields = _COMPREHENSION_ELEMENTS.get(type(node))
        if fields is not None and any(getattr(node, f) is child for f in fields):
            comp = node.for_in
            while comp is not None:
                if comp.asynchronous is not None:
                    return True
                comp = comp.inner_for_in
        child, node = node, parents.get(id(node))
    return False


def _bounded_loop(scope: Scope, loop: cst.CSTNode) -> bool:
    """A `for` over a collection is bounded by its size; `while` and `async for` consume open-ended streams."""
    if type(loop) is cst.For and loop.asynchronous is None:
        return True
    if type(loop) is cst.While and (_limits_concurrency(scope, loop.test) or _capacity_test(scope, loop.test)
                                    or _counts_down_free_slots(scope, loop)):
        return True  # `while len(pending) < limit:`, `while self.has_room():`, `while free > 0: ...; free -= 1`
    return _limits_concurrency(scope, loop.body)


def _counts_down_free_slots(scope: Scope, loop: cst.While) -> bool:
    """`free = limit - len(running)` then `while free > 0: running.append(create_task(...)); free -= 1`: the
    loop fills the room left under a cap and stops when it is gone. A countdown from anything else (the size
    of a batch) bounds nothing on what runs at once."""
    if scope.kind != "function":
        return False
    return any(_free_slots_left(scope, loop, test) for test in _conjuncts(loop.test))


def _conjuncts(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The tests `a and b and c` requires (`while free > 0 and not jobs.empty():`)."""
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


def _free_slots_left(scope: Scope, loop: cst.While, test: cst.BaseExpression) -> bool:
    if type(test) is not cst.Comparison or len(test.comparisons) != 1 or type(test.left) is not cst.Name:
        return False
    op, bound = test.comparisons[0].operator, test.comparisons[0].comparator
    if not (type(bound) is cst.Integer and (
            (type(op) is cst.GreaterThan and bound.value == "0")
            or (type(op) is cst.GreaterThanEqual and bound.value == "1"))):
        return False
    name = test.left.value
    if not any(type(node) is cst.AugAssign and type(node.operator) is cst.SubtractAssign
               and type(node.target) is cst.Name and node.target.value == name for node in walk_local(loop.body)):
        return False
    return any(
        type(node) is cst.Assign and len(node.targets) == 1 and type(node.targets[0].target) is cst.Name
        and node.targets[0].target.value == name and type(node.value) is cst.BinaryOperation
        and type(node.value.operator) is cst.Subtract and type(node.value.right) is cst.Call
        and dotted(node.value.right.func) == "len"
        for node in walk_local(scope.node.body))


# A pause that sets the pace of a loop: awaited in a coroutine, or a plain sleep in a thread's loop.
_PAUSES = frozenset(("asyncio.sleep", "time.sleep", "anyio.sleep", "trio.sleep"))
# A stop flag waited on with a timeout as the test of a thread's loop (`while not stop.wait(interval):`): each
# pass starts only once the interval ran out, and setting the flag ends the loop instead of hurrying it.
_TIMED_STOP_WAITS = frozenset(("threading.Event.wait", "multiprocessing.Event.wait"))


def _paced(site: CallSite) -> bool:
    """A ticker, not a spawn per item: every pass of the loop that spawns the task first or after sleeps for a
    set interval (`while True: await asyncio.sleep(60); create_task(self.refresh())`), so tasks start at most
    once per interval however much work arrives. The pause must be a statement of a block the spawn is in (the
    loop body itself, or the `if` branch that spawns: `if idle: create_task(shutdown()); await
    asyncio.sleep(600)`), so that every pass that spawns pauses too, and not `sleep(0)`, which only yields; or
    the loop's own test, a stop flag's timed wait (`while not self._stop.wait(10):`)."""
    if type(site.loop) is cst.While and _timed_stop_wait(site.scope, site.loop.test):
        return True
    chain = _chain(site.loop.body, site.node) or [site.loop.body]
    blocks = [node for node in chain if type(node) is cst.IndentedBlock]
    return any(_pauses(site.scope, block) for block in blocks)


def _pauses(scope: Scope, block: cst.IndentedBlock) -> bool:
    """A statement of the block itself is a pause of a set, non-zero interval."""
    for statement in block.body:
        if type(statement) is not cst.SimpleStatementLine:
            continue
        for small in statement.body:
            call = small.value if type(small) is cst.Expr else None
            if type(call) is cst.Await:
                call = call.expression
            if type(call) is not cst.Call or not call.args:
                continue
            value = scope.evaluate(call.func)
            pause = call.args[0].value
            if value is not None and value[0] == REF and value[1] in _PAUSES and not (
                    type(pause) in (cst.Integer, cst.Float) and float(pause.value) == 0):
                return True
    return False


def _timed_stop_wait(scope: Scope, test: cst.BaseExpression) -> bool:
    """`not flag.wait(interval)` with a constant non-zero interval, `flag` a threading or multiprocessing Event.
    A wait with no timeout returns only once the flag is set, which ends the loop: it paces nothing."""
    if not (type(test) is cst.UnaryOperation and type(test.operator) is cst.Not):
        return False
    call = test.expression
    if type(call) is not cst.Call or len(call.args) != 1:
        return False
    arg = call.args[0]
    if arg.keyword is not None and arg.keyword.value != "timeout":
        return False
    value = scope.evaluate(call.func)
    if value is None or value[0] != REF or value[1] not in _TIMED_STOP_WAITS:
        return False
    interval = arg.value
    if type(interval) in (cst.Integer, cst.Float):
        return float(interval.evaluated_value) > 0
    # a named interval (`self.interval`, `INTERVAL`) is a setting: taken as the non-zero pause it names
    return type(interval) in (cst.Name, cst.Attribute)


def _batch_in_open_loop(ctx: FileContext, site: CallSite) -> bool:
    """`while True: batch = await poll(); for item in batch: create_task(handle(item))`: the `for` is bounded
    by its batch, but the loop around it fetches batch after batch and nothing waits for the tasks of the
    last one, so they pile up as surely as one per message would. An `async with` in between (a TaskGroup
    that waits at its exit, a limiter) bounds each round. A batch may be grouped (`for tp, records in
    batch.items(): for rec in records:`): the loops over its parts are bounded too, and the open-ended one is
    further out."""
    parents = ctx.parents(site.scope)
    if _replaces_slot(site, parents) or _fills_to_a_cap(site.scope, site.loop):
        return False
    outer = parents.get(id(site.loop))
    while outer is not None and type(outer) not in NESTED and type(outer) is not cst.While:
        outer = parents.get(id(outer))
    if type(outer) is cst.While and type(site.loop) is cst.For and _refills_finished(site.loop.iter, parents, outer):
        return False
    # (a TaskGroup or limiter inside the batch's own loop, around the spawn, waits for each chunk as well)
    node = parents.get(id(site.node))
    while node is not None and node is not site.loop:
        if type(node) is cst.With and node.asynchronous is not None:
            return False
        node = parents.get(id(node))
    node = parents.get(id(site.loop))
    while node is not None and type(node) not in NESTED:
        if type(node) is cst.With and node.asynchronous is not None:
            return False
        if type(node) in (cst.For, cst.While) and not _bounded_loop(site.scope, node):
            return True
        node = parents.get(id(node))
    return False


def _fills_to_a_cap(scope: Scope, loop: cst.CSTNode) -> bool:
    """`while len(running) < limit:` / `while free > 0: ...; free -= 1` inside the open loop: each round tops the
    running tasks up to the cap rather than spawning a whole batch, whatever the outer loop waits for."""
    return type(loop) is cst.While and (_limits_concurrency(scope, loop.test) or _capacity_test(scope, loop.test)
                                        or _counts_down_free_slots(scope, loop))


_FINISHED_TESTS = frozenset({"done", "cancelled", "exception"})


def _replaces_slot(site: CallSite, parents: Dict[int, cst.CSTNode]) -> bool:
    """A supervisor's round (`for i, w in enumerate(workers): if w.done(): workers[i] = create_task(...)`): the
    new task takes the place of a finished one (under a `done()` test) or is stored back into the collection
    the loop goes over, so the count stays that collection's size."""
    node, child = parents.get(id(site.node)), site.node
    while node is not None and node is not site.loop:
        if type(node) is cst.If and child is not node.test and any(
                type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in _FINISHED_TESTS
                for n in walk_local(node.test)):
            return True
        if type(node) is cst.Assign and node.value is child and len(node.targets) == 1 \
                and type(node.targets[0].target) is cst.Subscript:
            container = dotted(node.targets[0].target.value)
            iterated = getattr(site.loop, "iter", None)  # (a `while` has none)
            if container and iterated is not None and any(
                    dotted(n) == container for n in walk_local(iterated) if type(n) in (cst.Name, cst.Attribute)):
                return True
        node, child = parents.get(id(node)), node
    return False


def _limits_concurrency(scope: Scope, body: cst.CSTNode) -> bool:
    """Something in the loop body waits for capacity: a semaphore, asyncio.wait, a len() check."""
    for node in walk_local(body):
        if type(node) is cst.Await and type(node.expression) is cst.Call:
            if dotted(node.expression.func).endswith((".acquire", "wait", ".join", "gather", _ACQUIRE_FOR)) \
                    and not _first_of_held(node.expression):
                return True
        elif type(node) is cst.With and node.asynchronous is not None:
            if any(_is_limiter(scope, item.item) for item in node.items) and _suspends(node.body):
                return True
        elif type(node) is cst.Comparison and type(node.left) is cst.Call and dotted(node.left.func) == "len":
            return True
        elif type(node) is cst.Comparison and len(node.comparisons) == 1 and _class_count(scope, node.left) \
                and not (type(node.comparisons[0].comparator) is cst.Integer
                         and node.comparisons[0].comparator.value == "0"):
            return True  # `elif self.current_concurrency >= self.desired_concurrency:`, a len() the class keeps
        elif type(node) is cst.For and _waits_for_each(node):
            return True
    return _awaits_acquire_task(body)


def _class_count(scope: Scope, node: cst.BaseExpression) -> bool:
    """`self.running` read as a property, or `self.running()` called, where that member of the class returns
    the len() of something (or a literal while there is nothing to count: `if self._run is None: return 0`)."""
    called = type(node) is cst.Call and not node.args
    member = node.func if called else node
    if type(member) is not cst.Attribute or type(member.value) is not cst.Name:
        return False
    owner = scope.self_class(member.value.value)
    method = owner.methods.get(member.attr.value) if owner is not None else None
    if method is None or type(method.node) is not cst.FunctionDef:
        return False
    is_property = any(dotted(d.decorator).rpartition(".")[2] in ("property", "cached_property")
                      for d in method.node.decorators)
    if is_property == called:
        return False
    returned = [n.value for n in walk_local(method.node.body) if type(n) is cst.Return and n.value is not None]
    counts = [v for v in returned if type(v) is cst.Call and dotted(v.func) == "len"]
    return bool(counts) and all(type(v) is cst.Integer or any(v is c for c in counts) for v in returned)


def _limiter_let_go(ctx: FileContext, site: CallSite) -> Optional[cst.BaseExpression]:
    """The limiter of an `async with` around the spawn whose block waits for nothing (`_suspends`), if any."""
    parents = ctx.parents(site.scope)
    node = parents.get(id(site.node))
    while node is not None and node is not site.loop and type(node) not in NESTED:
        if type(node) is cst.With and node.asynchronous is not None and not _suspends(node.body):
            for item in node.items:
                if _is_limiter(site.scope, item.item):
                    return item.item
        node = parents.get(id(node))
    return None


def _suspends(body: cst.CSTNode) -> bool:
    """Does the block wait for anything? `async with sem: create_task(handle(x))` holds the semaphore only while
    the task is made and lets go before it runs: a bound for nothing. Waiting inside the block (the work itself,
    or the task) is what keeps the others out."""
    return any(type(node) is cst.Await or (type(node) in (cst.For, cst.With) and node.asynchronous is not None)
               for node in walk_local(body))


_SPAWNS = ("create_task", "ensure_future")


def _first_of_held(call: cst.Call) -> bool:
    """`done, pending = await asyncio.wait(pending, return_when=FIRST_COMPLETED)`: the wait returns as soon as
    one task of the collection is done and the rest stay in flight, so the loop goes on adding to a set that
    nothing caps (a len() test before it is what bounds such a loop). A literal of this pass's own tasks
    (`wait({get, stop}, return_when=FIRST_COMPLETED)`) is a race, one per pass, not a pile."""
    if not call.args or type(call.args[0].value) not in (cst.Name, cst.Attribute):
        return False
    for arg in call.args:
        # a timeout paces the loop when nothing finishes (a pinger that sends one per interval and waits up to the
        # next): left to the judgement of the other waits; `timeout=0` only polls
        if arg.keyword is not None and arg.keyword.value == "timeout" and not (
                type(arg.value) in (cst.Integer, cst.Float) and float(arg.value.value) == 0):
            return False
    return any(arg.keyword is not None and arg.keyword.value == "return_when"
               and dotted(arg.value).endswith("FIRST_COMPLETED") for arg in call.args)


def _grows_with_results(ctx: FileContext, site: CallSite) -> bool:
    """A crawl: `while level: results = await gather(*[create_task(fetch(u)) for u in level]); level = [...
    results ...]`, or `while tasks: for fut in as_completed(batch): for link in await fut: tasks.add(...)`. Each
    round waits for its tasks, but the next round is as large as what the last one found, so the waits bound
    nothing: the frontier sets the count. The spawn goes over what finished tasks returned (`t.result()`,
    `await fut`, a name rebuilt from them) under a `while` that runs while a collection is non-empty. A
    semaphore, a len() test or an `async with` (TaskGroup per chunk, limiter) in between bounds it."""
    parents = ctx.parents(site.scope)
    iters: List[cst.BaseExpression] = []
    node, loop = parents.get(id(site.node)), None
    while node is not None and type(node) not in NESTED:
        if type(node) is cst.With and node.asynchronous is not None:
            return False
        if type(node) is cst.For:
            iters.append(node.iter)
        elif type(node) in (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp):
            comp = node.for_in
            while comp is not None:
                iters.append(comp.iter)
                comp = comp.inner_for_in
        elif type(node) is cst.While:
            loop = node
            break
        node = parents.get(id(node))
    if loop is None or not iters or not any(type(n) is cst.Name for n in walk_local(loop.test)):
        return False
    iters = [it for it in iters if not _refills_finished(it, parents, loop)]
    found = _result_names(loop.body)
    if not any(_from_results(it, found) for it in iters):
        return False
    return not _waits_for_a_slot(site.scope, loop.body)


_WAITS_FOR_TASKS = ("gather", "wait", "as_completed")
_SPAWN_NAMES = frozenset({"create_task", "ensure_future"})


def _refills_finished(iterated: cst.BaseExpression, parents: Dict[int, cst.CSTNode], loop: cst.While) -> bool:
    """`done, _ = await asyncio.wait(running, return_when=FIRST_COMPLETED)` then `for t in done: ...
    running[create_task(...)] = ...`: a `for` over the finished tasks themselves (not over what they returned)
    that starts one task per pass puts one new task in the place of each that finished, so the count stays what
    it was (a merge of streams, a fixed pool topped up). Two spawns in the pass, or a loop over a finished
    task's results inside it, grow the count and are left to the crawl test."""
    if type(iterated) is not cst.Name:
        return False
    name = iterated.value
    if not any(type(node) is cst.Assign and len(node.targets) == 1 and type(node.targets[0].target) is cst.Tuple
               and node.targets[0].target.elements
               and type(node.targets[0].target.elements[0].value) is cst.Name
               and node.targets[0].target.elements[0].value.value == name
               and type(node.value) is cst.Await and type(node.value.expression) is cst.Call
               and dotted(node.value.expression.func).rpartition(".")[2] == "wait"
               for node in walk_local(loop.body)):
        return False
    over = parents.get(id(iterated))
    if type(over) is not cst.For:
        return False
    spawns = sum(1 for node in walk_local(over.body) if type(node) is cst.Call
                 and dotted(node.func).rpartition(".")[2] in _SPAWN_NAMES)
    return spawns == 1 and not any(type(node) in (cst.For, cst.While) for node in walk_local(over.body))


def _from_results(expr: cst.CSTNode, names: set) -> bool:
    """Does the expression read what the round's tasks returned: `t.result()`, `await fut`, `await gather(...)`,
    or a name bound from one of those in the loop?"""
    for node in walk_local(expr):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "result":
            return True
        if type(node) is cst.Await and (type(node.expression) is cst.Name or (
                type(node.expression) is cst.Call and dotted(node.expression.func).endswith(_WAITS_FOR_TASKS))):
            return True
        if type(node) is cst.Name and node.value in names:
            return True
    return False


def _result_names(body: cst.CSTNode) -> set:
    """The names a loop body binds (or fills with `.extend()`/`.append()`/`.add()`) from its tasks' results."""
    names: set = set()
    for _ in range(3):  # (`results = await gather(...)`, then `nxt = [... results ...]`, then `level = nxt`)
        before = len(names)
        for node in walk_local(body):
            if type(node) is cst.Assign and _from_results(node.value, names):
                for target in node.targets:
                    names.update(n.value for n in walk_local(target.target) if type(n) is cst.Name)
            elif type(node) is cst.Call and type(node.func) is cst.Attribute \
                    and node.func.attr.value in ("extend", "append", "add", "update") \
                    and type(node.func.value) is cst.Name and any(_from_results(a.value, names) for a in node.args):
                names.add(node.func.value.value)
        if len(names) == before:
            break
    return names


def _waits_for_a_slot(scope: Scope, body: cst.CSTNode) -> bool:
    """A bound that holds however large a round is: a semaphore's acquire, a limiter, a len() test."""
    for node in walk_local(body):
        if type(node) is cst.Await and type(node.expression) is cst.Call \
                and dotted(node.expression.func).endswith((".acquire", _ACQUIRE_FOR)):
            return True
        if type(node) is cst.Comparison and type(node.left) is cst.Call and dotted(node.left.func) == "len":
            return True
    return False


def _recursive_fan_out(ctx: FileContext, site: CallSite) -> bool:
    """`for child in node.children: create_task(walk(child))` inside `walk` itself: every level spawns a task
    per child and each of those does the same, so the tasks alive grow with the whole tree, not one list. A
    loop over a literal or a `range()` of constants has a fixed fan-out per level but still no cap on depth;
    left to the ordinary judgement."""
    made = site.node.args[0].value if site.node.args else None
    if type(made) is not cst.Call or site.scope.kind != "function":
        return False
    value = site.scope.evaluate(made.func)
    func = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if func is None or func.node is not site.scope.node:
        return False
    iterable = site.loop.iter if type(site.loop) is cst.For else None
    parents = ctx.parents(site.scope)
    node = parents.get(id(site.node))
    while node is not None and node is not site.loop and type(node) not in NESTED:
        if type(node) in (cst.ListComp, cst.SetComp, cst.GeneratorExp):
            iterable = node.for_in.iter
            break
        node = parents.get(id(node))
    return iterable is not None and not (
        type(iterable) in (cst.List, cst.Tuple, cst.Set)
        or (type(iterable) is cst.Call and dotted(iterable.func) == "range"
            and all(type(a.value) is cst.Integer for a in iterable.args))) and not _budgeted(site.scope)


_BUDGET_GROWS = frozenset({"add", "append", "update", "extend"})


def _budgeted(scope: Scope) -> bool:
    """The recursion spends a budget shared by every level: it grows a collection (`self.seen.add(url)`) and
    stops once that collection is large enough (`if len(self.seen) >= self.max_pages: return`), or cuts the
    children it spawns for to what is left (`links[:self.max_pages - len(self.seen)]`). However deep the tree,
    the tasks started in all are at most the cap. (A len() that is only logged or tested without leaving, or
    one of a collection the recursion does not grow, bounds nothing.)"""
    body = scope.node.body
    grown = set()
    for node in walk_local(body):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _BUDGET_GROWS:
            grown.add(dotted(node.func.value))
    grown.discard("")
    if not grown:
        return False

    def counts_grown(expr: cst.CSTNode) -> bool:
        return any(type(n) is cst.Call and dotted(n.func) == "len" and len(n.args) == 1
                   and dotted(n.args[0].value) in grown for n in walk_local(expr))

    for node in walk_local(body):
        if type(node) is cst.If and any(type(n) is cst.Comparison for n in walk_local(node.test)) \
                and counts_grown(node.test) and _ends_call(node.body):
            return True
        if type(node) is cst.Subscript and any(
                type(e.slice) is cst.Slice and e.slice.upper is not None and counts_grown(e.slice.upper)
                for e in node.slice):
            return True
    return False


def _ends_call(block: cst.BaseSuite) -> bool:
    """The block ends the call (`return`, `raise`) straight away."""
    statements = block.body if type(block) is cst.IndentedBlock else [block]
    for statement in statements:
        small = statement.body if type(statement) is cst.SimpleStatementLine else \
            block.body if type(block) is cst.SimpleStatementSuite else ()
        if any(type(s) in (cst.Return, cst.Raise) for s in small):
            return True
    return False


def _awaits_acquire_task(body: cst.CSTNode) -> bool:
    """`got = create_task(sem.acquire())` then `await wait_any(got, stop.wait())`: the round waits for a slot,
    as `await sem.acquire()` does, only racing it against a stop signal. A slot task nobody awaits gates
    nothing."""
    slots = set()
    for node in walk_local(body):
        if type(node) is cst.Assign and len(node.targets) == 1 and type(node.targets[0].target) is cst.Name \
                and type(node.value) is cst.Call and dotted(node.value.func).endswith(_SPAWNS) and node.value.args:
            made = node.value.args[0].value
            if type(made) is cst.Call and type(made.func) is cst.Attribute and made.func.attr.value == "acquire":
                slots.add(node.targets[0].target.value)
    return bool(slots) and any(
        type(node) is cst.Await and any(type(n) is cst.Name and n.value in slots for n in walk_local(node))
        for node in walk_local(body))


def _waits_for_each(loop: cst.For) -> bool:
    """The round waits for its tasks one by one, as `await asyncio.gather(*tasks)` would: `for done in
    asyncio.as_completed(tasks): await done`, or `for task in tasks: data = await task`."""
    if type(loop.iter) is cst.Call and dotted(loop.iter.func).endswith("as_completed"):
        return any(type(node) is cst.Await for node in walk_local(loop.body))
    if type(loop.target) is not cst.Name:
        return False
    name = loop.target.value
    return any(type(node) is cst.Await and type(node.expression) is cst.Name and node.expression.value == name
               for node in walk_local(loop.body))


def _capacity_test(scope: Scope, test: cst.BaseExpression) -> bool:
    """`while self._can_spawn():` where that method of the class compares a count with a limit
    (`len(self._running) < self._limit`): the loop stops spawning when the limit is reached."""
    for node in walk_local(test):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and type(node.func.value) is cst.Name:
            owner = scope.self_class(node.func.value.value)
            method = owner.methods.get(node.func.attr.value) if owner is not None else None
            if method is not None and any(
                    type(inner) is cst.Comparison and type(inner.left) is cst.Call and dotted(inner.left.func) == "len"
                    for inner in walk_local(method.node)):
                return True
    return False


def _gated_inside(ctx: FileContext, site: CallSite) -> bool:
    """`create_task(self._work(sem, item))` where `_work` does its work under `async with sem:`: the tasks queue
    up on the semaphore, so how many run at once is bounded however many are started."""
    made = site.node.args[0].value if site.node.args else None
    if ctx.target_of(site) in GROUP_STARTS:  # `tg.start_soon(self._work, item)`: the function, called by the group
        value = site.scope.evaluate(made) if type(made) in (cst.Name, cst.Attribute) else None
    elif type(made) is not cst.Call:
        return False
    else:
        value = site.scope.evaluate(made.func)
    func = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if func is None or not func.is_async:
        return False
    return any(type(node) is cst.With and node.asynchronous is not None
               and any(_is_limiter(func, item.item) for item in node.items)
               for node in walk_local(func.node.body))


def _is_limiter(scope: Scope, node: cst.BaseExpression) -> bool:
    value = scope.evaluate(node)
    if value is not None and value[0] == INST and value[1] in _LIMITERS:
        return True
    return any(word in dotted(node).lower() for word in _LIMIT_WORDS)


# (what coroutines.py reads of a value's fate the same way)
fate, only_counted, COLLECTED, ITERATED, reads, made_here = _fate, _only_counted, _COLLECTED, _ITERATED, _reads, _made_here
