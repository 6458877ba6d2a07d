"""Who fills a queue, and whether anything slows them down: the evidence ACK501 decides on.

"Bounded is bounded": an unbounded queue is a problem only when a producer is open-ended (a `put` in a loop
over a stream, in a protocol callback such as `data_received`, in a method that queues what each caller hands
it, in a callback) and nothing visible applies backpressure (`transport.pause_reading()`, a `qsize()`/`full()`
check, waiting for the consumer after each put, a byte counter compared to a cap). A fixed few puts (start-up,
shutdown, a sentinel) and a free list refilled by releases are bounded by the code's shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import dotted, iter_children, walk_local
from asynccheck.lint.scope import Scope

_PUTS = ("put", "put_nowait")
_ONE_SHOT = frozenset("call_soon call_soon_threadsafe call_later call_at run_in_executor to_thread submit".split())
# a callback these take runs once, when the task or future it is given to ends: a queue only it fills holds one
# item per task started, so what starts the tasks (a limit, a prefetch window, a request) bounds the queue
_ON_TASK_END = frozenset({"add_done_callback"})
_RUNS_ONCE = frozenset("Thread Timer Process partial create_task ensure_future run".split())
_RELEASE_WORDS = ("release", "put_back", "give_back", "checkin", "check_in", "recycle", "return")
_ONCE_NAMES = frozenset(
    "__init__ __aenter__ __aexit__ __enter__ __exit__ close aclose start stop shutdown startup connection_made "
    "connection_lost eof_received cancel".split()
)
_NEUTRAL_DECORATORS = frozenset(
    "staticmethod classmethod property cached_property wraps abstractmethod override overload contextmanager "
    "asynccontextmanager lru_cache cache setter getter deleter final".split()
)
# Bare decorators that only mark a function and hand it back (Home Assistant's `@callback`: "safe to run on the
# loop"): nothing registers it, so it runs when its callers call it. Called, `@app.callback(Output(...))`, it registers.
_MARKER_DECORATORS = frozenset({"callback"})
_ONCE_EVENT_WORDS = frozenset(
    "start started startup stop stopped shutdown close closed connect connected disconnect disconnected open "
    "opened init ready exit lost eof cleanup done complete finish finished teardown reconnect reconnected resume "
    "resumed".split()
)
# Names of methods that recover a connection (`reconnect()`, `_resume()`): they run once per failure of the
# connection, at the pace of its state changes, not of its traffic (discord.py's shards, websocket clients).
_RECOVERY_NAMES = frozenset({"reconnect", "resume"})
_WAIT_SUFFIXES = ("drain", "join", "wait", "wait_for", "gather")
_CAP_WORDS = ("max", "limit", "high_water", "highwater", "watermark", "threshold", "cap")
_SIZE_WORDS = ("size", "bytes", "len", "buffered", "pending", "total", "count")
_DEPTH = 4  # callers followed when asking "is this function called per message?"


@dataclass
class Producer:
    node: cst.CSTNode  # the put call, or the `q.put_nowait` handed out as a callback
    scope: Scope
    why: Optional[str] = None  # set when the producer is open-ended: where the open end is
    # the call that handed the queue to the function the put is in, and the scope of that call
    via: Optional[Tuple[cst.Call, Scope]] = None


@dataclass
class QueueUses:
    producers: List[Producer] = field(default_factory=list)
    escapes: List[cst.CSTNode] = field(default_factory=list)  # handed to code we cannot follow, or returned
    size_checked: bool = False  # `q.qsize()` / `q.full()`


class ModuleMap:
    """Every node's parent and scope, built on demand (only modules with an unbounded queue pay for it)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.parent: Dict[int, cst.CSTNode] = {}
        self.scope: Dict[int, Scope] = {}
        self.nodes: List[cst.CSTNode] = []
        root = ctx.root
        stack: List[Tuple[cst.CSTNode, Scope]] = [(root.node, root)]
        scope_of = ctx.builder.scope_of
        while stack:
            node, scope = stack.pop()
            self.scope[id(node)] = scope
            self.nodes.append(node)
            inner = scope_of.get(id(node), scope)
            for child in iter_children(node):
                self.parent[id(child)] = node
                # decorators, defaults and annotations of a def belong to the enclosing scope
                child_scope = inner if type(node) is not cst.FunctionDef or child is node.body else scope
                stack.append((child, child_scope))
        self._per_message: Dict[Tuple[str, Optional[str]], Optional[str]] = {}
        self._callers: Optional[Dict[str, List[Tuple[cst.Call, Scope]]]] = None
        self._callbacks: Optional[Set[str]] = None
        self._threaded: Optional[Set[str]] = None
        self._task_end_hooks: Optional[Set[str]] = None

    def ancestors(self, node: cst.CSTNode, stop: cst.CSTNode) -> List[cst.CSTNode]:
        """From ``node`` up to (not including) ``stop``."""
        out = []
        current = self.parent.get(id(node))
        while current is not None and current is not stop:
            out.append(current)
            current = self.parent.get(id(current))
        return out

    # -- uses of one queue ---------------------------------------------------------------------------------
    def uses(self, is_queue, skip: cst.CSTNode, depth: int = 0) -> QueueUses:
        """What the module does with the queue ``is_queue(expr, scope)`` recognises."""
        found = QueueUses()
        for node in self.nodes:
            if node is skip:
                continue
            scope = self.scope[id(node)]
            if type(node) is cst.Call:
                func = node.func
                if type(func) is cst.Attribute and (is_queue(func.value, scope) or _janus_side(func.value, is_queue, scope)):
                    if func.attr.value in _PUTS:
                        found.producers.append(Producer(node, scope))
                    elif func.attr.value == "full" or (func.attr.value == "qsize" and not self._only_shown(node)):
                        found.size_checked = True
                    continue
                if type(func) is cst.Name and func.value == "len" and len(node.args) == 1 \
                        and self._its_deque(node.args[0].value, is_queue, scope) and not self._only_shown(node):
                    found.size_checked = True  # `len(q._queue)`: the size of the deque an asyncio queue keeps
                    continue
                for index, arg in enumerate(node.args):
                    value = arg.value
                    if type(value) is cst.Attribute and value.attr.value in _PUTS and is_queue(value.value, scope):
                        one_shot = (type(func) is cst.Attribute and func.attr.value in _ONE_SHOT) \
                            or _schedules_one_put(func, node.args, index)
                        calls = None if one_shot else self._callback_calls(node, arg, scope)
                        if calls is not None:
                            found.producers.extend(Producer(call, where) for call, where in calls)
                            continue
                        found.producers.append(Producer(node if one_shot else value, scope,
                                                        None if one_shot else "where it is handed out as a callback"))
                    elif is_queue(value, scope):
                        followed = self._follow(node, arg, scope, depth)
                        if followed is None:
                            found.escapes.append(node)
                        else:
                            found.producers.extend(followed.producers)
                            found.escapes.extend(followed.escapes)
                            found.size_checked |= followed.size_checked
            elif type(node) in (cst.Return, cst.Yield) and node.value is not None:
                if any(is_queue(e, scope) for e in _elements(node.value)):
                    found.escapes.append(node)
            elif type(node) is cst.Assign and is_queue(node.value, scope):
                found.escapes.append(node)
        return found

    def _its_deque(self, value: cst.BaseExpression, is_queue, scope: Scope) -> bool:
        """`q._queue`, the deque inside an asyncio (or queue.Queue) queue, or a local of ``scope`` bound to it
        (`items = self.pending._queue` ... `len(items)`)."""
        if type(value) is cst.Attribute:
            return value.attr.value == "_queue" and is_queue(value.value, scope)
        if type(value) is not cst.Name or scope.kind != "function" or scope.lookup_scope(value.value) is not scope:
            return False
        # (on some path: `items = self.pending._queue` in one branch, another queue's deque in the other, then
        # `items = cast(list, items)`, `return len(items)`)
        return any(binding[0] == "expr" and type(binding[1]) is cst.Attribute and binding[1].attr.value == "_queue"
                   and is_queue(binding[1].value, scope) for binding in scope.bindings.get(value.value, ()))

    def read_once_here(self, is_queue, function: Scope) -> bool:
        """Does ``function`` take one item from the queue, once (one `get()`, in no loop), and nothing else in
        the module take any? Then the queue is a reply channel for one request."""
        gets = []
        for node in self.nodes:
            if type(node) is cst.Call and type(node.func) is cst.Attribute \
                    and node.func.attr.value in ("get", "get_nowait"):
                scope = self.scope[id(node)]
                if is_queue(node.func.value, scope) or _janus_side(node.func.value, is_queue, scope):
                    gets.append((node, scope))
        if len(gets) != 1 or gets[0][1] is not function:
            return False
        return not any(type(a) in (cst.For, cst.While) for a in self.ancestors(gets[0][0], function.node))

    def _only_shown(self, call: cst.Call) -> bool:
        """`log.debug("%d queued", q.qsize())`, `if q.qsize() % 100 == 0: log(...)`, `return {"queued":
        q.qsize()}`: the size is shown (logged, formatted, put in a reply), not compared to a bound, so it slows
        nobody down."""
        parent = self.parent.get(id(call))
        while type(parent) is cst.BinaryOperation:
            if type(parent.operator) is cst.Modulo:
                return True
            parent = self.parent.get(id(parent))
        if type(parent) is cst.Return:
            return self._size_never_compared(self.scope[id(call)])
        return type(parent) in (cst.Arg, cst.FormattedStringExpression, cst.DictElement, cst.Element)

    def _size_never_compared(self, function: Scope) -> bool:
        """`def qsize(self): return self._q.qsize()` (or a property `backlog` alike): the size handed to callers,
        which slows a producer down only where one compares it (`if outbox.backlog() > LIMIT:`). Where nothing in
        the module compares it, it is shown (a metric, a log line), as a logged size is. (`__len__` stays a check:
        `len(x)` is compared under any name.)"""
        if function.kind != "function" or function.name == "__len__":
            return False
        name = function.name
        return not any(
            type(node) is cst.Comparison and any(
                (type(n) is cst.Attribute and n.attr.value == name) or (type(n) is cst.Name and n.value == name)
                for n in walk_local(node))
            for node in self.nodes)

    def _follow(self, call: cst.Call, arg: cst.Arg, scope: Scope, depth: int) -> Optional[QueueUses]:
        """The queue handed to a function of this module: its uses under the parameter's name there. Handed
        with that function to an API that calls it with the arguments that follow it (`tg.start_soon(self.fill,
        queue)`, `to_thread(fill, queue)`, `loop.run_in_executor(None, fill, queue)`), the same."""
        if depth >= 2 or arg.star:
            return None
        callee, given = call.func, [a for a in call.args if a.keyword is None]
        value = scope.evaluate(callee)
        target = self.ctx.functions.get(value[1]) if value is not None and value[0] == "ref" else None
        if target is None:
            handed = _handed_callable(call)
            if handed is None or arg not in given[handed + 1:]:
                return None
            callee, given = given[handed].value, given[handed + 1:]
            value = scope.evaluate(callee)
            target = self.ctx.functions.get(value[1]) if value is not None and value[0] == "ref" else None
            if target is None or type(target.node) is not cst.FunctionDef:
                return None
        params = target.node.params
        positional = [*params.posonly_params, *params.params]
        if target.self_name is not None and type(callee) is cst.Attribute:
            positional = positional[1:]
        name = None
        if arg.keyword is not None:
            name = arg.keyword.value
        else:
            index = next(i for i, a in enumerate(given) if a is arg)
            if index < len(positional):
                name = positional[index].name.value
        if name is None or name not in target.bindings:
            return None

        def is_param(expr, where: Scope) -> bool:
            return type(expr) is cst.Name and expr.value == name and where.lookup_scope(name) is target

        found = self.uses(is_param, call, depth + 1)
        for producer in found.producers:
            if producer.via is None and producer.scope is target:
                producer.via = (call, scope)
        return found

    def _callback_calls(self, call: cst.Call, arg: cst.Arg, scope: Scope) -> Optional[List[Tuple[cst.Call, Scope]]]:
        """`Shard(ws, self, self._queue.put_nowait)`: a queue's put handed to a class (or function) of this module,
        which keeps it (`self._queue_put = queue_put`) and calls it; those calls are the queue's producers, each
        as open-ended as where it runs (a read loop, or only a failure or reconnect path). None when the put goes
        anywhere else (kept in a container, handed on), or to code this module does not have."""
        value = scope.evaluate(call.func)
        if value is None or value[0] != "ref" or arg.star:
            return None
        cls = self.ctx.root.classes.get(value[1])
        target = cls.methods.get("__init__") if cls is not None else self.ctx.functions.get(value[1])
        if target is None or type(target.node) is not cst.FunctionDef:
            return None
        params = [*target.node.params.posonly_params, *target.node.params.params]
        if cls is not None or (target.self_name is not None and type(call.func) is cst.Attribute):
            params = params[1:]
        given = [a for a in call.args if a.keyword is None]
        if arg.keyword is not None:
            name = arg.keyword.value
        else:
            index = next(i for i, a in enumerate(given) if a is arg)
            name = params[index].name.value if index < len(params) else None
        if name is None or not all(b[0] == "param" for b in target.bindings.get(name, ())):
            return None
        calls: List[Tuple[cst.Call, Scope]] = []
        kept: Set[str] = set()
        for node in walk_local(target.node.body):
            if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == name:
                calls.append((node, target))
            elif type(node) in (cst.Assign, cst.AnnAssign) and type(node.value) is cst.Name \
                    and node.value.value == name:
                # `self._queue_put = queue_put` (declared or not)
                for t in (node.targets if type(node) is cst.Assign else (node,)):
                    if type(t.target) is cst.Attribute and type(t.target.value) is cst.Name \
                            and t.target.value.value == target.self_name and cls is not None:
                        kept.add(t.target.attr.value)
                    else:
                        return None
        loads = sum(1 for node in walk_local(target.node.body) if type(node) is cst.Name and node.value == name)
        if loads != len(calls) + len(kept):
            return None  # handed on, or kept somewhere else
        for node in (self.nodes if kept else ()):
            if type(node) is cst.Attribute and node.attr.value in kept and type(node.value) is cst.Name \
                    and self.scope[id(node)].self_class(node.value.value) is cls:
                parent = self.parent.get(id(node))
                if type(parent) is cst.Call and parent.func is node:
                    calls.append((parent, self.scope[id(parent)]))
                elif type(parent) not in (cst.AssignTarget, cst.AnnAssign):
                    return None  # read for something else than a call: followed no further
        return calls

    def _done_callback(self, function: Scope) -> bool:
        """A lambda given to `task.add_done_callback(...)`: it runs once, when that task ends (the end-of-stream
        `None` a reader's task leaves behind), however often the task's own code puts."""
        outer = function.parent
        if outer is None:
            return False
        parents = self.ctx.parents(outer)
        arg = parents.get(id(function.node))
        call = parents.get(id(arg)) if type(arg) is cst.Arg else None
        return type(call) is cst.Call and type(call.func) is cst.Attribute \
            and call.func.attr.value == "add_done_callback" and call.args[0] is arg

    # -- is a producer open-ended? -------------------------------------------------------------------------
    def open_end(self, producer: Producer, owner: Optional[Scope] = None,
                 made: Optional[cst.CSTNode] = None) -> Optional[str]:
        """Where ``producer`` is open-ended, None if it is not. ``owner``: the function a local queue belongs
        to; each call of it makes a fresh queue, so what calls it, and how often, does not fill this one.
        ``made``: the call that makes that local queue."""
        if producer.why is not None:
            return producer.why
        scope = producer.scope
        function = scope if scope.kind in ("function", "lambda") else None
        stop = function.node if function is not None else self.ctx.root.node
        ancestors = self.ancestors(producer.node, stop)
        for index, outer in enumerate(ancestors if not _then_leaves(ancestors) else ()):
            inside = ancestors[index - 1] if index else producer.node
            if _each_round(outer, inside) and not _refills_what_it_takes(outer, producer.node, ancestors[:index]) \
                    and not _drains_another(outer, producer.node, ancestors[:index]):
                if made is not None and scope is owner and self._made_each_round(made, outer, stop):
                    continue
                return "in a loop"
        if function is not None and function.qualname in self._thread_targets() and any(
                _reads_a_stream(function, outer, ancestors[index - 1] if index else producer.node)
                for index, outer in enumerate(ancestors)):
            return f"in a loop over what `{function.name}()` reads on a thread of its own"
        if _puts_back_what_it_took(producer.node, ancestors) or _latched(producer.node, ancestors) \
                or function is not None and _closes_behind_it(producer.node, ancestors, function):
            return None
        if function is None or _end_marker(function, producer.node) \
                or _one_way_transition(producer.node, ancestors, function) or _coalesced(self, function):
            return None
        if function.kind == "lambda":
            return None if self._done_callback(function) else "in a callback"
        if self._refilled_when_empty(producer, function, ancestors):
            return None
        if function is owner:
            return None
        if owner is not None and producer.via is not None and producer.via[1] is owner \
                and not self._in_open_loop(producer.via[0], owner.node):
            # the queue is the owner's own, made fresh on each of its calls, and handed to this function once:
            # it runs once per queue, so its name (`on_message`) or its callers elsewhere, which hand it other
            # queues, say nothing about how often this one is filled
            return None
        if _gives_back(function, producer.node) or _refills_what_it_drained(function, producer.node, ancestors) \
                or self._puts_back_what_its_caller_took(function, producer.node):
            return None
        if producer.via is not None and producer.via[1] is not function:
            # a helper handed the queue (`_add(self._out, item)`): how often this queue is filled is how often
            # that call runs; the helper's other callers hand it other queues
            return self._per_call(producer.via, function, owner)
        why = self.per_message(function, 0, owner)
        # an API that queues what it is handed: public, or private with no caller here (called from elsewhere);
        # a closure is nobody's API: only its enclosing function calls it, unless it is handed out
        nested = function.parent is not None and function.parent.kind in ("function", "lambda")
        public = not function.name.startswith("_") and not nested
        if why is None and (public or not self._calls_of(function)) and self._scheduled_once(function) is None \
                and function.qualname not in self._run_at_task_end() and _queues_its_argument(function, producer.node):
            why = f"in `{function.name}()`, which queues what each caller hands it"
        return why

    def _puts_back_what_its_caller_took(self, function: Scope, put: cst.CSTNode) -> bool:
        """`async def crawl(self, url, tries): ... await self.q.put((url, tries + 1))` (a retry), where every call
        of `crawl` here hands it, for each parameter the put names, what its caller took from the same queue
        (`url, tries = self.q.get_nowait()`, then `create_task(self.crawl(url, tries))`): each run puts back the
        one item it was given, however often it runs. A caller that hands over anything else (a fresh link) still
        adds to the queue."""
        if type(put) is not cst.Call or type(put.func) is not cst.Attribute or not put.args \
                or type(function.node) is not cst.FunctionDef:
            return False
        receiver = dotted(put.func.value)
        owner = function.class_scope
        if not receiver.startswith("self.") or owner is None:
            return False  # (the caller's `self.q` is this one's only in a method of the same class)
        params = [p.name.value for p in function.node.params.params]
        given = {n.value for arg in put.args for n in walk_local(arg.value) if type(n) is cst.Name} & set(params)
        calls = self._calls_of(function)
        if not given or not calls:
            return False
        for call, caller in calls:
            if caller.kind != "function" or caller.class_scope is not owner \
                    or type(call.func) is not cst.Attribute or dotted(call.func.value) != "self":
                return False
            taken: Set[str] = set()
            for node in walk_local(caller.node):
                taken |= _taken_into(node, receiver)
            handed: Dict[str, cst.BaseExpression] = {}
            for index, arg in enumerate(call.args):
                if arg.star:
                    return False
                if arg.keyword is not None:
                    handed[arg.keyword.value] = arg.value
                elif index + 1 < len(params):
                    handed[params[index + 1]] = arg.value
            if not all(type(handed.get(name)) is cst.Name and handed[name].value in taken for name in given):
                return False
        return True

    def _made_each_round(self, made: cst.CSTNode, loop: cst.CSTNode, stop: cst.CSTNode) -> bool:
        """`while True: jobs = Queue()` ... `for job in batch: await jobs.put(job)`: every round of ``loop``
        makes the queue afresh, unconditionally, in its body; a round fills only its own queue, so the loop
        going round does not add to one queue without end."""
        child = made
        for outer in self.ancestors(made, stop):
            if outer is loop:
                return child is loop.body
            if type(outer) in _ROUND_BRANCHES and not (type(outer) in _TRIES and child is outer.body):
                return False  # made only on some rounds (or in a loop of its own): a later round may reuse it
            child = outer
        return False

    def _refilled_when_empty(self, producer: Producer, function: Scope, ancestors: List[cst.CSTNode]) -> bool:
        """A buffer its consumer refills one batch at a time, only once it has taken everything: the put runs
        under `if q.empty():`, or every call of its function does (`if self.q.empty(): await self._fill()`
        then `self.q.get_nowait()`, a paginating iterator). It never holds more than a batch."""
        node = producer.node
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute or node.func.attr.value not in _PUTS:
            return False
        key = _receiver_key(node.func.value, function)
        if key is None:
            return False
        if _under_empty_guard(node, ancestors, key, function):
            return True
        if function.qualname in self._callback_names():
            return False
        calls = self._calls_of(function)
        for call, scope in calls:
            caller = scope if scope.kind in ("function", "lambda") else None
            if caller is None:
                return False
            if not _under_empty_guard(call, self.ancestors(call, caller.node), key, caller):
                return False
        return bool(calls)

    def _per_call(self, via: Tuple[cst.Call, Scope], helper: Scope, owner: Optional[Scope]) -> Optional[str]:
        """Why the call ``via`` (of ``helper``, handing it the queue) may run once per message; None if nothing
        says so."""
        call, caller = via
        function = caller if caller.kind in ("function", "lambda") else None
        if self._in_open_loop(call, function.node if function is not None else self.ctx.root.node):
            return f"in `{helper.name}()`, called in a loop"
        if function is not None and function.kind == "function" and function is not owner:
            if self.per_message(function, 1, owner) is not None:
                return f"in `{helper.name}()`, called from `{function.name}()`"
        return None

    def per_message(self, function: Scope, depth: int, owner: Optional[Scope] = None) -> Optional[str]:
        """Why ``function`` may run once per message, request or event; None if nothing says so. The search
        for callers stops at ``owner``, the function whose every call makes a new queue."""
        if function is owner:
            return None
        key = (function.qualname, owner.qualname if owner is not None else None)
        if key in self._per_message:
            return self._per_message[key]
        self._per_message[key] = None  # cycles end here
        why = None
        name = function.name
        scheduled = self._scheduled_once(function)
        if scheduled is not None:
            # a closure only handed to `add_done_callback` / `call_later`: it runs once per hand-out, so it is
            # per message only where it is handed out per message, whatever its name says
            for call, scope in scheduled:
                if call.func.attr.value in _ON_TASK_END:
                    continue  # one put per task: the tasks are the backlog, whatever starts them paces it
                stop = scope.node if scope.kind in ("function", "lambda") else self.ctx.root.node
                if self._in_open_loop(call, stop):
                    why = f"in `{name}()`, scheduled in a loop"
                elif (scope.kind == "function" and depth < _DEPTH
                      and self.per_message(scope, depth + 1, owner) is not None):
                    why = f"in `{name}()`, scheduled from `{scope.name}()`"
                if why is not None:
                    break
            self._per_message[key] = why
            return why
        if (name.endswith("_received") and name != "eof_received") or name == "buffer_updated":
            why = f"in `{name}()`, called for every chunk the transport receives"
        elif _event_handler(name):
            why = f"in `{name}()`, an event handler"
        elif _registered(function):
            why = f"in `{name}()`, a registered handler"
        elif _web_handler(function):
            why = f"in `{name}()`, a web handler, which runs once per request"
        elif function.qualname in self._callback_names():
            why = f"in `{name}()`, handed out as a callback"
        elif depth < _DEPTH and not _one_shot(name):
            for call, scope in self._calls_of(function):
                caller = scope if scope.kind in ("function", "lambda") else None
                stop = caller.node if caller is not None else self.ctx.root.node
                if self._in_open_loop(call, stop) and not (
                        caller is not None and _waits_after(self, Producer(call, caller), caller, answers=False)):
                    # (a loop that waits for the consumer after each call is paced by it, as a put would be)
                    why = f"in `{name}()`, called in a loop"
                elif caller is not None and caller.kind == "function":
                    inner = self.per_message(caller, depth + 1, owner)
                    if inner is not None:
                        why = f"in `{name}()`, called from `{caller.name}()`"
                if why is not None:
                    break
        self._per_message[key] = why
        return why

    def _in_open_loop(self, node: cst.CSTNode, stop: cst.CSTNode) -> bool:
        """``node`` runs once per round of an open-ended loop between it and ``stop``."""
        chain = [node, *self.ancestors(node, stop)]
        return any(_each_round(parent, child) for child, parent in zip(chain, chain[1:]))

    def _scheduled_once(self, function: Scope) -> Optional[List[Tuple[cst.Call, Scope]]]:
        """For a closure whose every use is handing it to a one-shot scheduler (`fut.add_done_callback(fn)`,
        `loop.call_later(t, fn)`; `remove_done_callback` takes it back): those calls. None otherwise."""
        outer = function.parent
        if outer is None or outer.kind not in ("function", "lambda"):
            return None
        found: List[Tuple[cst.Call, Scope]] = []
        stack: List[cst.CSTNode] = [outer.node]
        while stack:
            node = stack.pop()
            stack.extend(iter_children(node))
            if type(node) is not cst.Name or node.value != function.name or node is function.node.name:
                continue
            arg = self.parent.get(id(node))
            call = self.parent.get(id(arg)) if arg is not None else None
            if type(arg) is not cst.Arg or type(call) is not cst.Call or type(call.func) is not cst.Attribute:
                return None
            method = call.func.attr.value
            if method == "remove_done_callback":
                continue
            if method not in _SCHEDULES_ONCE:
                return None
            found.append((call, self.scope[id(call)]))
        return found or None

    def _calls_of(self, function: Scope) -> List[Tuple[cst.Call, Scope]]:
        """Calls of ``function`` in this module; for a method, calls of the base-class method it overrides too."""
        calls = list(self._callers_of().get(function.qualname, ()))
        owner = function.class_scope
        if owner is not None and owner.qualname in self.ctx.builder.bases:
            outer, bases = self.ctx.builder.bases[owner.qualname]
            for base in bases:
                if type(base) is cst.Subscript:
                    base = base.value  # `class Sharded(State[ClientT])`
                value = outer.evaluate(base)
                if value is not None and value[0] == "ref":
                    calls.extend(self._callers_of().get(f"{value[1]}.{function.name}", ()))
        return calls

    def _thread_targets(self) -> Set[str]:
        """Functions of this module handed to a thread or a worker pool to run (`Thread(target=self._pump)`,
        `run_in_executor(None, work)`)."""
        if self._threaded is None:
            self._threaded = set()
            for site in self.ctx.calls:
                entry = self.ctx.target_of(site)
                if entry not in knowledge.THREAD_ENTRY or entry == "signal.signal":
                    continue
                position, keyword = knowledge.THREAD_ENTRY[entry]
                positional = [a.value for a in site.node.args if a.keyword is None and not a.star]
                handed = next((a.value for a in site.node.args if keyword and a.keyword is not None
                               and a.keyword.value == keyword), None)
                if handed is None and entry not in ("threading.Thread", "multiprocessing.Process") \
                        and len(positional) > position:
                    handed = positional[position]
                value = site.scope.evaluate(handed) if handed is not None else None
                if value is not None and value[0] == "ref" and value[1] in self.ctx.functions:
                    self._threaded.add(value[1])
        return self._threaded

    def _run_at_task_end(self) -> Set[str]:
        """Functions of this module handed to `task.add_done_callback(self._done)`: what they queue comes once per
        task, so they are no API that queues whatever its callers hand it."""
        if self._task_end_hooks is None:
            self._task_end_hooks = set()
            for site in self.ctx.calls:
                func = site.node.func
                if type(func) is cst.Attribute and func.attr.value in _ON_TASK_END and site.node.args:
                    value = site.scope.evaluate(site.node.args[0].value)
                    if value is not None and value[0] == "ref" and value[1] in self.ctx.functions:
                        self._task_end_hooks.add(value[1])
        return self._task_end_hooks

    def _callers_of(self) -> Dict[str, List[Tuple[cst.Call, Scope]]]:
        if self._callers is None:
            self._callers = {}
            for site in self.ctx.calls:
                value = site.scope.evaluate(site.node.func)
                if value is not None and value[0] == "ref" and value[1] in self.ctx.functions:
                    self._callers.setdefault(value[1], []).append((site.node, site.scope))
        return self._callers

    def _callback_names(self) -> Set[str]:
        """Functions of this module handed to other code to call back (`on_message=self.handle`); the function
        a thread, a one-shot callback or a task runs is not one (it runs once per call)."""
        if self._callbacks is None:
            self._callbacks = set()
            for site in self.ctx.calls:
                func = site.node.func
                if _lifecycle_hook(site.node):
                    continue
                runs_once = (dotted(func).rpartition(".")[2] in _RUNS_ONCE
                             or (type(func) is cst.Attribute and func.attr.value in _ONE_SHOT | _ON_TASK_END))
                # (`tg.start_soon(self.fill, q)`, `run_in_executor(None, work, q)`: called once, with what follows)
                handed = _handed_callable(site.node)
                positional = [a for a in site.node.args if a.keyword is None]
                for i, arg in enumerate(site.node.args):
                    if runs_once and ((i == 0 and arg.keyword is None) or
                                      (arg.keyword is not None and arg.keyword.value in ("target", "function"))):
                        continue
                    if handed is not None and arg is positional[handed]:
                        continue
                    for value in _elements(arg.value):
                        if type(value) in (cst.Name, cst.Attribute):
                            ref = site.scope.evaluate(value)
                            if ref is not None and ref[0] == "ref" and ref[1] in self.ctx.functions:
                                self._callbacks.add(ref[1])
        return self._callbacks


def _lifecycle_hook(call: cst.Call) -> bool:
    """`app.on_startup.append(seed)`, `app.add_event_handler("startup", seed)`, `atexit.register(flush)`: a
    function registered for an event of the application's life, called once (or once per connect), not per
    message."""
    func = call.func
    if type(func) is cst.Attribute and type(func.value) in (cst.Attribute, cst.Name):
        owner = func.value.attr.value if type(func.value) is cst.Attribute else func.value.value
        if owner == "atexit" or owner.lower().replace("on_", "", 1) in _ONCE_EVENT_WORDS:
            return True
    return any(type(a.value) is cst.SimpleString and str(a.value.evaluated_value).lower() in _ONCE_EVENT_WORDS
               for a in call.args)


# APIs that call the callable they are handed with the positional arguments after it, once (a task group's
# `start_soon(fn, *args)`, `to_thread(fn, *args)`, `run_in_executor(executor, fn, *args)`): name -> its position
_CALLS_WITH_ARGS = {"start_soon": 0, "to_thread": 0, "run_sync": 0, "submit": 0, "call_soon": 0,
                    "call_soon_threadsafe": 0, "run_in_executor": 1, "call_later": 1, "call_at": 1}


def adds_to_a_pool(mapping: ModuleMap, uses: QueueUses, producer: Producer) -> bool:
    """`add_connection(self, c): self._idle.put_nowait(c)` beside `c = await self._idle.get()` ... `finally:
    self._idle.put_nowait(c)`: the queue is a pool, whose users take an item and give the same one back, and
    this producer, in another function that runs neither per message nor per round of a loop, adds a member its
    caller made (a connection, a worker, a port). The pool holds one entry per member, however often they are
    taken; it does not grow with the traffic that uses them."""
    function = producer.scope
    if function.kind != "function" or producer.via is not None or not _puts_an_argument(function, producer.node):
        return False
    if mapping._in_open_loop(producer.node, function.node) or mapping.per_message(function, 0) is not None:
        return False  # a member per round or per message is traffic, whatever else the queue holds
    for other in uses.producers:
        home = other.scope
        if home is function or home.kind != "function" or other.via is not None:
            continue
        if _puts_back_what_it_took(other.node, mapping.ancestors(other.node, home.node)):
            return True
    return False


# statements whose body runs on some rounds only, or more than once a round (a `try` body runs whole, unless it
# raises); `TryStar` is libcst's from Python 3.11 on
_TRIES = tuple(t for t in (cst.Try, getattr(cst, "TryStar", None)) if t is not None)
_ROUND_BRANCHES = (cst.If, cst.For, cst.While, getattr(cst, "Match", cst.If), *_TRIES)


def _handed_callable(call: cst.Call) -> Optional[int]:
    """Where the callable sits among ``call``'s positional arguments, if ``call`` is such an API."""
    position = _CALLS_WITH_ARGS.get(dotted(call.func).rpartition(".")[2])
    if position is None or any(a.star for a in call.args):
        return None
    return position if len([a for a in call.args if a.keyword is None]) > position else None


def backpressure(mapping: ModuleMap, uses: QueueUses, region: List[Scope], producer: Producer) -> bool:
    """Something visible slows the producers down."""
    if uses.size_checked:
        return True
    scopes = list(region)
    if producer.scope not in scopes:
        scopes.append(producer.scope)
    for scope in scopes:
        for site in scope.events.get("calls", ()):
            func = site.node.func
            if type(func) is cst.Attribute and func.attr.value.startswith("pause_"):
                return True  # `transport.pause_reading()`, `protocol.pause_frames()`
    function = producer.scope
    if function.kind not in ("function", "lambda"):
        return False
    for node in walk_local(function.node):
        if type(node) is cst.Comparison and _caps_a_size(node):
            return True
    if _put_under_count_cap(mapping, producer, function):
        return True
    return _waits_after(mapping, producer, function) or _drained_by_its_class(mapping, producer) \
        or _waits_for_a_slot(mapping, producer, function)


# A call the consumer makes as it takes an item, by the words of its name: it hands the sender credit back
# (HTTP/2's window update, a broker's ack under a prefetch limit), so no more is in flight than the credit
_CREDIT_WORDS = frozenset(("ack", "acknowledge", "acknowledged", "credit", "credits"))
_WINDOW_MOVES = frozenset(("update", "increment", "open", "grow"))


def consumer_grants_credit(mapping: ModuleMap, is_queue) -> bool:
    """`data, ack_size = await self._unacked.get()` then `self._ack_callback(ack_size)`, in the round of the loop
    that takes it (or the function, with no loop): each item taken is acknowledged to the sender, who may not
    send past what was acknowledged (flow control by credit: HTTP/2 windows, AMQP prefetch with manual acks).
    The queue holds at most one window's worth, however fast the producer's callbacks fire."""
    for node in mapping.nodes:
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute \
                or node.func.attr.value not in ("get", "get_nowait"):
            continue
        scope = mapping.scope[id(node)]
        if scope.kind != "function" or not is_queue(node.func.value, scope):
            continue
        chain = mapping.ancestors(node, scope.node)
        region = next((n for n in chain if type(n) in (cst.For, cst.While)), scope.node)
        for inner in walk_local(region.body):
            if type(inner) is cst.Call and _grants_credit(inner.func):
                return True
    return False


def fed_on_demand(mapping: ModuleMap, is_queue, producer: Producer) -> bool:
    """A job claimer: each consumer counts itself waiting around its take (`self._idle += 1` ... `await
    self._ready.get()` ... `self._idle -= 1`), and the producer's method gives up at once while that count is
    zero (`if not self._idle: return`): it fetches for consumers already waiting, never ahead of them, however
    often its loop calls it. A count the consumers do not keep says nothing about demand."""
    function = producer.scope
    cls = function.class_scope
    if function.kind != "function" or cls is None or function.self_name is None:
        return False
    gates = {dotted(name) for node in walk_local(function.node) if type(node) is cst.If and _gives_up(node.body)
             for name in walk_local(node.test) if type(name) is cst.Attribute}
    gates = {gate.partition(".")[2] for gate in gates if gate.startswith(f"{function.self_name}.")}
    if not gates:
        return False
    for node in mapping.nodes:
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute or node.func.attr.value not in _TAKES:
            continue
        consumer = mapping.scope[id(node)]
        if consumer.kind != "function" or consumer.class_scope is not cls or not is_queue(node.func.value, consumer):
            continue
        counted: Dict[str, Set[type]] = {}
        for inner in walk_local(consumer.node):
            if type(inner) is cst.AugAssign and type(inner.target) is cst.Attribute:
                counted.setdefault(dotted(inner.target), set()).add(type(inner.operator))
        for gate in gates:
            if counted.get(f"{consumer.self_name}.{gate}", set()) >= {cst.AddAssign, cst.SubtractAssign}:
                return True
    return False


def _gives_up(block: cst.BaseSuite) -> bool:
    """The block only returns (or returns nothing): `if not self._idle: return`."""
    body = block.body
    if type(block) is cst.SimpleStatementSuite:
        return len(body) == 1 and type(body[0]) is cst.Return
    return len(body) == 1 and type(body[0]) is cst.SimpleStatementLine and len(body[0].body) == 1 \
        and type(body[0].body[0]) is cst.Return


def _grants_credit(func: cst.BaseExpression) -> bool:
    name = dotted(func).rpartition(".")[2]
    words = set(name.strip("_").lower().split("_"))
    return bool(words & _CREDIT_WORDS) or "window" in words and bool(words & _WINDOW_MOVES)


# What hands out a fixed number of slots, each taken by `acquire()` and given back by `release()`
_SLOT_TYPES = frozenset({"asyncio.Semaphore", "asyncio.BoundedSemaphore", "anyio.Semaphore", "anyio.CapacityLimiter",
                         "trio.Semaphore", "trio.CapacityLimiter"})


def _waits_for_a_slot(mapping: ModuleMap, producer: Producer, function: Scope) -> bool:
    """A prefetcher: each round of the loop around the put (or each call of its function, when there is no
    loop) waits for a semaphore's slot, `await self._slots.acquire()`, itself or in a helper of this module it
    awaits there (perhaps as `create_task(self._slots.acquire())` raced against a stop event), and does not give
    the slot back in that round: the consumer does, when it is done with the item, so no more items are queued
    or in hand than the semaphore has slots. A `release()` in that same round is the producer's own critical
    section around the put, which bounds nothing."""
    if function.kind != "function":
        return False
    chain = mapping.ancestors(producer.node, function.node)
    region = next((node for node in chain if type(node) in (cst.For, cst.While)), function.node)
    taken: Set[str] = set()
    for node in walk_local(region.body):
        if type(node) is cst.Await:
            taken |= _slots_taken(mapping, function, node.expression, 0)
    released = {dotted(node.func.value) for node in walk_local(region.body)
                if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "release"}
    return bool(taken - released)


def _slots_taken(mapping: ModuleMap, scope: Scope, expr: cst.BaseExpression, depth: int) -> Set[str]:
    """The semaphores (as written) that awaiting ``expr`` takes a slot of: `sem.acquire()`, or a call of a
    function of this module that takes one (followed two calls deep)."""
    if type(expr) is not cst.Call:
        return set()
    func = expr.func
    if type(func) is cst.Attribute and func.attr.value == "acquire":
        value = scope.evaluate(func.value)
        return {dotted(func.value)} if value is not None and value[0] == "inst" and value[1] in _SLOT_TYPES else set()
    if depth >= 2:
        return set()
    value = scope.evaluate(func)
    helper = mapping.ctx.functions.get(value[1]) if value is not None and value[0] == "ref" else None
    if helper is None or not helper.is_async or type(helper.node) is not cst.FunctionDef:
        return set()
    taken: Set[str] = set()
    for node in walk_local(helper.node.body):
        if type(node) is cst.Await:
            taken |= _slots_taken(mapping, helper, node.expression, depth + 1)
        elif type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "acquire":
            taken |= _slots_taken(mapping, helper, node, depth + 1)  # `create_task(self._slots.acquire())`
    return taken


def _drained_by_its_class(mapping: ModuleMap, producer: Producer) -> bool:
    """A transport's write buffer: sync `write(data)` queues, the same class's `async def drain()` takes from
    that queue and sends, and writers await `drain()` (the asyncio StreamWriter contract; nats' WebSocket
    transport). The buffer holds what was written since the last drain, as a socket's does. A put in a loop of
    its own (`async for line in stream: await self.q.put(line)`) is no writer's one call: nobody drains between
    its rounds."""
    node, owner = producer.node, producer.scope.class_scope
    if owner is None or type(node) is not cst.Call or type(node.func) is not cst.Attribute:
        return False
    if any(type(outer) in (cst.For, cst.While) for outer in mapping.ancestors(node, producer.scope.node)):
        return False
    if _event_handler(producer.scope.name) or _registered(producer.scope):
        return False  # `on_message(payload)` runs when an event arrives: no writer is there to await drain()
    drain = owner.methods.get("drain")
    buffer = dotted(node.func.value)
    if drain is None or not drain.is_async or not buffer.startswith(f"{producer.scope.self_name}."):
        return False
    mine = f"{drain.self_name}.{buffer.partition('.')[2]}"
    if any(type(n) is cst.While and not any(dotted(t) == mine for t in walk_local(n.test))
           for n in walk_local(drain.node.body)):
        return False  # `while True: await sink(await self.q.get())`: a consumer that never returns, not a flush
    return any(type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in _TAKES
               and dotted(n.func.value) == mine for n in walk_local(drain.node.body))


_TAKES = frozenset(("get", "get_nowait"))
# hand a callable over to run once: per future, per timer, per scheduled call
_SCHEDULES_ONCE = frozenset("add_done_callback call_soon call_soon_threadsafe call_later call_at".split())


def _waits_after(mapping: ModuleMap, producer: Producer, function: Scope, answers: bool = True) -> bool:
    """The producer waits for the consumer (or a drain) after its put: `put_nowait(x); await done`. With
    ``answers`` False an awaited `get()` does not count (for a helper's call: which queue it reads is unknown)."""
    chain = [producer.node, *mapping.ancestors(producer.node, function.node)]
    batched = False  # (out of a batch's `for`, a take is no answer: a round may put many and take one)
    handed = _item_names(producer.node, chain) if not function.is_async else frozenset()
    for child, parent in zip(chain, chain[1:]):
        if _open_loop(parent) or type(parent) in (cst.For, cst.While):
            if any(_is_wait(n) or _waits_on_item(n, handed) for n in walk_local(parent.body)):
                return True
            if _open_loop(parent) or not any(type(n) in (cst.For, cst.While) for n in chain[chain.index(parent) + 1:]):
                return False
            # a `for` over one batch inside a loop that fetches the next (`async for batch in db.batches(500):`):
            # a wait after it in the round (`await q.join()`) lets at most one batch pile up
            batched = True
            continue
        body = getattr(parent, "body", None)
        if isinstance(body, (list, tuple)):
            later = [s for i, s in enumerate(body) if any(c is child for c in body[:i])]
            if any(_is_wait(n) or (answers and not batched and _awaits_answer(n)) or _waits_on_item(n, handed)
                   for s in later for n in walk_local(s)):
                return True
    return False


def _item_names(put: cst.CSTNode, chain: List[cst.CSTNode]) -> FrozenSet[str]:
    """The local names the item put reads: the arguments of `q.put_nowait(item)`, or of the call `q.put_nowait` is
    handed to (`loop.call_soon_threadsafe(q.put_nowait, item)`); not what the call's result is bound to (`fut =
    run_coroutine_threadsafe(q.put(item), loop)` then `fut.result()` waits for the put, not for the consumer)."""
    call = put if type(put) is cst.Call else next(
        (n for n in chain if type(n) is cst.Call and any(a.value is put for a in n.args)), None)
    if call is None:
        return frozenset()
    nodes = [n for a in call.args if a.value is not put for n in walk_local(a.value)]
    attrs = {id(n.attr) for n in nodes if type(n) is cst.Attribute}
    return frozenset(n.value for n in nodes if type(n) is cst.Name and id(n) not in attrs and n.value != "self")


def _waits_on_item(node: cst.CSTNode, handed: FrozenSet[str]) -> bool:
    """A thread's producer that blocks on what it put in the item until the consumer sets it:
    `loop.call_soon_threadsafe(q.put_nowait, {"update": u, "settled": settled})` then `settled.wait()` (or a
    `concurrent.futures.Future`'s `.result()`): one item in flight per producing thread."""
    return bool(handed) and type(node) is cst.Call and type(node.func) is cst.Attribute \
        and node.func.attr.value in ("wait", "result") and type(node.func.value) is cst.Name \
        and node.func.value.value in handed


def _awaits_answer(node: cst.CSTNode) -> bool:
    """`requests.put_nowait(ask)` then, in the same round, `await replies.get()` (perhaps under a timeout helper):
    each request waits for its answer before the next is made, so the requests never pile up. A relay that
    takes first and puts after (`x = await inbox.get(); outbox.put_nowait(x)`) waits for its input, not for
    the consumer: the take comes before the put, so it is not seen here."""
    return type(node) is cst.Await and any(
        type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value == "get" and not n.args
        for n in walk_local(node.expression))


def _is_wait(node: cst.CSTNode) -> bool:
    if type(node) is cst.Call and type(node.func) is cst.Attribute:
        # `q.join()`, `writer.drain()` handed back for the caller to await (not `", ".join(parts)`)
        return node.func.attr.value in ("join", "drain") and not node.args
    if type(node) is not cst.Await:
        return False
    expr = node.expression
    if type(expr) in (cst.Name, cst.Attribute):
        return True  # a future or event the consumer completes
    return type(expr) is cst.Call and dotted(expr.func).rpartition(".")[2] in _WAIT_SUFFIXES


def _caps_a_size(node: cst.Comparison) -> bool:
    if not all(type(c.operator) in (cst.GreaterThan, cst.GreaterThanEqual, cst.LessThan, cst.LessThanEqual)
               for c in node.comparisons):
        return False
    sides = [node.left, *(c.comparator for c in node.comparisons)]
    words = [" ".join(_names(side)).lower() for side in sides]
    return any(any(w in text for w in _CAP_WORDS) for text in words) and any(
        any(w in text for w in _SIZE_WORDS) for text in words)


def _put_under_count_cap(mapping: ModuleMap, producer: Producer, function: Scope) -> bool:
    """`if link not in seen and len(seen) < 500: seen.add(link); q.put_nowait(link)`: the put runs only while a
    count stays under a fixed cap (a literal or a CONSTANT), so what it adds is bounded however the count is
    named."""
    chain = [producer.node, *mapping.ancestors(producer.node, function.node)]
    # (`len(link) < 2000` measures the item put, not how many were: no bound on the count)
    put = set(_names(producer.node)) if type(producer.node) is cst.Call else set()
    for child, parent in zip(chain, chain[1:]):
        if type(parent) in (cst.If, cst.While) and child is parent.body:
            tests = [parent.test] if type(parent.test) is cst.Comparison else [
                n for n in walk_local(parent.test) if type(n) is cst.Comparison]
            if any(_count_below_cap(test, put) for test in tests):
                return True
    return False


def _count_below_cap(node: cst.Comparison, put: set) -> bool:
    """`len(x) < 500`, `len(x) <= MAX_PAGES` (one comparison)."""
    if len(node.comparisons) != 1:
        return False
    op, right = node.comparisons[0].operator, node.comparisons[0].comparator
    left = node.left
    if type(op) in (cst.GreaterThan, cst.GreaterThanEqual):
        left, right = right, left
    elif type(op) not in (cst.LessThan, cst.LessThanEqual):
        return False
    counted = type(left) is cst.Call and type(left.func) is cst.Name and left.func.value == "len" \
        and not put & {name for arg in left.args for name in _names(arg.value)}
    if type(right) is cst.Integer:
        fixed = int(right.evaluated_value) > 1
    else:
        name = right.attr.value if type(right) is cst.Attribute else getattr(right, "value", "")
        fixed = isinstance(name, str) and name.isupper()
    return counted and fixed


def _names(node: cst.CSTNode) -> Iterator[str]:
    for inner in walk_local(node):
        if type(inner) is cst.Name:
            yield inner.value


# Loop methods that call what they are handed back on every event, with the arguments given once.
_REPEATS = frozenset(("add_reader", "add_writer", "add_signal_handler"))


def _schedules_one_put(func: cst.BaseExpression, args, index: int) -> bool:
    """`call_soon_in_loop(loop, q.put_nowait, item)`: the put is handed over with the item to put, after it,
    the way `call_soon(fn, *args)` takes a call to make once. A callback handed over alone
    (`subscribe(topic, q.put_nowait)`) is called with whatever comes, as often as it comes."""
    later = args[index + 1:]
    if not later or any(a.keyword is not None or a.star for a in later):
        return False
    return dotted(func).rpartition(".")[2] not in _REPEATS


def _janus_side(node: cst.BaseExpression, is_queue, scope: Scope) -> bool:
    """`q.sync_q`, `q.async_q`: the two faces of a janus queue fill the same queue."""
    return type(node) is cst.Attribute and node.attr.value in ("sync_q", "async_q") and is_queue(node.value, scope)


def _elements(node: cst.BaseExpression) -> List[cst.BaseExpression]:
    if type(node) in (cst.Tuple, cst.List):
        return [e.value for e in node.elements]
    return [node]


def _open_loop(node: cst.CSTNode) -> bool:
    """`while` and `async for` consume open-ended streams; a `for` over a collection is bounded by it, one over
    standard input or `iter(read, sentinel)` or a counter is not."""
    if type(node) is cst.While:
        return True
    if type(node) is not cst.For:
        return False
    if node.asynchronous is not None or dotted(node.iter) in _ENDLESS:
        return True
    it = node.iter
    return type(it) is cst.Call and (
        dotted(it.func) in _ENDLESS_CALLS or (dotted(it.func) == "iter" and len(it.args) == 2))


def _reads_a_stream(function: Scope, loop: cst.CSTNode, inside: cst.CSTNode) -> bool:
    """``inside`` runs on each round of a `for` over what a method call hands back (`for ev in
    sdk.iter_events():`, `for msg in consumer.poll_forever():`): in a function run on a thread, that is what the
    thread was started to wait on, a stream, not a collection already in hand (`for k in d.items()`, a list)
    nor a module's listing (`os.listdir(d)`)."""
    if type(loop) is not cst.For or loop.asynchronous is not None or inside is not loop.body:
        return False
    it = loop.iter
    if type(it) is not cst.Call or type(it.func) is not cst.Attribute or it.func.attr.value in _IN_HAND:
        return False
    receiver = function.evaluate(it.func.value)
    return receiver is None or receiver[0] != "ref"


# methods that hand back what an object already holds: iterating them is bounded by it
_IN_HAND = frozenset("items keys values copy split splitlines rsplit most_common iterdir glob rglob".split())


def _then_leaves(ancestors: List[cst.CSTNode]) -> bool:
    """The put's statement is followed in its own block by a `return` or `raise`
    (`except Exception as e: await q.put(error(e)); return` in a `while True`): no loop around it goes round
    again after it, so it runs once per call, whatever loops enclose it."""
    line = next((a for a in ancestors if type(a) is cst.SimpleStatementLine), None)
    if line is None:
        return False
    index = next(i for i, a in enumerate(ancestors) if a is line)
    block = ancestors[index + 1] if index + 1 < len(ancestors) else None
    if type(block) is not cst.IndentedBlock:
        return False
    statements = list(block.body)
    start = next(i for i, s in enumerate(statements) if s is line)
    # (a `break` leaves the innermost loop only: it ends the put's rounds when that is the one loop around it)
    leaving = (cst.Return, cst.Raise, cst.Break) if sum(type(a) in (cst.For, cst.While) for a in ancestors) == 1 \
        else (cst.Return, cst.Raise)
    return any(type(s) is cst.SimpleStatementLine and any(type(small) in leaving for small in s.body)
               for s in statements[start:])


def _each_round(loop: cst.CSTNode, inside: cst.CSTNode) -> bool:
    """``inside`` (a child of ``loop``) runs on every round of that open-ended loop. A `for` evaluates its
    iterable once (`async for event in self.run_stream():` calls `run_stream` once, however many events it
    yields), and an `else` runs once; a `while` tests its condition every round."""
    if not _open_loop(loop):
        return False
    return inside is loop.body or (type(loop) is cst.While and inside is loop.test)


_ENDLESS = frozenset({"sys.stdin", "sys.stdin.buffer"})
_ENDLESS_CALLS = frozenset({"itertools.count", "itertools.cycle", "count", "cycle"})


def _refills_what_it_takes(loop: cst.CSTNode, put: cst.CSTNode, between: List[cst.CSTNode]) -> bool:
    """The consumer's own loop puts back at most one item per item it takes (`item = await q.get()` ...
    `q.put(PING)` on a timeout, a retry re-queued): it cannot grow the queue. A put in a nested loop (a crawler
    queueing every link of a page it took) still can."""
    if type(put) is not cst.Call or type(put.func) is not cst.Attribute:
        return False
    if any(type(node) in (cst.For, cst.While, cst.CompFor) for node in between):
        return False
    receiver = dotted(put.func.value)
    if not receiver:
        return False
    return any(
        type(node) is cst.Call and type(node.func) is cst.Attribute
        and node.func.attr.value in ("get", "get_nowait") and dotted(node.func.value) == receiver
        for node in walk_local(loop.body)
    )


def _drains_another(loop: cst.CSTNode, put: cst.CSTNode, between: List[cst.CSTNode]) -> bool:
    """`while not pending.empty(): item = pending.get_nowait(); ...; out.put_nowait(item)` (or `while buf:` with
    `buf.popleft()`): the loop moves what another queue or deque holds, one take a round, and never awaits, so
    nothing refills that one meanwhile; it ends when that one is empty and puts at most what it held. A loop that
    awaits, takes only on some rounds, or puts in a nested loop can still grow the queue."""
    if type(loop) is not cst.While or type(put) is not cst.Call or type(put.func) is not cst.Attribute:
        return False
    if any(type(node) in (cst.For, cst.While, cst.CompFor) for node in between):
        return False
    source = _tested_nonempty(loop.test)
    if source is None or source == dotted(put.func.value):
        return False
    if any(type(node) in (cst.Await, cst.Yield) for node in walk_local(loop.body)):
        return False
    for statement in loop.body.body if type(loop.body) is cst.IndentedBlock else ():
        if type(statement) is cst.SimpleStatementLine and any(
                type(node) is cst.Call and type(node.func) is cst.Attribute
                and node.func.attr.value in ("get_nowait", "pop", "popleft") and dotted(node.func.value) == source
                for node in walk_local(statement)):
            return True  # (a take on every round, not under a condition)
    return False


def _tested_nonempty(test: cst.BaseExpression) -> Optional[str]:
    """What a `while` test says is not empty: `not q.empty()`, `q.qsize()`, `q.qsize() > 0`, `len(buf)`, `buf`."""
    if type(test) is cst.Comparison and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) in (cst.GreaterThan, cst.NotEqual) \
            and type(test.comparisons[0].comparator) is cst.Integer and test.comparisons[0].comparator.value == "0":
        test = test.left
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = test.expression
        if type(inner) is cst.Call and type(inner.func) is cst.Attribute and inner.func.attr.value == "empty" \
                and not inner.args:
            return dotted(inner.func.value) or None
        return None
    if type(test) is cst.Call and not type(test.func) is cst.Attribute and dotted(test.func) == "len" \
            and len(test.args) == 1:
        return dotted(test.args[0].value) or None
    if type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "qsize" \
            and not test.args:
        return dotted(test.func.value) or None
    if type(test) in (cst.Name, cst.Attribute):
        return dotted(test) or None
    return None


def _puts_back_what_it_took(put: cst.CSTNode, ancestors: List[cst.CSTNode]) -> bool:
    """The put hands back what a take from the same queue gave earlier on its way (`priority, port =
    q.get_nowait()`, and when binding fails `q.put_nowait((priority + 1, port))`): each run puts back at most
    what it took, a free list of ports or a retry, however often it runs. A put of something else, or in a loop
    the take is outside of (a crawler queueing every link of the page it took), can still grow the queue."""
    if type(put) is not cst.Call or type(put.func) is not cst.Attribute:
        return False
    receiver = dotted(put.func.value)
    if not receiver:
        return False
    given = {name.value for arg in put.args for name in walk_local(arg.value) if type(name) is cst.Name}
    child = put
    for outer in ancestors:
        if type(outer) in (cst.For, cst.While, cst.CompFor):
            return False
        for earlier in iter_children(outer):
            if earlier is child:
                break
            if any(given & _taken_into(node, receiver) for node in walk_local(earlier)):
                return True
        child = outer
    return False


# what makes a task of the coroutine it is handed (`changed = create_task(q.get())`)
_TASK_MAKERS = frozenset(("create_task", "ensure_future"))


def _refills_what_it_drained(function: Scope, put: cst.CSTNode, ancestors: List[cst.CSTNode]) -> bool:
    """`for entry in drained: await self._q.put(entry)`, where `drained` is a list this call filled only in a
    loop that takes from the same queue (drain, re-rank, refill): each call puts back what it took, however
    often it runs. A list filled from anything else (a fetched page) still adds to the queue."""
    if type(put) is not cst.Call or type(put.func) is not cst.Attribute or len(put.args) != 1:
        return False
    receiver = dotted(put.func.value)
    item = put.args[0].value
    loop = next((node for node in ancestors if type(node) in (cst.For, cst.While)), None)
    if not receiver or type(item) is not cst.Name or type(loop) is not cst.For or loop.asynchronous is not None \
            or type(loop.target) is not cst.Name or loop.target.value != item.value or type(loop.iter) is not cst.Name:
        return False
    listed = loop.iter.value

    def adds_to_list(n: cst.CSTNode) -> bool:
        return type(n) is cst.Call and type(n.func) is cst.Attribute and type(n.func.value) is cst.Name \
            and n.func.value.value == listed and n.func.attr.value in ("append", "extend", "insert")

    def takes(n: cst.CSTNode) -> bool:
        return type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in ("get", "get_nowait") \
            and dotted(n.func.value) == receiver

    def taken_by_task(n: cst.CSTNode) -> bool:
        """`changed.result()`, `changed` only ever a task taking from the same queue (`create_task(q.get())`)."""
        if type(n) is not cst.Call or type(n.func) is not cst.Attribute or n.func.attr.value != "result" \
                or type(n.func.value) is not cst.Name:
            return False
        bindings = function.bindings.get(n.func.value.value, ())
        return bool(bindings) and all(
            b[0] == "expr" and type(b[1]) is cst.Call and dotted(b[1].func).rpartition(".")[2] in _TASK_MAKERS
            and b[1].args and takes(b[1].args[0].value) for b in bindings)

    every_add: Set[int] = set()
    drained: Set[int] = set()
    for node in walk_local(function.node.body):
        if adds_to_list(node):
            every_add.add(id(node))
            if len(node.args) == 1 and taken_by_task(node.args[0].value):
                drained.add(id(node))  # the item a task took from the queue for this call
        if type(node) is cst.Assign and any(type(t.target) is cst.Name and t.target.value == listed
                                            for t in node.targets):
            if type(node.value) is not cst.List or node.value.elements:
                return False  # starts as anything but a fresh empty list
        elif type(node) in (cst.AugAssign, cst.AnnAssign) and type(node.target) is cst.Name \
                and node.target.value == listed:
            return False
        elif type(node) in (cst.For, cst.While) and node is not loop:
            body = list(walk_local(node.body))
            if any(type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in ("get", "get_nowait")
                   and dotted(n.func.value) == receiver for n in body):
                drained.update(id(n) for n in body if adds_to_list(n))
    return bool(every_add) and every_add <= drained


def _taken_into(node: cst.CSTNode, receiver: str) -> Set[str]:
    """The names `x = q.get_nowait()` / `a, b = await q.get()` binds, for a take from ``receiver``."""
    if type(node) is not cst.Assign:
        return set()
    value = node.value.expression if type(node.value) is cst.Await else node.value
    if not (type(value) is cst.Call and type(value.func) is cst.Attribute and value.func.attr.value in _TAKES
            and dotted(value.func.value) == receiver):
        return set()
    return {name.value for target in node.targets for name in walk_local(target.target) if type(name) is cst.Name}


def _registered(function: Scope) -> bool:
    """Decorated by something that is not a plain wrapper: a route, an event listener."""
    for decorator in getattr(function.node, "decorators", ()):
        expr = decorator.decorator
        if type(expr) is cst.Call:
            expr = expr.func
        elif dotted(expr).rpartition(".")[2] in _MARKER_DECORATORS:
            continue
        if dotted(expr).rpartition(".")[2] not in _NEUTRAL_DECORATORS:
            return True
    return False


# What a web handler method is handed: `async def upload(self, request)` in a module of aiohttp's (whose class-based
# handlers are registered elsewhere, `router.add_post("/upload", uploads.upload)`), or annotated as a request.
_REQUEST_TYPES = frozenset({"aiohttp.web.Request", "aiohttp.web.BaseRequest", "aiohttp.web_request.Request",
                            "starlette.requests.Request", "fastapi.Request"})


def _web_handler(function: Scope) -> bool:
    """A coroutine method whose one argument is the request: a web framework calls it once per request."""
    node = function.node
    if not function.is_async or type(node) is not cst.FunctionDef or function.self_name is None:
        return False
    params = node.params
    if params.star_kwarg is not None or type(params.star_arg) is cst.Param or params.kwonly_params \
            or len(params.posonly_params) + len(params.params) != 2:
        return False
    param = (*params.posonly_params, *params.params)[1]
    if param.annotation is not None:
        value = function.evaluate(param.annotation.annotation)
        return value is not None and value[1] in _REQUEST_TYPES
    return param.name.value == "request" and function.module.imports(("aiohttp",))


def _event_handler(name: str) -> bool:
    """`on_message`, `_handle_frame`: called once per event, unless the event happens once (`on_connect`)."""
    rest = name.lstrip("_")
    return rest.startswith(("on_", "handle_")) and not _one_shot(name)


def _one_shot(name: str) -> bool:
    """`__init__`, `close`, `on_connect`, `_handle_shutdown`: run once in the life of what they belong to."""
    rest = name.lstrip("_")
    if name in _ONCE_NAMES or rest in _RECOVERY_NAMES:
        return True
    for prefix in ("on_", "handle_"):
        if rest.startswith(prefix):
            return any(w in _ONCE_EVENT_WORDS for w in rest[len(prefix):].split("_"))
    return False


# Words of a function's name that say it ends a stream or a connection (`_close_stream`, `stop_reader`).
_ENDING_WORDS = frozenset("close closed stop stopped shutdown disconnect disconnected teardown exit eof lost".split())


def _end_marker(function: Scope, put: cst.CSTNode) -> bool:
    """`self._send_queue.put_nowait(None)` in `_close_stream()`, in no loop of its own: the marker that tells the
    consumer the stream is over, one per stream however often streams are reopened; it is not what fills the
    queue. A `None` put per event (a wake-up in `on_data()`) is not one."""
    if type(put) is not cst.Call or len(put.args) != 1 or type(put.args[0].value) is not cst.Name \
            or put.args[0].value.value != "None":
        return False
    return any(word in _ENDING_WORDS for word in function.name.lower().split("_"))


def _gives_back(function: Scope, put: cst.CSTNode) -> bool:
    """`def _recycle(self, conn): self._bin.put_nowait(conn)`: a pool's release or recycle queues the resource it
    is handed back, one that was taken from it, so however often its callers run the queue holds no more than
    was handed out. ("return" is left out: `return_result(r)` hands over a new value each time.)"""
    name = function.name.lower()
    return any(w in name for w in _RELEASE_WORDS if w != "return") and _puts_an_argument(function, put)


def _queues_its_argument(function: Scope, put: cst.CSTNode) -> bool:
    """`def send(self, msg): self._q.put_nowait(msg)`: each call adds what the caller hands over. Methods that
    give a resource back (a pool's `release(conn)`) and one-shot methods do not count."""
    name = function.name.lower()
    if _one_shot(function.name) or any(w in name for w in _RELEASE_WORDS):
        return False
    return _puts_an_argument(function, put)


def _puts_an_argument(function: Scope, put: cst.CSTNode) -> bool:
    """The item ``put`` queues is (made from) a parameter of ``function``."""
    if type(put) is not cst.Call or not put.args:
        return False
    args = list(put.args)
    handed = next((i for i, a in enumerate(args)
                   if type(a.value) is cst.Attribute and a.value.attr.value in _PUTS), None)
    if handed is not None:
        args = args[handed + 1:]  # `loop.call_soon_threadsafe(q.put_nowait, item)`: the item comes next
    if not args:
        return False
    params = {n for n, bindings in function.bindings.items()
              if any(b[0] == "param" for b in bindings) and n != function.self_name}
    if not params:
        return False
    derived = set(params)
    for n, bindings in function.bindings.items():
        # (`for row in batch: q.put_nowait(row)`: each item of what the caller hands over; `z, x, y = (int(p[k])
        # for k in keys)`: each part of it)
        if n not in derived and any(b[0] in ("expr", "iter", "unpack") and b[1] is not None
                                    and set(_names(b[1])) & params for b in bindings):
            derived.add(n)
    return bool(set(_names(args[0].value)) & derived)


def _receiver_key(expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
    """The queue's name as any method of its class writes it: `self._q` (whatever `self` is called there)."""
    text = dotted(expr)
    if not text:
        return None
    head, dot, rest = text.partition(".")
    if dot and scope.self_name is not None and head == scope.self_name:
        return f"self.{rest}"
    return text


def _under_empty_guard(node: cst.CSTNode, ancestors: List[cst.CSTNode], key: str, scope: Scope) -> bool:
    """``node`` runs only when the queue ``key`` names is empty: in the body of `if q.empty():` or
    `while q.empty():`, in the `else` of `if not q.empty():`, or after `if not q.empty(): return ...`; or in a
    loop whose round, after it, leaves once the queue holds something (`await self._fill()` then `if not
    q.empty(): return q.get_nowait()`): the loop goes round, and fills again, only while the queue is empty."""
    chain = [node, *ancestors]
    for child, parent, outer in zip(chain, chain[1:], [*chain[2:], None]):
        if type(parent) in (cst.If, cst.While) and child is parent.body:
            if _says_empty(parent.test, key, scope, True):
                return True
        elif type(parent) is cst.If and child is parent.orelse:
            if _says_empty(parent.test, key, scope, False):
                return True
        elif type(parent) in (cst.IndentedBlock, cst.Module):
            later = False
            for statement in parent.body:
                if statement is child:
                    later = True
                    continue
                if type(statement) is not cst.If or not _says_empty(statement.test, key, scope, False):
                    continue
                if not later and _exits(statement.body):
                    return True
                if later and type(outer) in (cst.For, cst.While) and parent is outer.body \
                        and _exits(statement.body, leaving_loop=True):
                    return True
    return False


def _says_empty(test: cst.BaseExpression, key: str, scope: Scope, truth: bool) -> bool:
    """Does ``test`` evaluating to ``truth`` mean that the queue ``key`` names is empty?"""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return _says_empty(test.expression, key, scope, not truth)
    if type(test) is cst.BooleanOperation:
        # `a and b` true (`a or b` false): both sides have that value, either may say it; otherwise both must
        sides = (_says_empty(test.left, key, scope, truth), _says_empty(test.right, key, scope, truth))
        return any(sides) if isinstance(test.operator, cst.And) == truth else all(sides)
    if type(test) is cst.Call and type(test.func) is cst.Attribute and not test.args:
        method = test.func.attr.value
        if method in ("empty", "qsize") and _receiver_key(test.func.value, scope) == key:
            return truth if method == "empty" else not truth
    return False


def _latched(node: cst.CSTNode, ancestors: List[cst.CSTNode]) -> bool:
    """The put runs under `if not self.done:` whose block sets `self.done = True`: a one-shot report (a final
    state, put once however often the function runs), not a stream."""
    chain = [node, *ancestors]
    for child, parent in zip(chain, chain[1:]):
        if not (type(parent) is cst.If and child is parent.body):
            continue
        test = parent.test
        if not (type(test) is cst.UnaryOperation and type(test.operator) is cst.Not):
            continue
        flag = dotted(test.expression)
        if flag and any(type(line) is cst.SimpleStatementLine and any(
                type(small) is cst.Assign and type(small.value) is cst.Name and small.value.value == "True"
                and any(dotted(t.target) == flag for t in small.targets) for small in line.body)
                for line in parent.body.body):
            return True
    return False


def _closes_behind_it(node: cst.CSTNode, ancestors: List[cst.CSTNode], function: Scope) -> bool:
    """`await self._queue.put(error)` then `self._closed = True`, where the class's other puts into that queue run
    only under `if not self._closed:`: the item ends the stream (an error, an end marker) and shuts the producers
    that feed it, so it is a last word put once per stream, not a stream. (Those guarded producers are judged
    for themselves.)"""
    me, owner = function.self_name, function.class_scope
    if not me or owner is None or type(node) is not cst.Call or type(node.func) is not cst.Attribute:
        return False
    queue = dotted(node.func.value)
    chain = [node, *ancestors]
    flags = set()
    for child, parent in zip(chain, chain[1:]):
        if type(parent) is cst.IndentedBlock and child in parent.body:
            after = parent.body[parent.body.index(child) + 1:]
            flags.update(dotted(t.target) for line in after if type(line) is cst.SimpleStatementLine
                         for small in line.body if type(small) is cst.Assign and type(small.value) is cst.Name
                         and small.value.value == "True" for t in small.targets)
    flags = {flag for flag in flags if flag.startswith(me + ".")}
    if not flags or not queue:
        return False
    for method in owner.children:
        if method is function or method.kind != "function" or not method.self_name:
            continue
        for test in walk_local(method.node):
            if type(test) is cst.If and type(test.test) is cst.UnaryOperation and type(test.test.operator) is cst.Not \
                    and dotted(test.test.expression).replace(method.self_name + ".", me + ".", 1) in flags \
                    and any(type(put) is cst.Call and type(put.func) is cst.Attribute
                            and put.func.attr.value in ("put", "put_nowait")
                            and dotted(put.func.value).replace(method.self_name + ".", me + ".", 1) == queue
                            for put in walk_local(test.body)):
                return True
    return False


_FORGETS = frozenset(("pop", "discard", "remove", "clear", "popitem"))


def _coalesced(mapping: ModuleMap, function: Scope) -> bool:
    """`if key in self._waiting: return; self._waiting[key] = ...; q.put_nowait(item)` (or `.add(key)`, or a
    `.get(key)` of what it waits at), and another function forgets the key (`del self._waiting[key]`,
    `.discard(key)`) when it takes the item: the put is skipped while its key waits, so the queue holds one entry
    per key waiting, however often the producer runs. A key never forgotten is a filter over a stream ("seen"),
    and the queue grows with every new key."""
    recorded: List[Tuple[str, cst.BaseExpression]] = []
    for node in walk_local(function.node):
        if type(node) is cst.Assign:
            recorded.extend((dotted(t.target.value), t.target.slice[0].slice.value) for t in node.targets
                            if type(t.target) is cst.Subscript and len(t.target.slice) == 1
                            and type(t.target.slice[0].slice) is cst.Index)
        elif type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "add" \
                and len(node.args) == 1:
            recorded.append((dotted(node.func.value), node.args[0].value))
    recorded = [(holder, key) for holder, key in recorded if "." in holder]  # an attribute: it outlives the call
    if not recorded:
        return False

    def tested(node: cst.CSTNode, holder: str, key: cst.BaseExpression) -> bool:
        if type(node) is cst.Comparison and len(node.comparisons) == 1 \
                and type(node.comparisons[0].operator) in (cst.In, cst.NotIn):
            return dotted(node.comparisons[0].comparator) == holder and node.left.deep_equals(key)
        return type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "get" \
            and dotted(node.func.value) == holder and bool(node.args) and node.args[0].value.deep_equals(key)

    guarded = {holder for holder, key in recorded
               if any(tested(node, holder, key) for node in walk_local(function.node))}
    if not guarded:
        return False
    for node in mapping.nodes:
        if mapping.scope.get(id(node)) is function:
            continue
        if type(node) is cst.Del and type(node.target) is cst.Subscript and dotted(node.target.value) in guarded:
            return True
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _FORGETS \
                and dotted(node.func.value) in guarded:
            return True
    return False


def _one_way_transition(node: cst.CSTNode, ancestors: List[cst.CSTNode], function: Scope) -> bool:
    """The put runs under `if self.state is S:` on a path that also moves `self.state` to another state T, and
    no method of the class ever moves it from T (or a state reached from T) back to S: a state machine that
    only goes forward passes this branch once per object (a request's last body part queues one disconnect),
    however often the method is called. A state set back to S outside `__init__`, or by an unguarded
    assignment, and it is a per-message producer again."""
    me, owner = function.self_name, function.class_scope
    if not me or owner is None:
        return False
    chain = [node, *ancestors]
    for index, (child, parent) in enumerate(zip(chain, chain[1:])):
        if type(parent) is not cst.If or child is not parent.body:
            continue
        for attr, state in _state_tests(parent.test, me):
            moved = {_state_value(small.value) for block in chain[:index + 1] if type(block) is cst.IndentedBlock
                     for line in block.body if type(line) is cst.SimpleStatementLine for small in line.body
                     if type(small) is cst.Assign and any(dotted(t.target) == f"{me}.{attr}" for t in small.targets)}
            if not moved or None in moved or state in moved:
                continue
            edges = _state_edges(owner, attr)
            if edges is None:
                continue
            seen, stack = set(moved), list(moved)
            while stack:
                for following in edges.get(stack.pop(), ()):
                    if following not in seen:
                        seen.add(following)
                        stack.append(following)
            if state not in seen:
                return True
    return False


def _state_tests(test: cst.BaseExpression, me: str) -> Iterator[Tuple[str, str]]:
    """(attribute, state) for each `self.attr is STATE` / `self.attr == STATE` the test requires."""
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
        yield from _state_tests(test.left, me)
        yield from _state_tests(test.right, me)
    elif type(test) is cst.Comparison and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) in (cst.Is, cst.Equal):
        name, state = dotted(test.left), _state_value(test.comparisons[0].comparator)
        if name.startswith(me + ".") and name.count(".") == 1 and state is not None:
            yield name[len(me) + 1:], state


def _state_value(value: cst.BaseExpression) -> Optional[str]:
    """A state as written (`State.DONE`, `"done"`, `3`), or None for anything computed."""
    if type(value) in (cst.SimpleString, cst.Integer):
        return value.value
    return dotted(value) or None


def _state_edges(owner: Scope, attr: str) -> Optional[Dict[str, Set[str]]]:
    """state -> the states the class's methods move `self.<attr>` to from it, each move read from the
    `if self.<attr> is STATE:` it sits under; None when some method outside `__init__` sets it without such a
    guard or to a computed value (it could go anywhere). Worked out once per class and attribute."""
    key = ("state-edges", attr)
    if key in owner.memo:
        return owner.memo[key]
    edges: Dict[str, Set[str]] = {}
    result: Optional[Dict[str, Set[str]]] = edges
    for method in owner.methods.values():
        me = method.self_name
        if not me or method.name == "__init__":
            continue
        stack: List[Tuple[cst.CSTNode, Tuple[str, ...]]] = [(method.node.body, ())]
        while stack and result is not None:
            current, guards = stack.pop()
            if type(current) in (cst.FunctionDef, cst.ClassDef, cst.Lambda) and current is not method.node:
                continue
            if type(current) is cst.Assign and any(dotted(t.target) == f"{me}.{attr}" for t in current.targets):
                target = _state_value(current.value)
                if target is None or not guards:
                    result = None
                    break
                edges.setdefault(guards[-1], set()).add(target)
                continue
            if type(current) in (cst.AugAssign, cst.AnnAssign) and dotted(current.target) == f"{me}.{attr}":
                result = None
                break
            if type(current) is cst.If:
                tested = [state for name, state in _state_tests(current.test, me) if name == attr]
                stack.append((current.body, guards + tuple(tested[:1])))
                if current.orelse is not None:
                    stack.append((current.orelse, guards))
                stack.append((current.test, guards))
                continue
            stack.extend((child, guards) for child in iter_children(current))
    owner.memo[key] = result
    return result


def _exits(body: cst.BaseSuite, leaving_loop: bool = False) -> bool:
    statements = getattr(body, "body", ())
    if not statements:
        return False
    last = statements[-1]
    if type(last) is cst.SimpleStatementLine:
        return type(last.body[-1]) in ((cst.Return, cst.Raise, cst.Break) if leaving_loop else (cst.Return, cst.Raise))
    return False
