"""Call shapes that decide whether a blocking API blocks at one call site, beyond its name and arguments:
a `functools.partial` of it being called, a concurrent future already known to be done, a urllib3 request that
has no HTTP method to send. ``blocking.py`` asks these; each is a look at the call and its function's calls."""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

import libcst as cst

from asynccheck.lint import arguments, knowledge, types
from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.interface import answer
from asynccheck.lint.scope import INST, REF, Scope


def partial_made(site: CallSite) -> Tuple[Optional[cst.Call], Optional[Scope]]:
    """(the `functools.partial(...)` call that made what ``site`` calls, the scope it is in)."""
    func = site.node.func
    made, where = (func, site.scope) if type(func) is cst.Call else (None, None)
    if type(func) is cst.Name:  # one binding, to a call spelled `partial(...)`: checked before evaluating
        made, where = site.scope.sole_call(func.value) or (None, None)
    elif type(func) is cst.Attribute and type(func.value) is cst.Name:
        # `self._get = functools.partial(self.session.get, timeout=5)` once (in `__init__`, or the class body: a
        # partial is no descriptor, so `self` is not bound to it), then `self._get(url)`
        owner = site.scope.self_class(func.value.value)
        attr = func.attr.value
        bindings = [*owner.attrs.get(attr, ()), *owner.bindings.get(attr, ())] if owner is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Call:
            made, where = bindings[0][1], bindings[0][2]
    kind = dotted(made.func).rpartition(".")[2] if made is not None else ""
    if kind not in ("partial", "partialmethod") or not made.args \
            or made.args[0].keyword is not None or made.args[0].star:
        return None, None
    if kind == "partialmethod":
        # `header = functools.partialmethod(_load, "header.html")` in the class body, then `self.header()`: a
        # method that calls `_load(self, "header.html")`, read as the call `self._load("header.html")` would be
        if type(func) is not cst.Attribute or where.kind != "class":
            return None, None
        return (made, where) if where.evaluate(made.func) == (REF, "functools.partialmethod") else (None, None)
    return (made, where) if where.evaluate(made.func) == (REF, "functools.partial") else (None, None)


FUTURE_WAITS = frozenset({"concurrent.futures.Future.result", "concurrent.futures.Future.exception",
                          # a pool's pending result: `while not res.ready(): await asyncio.sleep(...)` then `get()`
                          "multiprocessing.pool.AsyncResult.get", "multiprocessing.pool.AsyncResult.wait"})
_SETTLING = frozenset({"wrap_future", "wait", "as_completed"})
# what asks a pending result whether it has finished: a concurrent future's `done()`, a pool result's `ready()`
_FINISHED_TESTS = frozenset({"done", "cancelled", "ready"})


def future_settled(site: CallSite) -> bool:
    """`fut.result()` on a concurrent future the function knows is done: it checks `fut.done()` (or
    `cancelled()`; a pool's `res.ready()` before `res.get()`), or waits for it first (`await asyncio.wrap_future(fut)`, `concurrent.futures.wait([fut])`).
    Outside a coroutine, a future the function is handed is too (a done callback's, which its caller runs when
    the future is done)."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    if type(func.value) is cst.Name and not site.scope.runs_on_loop \
            and any(b[0] == "param" for b in site.scope.bindings.get(func.value.value, ())):
        return True
    receiver = _text(func.value)
    collections = _collections_of(site, func.value)
    awaited = {_text(other.node.func.value) for other in site.scope.events.get("calls", ())
               if other.awaited and type(other.node.func) is cst.Attribute and other.node.func.attr.value == "wait"}
    for other in site.scope.events.get("calls", ()):
        called = other.node.func
        if type(called) is cst.Attribute and called.attr.value in _FINISHED_TESTS \
                and _text(called.value) == receiver:
            return True
        if type(called) is cst.Attribute and called.attr.value == "add_done_callback" \
                and _text(called.value) == receiver and other.node.args \
                and _signalled(other.node.args[0].value) & awaited:
            return True  # `fut.add_done_callback(lambda _: done.set())`, then `await done.wait()`: it is done
        if other.awaited or dotted(called).rpartition(".")[2] in _SETTLING:
            for arg in other.node.args:
                given = arg.value  # the future, or a list of futures with it
                values = [e.value for e in given.elements] if type(given) in (cst.List, cst.Tuple, cst.Set) \
                    else [given]
                if any(_text(value) == receiver or _text(value) in collections for value in values):
                    return True
    return False


def _collections_of(site: CallSite, receiver: cst.BaseExpression) -> set:
    """The collections a future is taken from (`for f in pending`, `pending.pop()`, `pending[0]`): waiting for
    them all (`await asyncio.to_thread(concurrent.futures.wait, pending)`) settles each."""
    if type(receiver) is cst.Name:
        return {_text(b[1]) for b in site.scope.bindings.get(receiver.value, ()) if b[0] == "iter"} - {""}
    if type(receiver) is cst.Subscript:
        return {_text(receiver.value)} - {""}
    if type(receiver) is cst.Call and type(receiver.func) is cst.Attribute \
            and receiver.func.attr.value in ("pop", "popleft"):
        return {_text(receiver.func.value)} - {""}
    return set()


def _signalled(callback: cst.BaseExpression) -> set:
    """The events a done callback written in place sets: `lambda _: done.set()`, or through the loop,
    `lambda _: loop.call_soon_threadsafe(done.set)`."""
    if type(callback) is not cst.Lambda:
        return set()
    found = set()
    for node in _walk(callback.body):
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute:
            continue
        if node.func.attr.value == "set" and not node.args:
            found.add(_text(node.func.value))
        elif node.func.attr.value == "call_soon_threadsafe" and node.args \
                and type(node.args[0].value) is cst.Attribute and node.args[0].value.attr.value == "set":
            found.add(_text(node.args[0].value.value))
    return found - {""}


RAY_GETS = frozenset({"ray.get"})
# Interface fact: the module's function returns whether the object ref it is handed (at this position) is ready,
# asked without waiting (`finished, _ = ray.wait([ref], timeout=0)`)
READY_TEST = "(ray ready test)"


def ray_ready(site: CallSite) -> bool:
    """`ray.get(ref)` in a function that asks first whether the ref is ready without waiting (`ray.wait([ref],
    timeout=0)`, or a helper of the project that does, `if check_ready_nowait(ref):`): the value is there, so
    the get returns at once."""
    if not site.node.args or site.node.args[0].keyword is not None:
        return False
    ref = _text(site.node.args[0].value)
    for other in site.scope.events.get("calls", ()):
        if other.node is site.node:
            continue
        if ref in _tested_nowait(site.scope, other.node):
            return True
        position = _ready_test_position(site.scope, other.node.func)
        positional = [a.value for a in other.node.args if a.keyword is None and not a.star]
        if position is not None and position < len(positional) and _text(positional[position]) == ref:
            return True
    return False


def _tested_nowait(scope: Scope, call: cst.Call) -> FrozenSet[str]:
    """The refs `ray.wait(refs, timeout=0)` asks about (as written), when ``call`` is that."""
    timeout = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "timeout"), None)
    if type(timeout) not in (cst.Integer, cst.Float) or float(timeout.value) != 0 \
            or scope.evaluate(call.func) != (REF, "ray.wait"):
        return frozenset()
    refs = call.args[0].value
    # (of several refs, or a list of them, only one need be ready for the wait to report some)
    if type(refs) not in (cst.List, cst.Tuple) or len(refs.elements) != 1:
        return frozenset()
    return frozenset((_text(refs.elements[0].value),))


def _ready_test_position(scope: Scope, func: cst.BaseExpression) -> Optional[int]:
    value = scope.evaluate(func)
    if value is None or value[0] != REF:
        return None
    own = scope.module.functions.get(value[1])
    if own is not None:
        return ready_test_position(own)
    said = answer(scope.module.foreign, value[1], READY_TEST, "arg")
    return int(said) if said is not None and said.isdigit() else None


def ready_test_position(func: Scope) -> Optional[int]:
    """The position of the parameter a plain function asks `ray.wait([param], timeout=0)` about, or None."""
    if func.is_async or type(func.node) is not cst.FunctionDef:
        return None
    params = [p.name.value for p in (*func.node.params.posonly_params, *func.node.params.params)]
    for call in func.events.get("calls", ()):
        tested = _tested_nowait(func, call.node)
        for position, param in enumerate(params):
            if param in tested:
                return position
    return None


def exported_ready_tests(ctx) -> Dict[str, tuple]:
    """Interface facts (``READY_TEST``): the module's functions that ask whether a ref they are handed is ready."""
    out: Dict[str, tuple] = {}
    if not ctx.root.imports(("ray",)):
        return out
    for name, func in ctx.functions.items():
        position = ready_test_position(func)
        if position is not None:
            out[name + READY_TEST] = ("arg", str(position))
    return out


PIPE_RECEIVES = frozenset(f"{knowledge.PIPE_END}.{m}" for m in ("recv", "recv_bytes", "recv_bytes_into"))


def pipe_polled(site: CallSite) -> bool:
    """`if conn.poll(): conn.recv()`: the function asks the pipe end whether a message is waiting (the
    multiprocessing idiom for a non-blocking read), so the receive takes what is already there."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    receiver = _text(func.value)
    return any(type(other.node.func) is cst.Attribute and other.node.func.attr.value == "poll"
               and _text(other.node.func.value) == receiver for other in site.scope.events.get("calls", ()))


ZMQ_RECEIVES = frozenset(name for name, code in knowledge.BLOCKING.items()
                         if name.startswith("zmq.Socket.recv"))


def zmq_polled(site: CallSite) -> bool:
    """`events = dict(await poller.poll())` then `if sock in events: sock.recv_multipart()`: a ZeroMQ receive in a
    function that polls first (a Poller the socket is registered with, or the socket itself) takes the message
    the poll said is waiting."""
    return any(type(other.node.func) is cst.Attribute and other.node.func.attr.value == "poll"
               and other.node is not site.node for other in site.scope.events.get("calls", ()))


# Calls after which this process runs no more Python: the loop it would stall never runs again.
_PROCESS_ENDS = frozenset(["os._exit", "os.abort", *(f"os.exec{v}" for v in "l le lp lpe v ve vp vpe".split())])


def process_ends_after(ctx, site: CallSite) -> bool:
    """A later statement of the same block ends or replaces the process (`subprocess.Popen([...])` to start the
    new copy, then `os._exit(0)`): a restart's last act. `sys.exit` raises and unwinds, so it does not count."""
    parents = ctx.parents(site.scope)
    line = parents.get(id(site.statement))
    block = parents.get(id(line)) if type(line) is cst.SimpleStatementLine else None
    if type(block) is not cst.IndentedBlock:
        return False
    after = False
    for statement in block.body:
        if statement is line:
            after = True
            continue
        if after and type(statement) is cst.SimpleStatementLine and any(
                type(small) is cst.Expr and type(small.value) is cst.Call
                and site.scope.evaluate(small.value.func) in {(REF, name) for name in _PROCESS_ENDS}
                for small in statement.body):
            return True
    return False


def process_exited(site: CallSite) -> bool:
    """`proc.wait()` after the function polled until the process ended: `while proc.poll() is None: await
    asyncio.sleep(0.1)` (or a `poll()` of the object that owns `self.proc`, jupyter_client's provisioner): the
    wait only reaps it. Polling that does not loop until then (`if proc.poll() is None:`) proves nothing, nor
    does a wait inside the polling loop."""
    from asynccheck.lint.builder import walk_local  # (imports this module's neighbours)
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    process = _text(func.value)
    polled_by = {process, process.rpartition(".")[0]} - {""}
    for node in walk_local(site.scope.node):
        if node is site.node:
            return False
        if type(node) is cst.While and _polls_until_exit(node.test, polled_by) \
                and not any(inner is site.node for inner in walk_local(node)):
            return True
    return False


def _polls_until_exit(test: cst.BaseExpression, polled_by) -> bool:
    if not (type(test) is cst.Comparison and len(test.comparisons) == 1
            and type(test.comparisons[0].operator) is cst.Is and types.is_none(test.comparisons[0].comparator)):
        return False
    polled = test.left.expression if type(test.left) is cst.Await else test.left
    return type(polled) is cst.Call and type(polled.func) is cst.Attribute \
        and polled.func.attr.value == "poll" and not polled.args and _text(polled.func.value) in polled_by


# the methods of urllib3's pools and managers whose first argument is the HTTP method
METHOD_FIRST = frozenset(f"{t}.{m}" for t in knowledge.URLLIB3_POOLS
                         for m in ("request", "urlopen", "request_encode_url", "request_encode_body"))
_HTTP_VERBS = frozenset("GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH QUERY "  # and WebDAV's
                        "PROPFIND PROPPATCH MKCOL COPY MOVE LOCK UNLOCK REPORT SEARCH MKCALENDAR".split())


def sends_nothing(call: cst.Call) -> bool:
    """`pool.request()`, `pool.request(None)`, `pool.request("sPUTnik")`: no HTTP method, so no request is sent
    (the call raises first). A method in a variable may be any verb: that call is reported."""
    method = None
    for i, arg in enumerate(call.args):
        if arg.star:
            return False
        if (arg.keyword is None and i == 0) or (arg.keyword is not None and arg.keyword.value == "method"):
            method = arg.value
    if method is None:
        return True
    if type(method) is cst.Ellipsis or types.is_none(method):
        return True
    if type(method) is cst.SimpleString:
        value = method.evaluated_value
        return isinstance(value, str) and value.upper() not in _HTTP_VERBS
    return False


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def lock_built_on_condition(site: CallSite) -> bool:
    """`self._cond.wait()` as the whole body of `while self._writer:` in a method that then takes a hold itself
    (`self._readers += 1`): a lock built on a Condition (crewai's reader/writer lock). Every attribute the loop
    tests is a hold another waiter of the class takes the same way (`= True` or `+= 1` after its own wait loop)
    and a method gives back (`= False` or `-= 1`) before notifying: the wait lasts one holder's critical
    section, as `Lock.acquire()` does, which ACK106 leaves alone. Waiting for a producer (a queue's items, an
    event's flag) or for units of a semaphore (`self._value -= 1`) is no hold, and stays reported."""
    func = site.node.func
    scope, owner = site.scope, site.scope.class_scope
    me = scope.self_name
    loop = site.loop
    if not (type(func) is cst.Attribute and func.attr.value == "wait" and not site.node.args
            and owner is not None and me and type(loop) is cst.While):
        return False
    condition = _own_attribute(func.value, me)
    if condition is None or _waits_only(loop, condition, me) is not site.node:
        return False
    tested = {_own_attribute(node, me) for node in _walk(loop.test)} - {None}
    if not tested:
        return False
    holds, releases = set(), set()
    for method in owner.methods.values():
        holds |= _holds_taken(method, condition)
        releases |= _holds_given_back(method, condition)
    return bool(_holds_taken(scope, condition)) and tested <= (holds & releases)


def _own_attribute(node: cst.CSTNode, me: Optional[str]) -> Optional[str]:
    """``x`` for `self.x` (the method's own instance), else None."""
    if type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value == me:
        return node.attr.value
    return None


def _walk(node: cst.CSTNode):
    from asynccheck.lint.builder import walk_local  # (as in process_exited: imported when first needed)
    return walk_local(node)


def _hold_changes(where: cst.CSTNode, me: str, taking: bool):
    """The attributes ``where`` sets with `self.a = True` / `self.a += 1` (taking a hold) or `= False` / `-= 1`
    (giving one back)."""
    for node in _walk(where):
        if type(node) is cst.Assign and len(node.targets) == 1 and type(node.value) is cst.Name \
                and node.value.value == ("True" if taking else "False"):
            attr = _own_attribute(node.targets[0].target, me)
        elif type(node) is cst.AugAssign and type(node.value) is cst.Integer and node.value.value == "1" \
                and isinstance(node.operator, cst.AddAssign if taking else cst.SubtractAssign):
            attr = _own_attribute(node.target, me)
        else:
            continue
        if attr is not None:
            yield attr


def _holds_taken(scope: Scope, condition: str) -> set:
    """The holds a method takes right after a `while ...: self.<condition>.wait()` loop in the same block."""
    me = scope.self_name
    if not me:
        return set()
    taken = set()
    for node in _walk(scope.node):
        body = getattr(node, "body", None)
        if not isinstance(body, (list, tuple)):
            continue
        for i, stmt in enumerate(body[:-1]):
            if type(stmt) is cst.While and _waits_only(stmt, condition, me):
                taken |= set(_hold_changes(body[i + 1], me, True))
    return taken


def _waits_only(loop: cst.While, condition: str, me: str) -> Optional[cst.Call]:
    """The `self.<condition>.wait()` call that is the loop's whole body, if it is."""
    inner = loop.body.body
    if len(inner) != 1 or type(inner[0]) is not cst.SimpleStatementLine or len(inner[0].body) != 1:
        return None
    expr = inner[0].body[0]
    call = expr.value if type(expr) is cst.Expr else None
    if type(call) is cst.Call and not call.args and type(call.func) is cst.Attribute \
            and call.func.attr.value == "wait" and _own_attribute(call.func.value, me) == condition:
        return call
    return None


def _holds_given_back(scope: Scope, condition: str) -> set:
    """The holds a method gives back, when it also notifies the condition's waiters."""
    me = scope.self_name
    if not me:
        return set()
    notifies = any(type(site.node.func) is cst.Attribute and site.node.func.attr.value in ("notify", "notify_all")
                   and _own_attribute(site.node.func.value, me) == condition
                   for site in scope.events.get("calls", ()))
    return set(_hold_changes(scope.node, me, False)) if notifies else set()


# A thread queue's `put` waits only while the queue is full, so only a queue given a maxsize can make it wait (a
# SimpleQueue has none). The table leaves `put` out for that reason; it counts where the bound is in sight.
BOUNDED_PUTS = frozenset(f"queue.{kind}.put" for kind in ("Queue", "LifoQueue", "PriorityQueue"))


def put_on_bounded_queue(site: CallSite) -> bool:
    """`self._q = queue.Queue(maxsize=10)` (or a local made so), then `self._q.put(item)`: every call that made
    the receiver is a thread queue given a bound that is not a literal 0 or less (0 means unbounded). A queue
    from elsewhere, or one made without a bound, is taken not to fill."""
    func = site.node.func
    origins = arguments.made_by(site.scope, func.value) if type(func) is cst.Attribute else None
    if not origins:
        return False
    for home, call in origins:
        made = home.evaluate(call.func)
        if made is None or made[0] != REF or f"{made[1]}.put" not in BOUNDED_PUTS:
            return False
        bound = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "maxsize"), None)
        if bound is None and call.args and call.args[0].keyword is None and not call.args[0].star:
            bound = call.args[0].value
        if bound is None or _not_positive(bound):
            return False
        if type(func.value) is cst.Name and _handoff_within_bound(home, func.value.value, bound):
            return False
    return True


_PUTS = frozenset(("put", "put_nowait"))
_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def _handoff_within_bound(home: Scope, name: str, bound: cst.BaseExpression) -> bool:
    """`handle = queue.Queue(maxsize=1)` made in a function, and all its puts, in that function or in functions
    defined in it, are fewer than the bound and run once each (no loop around them, and each function holding
    one is used once, outside any loop): a one-shot handoff between two threads, whose put finds room."""
    if type(bound) is not cst.Integer or home.kind != "function":
        return False
    room = int(bound.value, 0)
    puts = 0
    holders = []  # the functions defined here that hold a put
    for node, loop, nested in _walk_marking(home.node, False, None):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _PUTS \
                and type(node.func.value) is cst.Name and node.func.value.value == name:
            puts += 1
            if loop or puts > room:
                return False
            if nested is not None:
                holders.append(nested)
    for holder in holders:
        uses = [loop for node, loop, _ in _walk_marking(home.node, False, None)
                if type(node) is cst.Name and node.value == holder.name.value and node is not holder.name]
        if len(uses) != 1 or uses[0]:
            return False
    return puts > 0


def _walk_marking(node: cst.CSTNode, loop: bool, nested: Optional[cst.FunctionDef]):
    """Every node under ``node`` with whether a loop in this function tree is around it, and the outermost
    function defined inside that holds it. Looked at only for a put on a bounded local queue in async code."""
    for child in node.children:
        inner = nested if nested is not None or type(child) is not cst.FunctionDef else child
        yield child, loop, inner
        yield from _walk_marking(child, loop or isinstance(child, _LOOPS), inner)


def _not_positive(node: cst.BaseExpression) -> bool:
    if type(node) is cst.UnaryOperation and type(node.operator) is cst.Minus:
        return True
    return type(node) is cst.Integer and int(node.value, 0) == 0


# A file position moved or read without any data moving: `tell()` is an lseek() on a file opened only for reading
# (and the buffer's bookkeeping); `seek()` there is one too, but a text file's `seek()` to a cookie may read a few
# bytes to restore the decoder's state, so only a binary file's, or a seek to the start, counts. On a file that
# may be written, both flush the write buffer first: real I/O.
POSITION_CALLS = frozenset(f"{t}.{m}" for t in knowledge.FILE_TYPES for m in ("tell", "seek"))
_OPENERS = {"builtins.open": 1, "io.open": 1, "pathlib.Path.open": 0}
_WRITING = frozenset("wax+")


def position_of_read_only_file(site: CallSite) -> bool:
    func = site.node.func
    if type(func) is cst.Attribute and site.scope.evaluate(func.value) == (INST, knowledge.UPLOAD_SPOOL):
        # an upload's spool, written out in binary by the framework before the handler got it: unless the
        # handler writes to it itself, no write buffer waits to be flushed
        spool = dotted(func.value)
        return bool(spool) and not any(type(other.node.func) is cst.Attribute
                                       and other.node.func.attr.value in _WRITERS
                                       and dotted(other.node.func.value) == spool
                                       for other in site.scope.events.get("calls", ()))
    if type(func) is not cst.Attribute or type(func.value) is not cst.Name:
        return False
    home = site.scope.lookup_scope(func.value.value)
    bindings = home.bindings.get(func.value.value, ()) if home is not None else ()
    modes = [_read_mode(b[2], b[1]) if b[0] in ("expr", "enter") and type(b[1]) is cst.Call else
             _stream_param_mode(home, b, func.value.value) for b in bindings]
    if not modes or None in modes:
        return False
    if func.attr.value == "tell":
        return True
    binary = all("b" in mode for mode in modes)
    to_start = len(site.node.args) == 1 and type(site.node.args[0].value) is cst.Integer \
        and site.node.args[0].value.value == "0"
    return binary or to_start


# A parameter declared as a stream (`input_file: IO[bytes] | None`, `src: BinaryIO`) that the function only
# reads: its mode is the caller's, but a function that never writes, flushes or truncates it has no write buffer of
# its own to flush, so moving its position moves no data (`size = src.seek(0, 2); src.seek(0)` before an upload).
_BINARY_STREAMS = ("IO[bytes]", "BinaryIO", "BufferedReader", "RawIOBase", "BufferedIOBase")
_TEXT_STREAMS = ("IO[str]", "TextIO", "TextIOWrapper", "TextIOBase")
_WRITERS = frozenset({"write", "writelines", "truncate", "flush"})


def _stream_param_mode(scope: Scope, binding: tuple, name: str) -> Optional[str]:
    if binding[0] != "param" or binding[1] is None or scope is None:
        return None
    text = cst.Module([]).code_for_node(binding[1].annotation).replace(" ", "")
    mode = "rb" if any(kind in text for kind in _BINARY_STREAMS) else \
        "r" if any(kind in text for kind in _TEXT_STREAMS) else None
    if mode is None:
        return None
    for site in scope.events.get("calls", ()):
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value in _WRITERS and type(func.value) is cst.Name and \
                func.value.value == name:
            return None
    return mode


def _read_mode(scope: Scope, call: cst.Call) -> Optional[str]:
    """The mode `open(path, "rb")` (or `path.open()`, `io.open(...)`) opens a file for reading in, or None."""
    value = scope.evaluate(call.func)
    position = _OPENERS.get(value[1]) if value is not None and value[0] == REF else None
    if position is None:
        return None
    mode = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "mode"), None)
    positional = [a for a in call.args if a.keyword is None]
    if any(a.star for a in call.args):
        return None
    if mode is None and len(positional) > position:
        mode = positional[position].value
    if mode is None:
        return "r"
    if type(mode) is not cst.SimpleString:
        return None
    text = mode.evaluated_value
    return text if isinstance(text, str) and not _WRITING & set(text) else None


_URL_SCHEMES = ("http://", "https://", "ftp://")


def reads_a_url(site: CallSite, target: str) -> bool:
    """`pd.read_csv("https://example.org/data.csv")`, `url = f"https://{host}/x.csv"` then `read_csv(url)`: a
    reader of data files handed a URL downloads it (knowledge.URL_READERS). Only a path written as a URL, or a
    local bound to one text, counts: a path from elsewhere may be a file."""
    position, keyword = knowledge.URL_READERS[target]
    given = None
    for index, arg in enumerate(site.node.args):
        if arg.star:
            return False
        if (arg.keyword is not None and arg.keyword.value == keyword) or (arg.keyword is None and index == position):
            given = arg.value
    if given is None:
        return False
    return _url_text(site.scope, given, 0)


def _url_text(scope: Scope, node: cst.BaseExpression, depth: int) -> bool:
    if type(node) is cst.FormattedString:
        head = node.parts[0] if node.parts else None
        return type(head) is cst.FormattedStringText and head.value.lower().startswith(_URL_SCHEMES)
    if type(node) is cst.Name and depth < 2:
        home = scope.lookup_scope(node.value)
        bindings = home.bindings.get(node.value, ()) if home is not None and home.kind != "class" else ()
        return bool(bindings) and all(b[0] == "expr" and b[1] is not None and _url_text(b[2], b[1], depth + 1)
                                      for b in bindings)
    value = arguments.value_of(scope, node)
    return value[0] == "const" and isinstance(value[1], str) and value[1].lower().startswith(_URL_SCHEMES)


def digests_large_data(site: CallSite, target: str) -> bool:
    """`hashlib.sha256(await request.read())`, `hashlib.md5(fh.read())`, or a local bound to such a read: the
    hash of a whole file or message body, long enough to hold the thread (ACK109). A short key or constant, and a
    hash marked `usedforsecurity=False` (a cache key, a FIPS-safe fingerprint of a name), are left alone."""
    position, keyword = knowledge.DIGESTS[target]
    data = None
    for i, arg in enumerate(site.node.args):
        if arg.star:
            return False
        if arg.keyword is not None and arg.keyword.value == "usedforsecurity":
            return False
        if (arg.keyword is None and i == position) or (arg.keyword is not None and arg.keyword.value == keyword):
            data = arg.value
    if target == "hashlib.file_digest":
        return data is not None  # (reads the whole file it is handed and hashes it)
    return data is not None and _whole_contents(site.scope, data)


def _whole_contents(scope: Scope, node: cst.BaseExpression, depth: int = 0, encoded: bool = False) -> bool:
    """Does ``node`` hold a whole file's or message's contents? (``encoded``: the text of a `.encode()`, where an
    attribute called `content` is rather a chat message's few words than a response's body.)"""
    if depth > 3:
        return False
    if type(node) is cst.Await:
        node = node.expression
    if type(node) is cst.Call and type(node.func) is cst.Attribute:
        method = node.func.attr.value
        if method == "encode":  # `text.encode()`: as long as the text
            return _whole_contents(scope, node.func.value, depth + 1, encoded=True)
        if method == "getvalue" and type(node.func.value) is cst.Name and _assembled_here(scope, node.func.value):
            return False  # (text the function wrote piece by piece, as short as a string it joined with `+`)
        return method in knowledge.WHOLE_CONTENTS_CALLS and not (method == "read" and node.args)  # (not `read(n)`)
    if type(node) is cst.Attribute:
        return not encoded and node.attr.value in knowledge.WHOLE_CONTENTS_ATTRIBUTES
    if type(node) is cst.Name and scope.kind == "function":
        bindings = scope.bindings.get(node.value, ())
        return len(bindings) == 1 and bindings[0][0] == "expr" and bindings[0][1] is not None \
            and _whole_contents(bindings[0][2], bindings[0][1], depth + 1, encoded)
    return False


def _assembled_here(scope: Scope, buffer: cst.Name) -> bool:
    """`merged = StringIO()` made empty in this function and then only written to with `.write(piece)` of pieces
    that are not a whole file or body, and read with `.getvalue()`: text assembled piece by piece (a key, a
    challenge), not one handed over by a reader (`image.save(buf)`, `BytesIO(blob)`). Memoised per function."""
    name = buffer.value
    home = scope.lookup_scope(name)
    if home is None or home.kind != "function":
        return False
    key = ("assembled", name)
    known = home.memo.get(key)
    if known is None:
        known = home.memo[key] = _only_written_pieces(home, name)
    return known  # type: ignore[return-value]


def _only_written_pieces(home: Scope, name: str) -> bool:
    bindings = home.bindings.get(name, ())
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
        return False
    made = bindings[0][1]
    value = home.evaluate(made)
    if made.args or value is None or value[0] != INST or value[1] not in ("io.StringIO", "io.BytesIO"):
        return False
    uses = _BufferUses(home, name)
    home.node.visit(uses)
    return uses.fed_only_pieces and uses.names == uses.accounted + 1  # (+1: the name bound to the new buffer)


class _BufferUses(cst.CSTVisitor):
    """Counts the reads of a buffer's name and those that are `.write(piece)` or `.getvalue()` calls on it."""

    def __init__(self, home: Scope, name: str) -> None:
        self.home = home
        self.name = name
        self.names = 0
        self.accounted = 0
        self.fed_only_pieces = True

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.names += 1

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if type(func) is not cst.Attribute or type(func.value) is not cst.Name or func.value.value != self.name:
            return
        method = func.attr.value
        if method == "getvalue" and not node.args:
            self.accounted += 1
        elif method == "write" and len(node.args) == 1 and not node.args[0].star:
            self.accounted += 1
            if _whole_contents(self.home, node.args[0].value):
                self.fed_only_pieces = False
