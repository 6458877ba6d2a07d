"""What the rule families share while checking one file: its scopes, what it knows, and where findings go."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import knowledge, sdk_families
from asynccheck.lint.builder import LISTERS, NESTED, CallSite, ScopeBuilder, dotted, lister_for, walk_local
from asynccheck.lint.protocols import foreign_protocol, inherited_hooks, is_protocol
from asynccheck.lint.messages import call_text  # noqa: F401  (the rules import it from here)
from asynccheck.lint.results import Candidate, Knowledge
from asynccheck.lint.runners import Runner, called_params, foreign_runner, handed_params, parameter_of, shape
from asynccheck.lint.scope import INST, REF, Scope


@dataclass
class RawFinding:
    """A finding whose position is still a node; positions are computed once per file, at the end."""

    code: str
    node: cst.CSTNode
    message: str
    related: Tuple[Tuple[cst.CSTNode, str], ...] = ()
    keyword_width: int = 0  # >0: report only the first N characters (the `except` keyword, say)
    # the statements whose judgement this finding shares: where each line silences its code, so is it (a read
    # of `f` from `with open(p) as f:  # noqa: ASYNC230`, the only line another linter reports)
    judged_with: Tuple[cst.CSTNode, ...] = ()


class FileContext:
    def __init__(self, builder: ScopeBuilder, root: Scope, enabled: FrozenSet[str], known: Knowledge,
                 project_roots: FrozenSet[str]):
        self.builder = builder
        self.root = root
        self.scopes = builder.scopes
        self.calls = builder.calls
        self.enabled = enabled
        self.known = known
        self.project_roots = project_roots | {root.qualname.split(".")[0]}
        self.findings: List[RawFinding] = []
        self.candidates: List[Candidate] = []
        self.subsumed: set = set()  # ids of calls another rule already explains better
        self.functions: Dict[str, Scope] = {s.qualname: s for s in self.scopes if s.kind == "function"}
        self.decorator_effects: Dict[str, tuple] = {}  # filled by decorators.resolve
        self.decorated: Dict[str, tuple] = {}
        self.wrapped_by: Dict[str, str] = {}  # a function a decorator of this module made sync -> the wrapper
        self.runs_wrappers: Dict[str, Tuple[str, ...]] = {}  # a sync function -> the wrappers a call of it runs too
        self._parents: Dict[int, Dict[int, cst.CSTNode]] = {}  # id(scope) -> its nodes' parents, when asked
        self._on_loop: Dict[int, bool] = {}
        self._hooks: Dict[int, FrozenSet[str]] = {}  # id(class scope) -> inherited_hooks
        self._runners: Dict[int, Optional[Runner]] = {}  # id(function scope) -> what _runner says
        self._targets: Dict[int, Optional[str]] = {}  # id(call) -> target_of: every rule asks, several times
        self.started_as_task: Dict[str, bool] = {}  # a coroutine function's name -> used other than awaited here
        # cancellation.name_uses, filled when first asked (what the syntax says: kept when the facts are forgotten)
        self.name_uses: Optional[Dict[str, List[int]]] = None
        self.attribute_uses: Set[int] = set()  # ... those of its uses that are attributes (`x.name`)
        self.consumer_callbacks: Optional[Dict[str, tuple]] = None  # consumers.callbacks, filled when first asked
        self.started_as_task_base: set = set()
        # the module steps the project's coroutines itself, with no loop (trampolines.schedules_without_loop)
        self.schedules_without_loop = False

    def report(self, code: str, node: cst.CSTNode, message: str, related: Tuple[Tuple[cst.CSTNode, str], ...] = (),
               keyword_width: int = 0, judged_with: Tuple[cst.CSTNode, ...] = ()) -> None:
        if code in self.enabled:
            self.findings.append(RawFinding(code, node, message, related, keyword_width, judged_with))

    def is_project(self, qualname: str) -> bool:
        return qualname.split(".")[0] in self.project_roots

    def target_of(self, site: CallSite) -> Optional[str]:
        """The qualified name a call calls, with a name-based guess for loops and executors we cannot type."""
        key = id(site.node)
        if key not in self._targets:
            self._targets[key] = self._target(site)
        return self._targets[key]

    def _target(self, site: CallSite) -> Optional[str]:
        value = site.scope.evaluate(site.node.func)
        known = value is not None and value[0] == REF
        if value is not None and value[0] == INST and type(site.node.func) is cst.Attribute:
            base = site.scope.evaluate(site.node.func.value)  # `proxy.system.version()`: a sub-object called
            if base is not None and base[0] == INST and (base[1] in knowledge.ITEM_TYPES
                                                         or sdk_families.namespace(base[1], site.node.func.attr.value)):
                return f"{base[1]}.{site.node.func.attr.value}"
        if value is not None and value[0] == INST and f"{value[1]}.__call__" in self.root.defs:
            return f"{value[1]}.__call__"  # `mw(request)`: mw typed as a class (a Protocol) of this module
        if value is not None and value[0] == INST and f"{value[1]}.__call__" in knowledge.CALLABLE_INSTANCES:
            return f"{value[1]}.__call__"  # `sync_to_async(f)(x)`: a library wrapper object, called
        if known and not (self.is_project(value[1]) and value[1].rpartition(".")[0] not in self.root.defs):
            return value[1]
        func = site.node.func
        if known and type(func) is cst.Attribute and _typed_receiver(site.scope, func, value[1]):
            return value[1]
        if type(func) is cst.Attribute:  # also `obj.loop.create_task()` where obj's class is in another module
            receiver = dotted(func.value).rpartition(".")[2].lower()
            if receiver.endswith("loop"):
                return f"{knowledge.LOOP_TYPE}.{func.attr.value}"
            if receiver.endswith(("executor", "pool")) and not _async_pool(site, func.value):
                return f"concurrent.futures.ThreadPoolExecutor.{func.attr.value}"
        return value[1] if known else None

    def parents(self, scope: Scope) -> Dict[int, cst.CSTNode]:
        """id(node) -> parent node, for the code of ``scope`` (built on demand: few rules need it)."""
        found = self._parents.get(id(scope))
        if found is None:
            found = self._parents[id(scope)] = parents_of(scope.node)
        return found

    def on_loop_thread(self, scope: Scope) -> bool:
        """Does the code of ``scope`` run on the event loop's thread? A coroutine's body does, and so does a
        protocol method the loop calls (`data_received`) and a lambda handed to `loop.call_soon(...)`. A lambda
        written in a coroutine does only when it is called right there: `(lambda: ...)()`, `f = lambda: ...` then `f()`,
        `sorted(xs, key=lambda x: ...)`, `list(map(lambda x: ..., xs))`. One handed to a thread
        (`asyncio.to_thread`, `run_in_executor`, `Thread(target=...)`, an executor, `functools.partial` of
        those) or kept to run later does not. A nested `def` is not either: it is followed from where it is
        called, as every helper is, so that one handed to a thread is not reported."""
        if scope.kind != "lambda":
            return scope.runs_on_loop or self._protocol_callback(scope) or self._loop_run_handler(scope)
        known = self._on_loop.get(id(scope))
        if known is None:
            self._on_loop[id(scope)] = False  # (a lambda inside itself)
            outer = scope.parent
            known = outer is not None and (self.handed_to_loop(outer, scope.node) or (
                self.on_loop_thread(outer) and self._called_here(outer, scope.node))
                or self._handed_to_loop_runner(outer, scope.node))
            self._on_loop[id(scope)] = known
        return known

    def _protocol_callback(self, scope: Scope) -> bool:
        """A sync method that the loop calls as I/O happens: `data_received` of an `asyncio.Protocol` subclass,
        or a hook that a base protocol's callbacks call on `self` (`frame_received` of a framing base class, of
        this module or another), which the subclass overrides."""
        owner = scope.class_scope
        if scope.is_async or owner is None:
            return False
        if scope.name in knowledge.PROTOCOL_CALLBACKS:
            return self._is_protocol_class(owner)
        return scope.name in self._inherited_hooks(owner)

    def _loop_run_handler(self, scope: Scope) -> bool:
        """A plain function a web framework calls on the loop's thread as a request handler: a Litestar route
        declared `sync_to_thread=False` (the author's word that it does not block), a Sanic route (Sanic awaits
        what a handler returns only when it is awaitable, and calls a plain one right there). FastAPI, Starlette
        and Quart run plain handlers in a thread pool instead."""
        if scope.kind != "function" or scope.is_async or scope.parent is None:
            return False
        decorators = getattr(scope.node, "decorators", ())
        if not decorators:
            return False
        known = self._on_loop.get(id(scope))
        if known is None:
            known = self._on_loop[id(scope)] = any(
                _runs_plain_handler_on_loop(scope.parent, d.decorator) for d in decorators)
        return known

    def _is_protocol_class(self, owner: Scope) -> bool:
        known = self._on_loop.get(id(owner))
        if known is None:
            known = self._on_loop[id(owner)] = is_protocol(owner, 0, self._foreign_hooks)
        return known

    def _inherited_hooks(self, owner: Scope) -> FrozenSet[str]:
        known = self._hooks.get(id(owner))
        if known is None:
            self._hooks[id(owner)] = frozenset()  # (a class among its own bases)
            known = self._hooks[id(owner)] = inherited_hooks(owner, self._foreign_hooks)
        return known

    def _foreign_hooks(self, name: str) -> Optional[FrozenSet[str]]:
        told = foreign_protocol(self.root, name)
        return told[1] if told is not None else None

    def loop_callback(self, scope: Scope, call: cst.Call) -> Optional[cst.BaseExpression]:
        """The callable that ``call`` hands to the event loop to call later on its thread (`loop.call_soon(f)`,
        `loop.call_later(5, f)`, `task.add_done_callback(f)`), or None."""
        if type(call.func) is not cst.Attribute or call.func.attr.value not in _CALLBACK_METHODS:
            return None  # (asked of every call: the name rules out nearly all of them before any evaluation)
        value = scope.evaluate(call.func)
        target = value[1] if value is not None and value[0] == REF else None
        where = knowledge.LOOP_CALLBACK_ENTRY.get(target) if target is not None else None
        if where is None and type(call.func) is cst.Attribute and \
                dotted(call.func.value).rpartition(".")[2].lower().endswith("loop"):
            where = knowledge.LOOP_CALLBACK_ENTRY.get(f"{knowledge.LOOP_TYPE}.{call.func.attr.value}")
        if where is None:
            return None
        position, keyword = where
        for i, arg in enumerate(call.args):
            if arg.star:
                return None
            if (arg.keyword is not None and arg.keyword.value == keyword) or (arg.keyword is None and i == position):
                return arg.value
        return None

    def handed_to_loop(self, outer: Scope, node: cst.Lambda) -> bool:
        """`loop.call_soon(lambda: ...)`: the loop calls it on its thread, wherever it was scheduled from."""
        parents = self.parents(outer)
        arg = parents.get(id(node))
        call = parents.get(id(arg)) if type(arg) is cst.Arg else None
        return type(call) is cst.Call and self.loop_callback(outer, call) is node

    def _handed_to_loop_runner(self, outer: Scope, node: cst.Lambda) -> bool:
        """`await retry(lambda: requests.get(url))`: the lambda is handed to a function (of this module or
        another) that calls that parameter on the loop's thread (a coroutine's body, a protocol callback), or
        hands it to the loop to call (`def every(loop, s, fn): loop.call_later(s, fn)`)."""
        parents = self.parents(outer)
        arg = parents.get(id(node))
        call = parents.get(id(arg)) if type(arg) is cst.Arg else None
        return type(call) is cst.Call and self.runs_argument(outer, call, arg)

    def runs_argument(self, scope: Scope, call: cst.Call, arg: cst.Arg) -> bool:
        """Does the function ``call`` calls run the callable ``arg`` hands it on the loop's thread?"""
        value = scope.evaluate(call.func)
        if value is None or value[0] != REF:
            return False
        local = self.functions.get(value[1])
        if local is not None:
            runner = self._runner(local)
        else:
            runner = foreign_runner(self.root, value[1])
        return runner is not None and parameter_of(runner, call, arg) is not None

    def may_run_arguments(self, scope: Scope, call: cst.Call) -> bool:
        """Can the function ``call`` calls be one that runs a callable it is handed (``runs_argument``)? Asks
        nothing of other modules: the rules test this before they work out what each argument is."""
        value = scope.evaluate(call.func)
        if value is None or value[0] != REF:
            return False
        local = self.functions.get(value[1])
        if local is not None:
            return self._runner(local) is not None
        return self.root.foreign is not None and self.root.foreign.owns(value[1])

    def _runner(self, function: Scope) -> Optional[Runner]:
        known = self._runners.get(id(function), False)
        if known is False:
            self._runners[id(function)] = None  # (a lambda handed to the function it is in)
            called = frozenset()
            if function.kind == "function":
                called = handed_params(self, function)
                if self.on_loop_thread(function):
                    called |= called_params(function)
            known = self._runners[id(function)] = shape(function, called) if called else None
        return known

    def _called_here(self, outer: Scope, node: cst.Lambda) -> bool:
        parents = self.parents(outer)
        parent = parents.get(id(node))
        if type(parent) is cst.Call:  # `(lambda: ...)()`
            return parent.func is node
        if type(parent) is cst.Arg:
            call = parents.get(id(parent))
            if type(call) is not cst.Call:
                return False
            name = dotted(call.func).rpartition(".")[2]
            if parent.keyword is not None:
                return parent.keyword.value == "key" and name in _KEY_CALLERS
            if type(call.func) is cst.Name and name in ("map", "filter") and call.args[0] is parent:
                return any(c.node is call and c.consumed for c in outer.events.get("calls", ()))
            return False
        if type(parent) in (cst.Assign, cst.AnnAssign) and parent.value is node:
            targets = [t.target for t in parent.targets] if type(parent) is cst.Assign else [parent.target]
            names = {t.value for t in targets if type(t) is cst.Name}
            return any(type(c.node.func) is cst.Name and c.node.func.value in names
                       for c in outer.events.get("calls", ()))
        return False

    def instance_type(self, scope: Scope, node: cst.BaseExpression) -> Optional[str]:
        value = scope.evaluate(node)
        return value[1] if value is not None and value[0] == INST else None


def first_await(node: cst.CSTNode) -> Optional[cst.CSTNode]:
    """The first suspension point under ``node``: an await, or an async for/with header."""
    for current in walk_local(node):
        if type(current) is cst.Await:
            return current
        if type(current) in (cst.For, cst.With, cst.CompFor) and current.asynchronous is not None:
            return current.asynchronous
    return None


_CALLBACK_METHODS = frozenset(name.rpartition(".")[2] for name in knowledge.LOOP_CALLBACK_ENTRY)

# Calls that call their `key=` function at once.
_KEY_CALLERS = frozenset({"sorted", "min", "max", "sort", "nsmallest", "nlargest", "groupby", "bisect_left",
                          "bisect_right", "insort", "insort_left", "insort_right", "merge"})


def _async_pool(site: CallSite, receiver: cst.BaseExpression) -> bool:
    """`await pool.map(fetch, urls)`, `async with make_pool() as pool`: a pool used the async way is an async
    library's (an aiomultiprocess-style pool that runs coroutine functions), not a concurrent.futures executor,
    whose results cannot be awaited and which is not an async context manager."""
    if site.awaited:
        return True
    if type(receiver) is not cst.Name:
        return False
    owner = site.scope.lookup_scope(receiver.value)
    entered = [b[1] for b in owner.bindings.get(receiver.value, ()) if b[0] == "enter"] if owner is not None else []
    if not entered:
        return False
    return any(w.asynchronous is not None and any(item.item is made for item in w.items for made in entered)
               for w, _ in owner.events.get("withs", ()))


def parents_of(root: cst.CSTNode) -> Dict[int, cst.CSTNode]:
    """id(node) -> its parent, for the code of one scope (not inside nested functions, lambdas and classes)."""
    parents: Dict[int, cst.CSTNode] = {}
    stack = [root]  # walk_local's order, with each node's children listed once for the walk and the map
    listers = LISTERS
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in NESTED and node is not root:
            continue
        lister = listers.get(kind)  # (children(node), without a call of its own per node)
        below = lister(node) if lister is not None else lister_for(kind)(node)
        for child in below:
            parents[id(child)] = node
        below.reverse()
        stack.extend(below)
    return parents


def _typed_receiver(scope: Scope, func: cst.Attribute, target: str) -> bool:
    """`self.spool.read()` with `self.spool: Spool`, a class of another module: the call is that class's method,
    whatever the attribute's name suggests (the name guess is for receivers the model cannot type; a subclass of
    the library's executor or loop is followed to the library's method through the project index)."""
    receiver = scope.evaluate(func.value)
    return receiver is not None and receiver[0] == INST and target == f"{receiver[1]}.{func.attr.value}"


def _runs_plain_handler_on_loop(outer: Scope, decorator: cst.BaseExpression) -> bool:
    """`@get("/", sync_to_thread=False)` (Litestar), `@app.get("/")` on a Sanic app or blueprint."""
    if type(decorator) is not cst.Call:
        return False
    func = decorator.func
    if type(func) is cst.Attribute and func.attr.value in knowledge.SANIC_ROUTE_METHODS:
        owner = outer.evaluate(func.value)
        return owner is not None and owner[0] == INST and owner[1] in knowledge.SANIC_ROUTERS
    value = outer.evaluate(func)
    if value is None or value[0] != REF or value[1] not in knowledge.LITESTAR_ROUTES:
        return False
    return any(arg.keyword is not None and arg.keyword.value == "sync_to_thread" and type(arg.value) is cst.Name
               and arg.value.value == "False" for arg in decorator.args)
