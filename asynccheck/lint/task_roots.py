"""Whether an awaiter relies on a task's cancellation coming back: the handles of the tasks a module starts.

A coroutine that swallows CancelledError hurts whoever's cancellation passes *through* it: a caller that awaits
it (its timeout, its task group), or a coroutine that awaits the task running it (cancelling an awaiter cancels
the task it waits on and counts on CancelledError coming back: `await asyncio.wait_for(task, 1)` on a swallowing
task returns None instead of raising TimeoutError). A task whose handle is dropped, kept only to be cancelled, or
awaited only right after the same function cancelled it (a `close()` that cancels its connection tasks and waits
for them to end) is cancelled by its owner alone, and the owner wants it to end. This module answers, per module,
whether some task a coroutine function runs in has a handle awaited without such a cancel first (relied_on); the
project index puts the modules' answers together for a function spawned elsewhere (cancellation.exported_relied).

The facts are gathered in one walk of the module, the first time a handler asks: each task handle holder (a local,
an attribute name of any receiver, a collection of them) with its uses, in source order per function.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import dotted, last_name, stored_as, walk_local
from asynccheck.lint.context import FileContext
from asynccheck.lint.facts import CATCHES, STARTS, is_project
from asynccheck.lint.scope import REF, Scope

# What a function does with a task handle it holds: cancel it, await it (itself or through gather, wait_for,
# shield), or let it go where this module cannot see (return it, hand it to some other call).
CANCEL, AWAIT, ESCAPE = "cancel", "await", "escape"
# `.result()` of a handle: a thread's wait on `run_coroutine_threadsafe`'s future (an await, for the thread), a
# look at an asyncio task's outcome (it must be done already: no waiter's cancel goes through it)
RESULT = "result"
# Calls that only store a handle in the collection they are a method of.
_STORES = frozenset(("add", "append", "appendleft", "insert"))
# Calls that take a handle and keep nothing of it, or only look at it.
_LOOKS = frozenset(("discard", "remove", "pop", "index", "count", "len", "id", "repr", "str", "print", "bool",
                    "isinstance", "get_name", "set_name", "debug", "info", "warning", "error", "exception"))
# Calls that hand back one entry of a collection of handles (`task = self._tasks.pop(key)`, `.get(key)`).
_TAKES_ONE = frozenset(("pop", "get", "popleft", "popitem"))
# Copies of a collection of handles: the copy holds the same tasks.
_COPIES = frozenset(("list", "tuple", "set", "sorted", "reversed", "frozenset"))
# Waits that hand the awaiter's cancel (or their timeout) on to the task they wait for and come back with whatever it
# returns: a task that swallows the cancel turns it into a normal return there. `asyncio.wait()` does not cancel.
_PASSES_CANCEL = frozenset(("wait_for",))
# Waits after which the awaiter is cancelled whatever the tasks do with it: `gather` cancels its tasks but raises
# CancelledError once they are done if it was cancelled itself, swallowed or not (CPython's _GatheringFuture, 3.8+),
# `shield` never passes the cancel on, `wait` cancels nothing. A task whose handle only meets these costs nobody.
_KEEPS_CANCEL = frozenset(("gather", "shield", "wait"))
_KEEPS_CANCEL_CALLS = frozenset((REF, "asyncio." + name) for name in _KEEPS_CANCEL)  # (a method so named is not)
_WAITS = _PASSES_CANCEL | _KEEPS_CANCEL
_COMPREHENSIONS = (cst.ListComp, cst.SetComp)
_MEMO = ("task roots",)
_AWAITED = ("awaited",)  # the destination of a task awaited where it is made: `await gen.convert_yielded(f())`
_TASK = ("inst", "asyncio.Task")


def relied_on(ctx: FileContext, spawn_sites: List[cst.Call]) -> bool:
    """Some task started here (``spawn_sites``) has a handle that a function awaits, or waits on with `wait_for` (a
    thread: `.result()` of `run_coroutine_threadsafe`'s future), without having cancelled it first: that awaiter's
    own cancel (its timeout, its task group) goes into the task and counts on coming back as CancelledError. A
    handle dropped, kept only to be cancelled, waited on only after a cancel or through `gather`/`shield`/`wait`, or
    handed where this module cannot see, shows no such awaiter."""
    if not spawn_sites:  # (asked of every coroutine a caller ends with: the facts walk the whole module)
        return False
    facts = _facts(ctx)
    for call in spawn_sites:
        holder = facts.holder_of.get(id(call), (ESCAPE,))
        if holder == _AWAITED or holder[0] not in (ESCAPE, "dropped") and facts.relied(holder):
            return True
    return False


# The last names of the calls that may start a task root (spawned() looks closer only at those)
_SPAWNER_NAMES = frozenset(("create_task", "ensure_future", "Task", "run_coroutine_threadsafe",
                            "call_soon_threadsafe", "call_soon", "start_soon", "add_callback", "spawn_callback",
                            "convert_yielded", "async_create_task", "async_create_background_task", "add_job",
                            "run_until_complete"))
# Spawners told by their method's name alone when the receiver's type is not known: tornado's and anyio's/trio's
_CALLS_BY_NAME = frozenset(("spawn_callback", "start_soon"))


def spawned(scope: Scope, call: cst.Call, ctx: Optional[FileContext] = None) -> Optional[cst.BaseExpression]:
    """What the call starts as a task nobody else owns: the coroutine call handed to `asyncio.create_task`,
    `ensure_future`, a loop's `create_task` (also through `loop.call_soon_threadsafe(loop.create_task, coro)`),
    `asyncio.run_coroutine_threadsafe` or a task group's `create_task`; or the coroutine function handed to
    `start_soon`, tornado's `add_callback`/`spawn_callback`; the others of knowledge.TASK_ROOT_SPAWNERS (tornado's
    `gen.convert_yielded`, Home Assistant's `hass.async_create_task`, `entry.async_create_background_task`). None
    for anything else. (A task group awaits its tasks, but only on its own behalf: it cancels them when it is
    cancelled or a sibling fails, and then raises its own outcome whatever they return.) Given ``ctx``, also the
    coroutine handed to a function of the project that starts it as a task and returns that task (_wraps_spawner).
    """
    func = call.func
    last = last_name(func)
    if last not in _SPAWNER_NAMES or not call.args:
        if ctx is None or not call.args or type(call.args[0].value) is not cst.Call or call.args[0].keyword \
                is not None or call.args[0].star:
            return None
        return call.args[0].value if _wraps_spawner(ctx, scope, call) else None
    first = call.args[0]
    if first.keyword is not None or first.star:
        return None
    value = scope.evaluate(func)
    name = value[1] if value is not None and value[0] == REF else None
    if last in ("call_soon_threadsafe", "call_soon"):
        # the loop calls `loop.create_task(coro)` later: the task is dropped where it is made
        if len(call.args) < 2 or type(call.args[1].value) is not cst.Call or call.args[1].keyword is not None \
                or type(first.value) is not cst.Attribute or first.value.attr.value not in ("create_task",
                                                                                            "ensure_future"):
            return None
        return call.args[1].value if _spawner(scope, first.value) else None
    takes_function, position = knowledge.TASK_ROOT_SPAWNERS.get(name, (None, 0)) if name is not None else (None, 0)
    if takes_function is None and (name is None or is_project(scope, name)) and type(func) is cst.Attribute and (
            last in _CALLS_BY_NAME or last == "add_callback" and _tornado_loop(func.value)):
        takes_function = True
    if takes_function is None:
        takes_function = False if _spawner(scope, func, value) or last == "run_until_complete" and _runs_loop(
            scope, func, name) else None
    if takes_function is None:
        return None
    if position:  # (a config entry's: `entry.async_create_background_task(hass, coro, name)`)
        if len(call.args) <= position or call.args[position].keyword is not None or call.args[position].star:
            return None
        first = call.args[position]
    argument = first.value
    if takes_function:
        return argument if type(argument) in (cst.Name, cst.Attribute) else None
    if type(argument) is cst.Name:
        return _made_to_spawn(scope, argument.value)
    return argument if type(argument) is cst.Call else None


def _wraps_spawner(ctx: FileContext, scope: Scope, call: cst.Call) -> bool:
    """The call calls a sync function of the project that starts a task running the coroutine handed to it and
    returns that task, keeping it nowhere (browser-use's `create_task_with_error_handling(coro, name=...)`, also
    inside a wrapper of the project that awaits it and catches its errors, hummingbot's `safe_ensure_future`): the
    caller holds the task as if it had called `create_task` (tasks' spawners and factories, also another module's
    through its facts). Remembered per call: each name asked about walks the module's calls again."""
    from asynccheck.lint import tasks  # (it imports cancellation, which imports this module)

    memo = ctx.root.memo.setdefault(("wraps spawner",), {})
    known = memo.get(id(call))
    if known is None:
        value = scope.evaluate(call.func)
        known = False
        if value is not None and value[0] == REF:
            func = ctx.functions.get(value[1])
            foreign = scope.module.foreign
            if func is not None:
                known = tasks.is_task_factory(ctx, func) and (tasks.is_spawner(ctx, func)
                                                               or tasks.runs_in_catcher(ctx, func))
            elif foreign is not None and is_project(scope, value[1]) and foreign.owns(value[1]):
                known = foreign.fact(value[1] + STARTS, None) == _TASK and (
                    foreign.fact(value[1] + tasks.SPAWNS, None) == _TASK
                    or foreign.fact(value[1] + CATCHES, None) == _TASK)
        memo[id(call)] = known
    return known


def _made_to_spawn(scope: Scope, name: str) -> Optional[cst.Call]:
    """The call a function's local holds when it is bound once, to that call, and read only by the spawner
    (strawberry's `result_handler = self.handle_async_results(...)`, then `create_task(result_handler)`)."""
    home = scope.lookup_scope(name)
    if home is None or home.kind != "function" or home.loads_of(name) != 1:
        return None
    made = home.sole_call(name)
    return made[0] if made is not None else None


def spawns(scope: Scope, call: cst.Call, ctx: Optional[FileContext] = None) -> bool:
    """The call starts a task root (see spawned)."""
    return spawned(scope, call, ctx) is not None


def _spawner(scope: Scope, func: cst.BaseExpression, value: Optional[tuple] = None) -> bool:
    """`asyncio.create_task`, `loop.create_task`, `asyncio.ensure_future` (a task group's `create_task` is in
    knowledge.TASK_ROOT_SPAWNERS)."""
    if value is None:
        value = scope.evaluate(func)
    known = value is not None and value[0] == REF
    if known and (value[1] in knowledge.TASK_SPAWNERS or not is_project(scope, value[1])):
        return value[1] in knowledge.TASK_SPAWNERS and value[1] != "asyncio.Task"
    # (`self.loop.create_task(...)` with `self.loop` set from an untyped parameter: the evaluator names it after
    # the class's attribute, as it does any member of the project's own it cannot follow)
    return type(func) is cst.Attribute and func.attr.value == "create_task" \
        and dotted(func.value).rpartition(".")[2].lower().endswith("loop")


def _runs_loop(scope: Scope, func: cst.BaseExpression, name: Optional[str]) -> bool:
    """`loop.run_until_complete(main())` on an event loop (`self._loop`, `asyncio.get_event_loop()`): the loop runs
    the coroutine as a task of its own that only the sync caller waits on, and no awaiter's cancel reaches it (Ctrl-C
    interrupts the loop, it cancels nothing; `asyncio.run` does cancel its main task, and is no such call)."""
    if name is not None and not is_project(scope, name):
        return name == "asyncio.AbstractEventLoop.run_until_complete"
    if type(func) is not cst.Attribute:
        return False
    receiver = func.value
    if type(receiver) is cst.Call:
        return dotted(receiver.func) in ("asyncio.get_event_loop", "asyncio.new_event_loop")
    return dotted(receiver).rpartition(".")[2].lower().endswith("loop")


def _tornado_loop(receiver: cst.BaseExpression) -> bool:
    """`IOLoop.current()`, `IOLoop.instance()`, `self.io_loop`, `self._ioloop`: tornado's loop, named so."""
    if type(receiver) is cst.Call and type(receiver.func) is cst.Attribute:
        return dotted(receiver.func.value).rpartition(".")[2] == "IOLoop"
    return dotted(receiver).rpartition(".")[2].lower().replace("_", "").endswith("ioloop")


class _Facts:
    """Per module: where each spawner call's task goes (holder_of) and, per holder, what each function does with it."""

    def __init__(self) -> None:
        self.holder_of: Dict[int, tuple] = {}
        # holder -> [(id of the function, position in its walk, CANCEL/AWAIT/ESCAPE)]
        self.uses: Dict[tuple, List[Tuple[int, int, str]]] = {}
        self.names: Set[str] = set()  # the names of the locals registered as holders
        self.links: Dict[tuple, Set[tuple]] = {}  # holders that hold the same tasks
        self.returns_dropped: Dict[str, bool] = {}  # private functions whose every caller here drops what they return
        self.threads_wait: Set[tuple] = set()  # holders of `run_coroutine_threadsafe`'s futures
        self.ctx: Optional[FileContext] = None  # (a helper handed a handle is read through it: _helper_wait)

    def relied(self, holder: tuple) -> bool:
        """Some function awaits the holder's tasks (or passes its cancel into them with `wait_for`) without having
        cancelled them first."""
        uses = self._joined_uses(holder)
        first_cancel: Dict[int, int] = {}
        for function, position, kind in uses:
            if kind == CANCEL:
                first_cancel[function] = min(position, first_cancel.get(function, position))
        return any(kind == AWAIT and first_cancel.get(function, position) >= position
                   for function, position, kind in uses)

    def _joined_uses(self, holder: tuple) -> List[Tuple[int, int, str]]:
        joined, stack = {holder}, [holder]
        while stack:
            for other in self.links.get(stack.pop(), ()):
                if other not in joined:
                    joined.add(other)
                    stack.append(other)
        uses = [use for member in joined for use in self.uses.get(member, ())]
        if not joined.isdisjoint(self.threads_wait):
            uses = [(function, position, AWAIT if kind == RESULT else kind) for function, position, kind in uses]
        return uses


def _facts(ctx: FileContext) -> _Facts:
    facts = ctx.root.memo.get(_MEMO)
    if facts is None:
        facts = ctx.root.memo[_MEMO] = _Facts()
        facts.ctx = ctx
        _note_returns_dropped(ctx, facts)
        # each scope walks its own nodes, not its nested scopes': the module once in all, twice over. First where
        # the spawner calls put their tasks and what is done with attributes (any may hold handles: which ones is
        # known only once every function is read), then what is done with the names found holding handles (a
        # module's set of tasks is read in every function).
        walks = [(scope, list(walk_local(scope.node))) for scope in ctx.scopes]
        for scope, nodes in walks:
            parents = ctx.parents(scope)
            for position, node in enumerate(nodes):
                if type(node) is cst.Call and node.args and spawns(scope, node, ctx):
                    holder = facts.holder_of[id(node)] = _destination(scope, node, parents, facts)
                    if last_name(node.func) == "run_coroutine_threadsafe":
                        facts.threads_wait.add(holder)
                elif type(node) is cst.Attribute and not _binding(node, parents):
                    _record(scope, ("attr", node.attr.value), node, parents, facts, position)
        for scope, nodes in walks:
            parents = ctx.parents(scope)
            for position, node in enumerate(nodes):
                if type(node) is cst.Name and node.value in facts.names and not _binding(node, parents):
                    holder = _local(scope, node.value)
                    if holder in facts.uses:
                        _record(scope, holder, node, parents, facts, position)
    return facts


def _note_returns_dropped(ctx: FileContext, facts: _Facts) -> None:
    """The private functions (`_schedule_event`) whose name is used in this module only by calls that are
    statements of their own: a task they return is dropped by every caller, as if they dropped it themselves.
    (Other modules may call a private name too: the project's own subclasses, which do the same here, are taken
    on trust.)"""
    from asynccheck.lint.cancellation import name_uses  # (it imports this module)

    private = {s.name for s in ctx.scopes if s.kind == "function" and s.name.startswith("_")
               and not s.name.endswith("__")}
    if not private:
        return
    calls: Dict[str, List[bool]] = {}
    for site in ctx.calls:
        name = last_name(site.node.func)
        if name in private:
            calls.setdefault(name, []).append(site.dropped and type(site.statement) is cst.Expr)
    uses = name_uses(ctx)
    defined: Dict[str, int] = {}
    for s in ctx.scopes:
        if s.name in private and type(s.node) is cst.FunctionDef:
            defined[s.name] = defined.get(s.name, 0) + 1
    for name, dropped in calls.items():
        facts.returns_dropped[name] = all(dropped) and len(uses.get(name, ())) == len(dropped) + defined.get(name, 0)


def _local(scope: Scope, name: str) -> tuple:
    """A name's holder key: the scope that binds it (a module's set of tasks is the same set in every function)."""
    home = scope.lookup_scope(name)
    return ("local", id(home if home is not None else scope), name)


def _holder(scope: Scope, node: cst.BaseExpression) -> Optional[tuple]:
    """What names a holder of handles: a local (of this function) or an attribute name (of any receiver)."""
    if type(node) is cst.Name:
        return _local(scope, node.value)
    if type(node) is cst.Attribute:
        return ("attr", node.attr.value)
    if type(node) is cst.Subscript:  # `self._tasks[key] = task`: the mapping holds it
        return _holder(scope, node.value)
    return None


def _binding(node: cst.CSTNode, parents: dict) -> bool:
    """The node names what is bound, not what is read: an assignment's or loop's target, a parameter, the
    attribute part of `x.name`, a keyword, a `def`'s name."""
    parent = parents.get(id(node))
    kind = type(parent)
    if kind in (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr):
        return parent.target is node
    if kind is cst.Attribute:
        return parent.attr is node
    if kind in (cst.Param, cst.FunctionDef, cst.ClassDef, cst.AsName):
        return parent.name is node
    return kind is cst.Arg and parent.keyword is node


def _awaited(call: cst.CSTNode, parents: dict) -> bool:
    """The call is awaited, or is the argument of a wait that is (`await gather(wait_for(t, 5), other)`)."""
    current = call
    while True:
        parent = parents.get(id(current))
        if type(parent) is cst.Await:
            return True
        if type(parent) is not cst.Arg:
            return False
        outer = parents.get(id(parent))
        if type(outer) is not cst.Call or dotted(outer.func).rpartition(".")[2] not in _WAITS:
            return False
        current = outer


def _waited_by(arg: cst.Arg, parents: dict) -> str:
    call = parents.get(id(arg))
    return dotted(call.func).rpartition(".")[2] if type(call) is cst.Call else ""


def _awaiter_swallows(scope: Scope, node: cst.CSTNode, parents: dict) -> bool:
    """The wait at ``node`` is the last statement of a `try` whose handler swallows CancelledError itself (freqtrade's
    `try: await gather(*self._sub_tasks) except CancelledError: pass`), or of a `with suppress(..., CancelledError)`
    (distributed's `await wait_for(report_task, 2)` at close): cancelled there, the awaiter goes on past the
    block whether the tasks re-raise or swallow, so it relies on nothing their swallowing takes away (its own
    swallow is judged on its own)."""
    from asynccheck.lint.cancellation import catches_cancellation, swallows  # (it imports this module)

    parent = parents.get(id(node))
    while parent is not None and not isinstance(parent, cst.BaseStatement):
        parent = parents.get(id(parent))
    block = parents.get(id(parent))
    statement_try = parents.get(id(block))
    if type(statement_try) not in (cst.Try, cst.With) or statement_try.body is not block \
            or block.body[-1] is not parent:
        return False
    if type(statement_try) is cst.With:
        return any(type(item.item) is cst.Call and last_name(item.item.func) == "suppress"
                   and any(catches_cancellation(scope, a.value) is not None for a in item.item.args if not a.star)
                   for item in statement_try.items)
    return any(catches_cancellation(scope, handler.type) is not None and swallows(scope, handler)
               for handler in statement_try.handlers)


def _destination(scope: Scope, call: cst.Call, parents: dict, facts: _Facts) -> tuple:
    """Where the task a spawner call starts goes: nowhere (`dropped`), a holder, or somewhere unseen (ESCAPE)."""
    parent = parents.get(id(call))
    if type(parent) is cst.Await or type(parent) is cst.Arg and _waited_by(parent, parents) in _PASSES_CANCEL \
            and _awaited(parents.get(id(parent)), parents):
        return _AWAITED
    if type(parent) is cst.Attribute and parent.attr.value == "result" and last_name(call.func) == \
            "run_coroutine_threadsafe" and type(parents.get(id(parent))) is cst.Call:
        return _AWAITED  # a thread waits on the task's outcome (and may `cancel()` the future on its timeout)
    if type(parent) is cst.Expr or type(parent) is cst.Return and facts.returns_dropped.get(scope.name, False) \
            and scope.kind == "function":
        return ("dropped",)
    current = call
    # `[create_task(self._read(c)) for c in conns]`, `[create_task(a()), create_task(b())]`, `{c: create_task(...)
    # for c in conns}`, `{None: create_task(watch())}`: the list (the mapping) holds them
    while type(parent) in (cst.Element, cst.List, cst.Tuple, cst.Set, cst.Dict) or type(parent) in _COMPREHENSIONS \
            and parent.elt is current or type(parent) in (cst.DictComp, cst.DictElement) and parent.value is current:
        current, parent = parent, parents.get(id(parent))
    return _kept_in(scope, current, parents, facts) or (ESCAPE,)


def _kept_in(scope: Scope, node: cst.CSTNode, parents: dict, facts: _Facts) -> Optional[tuple]:
    """The holder a value is stored in (`x = v`, `self.t = v`, `tasks.add(v)`, `tasks[k] = v`), registered
    so that its uses are recorded; None when it is not simply stored."""
    parent = parents.get(id(node))
    target = None
    if type(parent) is cst.Assign and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0].target
    elif type(parent) is cst.AnnAssign and parent.value is node:
        target = parent.target
    elif type(parent) is cst.Arg and parent.keyword is None and parent.star == "":
        call = parents.get(id(parent))
        if type(call) is cst.Call and type(call.func) is cst.Attribute and call.func.attr.value in _STORES \
                and call.args[-1] is parent:
            target = call.func.value
    holder = _holder(scope, target) if target is not None else None
    if holder is not None:
        _register(facts, holder)
    return holder


def _record(scope: Scope, holder: tuple, node: cst.CSTNode, parents: dict, facts: _Facts, position: int) -> None:
    """Note what the function does with the holder at ``node``; loop variables over it and copies of it (`for t in
    self._tasks`, `list(self._tasks)`) stand for it in this function."""
    kind = _use(scope, holder, node, parents, facts)
    if kind is not None:
        facts.uses.setdefault(holder, []).append((id(scope), position, kind))


def _use(scope: Scope, holder: tuple, node: cst.CSTNode, parents: dict, facts: _Facts) -> Optional[str]:
    current = node
    while True:
        parent = parents.get(id(current))
        kind = type(parent)
        if kind is cst.Attribute and parent.value is current:
            method = parent.attr.value
            call = parents.get(id(parent))
            if type(call) is cst.Call and call.func is parent:
                if method == "cancel":
                    return CANCEL
                if method == "result":
                    return RESULT
                if method in ("values", "copy") or method in _TAKES_ONE:
                    current = call  # (`t = self._tasks.pop(key)`: the entry taken out is one of its tasks)
                    continue
            return None  # `t.done()`, `t.add_done_callback(...)`, `tasks.discard`: looks, keeps nothing
        if kind is cst.Arg:
            call = parents.get(id(parent))
            name = dotted(call.func).rpartition(".")[2] if type(call) is cst.Call else ""
            if name in _COPIES:
                current = call
                continue
            if name in _KEEPS_CANCEL and scope.evaluate(call.func) in _KEEPS_CANCEL_CALLS:
                if name == "wait" and _awaited(call, parents):
                    _wait_results(scope, holder, call, parents, facts)
                return None  # awaited, stored, handed on or cancelled: the waiter's own cancel stays its own
            if _awaited(call, parents):
                if name not in _WAITS:  # (`await stop_task(task)`: what the helper does with it, a look if unknown)
                    waited = _helper_wait(scope, call, parent, facts)
                    return None if waited == ESCAPE else waited
                return AWAIT if name in _PASSES_CANCEL and not _awaiter_swallows(scope, call, parents) else None
            field = _stored_field(scope, call, parent)
            if field is not None:  # `Running(task, cancellation)`: its `.task` holds it from now on
                _link(facts, holder, ("attr", field))
                return None
            if name in _LOOKS or name in _STORES:
                if name in _STORES:
                    alias = _kept_in(scope, current, parents, facts)
                    if alias is not None and alias != holder:
                        _link(facts, holder, alias)
                return None
            return _helper_wait(scope, call, parent, facts)
        if kind is cst.Lambda:
            return ESCAPE
        if kind is cst.Element:
            target = _unpacked_into(parent, parents)
            if target is not None:  # `fut, self._fut = self._fut, None`: the name on the left takes it over
                alias = _holder(scope, target)
                if alias is None:
                    return ESCAPE
                if alias != holder:
                    _link(facts, holder, alias)
                return None
        if kind is cst.Element or kind is cst.StarredElement or kind is cst.List or kind is cst.Tuple:
            current = parent
            continue
        if kind is cst.Subscript and parent.value is current:
            # one of them, awaited or cancelled on the spot (`await self._readers[name]`); anything else done with
            # an entry is a look: any attribute may hold handles, and `data = hass.data[DOMAIN]` holds all sorts
            outer = parents.get(id(parent))
            if type(outer) is cst.Await:
                return AWAIT
            if type(outer) is cst.Arg and _waited_by(outer, parents) in _PASSES_CANCEL:
                current = parent  # `await wait_for(self._readers[name], 5)`
                continue
            if type(outer) is cst.Attribute and outer.value is parent and outer.attr.value == "cancel" \
                    and type(parents.get(id(outer))) is cst.Call:
                return CANCEL
            return None
        if kind is cst.Await:
            return None if _awaiter_swallows(scope, parent, parents) else AWAIT
        if kind is cst.Return and scope.kind == "function" and facts.returns_dropped.get(scope.name, False):
            return None  # (`_schedule_event(...)`'s callers throw its task away)
        if kind in (cst.Return, cst.Yield, cst.Lambda):
            return ESCAPE
        if kind is cst.For and parent.iter is current or kind is cst.CompFor and parent.iter is current:
            target = parent.target
            if type(target) is cst.Name:
                _alias(facts, holder, _local(scope, target.value))
                return None
            return ESCAPE
        if kind in (cst.Assign, cst.AnnAssign) and parent.value is current:
            alias = _kept_in(scope, current, parents, facts)
            if alias is None:
                return ESCAPE
            if alias != holder:
                _link(facts, holder, alias)
            return None
        if kind in (cst.ListComp, cst.GeneratorExp, cst.SetComp) and parent.elt is current:
            return None  # `[t.cancel() for t in tasks]` is seen through the loop variable
        return None  # a test (`if self._task is None`), a comparison, a `del`: looks


def _helper_wait(scope: Scope, call: cst.CSTNode, arg: cst.Arg, facts: _Facts) -> Optional[str]:
    """What a coroutine function of this module does with the handle it is handed (`await stop_task(task)`): AWAIT
    when it awaits the parameter, or waits on it with `wait_for`, before any `cancel()` of it (its own awaiter's
    cancel goes into the task); nothing (a look) when it cancels it first; ESCAPE when it does neither, or the
    callee is not known."""
    if type(call) is not cst.Call:
        return ESCAPE  # (a class's base, a decorator's argument)
    value = scope.evaluate(call.func)
    func = scope.module.functions.get(value[1]) if value is not None and value[0] == REF else None
    if func is None and value is not None and value[0] == REF and not arg.star:
        return _foreign_helper_wait(scope, value[1], call, arg)
    if func is None or not func.is_async or arg.star:
        return ESCAPE
    param = handed_param(func, call, arg)
    return ESCAPE if param is None else _param_wait(facts.ctx, func, param)


def handed_param(func: Scope, call: cst.Call, arg: cst.Arg) -> Optional[str]:
    """The parameter of ``func`` (a function of the module) that the argument ``arg`` of ``call`` arrives in."""
    params = [p.name.value for p in (*func.node.params.posonly_params, *func.node.params.params)]
    if func.class_scope is not None and type(call.func) is cst.Attribute and params:
        params = params[1:]  # (`self.stop_task(task)`: the handle is the second parameter)
    if arg.keyword is not None:
        param = arg.keyword.value
    else:
        position = next(i for i, a in enumerate(call.args) if a is arg)
        param = params[position] if position < len(params) else None
    return param if param is not None and func.lookup_scope(param) is func else None


def _param_wait(ctx: FileContext, func: Scope, param: str) -> Optional[str]:
    """_helper_wait's answer for the parameter ``param`` of the coroutine function ``func``."""
    helper_parents = None
    for node in walk_local(func.node):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "cancel" \
                and type(node.func.value) is cst.Name and node.func.value.value == param:
            return None
        waited = node.expression if type(node) is cst.Await else None
        if type(waited) is cst.Call and last_name(waited.func) in _PASSES_CANCEL and waited.args:
            waited = waited.args[0].value
        if type(waited) is cst.Name and waited.value == param:
            if helper_parents is None:
                helper_parents = ctx.parents(func)
            return None if _awaiter_swallows(func, node, helper_parents) else AWAIT
    return ESCAPE


# interface key suffix: what a module-level coroutine function does with the handles it is handed, so that another
# module's `await join_task(self._task)` waits on its task (value: ("args", "position:name:await|cancel,...") for
# the parameters it awaits, or waits on with `wait_for`, before cancelling them, or cancels first)
WAITS_ON = "(waits on)"


def exported_handle_waits(ctx: FileContext) -> Dict[str, tuple]:
    """Interface facts (see ``WAITS_ON``)."""
    out = {}
    for name, func in ctx.functions.items():
        if func.parent is None or func.parent.kind != "module" or not func.is_async \
                or type(func.node) is not cst.FunctionDef:
            continue
        entries = []
        for position, p in enumerate((*func.node.params.posonly_params, *func.node.params.params)):
            waited = _param_wait(ctx, func, p.name.value)
            if waited != ESCAPE:
                entries.append(f"{position}:{p.name.value}:{'await' if waited == AWAIT else 'cancel'}")
        if entries:
            out[f"{name}{WAITS_ON}"] = ("args", ",".join(entries))
    return out


def _foreign_helper_wait(scope: Scope, name: str, call: cst.Call, arg: cst.Arg) -> Optional[str]:
    """_helper_wait for a coroutine function of another module of the project, by its ``WAITS_ON`` fact."""
    foreign = scope.module.foreign
    if foreign is None or not foreign.owns(name):
        return ESCAPE
    fact = foreign.fact(name + WAITS_ON, None)
    if fact is None or fact[0] != "args":
        return ESCAPE
    position = None if arg.keyword is not None else next(i for i, a in enumerate(call.args) if a is arg)
    for entry in fact[1].split(","):
        at, param, kind = entry.split(":")
        if (param == arg.keyword.value) if arg.keyword is not None else int(at) == position:
            return AWAIT if kind == "await" else None
    return ESCAPE


def _stored_field(scope: Scope, call: cst.CSTNode, arg: cst.Arg) -> Optional[str]:
    """The attribute a class of this module keeps the argument in: its `__init__` binds `self.name = param`, or it
    is a dataclass (a NamedTuple) and the argument fills the field in that place or of that keyword."""
    if type(call) is not cst.Call or arg.star:
        return None
    value = scope.evaluate(call.func)
    cls = scope.module.classes.get(value[1]) if value is not None and value[0] == REF else None
    if cls is None or type(cls.node) is not cst.ClassDef:
        return None
    position = next((i for i, a in enumerate(call.args) if a is arg), None)
    keyword = arg.keyword.value if arg.keyword is not None else None
    init = cls.methods.get("__init__")
    if init is not None:
        params = init.node.params.params
        param = keyword if keyword is not None else params[position + 1].name.value \
            if position is not None and position + 1 < len(params) else None
        return stored_as(init, param) if param is not None else None
    if not any("dataclass" in dotted(d.decorator if type(d.decorator) is not cst.Call else d.decorator.func)
               for d in cls.node.decorators) and not any(dotted(b.value).endswith("NamedTuple")
                                                         for b in cls.node.bases):
        return None
    fields = [line.body[0].target.value for line in cls.node.body.body if type(line) is cst.SimpleStatementLine
              and type(line.body[0]) is cst.AnnAssign and type(line.body[0].target) is cst.Name]
    if keyword is not None:
        return keyword if keyword in fields else None
    return fields[position] if position is not None and position < len(fields) else None


def _unpacked_into(element: cst.Element, parents: dict) -> Optional[cst.BaseExpression]:
    """The target an element of a tuple is bound to by a parallel assignment (`a, b = x, y`), if it is one."""
    values = parents.get(id(element))
    assign = parents.get(id(values))
    if type(values) is not cst.Tuple or type(assign) is not cst.Assign or assign.value is not values \
            or len(assign.targets) != 1:
        return None
    targets = assign.targets[0].target
    if type(targets) not in (cst.Tuple, cst.List) or len(targets.elements) != len(values.elements) \
            or any(type(e) is not cst.Element for e in targets.elements + values.elements):
        return None
    return next(t.value for t, v in zip(targets.elements, values.elements) if v is element)


def _wait_results(scope: Scope, holder: tuple, call: cst.Call, parents: dict, facts: _Facts) -> None:
    """`done, pending = await asyncio.wait(tasks)`: the two sets hold the same tasks (`await pending.pop()`)."""
    assign = parents.get(id(parents.get(id(call))))
    if type(assign) is not cst.Assign or len(assign.targets) != 1:
        return
    target = assign.targets[0].target
    names = [e.value for e in target.elements] if type(target) in (cst.Tuple, cst.List) else [target]
    for name in names:
        if type(name) is cst.Name:
            _alias(facts, holder, _local(scope, name.value))


def _register(facts: _Facts, holder: tuple) -> None:
    facts.uses.setdefault(holder, [])
    if holder[0] == "local":
        facts.names.add(holder[2])


def _alias(facts: _Facts, holder: tuple, alias: tuple) -> None:
    """A loop variable over a holder: what is done through it is done to the holder's tasks."""
    _link(facts, holder, alias)


def _link(facts: _Facts, holder: tuple, alias: tuple) -> None:
    """The two hold the same tasks (a local stored in an attribute, a loop variable over a collection): their uses
    count together. A local that stands for two collections in turn joins them: cancelling either counts for both."""
    _register(facts, alias)
    facts.links.setdefault(holder, set()).add(alias)
    facts.links.setdefault(alias, set()).add(holder)
