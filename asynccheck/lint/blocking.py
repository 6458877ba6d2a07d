"""ACK101-ACK110: blocking calls made on the event loop's thread, directly or through a project helper."""
from __future__ import annotations

from typing import Dict, List, NamedTuple, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint import (arguments, devices, django_orm, django_views, kept_generators, knowledge, memo,
                             properties, stream_modes, stubs, types)
from asynccheck.lint import blocking_shapes as shapes
from asynccheck.lint.builder import CallSite, dotted, iter_children, walk_local
from asynccheck.lint.conditions import (AT_EXIT, AWAITED, ENTERED, FALSE, MEMORY, SELF_CALL, UNAWAITED, UNKNOWN, Cond,
                                        all_of, atom, evaluate, negate, opaque)
from asynccheck.lint.context import Candidate, FileContext, call_text
from asynccheck.lint.facts import DECLARED, MADE_SOCKET, OVERRIDDEN
from asynccheck.lint.messages import WHAT, advice, api_on, blocking_message as message
from asynccheck.lint.private_loops import alone_on_private_loops
from asynccheck.lint.scope import INST, ITER, REF, Scope

def blocking_condition(ctx: FileContext, site: CallSite, target: Optional[str]) -> Optional[Tuple[str, Cond]]:
    """(code, the condition on the enclosing function's parameters under which the call blocks), or None when
    it never does: not a blocking API, harmless by its arguments, or a generator nobody iterates here."""
    if target is None:
        return None
    code = ctx.known.blocking_code(target)
    if code is None and target in shapes.BOUNDED_PUTS and shapes.put_on_bounded_queue(site):
        code = "ACK106"
    if code is None and target in knowledge.DIGESTS and shapes.digests_large_data(site, target):
        code = "ACK109"
    if code is None and not ctx.is_project(target):
        code = knowledge.command_module_code(target)  # `sh.git.pull()`: not a project's own module named so
        owner, _, method = target.rpartition(".")
        if code is None and owner.rpartition(".")[2][:1].isupper() and not method.startswith("_") \
                and stubs.twin_makes_coroutine(owner, method):
            code = "ACK105"  # a sync client's method whose installed async twin is a coroutine function
        elif code is None and owner.rpartition(".")[2][:1].isupper() and not method.startswith("_") \
                and stubs.twin_pages(owner, method) and consumed(ctx, site):
            code = "ACK105"  # ... whose twin hands back an async pager: this one's pages come as it is iterated
    if code is None:
        return None
    if code == "ACK103" and target in knowledge.URL_READERS and shapes.reads_a_url(site, target):
        code = "ACK102"  # `pd.read_csv("https://...")`: a download, not a read of a file
    if target in knowledge.LAZY and not consumed(ctx, site):
        return None  # `gen = path.iterdir()`, `f(p.iterdir() if x else ())`: the I/O happens where it is iterated
    if target.startswith("socket.socket.") and not _blocking_local_socket(site, target):
        return None
    if target in _DESCRIPTOR_MOVES and _expects_non_blocking(site.scope):
        return None  # `try: os.read(fd, n) except BlockingIOError:`: a non-blocking descriptor returns at once
    if stream_modes.moves_data(target) and stream_modes.switched_non_blocking(ctx, site):
        return None  # `os.set_blocking(proc.stdin.fileno(), False)`, then `proc.stdin.write(data)`
    if target == "socket.socket.connect" and _datagram(site):
        return _datagram_connect(site, code)
    if target in _CONNECTS and _to_own_listener(site):
        return None
    if target in _QUEUE_GETS and _emptiness_checked(ctx, site):
        return None
    if target in shapes.FUTURE_WAITS and shapes.future_settled(site):
        return None
    if target in shapes.RAY_GETS and shapes.ray_ready(site):
        return None
    if target in shapes.PIPE_RECEIVES and shapes.pipe_polled(site):
        return None
    if target in shapes.ZMQ_RECEIVES and shapes.zmq_polled(site):
        return None
    if target == "subprocess.Popen.wait" and shapes.process_exited(site):
        return None
    if shapes.process_ends_after(ctx, site):
        return None  # a restart's last act: the loop never runs again to be stalled
    if target == "threading.Condition.wait" and shapes.lock_built_on_condition(site):
        return None
    if target in shapes.POSITION_CALLS and shapes.position_of_read_only_file(site):
        return None
    if target in shapes.METHOD_FIRST and shapes.sends_nothing(site.node):
        return None
    if code == "ACK108" and _running_loop_expected(ctx, site):
        return None
    if site.handler is not None and _no_loop_handler(ctx, site):
        return None
    cond = negate(arguments.harmless(site.scope, site.node, target))
    if cond is not None and cond[0] == "not" and site.guards:
        # `if url.startswith("data:"): urlopen(url)`: the test the call runs under makes it harmless (a test that
        # is false by itself, `if READY:` on a module flag, is judged where guards are: not here)
        guard = arguments.guard(site)
        if guard != FALSE and all_of((guard, cond)) == FALSE:
            return None
    return None if cond == FALSE else (code, cond)


def _running_loop_expected(ctx: FileContext, site: CallSite) -> bool:
    """`try: return asyncio.run(coro)` / `except RuntimeError:` then another way (a worker thread that runs
    it): the helper expects to be called with a loop running, where `asyncio.run` refuses at once; what it
    does instead is what blocks (the wait for the thread), and that is looked at on its own. So does a test
    that checks the refusal (`with pytest.raises(RuntimeError): asyncio.run(coro)`)."""
    parents = ctx.parents(site.scope)
    node: cst.CSTNode = site.node
    while True:
        parent = parents.get(id(node))
        if parent is None:
            return False
        if type(parent) is cst.Try and node is parent.body:
            return any(_names_runtime_error(handler.type) for handler in parent.handlers)
        if type(parent) is cst.With and node is parent.body and any(
                type(item.item) is cst.Call and dotted(item.item.func).rpartition(".")[2] == "raises"
                and item.item.args and _names_runtime_error(item.item.args[0].value) for item in parent.items):
            return True  # `with pytest.raises(RuntimeError):`: a test that the refusal happens
        node = parent


def _no_loop_handler(ctx: FileContext, site: CallSite) -> bool:
    """`try: asyncio.get_running_loop()` / `except RuntimeError: asyncio.run(coro)`: the handler runs only where
    no loop runs in this thread, so never on the loop's. The `try` holds the probe alone (`loop = ...` at most):
    anything else in it may raise RuntimeError with a loop running (`loop.run_until_complete()` does)."""
    handler = site.handler
    if type(handler) is not cst.ExceptHandler or not _names_runtime_error(handler.type):
        return False
    owner = ctx.parents(site.scope).get(id(handler))
    body = getattr(getattr(owner, "body", None), "body", ())
    if type(owner) is not cst.Try or not body:
        return False
    for statement in body:
        small = statement.body if type(statement) is cst.SimpleStatementLine else ()
        if len(small) != 1:
            return False
        value = small[0].value if type(small[0]) in (cst.Expr, cst.Assign) else None
        if type(small[0]) is cst.Assign and not all(type(t.target) is cst.Name for t in small[0].targets):
            return False
        if type(value) is not cst.Call or value.args or site.scope.evaluate(value.func) not in _LOOP_PROBES:
            return False
    return True


# Calls that raise RuntimeError exactly when no event loop runs in this thread
_LOOP_PROBES = frozenset(((REF, "asyncio.get_running_loop"), (REF, "asyncio.events.get_running_loop"),
                          (REF, "sniffio.current_async_library")))


def _names_runtime_error(node: Optional[cst.BaseExpression]) -> bool:
    if type(node) is cst.Tuple:
        return any(_names_runtime_error(element.value) for element in node.elements)
    return dotted(node) == "RuntimeError" if node is not None else False


def consumed(ctx: FileContext, site: CallSite) -> bool:
    """Is a generator made by this call iterated on this thread: right here (`for x in call()`), through the
    name it is assigned to (`gen = call()` ... `for x in gen`), or by the sync call it is passed to? Handing it
    to a worker thread (`to_thread(list, call())`), or to an awaited call, which may do the same, runs nothing yet."""
    if site.consumed or _entered(site):
        return True
    if site.assigned is not None:
        return site.assigned in site.scope.events.get("iterated", ())
    parent = site.argument_of
    if parent is None or parent.awaited:
        return False
    target = ctx.target_of(parent)
    return target is None or (target not in knowledge.THREAD_ENTRY and target not in knowledge.HANDS_OFF)


def _entered(site: CallSite) -> bool:
    """`with cursor_for(dsn) as cur:`: a generator function whose call a `with` enters is a `@contextmanager`
    (a bare generator has no `__enter__`), and entering runs its body up to the `yield`, here."""
    for statement, _ in site.scope.events.get("withs", ()):
        if statement.asynchronous is None and any(item.item is site.node for item in statement.items):
            return True
    return False


def partial_condition(ctx: FileContext, site: CallSite) -> Optional[Tuple[str, Cond]]:
    """A call of a `functools.partial` of a blocking callable: `functools.partial(time.sleep, 1)()`, or
    `pause = functools.partial(time.sleep, 1)` then `pause()`. It blocks as the wrapped call would with the
    arguments bound and given together (a partial handed to `to_thread` is not called here: not this)."""
    made, where = shapes.partial_made(site)
    if made is None:
        return None
    value = where.evaluate(made.args[0].value)
    target = value[1] if value is not None and value[0] == REF else None
    code = ctx.known.blocking_code(target) if target is not None else None
    if code is None or target in knowledge.LAZY or target.startswith("socket.socket."):
        return None
    key = ("partial call", id(site.node))  # the call the partial makes, kept alive with the module (memo keys)
    memo = site.scope.module.memo
    if key not in memo:
        # `partial(f, *pa, **pk)(*a, **k)` calls `f(*pa, *a, **pk, **k)`: positionals first, or libcst refuses
        # the node (`partial(subprocess.run, text=True)(argv)`)
        given = (*made.args[1:], *site.node.args)
        named = [arg for arg in given if arg.keyword is not None or arg.star == "**"]
        plain = [arg for arg in given if arg.keyword is None and arg.star != "**"]
        memo[key] = cst.Call(func=made.args[0].value, args=(*plain, *named))
    cond = negate(arguments.harmless(site.scope, memo[key], target))
    return None if cond == FALSE else (code, cond)


def _partial_of_helper(ctx: FileContext, site: CallSite) -> Tuple[Optional[str], tuple]:
    """(the project function, the arguments it gets) when ``site`` calls a `functools.partial` of one (`load =
    functools.partial(self.client.fetch, "/jobs")` then `load()`): the project index decides whether it blocks,
    as for a direct call. The bound arguments come first, read where the partial was made."""
    made, where = shapes.partial_made(site)
    if made is None:
        return None, ()
    value = where.evaluate(made.args[0].value)
    if value is None or value[0] != REF or not ctx.is_project(value[1]):
        return None, ()
    bound = arguments.call_args(where, made.with_changes(args=made.args[1:]))
    given = arguments.call_args(site.scope, site.node)
    positional = bound[0] if bound[2] else bound[0] + given[0]
    return value[1], (positional, bound[1] + given[1], bound[2] or given[2])


def blocking_code(ctx: FileContext, site: CallSite, target: Optional[str]) -> Optional[str]:
    """The code of a call that blocks whatever its function was called with."""
    found = blocking_condition(ctx, site, target)
    if found is None or evaluate(found[1], {}) is False:
        return None
    return found[0]


_QUEUE_GETS = frozenset(f"queue.{kind}.get" for kind in ("Queue", "LifoQueue", "PriorityQueue", "SimpleQueue"))


def _emptiness_checked(ctx: FileContext, site: CallSite) -> bool:
    """A `q.get()` in a function that checks `q.empty()` or `q.qsize()` takes an item it knows is there
    (`while q.empty(): await asyncio.sleep(0)` then `q.get()`; `if not q.empty(): q.get()`); so does one in a
    private helper every caller of which checks it (`while self.q.empty(): await ...` then `self._take()`)."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    scope = site.scope
    receiver = _self_text(func.value, scope)
    if _checks_queue(scope, receiver):
        return True
    if scope.kind != "function" or not scope.name.startswith("_") or scope.name.endswith("__"):
        return False
    callers = _callers_of(ctx, scope)
    return bool(callers) and all(_checks_queue(caller, receiver) for caller in callers)


def _checks_queue(scope: Scope, receiver: str) -> bool:
    for other in scope.events.get("calls", ()):
        checked = other.node.func
        if (type(checked) is cst.Attribute and checked.attr.value in ("empty", "qsize")
                and _self_text(checked.value, scope) == receiver):
            return True
    return False


def _self_text(node: cst.CSTNode, scope: Scope) -> str:
    """The receiver's text, `self.` for whatever a method calls its instance."""
    text = _text(node)
    head, dot, rest = text.partition(".")
    return f"self.{rest}" if dot and scope.self_name is not None and head == scope.self_name else text


def _callers_of(ctx: FileContext, function: Scope) -> List[Scope]:
    """The scopes of this module that call ``function``: only calls spelled with its name are evaluated."""
    found = []
    for call in ctx.calls:
        func = call.node.func
        name = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else None
        if name != function.name:
            continue
        value = call.scope.evaluate(func)
        if value is not None and value[0] == REF and value[1] == function.qualname:
            found.append(call.scope)
    return found


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


_SOCKET = (INST, "socket.socket")
_SWITCHES = frozenset({"setblocking", "settimeout"})
_DESCRIPTOR_MOVES = frozenset({"os.read", "os.write", "os.readv", "os.writev"})
_NON_BLOCKING_ERRORS = ("BlockingIOError", "SSLWantReadError", "SSLWantWriteError")


def _blocking_local_socket(site: CallSite, target: str) -> bool:
    """Socket methods count only on a socket this code made itself and never switched to non-blocking mode
    (nor handed to the loop): a socket from elsewhere is usually the loop's, or set up by code we cannot see.
    Made itself: in this function (`s = socket.socket()`, `with socket.create_connection(a) as s`), or, for
    `self.sock`, by the methods of this class (`self.sock = socket.create_connection(a)` in `connect()`).
    A coroutine's parameter declared `socket.socket` counts for the calls that wait for the peer (see
    `_declared_socket_param`)."""
    receiver = site.node.func.value if type(site.node.func) is cst.Attribute else None
    if _expects_non_blocking(site.scope):
        return False
    if target in _PEER_WAITS and _declared_socket_result(site.scope, receiver):
        return True
    if target in _PEER_WAITS and _declared_socket_element(site.scope, receiver):
        return True
    if type(receiver) is cst.Name:
        if target in _PEER_WAITS and _declared_socket_param(site.scope, receiver):
            return True
        return _local_socket(site.scope, receiver.value)
    if type(receiver) is cst.Attribute and type(receiver.value) is cst.Name:
        owner = site.scope.self_class(receiver.value.value)
        peer_wait = target in _PEER_WAITS and site.scope.is_async
        if owner is None:
            return peer_wait and (_declared_socket_member(site.scope, receiver)
                                  or _other_instance_socket(site.scope, receiver))
        return _class_socket(owner, receiver.attr.value, peer_wait)
    if type(receiver) is cst.Attribute and target in _PEER_WAITS and site.scope.is_async:
        return _other_instance_socket(site.scope, receiver)
    return False


def _other_instance_socket(scope: Scope, receiver: cst.Attribute) -> bool:
    """`self.link.sock.sendall(data)`, `link._sock.recv(64)`, in a coroutine: the member of another object, of a
    class of this module that makes the socket itself (`self._sock = socket.create_connection(addr)` in its
    `connect()`) and never switches it, read directly or through a property that hands it back (`return
    self._sock`, after any checks that raise). Left out where code of this module switches such a member or
    hands one off (`loop.sock_sendall(link.sock, data)`): the socket may then be the loop's."""
    holder = scope.evaluate(receiver.value)
    if holder is None or holder[0] != INST or scope.evaluate(receiver) != _SOCKET:
        return False
    attr = receiver.attr.value
    cls = scope.module.classes.get(holder[1])
    if cls is not None:
        member = _made_socket_member(cls, attr)
        if member is None:
            return False
    else:
        foreign = scope.module.foreign
        if foreign is None or not foreign.owns(holder[1]) \
                or foreign.fact(f"{holder[1]}.{attr}{MADE_SOCKET}", None) is None:
            return False
        member = attr

    def is_member(node: cst.CSTNode) -> bool:
        return type(node) is cst.Attribute and node.attr.value in (attr, member)
    return not any(_switches_or_hands_off(site.scope, site.node, is_member)
                   for inner in _scopes_under(scope.module) for site in inner.events.get("calls", ()))


def _scopes_under(scope: Scope):
    yield scope
    for child in scope.children:
        yield from _scopes_under(child)


def _made_socket_member(cls: Scope, attr: str) -> Optional[str]:
    """The member of ``cls`` that reading ``attr`` gives (itself, or what its property hands back) when it holds
    a socket the class makes itself and never switches; None otherwise."""
    getter = properties.getter(cls, attr)
    member = _property_member(getter) if getter is not None else attr
    return member if member is not None and _class_socket(cls, member) else None


def exported_sockets(root: Scope) -> Dict[str, tuple]:
    """Members (and properties) of this module's classes that hold a socket the class made itself, for the
    coroutines of other modules that wait on one (see `_other_instance_socket`). Only in a module that imports
    from `socket`: a class makes its socket with what it imports."""
    if not any(b[0] == "value" and b[1] is not None and b[1][1].split(".")[0] == "socket"
               for bindings in root.bindings.values() for b in bindings):
        return {}
    out: Dict[str, tuple] = {}
    for qualname, cls in root.classes.items():
        names = {*cls.attrs, *cls.bindings}
        for attr in names:
            if _made_socket_member(cls, attr) is not None:
                out[f"{qualname}.{attr}{MADE_SOCKET}"] = ("sock", root.qualname)
    return out


def _property_member(getter: Scope) -> Optional[str]:
    """The attribute every `return` of a property's getter hands back (`return self._sock`), or None."""
    found = set()
    for node in walk_local(getter.node):
        if type(node) is cst.Return:
            value = node.value
            if not (type(value) is cst.Attribute and type(value.value) is cst.Name
                    and value.value.value == getter.self_name):
                return None
            found.add(value.attr.value)
    return found.pop() if len(found) == 1 else None


def _local_socket(scope: Scope, name: str) -> bool:
    if scope.lookup_scope(name) is not scope:
        return False
    for binding in scope.bindings[name]:
        if binding[0] == "unpack" and _unpacks_socket(scope, binding):
            continue
        if binding[0] not in ("expr", "enter") or not _makes_socket(binding[2], binding[1]):
            return False  # a parameter, a loop variable, another object's socket: made by code we do not see
    return not any(_switches_or_hands_off(site.scope, site.node, lambda node: _is_name(node, name))
                   for site in scope.events.get("calls", ()))


# what waits for the other side even on a socket that has a send buffer to spare (`send`/`sendto` on a
# non-blocking socket return at once, the idiom of code that pairs them with `add_writer`)
_PEER_WAITS = frozenset(f"socket.socket.{m}" for m in (
    "recv", "recv_into", "recvfrom", "recvfrom_into", "recvmsg", "accept", "sendall"))


def _declared_socket_param(scope: Scope, receiver: cst.Name) -> bool:
    """`async def heartbeat(sock: socket.socket): sock.recvfrom(512)`: the signature says a plain socket, and a
    non-blocking one would raise `BlockingIOError` here instead of waiting (code that catches it is left out
    above), so either way the coroutine expects the call to wait. A socket the loop owns is not declared so
    (`get_extra_info("socket")` gives a `TransportSocket`); one handed to the loop or switched in this coroutine
    is left out as for a socket it made. The same holds where the declaration says it less directly: each
    element of a parameter declared `list[socket.socket]` (`for c in conns`), and the socket member of a
    declared union that an `isinstance` test leaves (`sink: socket.socket | StreamWriter`, in its `else:`)."""
    name = receiver.value
    if scope.lookup_scope(name) is not scope or not (scope.is_async or _socket_helper(scope)):
        return False
    bindings = scope.bindings[name]
    if len(bindings) != 1 or not (_is_declared_param(bindings[0]) or _iterates_declared_param(scope, bindings[0])):
        return False
    if scope.evaluate(receiver) != _SOCKET:
        return False
    return not any(_switches_or_hands_off(site.scope, site.node, lambda node: _is_name(node, name))
                   for site in scope.events.get("calls", ()))


def _socket_helper(scope: Scope) -> bool:
    """A plain function of the module (not a method, which the loop may call back when the socket is ready): what
    it does with a socket its signature declares plain, it does on the thread of its caller."""
    return scope.kind == "function" and scope.class_scope is None and type(scope.node) is cst.FunctionDef \
        and scope.parent is scope.module


def _declared_socket_member(scope: Scope, receiver: cst.Attribute) -> bool:
    """`async def push(link: Link, data): link.sock.sendall(data)`: a member of a coroutine's declared parameter,
    the parameter's class (a NamedTuple, a dataclass of this module) declaring it a field `sock: socket.socket`
    with no value and no method assigning it: whoever makes the instance hands a plain socket, as a caller does
    for a parameter declared one. Left out as there: a socket this coroutine switches or hands off, one the
    class's methods switch; and an attribute the class leaves `None` for code we do not see to fill."""
    base, attr = receiver.value, receiver.attr.value
    if scope.lookup_scope(base.value) is not scope:
        return False
    bindings = scope.bindings[base.value]
    if len(bindings) != 1 or not (_is_declared_param(bindings[0]) or _holds_made_instance(scope, bindings[0])
                                  or _iterates_declared(scope, bindings[0])) \
            or scope.evaluate(receiver) != _SOCKET:
        return False
    holder = scope.evaluate(base)
    cls = scope.module.classes.get(holder[1]) if holder is not None and holder[0] == INST else None
    foreign = scope.module.foreign
    if cls is None and holder is not None and holder[0] == INST and foreign is not None and foreign.owns(holder[1]) \
            and foreign.fact(f"{holder[1]}.{attr}{DECLARED}", None) == _SOCKET:
        # a class of another module of the project (`conn: Conn`, `class Conn(NamedTuple): sock: socket.socket`):
        # its module told what the member is, and it is a plain socket; what this coroutine does with it decides
        return not any(_switches_or_hands_off(site.scope, site.node, lambda node: type(node) is cst.Attribute
                                              and node.attr.value == attr and _is_name(node.value, base.value))
                       for site in scope.events.get("calls", ()))
    declared = cls.bindings.get(attr, ()) if cls is not None else ()
    if not declared or cls.attrs.get(attr) or any(b[0] != "annot" for b in declared) \
            or not any(types.declared(cls, b)[1] == _SOCKET for b in declared):
        return False

    def is_member(node: cst.CSTNode) -> bool:  # `link.sock` here, `self.sock` (or any instance's) in the class
        return type(node) is cst.Attribute and node.attr.value == attr and type(node.value) is cst.Name

    for method in cls.methods.values():
        for inner in (method, *method.children):
            if any(_switches_or_hands_off(site.scope, site.node, is_member) for site in inner.events.get("calls", ())):
                return False
    return not any(_switches_or_hands_off(site.scope, site.node, lambda node: is_member(node) and node.value.value
                                          == base.value) for site in scope.events.get("calls", ()))


def _declared_socket_element(scope: Scope, receiver: Optional[cst.BaseExpression]) -> bool:
    """`conns[-1].recv(64)`, `self.pair[1].recv(64)`, `self.slots[0].sock.sendall(b)`, in a coroutine: a socket
    taken from a collection that a parameter of this coroutine or an attribute of its class is declared to hold
    (`conns: list[socket.socket]`, `self.slots: list[Slot]` with `Slot.sock: socket.socket` a field nobody
    assigns), as for each element a `for` loop over it gives (`_iterates_declared`). Left out where this
    coroutine switches any socket it takes so, or hands one off."""
    if not scope.is_async or receiver is None or scope.evaluate(receiver) != _SOCKET:
        return False
    member = receiver.attr.value if type(receiver) is cst.Attribute else None
    if member is not None:
        holder = scope.evaluate(receiver.value)
        cls = scope.module.classes.get(holder[1]) if holder is not None and holder[0] == INST else None
        declared = cls.bindings.get(member, ()) if cls is not None else ()
        if not declared or cls.attrs.get(member) or any(b[0] != "annot" for b in declared):
            return False
        receiver = receiver.value
    source = receiver.value if type(receiver) is cst.Subscript else receiver.func.value \
        if type(receiver) is cst.Call and type(receiver.func) is cst.Attribute \
        and receiver.func.attr.value in ("pop", "popleft", "get") else None
    if type(source) is cst.Name:
        bindings = scope.bindings.get(source.value, ()) if scope.lookup_scope(source.value) is scope else ()
        if len(bindings) != 1 or not _is_declared_param(bindings[0]):
            return False
    elif type(source) is cst.Attribute and type(source.value) is cst.Name \
            and scope.self_class(source.value.value) is not None:
        if types._declared(scope, source)[0] is None:
            return False
    else:
        return False

    def taken(node: cst.CSTNode) -> bool:  # any element of the same collection, or its member
        if member is not None and type(node) is cst.Attribute and node.attr.value == member:
            return True
        inner = node.value if type(node) is cst.Subscript else node.func.value \
            if type(node) is cst.Call and type(node.func) is cst.Attribute else None
        return inner is not None and _text(inner) == _text(source)
    return not any(_switches_or_hands_off(site.scope, site.node, taken) for site in scope.events.get("calls", ()))


def _declared_socket_result(scope: Scope, receiver: Optional[cst.BaseExpression]) -> bool:
    """`for s in open_links(): s.recv(64)`, `open_links()[0].sendall(b)`, in a coroutine: an element of what a
    function returns, its signature declaring a collection of plain sockets (`-> tuple[socket.socket, ...]`,
    `-> list[socket.socket]`, here or in another module), as a parameter declared so is (see
    `_declared_socket_param`); left out where this coroutine switches it or hands it off."""
    if not scope.is_async or receiver is None or scope.evaluate(receiver) != _SOCKET:
        return False
    made, name = receiver.value if type(receiver) is cst.Subscript else None, None
    if type(receiver) is cst.Name:
        bindings = scope.bindings.get(receiver.value, ()) if scope.lookup_scope(receiver.value) is scope else ()
        if len(bindings) != 1 or bindings[0][0] not in ("iter", "expr") or bindings[0][2] is not scope:
            return False
        source, name = bindings[0][1], receiver.value
        # an element of what is iterated (`for s in links`), as an index is (`s = links[0]`)
        made = source if bindings[0][0] == "iter" else source.value if type(source) is cst.Subscript else None
    if type(made) is cst.Name:  # `links = open_links()` then `links[0]` or `for s in links`
        found = scope.sole_call(made.value)
        made = found[0] if found is not None and found[1] is scope else made
    if type(made) is not cst.Call or not _declared_result(scope, made):
        return False
    if name is None:
        return True
    return not any(_switches_or_hands_off(site.scope, site.node, lambda node: _is_name(node, name))
                   for site in scope.events.get("calls", ()))


def _declared_result(scope: Scope, call: cst.Call) -> bool:
    """Does ``call`` call a function whose return annotation declares what it gives (this module's, or another
    module's of the project, whose facts come from that annotation or its returns)?"""
    func = scope.evaluate(call.func)
    if func is None or func[0] != REF:
        return False
    own = scope.module.functions.get(func[1])
    if own is not None:
        return getattr(own.node, "returns", None) is not None
    foreign = scope.module.foreign
    return foreign is not None and foreign.owns(func[1])


def _holds_made_instance(scope: Scope, binding: tuple) -> bool:
    """`peer = await asyncio.to_thread(connect_peer, host)` (or `peer = connect_peer(host)`), the maker declared
    or seen to return an instance of a class: the local holds one as a parameter declared that class would."""
    if binding[0] != "expr" or type(binding[1]) not in (cst.Call, cst.Await):
        return False
    value = scope.evaluate(binding[1])
    return value is not None and value[0] == INST and value != _SOCKET


def _iterates_declared(scope: Scope, binding: tuple) -> bool:
    """`for link in links` over a parameter declared a collection of a class (`links: list[Link]`), or over an
    attribute of `self` the class declares so (`self.links: list[Link] = []`): each element is an instance
    handed in whole, as a parameter declared that class is."""
    if _iterates_declared_param(scope, binding):
        return True
    if binding[0] != "iter" or binding[2] is not scope or type(binding[1]) is not cst.Attribute \
            or type(binding[1].value) is not cst.Name or scope.self_class(binding[1].value.value) is None:
        return False
    value = scope.evaluate(binding[1])
    return value is not None and value[0] == ITER


def _is_declared_param(binding: tuple) -> bool:
    return binding[0] == "param" and binding[1] is not None


def _iterates_declared_param(scope: Scope, binding: tuple) -> bool:
    """`for c in conns` (or `[c.recv(1) for c in conns]`), `conns` a parameter of this function declared as a
    collection (whose element type the evaluator then gives)."""
    if binding[0] != "iter" or type(binding[1]) is not cst.Name or binding[2] is not scope:
        return False
    collection = scope.bindings.get(binding[1].value, ())
    return len(collection) == 1 and _is_declared_param(collection[0])


def _class_socket(owner: Scope, attr: str, peer_wait: bool = False) -> bool:
    """`self.sock` holds a socket the class made itself, or, for a coroutine's calls that wait for the peer
    (``peer_wait``), one it is handed declared a `socket.socket`, as a coroutine's parameter is: a field or a
    class-level `sock: socket.socket` that no method assigns (the dataclass's `__init__` or the caller does),
    or `self.sock = sock` from a method's parameter so declared."""
    made = handed = declared = False
    for binding in (*owner.attrs.get(attr, ()), *owner.bindings.get(attr, ())):
        if binding[0] == "annot" or (binding[0] == "expr" and types.is_none(binding[1])):
            declared = declared or (binding[0] == "annot" and types.declared(owner, binding)[1] == _SOCKET)
            continue  # `sock: socket.socket | None = None`: a declaration, not a socket from elsewhere
        if peer_wait and binding[0] == "expr" and _declared_socket_argument(binding[2], binding[1]):
            handed = True
            continue
        if binding[0] == "expr" and type(binding[1]) is cst.Name and _constructed_with_socket(owner, *binding[1:3]):
            made = True
            continue
        if binding[0] not in ("expr", "enter") or not _makes_socket(binding[2], binding[1]):
            return False
        made = True
    if not (made or handed or (peer_wait and declared)):
        return False
    def is_attr(node: cst.CSTNode) -> bool:  # `self.sock` (or another instance's: staying quiet is cheap)
        return type(node) is cst.Attribute and node.attr.value == attr and type(node.value) is cst.Name

    for method in owner.methods.values():
        for scope in (method, *method.children):
            if any(_switches_or_hands_off(site.scope, site.node, is_attr) for site in scope.events.get("calls", ())):
                return False
    return True


def _constructed_with_socket(owner: Scope, value: cst.Name, scope: Scope) -> bool:
    """`self.sock = sock` from a parameter of `__init__`, where every call of this module that makes the class
    hands that parameter a socket it has just made (`return cls(socket.create_connection(addr))` in its
    classmethod constructor, `Link(socket.socket())` in a factory), and some call does: the class's instances hold
    sockets its own code makes, as when `__init__` makes them. A socket made and named first (`s = socket.socket()`,
    maybe switched before it is handed) does not count."""
    if scope.name != "__init__" or scope.class_scope is not owner or scope.lookup_scope(value.value) is not scope:
        return False
    bindings = scope.bindings[value.value]
    params = scope.node.params
    names = [p.name.value for p in (*params.posonly_params, *params.params)]
    if len(bindings) != 1 or bindings[0][0] != "param" or value.value not in names[1:]:
        return False
    key = ("constructed with a socket", owner.qualname, value.value)
    memo = owner.module.memo
    if key not in memo:
        memo[key] = _every_construction_makes_socket(owner, names.index(value.value) - 1, value.value)
    return bool(memo[key])


def _every_construction_makes_socket(owner: Scope, index: int, keyword: str) -> bool:
    found = False
    for inner in _scopes_under(owner.module):
        for site in inner.events.get("calls", ()):
            if site.scope.evaluate(site.node.func) != (REF, owner.qualname):
                continue
            given = next((a.value for a in site.node.args if a.keyword is not None and a.keyword.value == keyword),
                         None)
            if given is None and index < len(site.node.args) and site.node.args[index].keyword is None \
                    and not any(a.star for a in site.node.args[:index + 1]):
                given = site.node.args[index].value
            if given is None or not _makes_socket(site.scope, given):
                return False
            found = True
    return found


def _declared_socket_argument(scope: Scope, value: cst.BaseExpression) -> bool:
    """`self.sock = sock` in a method whose parameter `sock` is declared `socket.socket`."""
    if type(value) is not cst.Name or scope.lookup_scope(value.value) is not scope:
        return False
    bindings = scope.bindings[value.value]
    return len(bindings) == 1 and _is_declared_param(bindings[0]) and scope.evaluate(value) == _SOCKET


def _datagram(site: CallSite) -> bool:
    """`sock.connect(...)` on a UDP socket this function made (`socket.socket(family, socket.SOCK_DGRAM)`)."""
    receiver = site.node.func.value if type(site.node.func) is cst.Attribute else None
    if type(receiver) is not cst.Name or site.scope.lookup_scope(receiver.value) is not site.scope:
        return False
    for binding in site.scope.bindings[receiver.value]:
        made = binding[1] if binding[0] in ("expr", "enter") else None
        if type(made) is not cst.Call:
            return False
        kind = next((a.value for a in made.args if a.keyword is not None and a.keyword.value == "type"), None)
        positional = [a.value for a in made.args if a.keyword is None and not a.star]
        kind = kind if kind is not None else positional[1] if len(positional) > 1 else None
        if kind is None or binding[2].evaluate(kind) != (REF, "socket.SOCK_DGRAM"):
            return False
    return True


def _datagram_connect(site: CallSite, code: str) -> Optional[Tuple[str, Cond]]:
    """Connecting a UDP socket sends nothing: it only records the peer (the trick that finds the local address
    with `s.connect(("8.8.8.8", 80))`). What may wait is resolving a host name, so a numeric host is harmless."""
    address = site.node.args[0].value if site.node.args else None
    if type(address) is not cst.Tuple or not address.elements:
        return code, None
    host = arguments.value_of(site.scope, address.elements[0].value)
    cond = negate(atom("harmless", "ip", host))
    return None if cond == FALSE else (code, cond)


_CONNECTS = frozenset({"socket.create_connection", "socket.socket.connect"})


def _to_own_listener(site: CallSite) -> bool:
    """`socket.create_connection(server.getsockname())` where this function made `server`: the peer is a socket
    of this process listening on this machine (the socketpair trick), so the kernel completes the handshake
    at once."""
    address = site.node.args[0].value if site.node.args else None
    while type(address) is cst.Subscript:  # `server.getsockname()[:2]`
        address = address.value
    if type(address) is not cst.Call or type(address.func) is not cst.Attribute or \
            address.func.attr.value != "getsockname" or type(address.func.value) is not cst.Name:
        return False
    name = address.func.value.value
    if site.scope.lookup_scope(name) is not site.scope:
        return False
    made = [b for b in site.scope.bindings[name] if not (b[0] == "expr" and types.is_none(b[1]))]  # `server = None`
    return bool(made) and all(b[0] in ("expr", "enter") and _makes_socket(b[2], b[1]) for b in made)


def _makes_socket(scope: Scope, value: cst.BaseExpression) -> bool:
    return type(value) is cst.Call and scope.evaluate(value) == _SOCKET


def _unpacks_socket(scope: Scope, binding: tuple) -> bool:
    """`left, right = socket.socketpair()`, `conn, _ = listener.accept()`: a socket this code's own call made (a
    tuple handed in from elsewhere is not)."""
    return type(binding[1]) is cst.Call and scope._binding_value(binding) == _SOCKET


def _switches_or_hands_off(scope: Scope, call: cst.Call, is_socket, deep: bool = True) -> bool:
    """`sock.setblocking(False)`, `sock.settimeout(...)`, or the socket passed to a call (`loop.sock_recv(sock)`,
    `asyncio.open_connection(sock=sock)`, `ssl_context.wrap_socket(sock)`), but for a sync helper of this module
    that declares that parameter a plain socket and keeps it one (`read_ack(self.sock)`, `def read_ack(sock:
    socket.socket)`): the helper waits on it as the caller would."""
    func = call.func
    if type(func) is cst.Attribute and func.attr.value in _SWITCHES and is_socket(func.value):
        return not _stays_blocking(scope, call)
    if type(func) is cst.Name and func.value == "isinstance" and scope.lookup_scope("isinstance") is None:
        return False  # a test of what the socket is hands it to no one
    handed = [(index, arg) for index, arg in enumerate(call.args) if is_socket(arg.value)]
    if not handed:
        return False
    helper = _plain_socket_helper(scope, call) if deep else None
    return helper is None or not all(_keeps_declared_socket(helper, index, arg) for index, arg in handed)


def _plain_socket_helper(scope: Scope, call: cst.Call) -> Optional[Scope]:
    """The sync function of this module that ``call`` calls by name, if it is one."""
    if type(call.func) is not cst.Name:
        return None
    value = scope.evaluate(call.func)
    helper = scope.module.functions.get(value[1]) if value is not None and value[0] == REF else None
    return helper if helper is not None and not helper.is_async and type(helper.node) is cst.FunctionDef else None


def _keeps_declared_socket(helper: Scope, index: int, arg: cst.Arg) -> bool:
    """The helper's parameter that ``arg`` (the ``index``-th argument) fills is declared `socket.socket`, and the
    helper neither switches it nor hands it on."""
    params = helper.node.params.params
    if arg.star or (arg.keyword is None and index >= len(params)):
        return False
    name = arg.keyword.value if arg.keyword is not None else params[index].name.value
    param = next((p for p in params if p.name.value == name), None)
    if param is None or types.annotation_type(helper, param.annotation) != _SOCKET:
        return False
    return not any(_switches_or_hands_off(helper, site.node, lambda node: _is_name(node, name), deep=False)
                   for site in helper.events.get("calls", ()))


def _stays_blocking(scope: Scope, call: cst.Call) -> bool:
    """`sock.settimeout(5)`, `settimeout(None)`, `setblocking(True)`: the socket still waits (up to the timeout)
    in every call; only a zero timeout or `setblocking(False)` makes it non-blocking. An unknown value may.
    A name counts by what it holds: a constant (`TIMEOUT = 2.0`), or a parameter that nothing rebinds and whose
    default is a positive timeout (`def discover(timeout=2.0)`): a caller that wants a non-blocking socket
    calls `setblocking(False)`, not a timeout helper with a zero."""
    if len(call.args) != 1 or call.args[0].keyword is not None:
        return False
    value = call.args[0].value
    if call.func.attr.value == "setblocking":
        return type(value) is cst.Name and value.value == "True"
    if type(value) is cst.Name and value.value == "None":
        return True
    found = arguments.value_of(scope, value)
    if found[0] == "param" and not found[2]:
        default = next((p[2] for p in arguments.signature(scope)[1] if p[0] == found[1]), None)
        found = default if default is not None else found
    return found[0] == "const" and type(found[1]) in (int, float) and found[1] > 0


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return type(node) is cst.Name and node.value == name


def _expects_non_blocking(scope: Scope) -> bool:
    """Code that catches `BlockingIOError` works a non-blocking socket: its recv returns at once or raises."""
    for node in scope.events.get("trys", ()):
        for handler in getattr(node, "handlers", ()):
            if handler.type is not None and any(e in _text(handler.type) for e in _NON_BLOCKING_ERRORS):
                return True
    return False


def check(ctx: FileContext) -> None:
    _check_iterations(ctx)
    _check_property_reads(ctx)
    if django_orm.imports_django(ctx.root.module):
        _check_lazy_user(ctx)
    hooks = _awaitability_tested(ctx)
    alone = alone_on_private_loops(ctx)
    offloads: list = []  # (filled on first use) the SDK methods this module hands to worker threads
    for site in ctx.calls:
        scope = site.scope
        _check_callback(ctx, site)
        _check_runner_arguments(ctx, site)
        if not ctx.on_loop_thread(scope) or site.awaited or id(site.node) in ctx.subsumed:
            continue
        _check_applied(ctx, site)
        if alone and scope.qualname in alone:
            continue  # the one coroutine of a loop its thread made for it: a wait there holds up nothing else
        target = ctx.target_of(site)
        code = blocking_code(ctx, site, target) or _stream_code(site, target)
        if code is None and target is None:
            found = partial_condition(ctx, site)
            code = found[0] if found is not None and evaluate(found[1], {}) is not False else None
            if code is None:
                helper, args = _partial_of_helper(ctx, site)
                if helper is not None:
                    ctx.candidates.append(Candidate("helper", helper, site.index, call_text(site.node), args=args,
                                                    consumed=consumed(ctx, site), in_async=can_await(ctx, scope)))
                    continue
        if code is None and kept_generators.advances(site, target):
            kept = kept_generators.advanced(ctx, site, target)
            lazy = ctx.known.blocking_code(kept[0]) if kept is not None and kept[0] in knowledge.LAZY else None
            if lazy is not None:  # `next(self._entries)` of `path.iterdir()`: the directory is read here
                ctx.report(lazy, site.node, message(lazy, call_text(site.node), can_await(ctx, scope), kept[0], ""))
                continue
            if kept is not None and kept[0] not in knowledge.LAZY:
                # `next(self._gen)`: the kept generator's body runs up to its next yield here
                ctx.candidates.append(Candidate("helper", kept[0], site.index, call_text(site.node),
                                                args=arguments.call_args(kept[2], kept[1]), consumed=True,
                                                in_async=can_await(ctx, scope)))
                continue
        if code is not None and _used_asynchronously(ctx, site):
            continue  # `async for r in stub.Stream(...)`, `call = stub.Get(req)` then `await call`: no sync call
        if code is not None and site.guards and arguments.stopped_loop_branch(site):
            continue  # `if loop.is_running(): ... else: loop.run_until_complete(...)`: not taken on the loop
        follow = code is None and target is not None and ctx.is_project(target) \
            and (id(scope), site.assigned) not in hooks and ctx.known.blocking_code(target) is None
        # (a callable the tables know, the library's own code linted: the tables and the call's shape decided)
        if site.guards and (code is not None or follow) and _offloaded_in_other_branch(ctx, site):
            continue
        path = devices.path_kind(site, target) if code == "ACK103" and target else ""
        if path == devices.NO_WAIT:
            continue  # `open("/dev/null", "w")`: the kernel answers at once
        if code is not None:
            ctx.report(code, site.node, message(code, call_text(site.node), can_await(ctx, scope), target or "",
                                                path), judged_with=_opened_where(site))
        elif not follow and (handed := _offloaded_elsewhere(ctx, site, offloads)) is not None \
                and not (site.guards and _offloaded_in_other_branch(ctx, site)):
            ctx.report("ACK105", site.node,
                       f"`{call_text(site.node)}` blocks the event loop: this module hands `{_text(handed[1])}` to a "
                       f"worker thread itself (`{call_text(handed[0])}`), because a call of it waits; "
                       f"{'await it the same way here' if can_await(ctx, scope) else 'run it off the loop here too'}",
                       related=((handed[0], "where the module hands it to a worker thread"),))
        elif follow:
            args = _entered_only(site, arguments.call_args(scope, site.node))
            if site.argument_of is not None and site.argument_of.awaited:
                # `await executor.aresult(self._token())`, `await asyncio.wait_for(self.fetch(), 5)`: the result is
                # awaited, so a helper with an async colour returned its coroutine (see conditions.AWAITED)
                args = (args[0], (*args[1], (AWAITED, ("const", True))), args[2])
            ctx.candidates.append(Candidate("helper", target, site.index, call_text(site.node),
                                            args=args, consumed=consumed(ctx, site),
                                            in_async=can_await(ctx, scope),
                                            spared=_FILE_IO if _made_over_memory_stream(scope, site) else (),
                                            own_class=_own_class(site)))


_FILE_IO = ("ACK103",)


def _own_class(site: CallSite) -> str:
    """The class of the method making the call when it calls a method of `self` (`self.line_received(line)`):
    a placeholder of the class itself is a hook whose overrides answer for themselves (ProjectIndex.own_hook)."""
    func, scope = site.node.func, site.scope
    if type(func) is cst.Attribute and type(func.value) is cst.Name and func.value.value == "self" \
            and scope.parent is not None and scope.parent.kind == "class":
        return scope.parent.qualname
    return ""


def _entered_only(site: CallSite, args: tuple) -> tuple:
    """`stack.enter_context(tracing(uuid))`: entering the `@contextmanager` runs its body up to the `yield` here;
    the rest runs when the stack closes, perhaps in another function (see conditions.ENTERED)."""
    parent = site.argument_of
    func = parent.node.func if parent is not None else None
    if type(func) is cst.Attribute and func.attr.value == "enter_context" and not parent.awaited:
        return (args[0], (*args[1], (ENTERED, ("const", True))), args[2])
    return args


def _after_yield(site: CallSite) -> Cond:
    """A call a generator makes after its first `yield`: a `@contextmanager` makes it on exit, not when entered."""
    marks = site.scope.events.get("yield_at")
    return AT_EXIT if marks and site.index >= marks[0] else None


def _used_asynchronously(ctx: FileContext, site: CallSite) -> bool:
    """The call's result is iterated with `async for`, or bound to a local that the function awaits (`call =
    stub.Check(req)` ... `await call`): what it returns is an async object, so the call is the async flavour of
    the API, whatever the receiver's declared type says (a helper annotated `-> Channel` that hands back a
    `grpc.aio` channel when asked to). (`async with open(path)` stays reported: the peers' tests call that a
    blocking open, which it is before it fails.)"""
    parents = ctx.parents(site.scope)
    parent = parents.get(id(site.node))
    if type(parent) is cst.For and parent.iter is site.node:
        return parent.asynchronous is not None
    name = site.assigned
    if name is None or len(site.scope.bindings.get(name, ())) != 1 or type(site.scope.node) is not cst.FunctionDef:
        return False
    return any(type(node) is cst.Await and type(node.expression) is cst.Name and node.expression.value == name
               for node in walk_local(site.scope.node.body))


def _made_over_memory_stream(scope: Scope, site: CallSite) -> bool:
    """`FlowReader(io.BytesIO(blob)).stream()`, or `reader.stream()` after `reader = FlowReader(io.StringIO(text))`:
    a method of a reader made over an in-memory buffer, whose reads of the stream it was handed touch no file."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    made = func.value
    if type(made) is cst.Name and scope.lookup_scope(made.value) is scope:
        bindings = scope.bindings[made.value]
        made = bindings[0][1] if len(bindings) == 1 and bindings[0][0] == "expr" else None
    if type(made) is not cst.Call:
        return False
    return any(not arg.star and arguments.value_of(scope, arg.value) == MEMORY for arg in made.args)


# Calls that run a callable they are handed on a worker thread: `asyncio.to_thread(f, x)`, `sync_to_async(f)(x)`.
_OFFLOADERS = frozenset({*knowledge.THREAD_ENTRY, *knowledge.THREAD_WRAPPERS,
                         "starlette.concurrency.run_in_threadpool"})


# Offloaders whose callable runs on a thread of this process (a process pool's jobs may be CPU work; a signal
# handler is no offload)
_THREAD_OFFLOADERS = frozenset(_OFFLOADERS - {"signal.signal", "multiprocessing.Process",
                                              "concurrent.futures.ProcessPoolExecutor.submit",
                                              "concurrent.futures.ProcessPoolExecutor.map"})


def _sdk_method(scope: Scope, func: cst.BaseExpression) -> Optional[Tuple[str, str]]:
    """(type, method) of `obj.method` where `obj` is an instance of a library type no table describes (a vendor
    SDK's client, `api: vendor.Api`); None for anything else (a project class's method is read, not inferred)."""
    if type(func) is not cst.Attribute:
        return None
    value = scope.evaluate(func.value)
    if value is None or value[0] != INST or value[1] in knowledge.DESCRIBED_TYPES or "." not in value[1] \
            or value[1].split(".")[0] in ("builtins", "typing", "collections", "asyncio"):
        return None
    return value[1], func.attr.value


def _offloaded_elsewhere(ctx: FileContext, site: CallSite, offloads: list):
    """`self.api.get_status()` in a coroutine, where the module also does `await hass.async_add_executor_job(
    self.api.get_status)` or `await asyncio.to_thread(api.get_status)` on the same SDK type: its own code says the
    call waits (the tables know nothing of the SDK). (the offloading call, the callable) or None."""
    key = _sdk_method(site.scope, site.node.func)
    if key is None or ctx.is_project(key[0]):
        return None
    if not offloads:
        offloads.append({})
        for other in ctx.calls:
            entry = ctx.target_of(other)
            if entry not in _THREAD_OFFLOADERS or entry not in knowledge.THREAD_ENTRY:
                continue
            position, keyword = knowledge.THREAD_ENTRY[entry]
            positional = [a for a in other.node.args if a.keyword is None and not a.star]
            handed = next((a.value for a in other.node.args if keyword and a.keyword is not None
                           and a.keyword.value == keyword), None)
            if handed is None and entry not in ("threading.Thread",) and len(positional) > position:
                handed = positional[position].value
            found = _sdk_method(other.scope, handed) if handed is not None else None
            if found is not None:
                offloads[0].setdefault(found, (other.node, handed))
    return offloads[0].get(key)


def _offloaded_in_other_branch(ctx: FileContext, site: CallSite) -> bool:
    """`if self._inline_ok(qs): hook(qs)` / `else: await sync_to_async(hook)(qs)`: the other branch of an `if`
    hands the very callable to a worker thread, so the code knows it may block and has decided when running it
    inline is safe (a cache hit, a small input), by a test the linter cannot read."""
    func = site.node.func
    called = _text(func)
    parents = ctx.parents(site.scope)
    node: cst.CSTNode = site.node
    while True:
        parent = parents.get(id(node))
        if parent is None or parent is site.scope.node:
            return False
        if type(parent) is cst.If:
            others = [parent.orelse if node is parent.body else parent.body if node is parent.orelse else None]
            if node is parent.body and _leaves(parent.body):
                # `if cheap: return f(x)` then `return await to_thread(f, x)`: what follows is the other branch
                block = parents.get(id(parent))  # (an `elif` has the `if` above it for parent: nothing follows)
                statements = list(block.body) if type(block) in (cst.IndentedBlock, cst.Module) else []
                at = next((i for i, statement in enumerate(statements) if statement is parent), len(statements))
                others.extend(statements[at + 1:])
            # (the same text parses to the same node type: a cheap test before code generation)
            if any(type(inner) is cst.Call and any(type(arg.value) is type(func) and _text(arg.value) == called
                                                   for arg in inner.args)
                   and _offloader(site.scope, inner.func)
                   for other in others if other is not None for inner in walk_local(other)):
                return True
        node = parent


def _leaves(block: cst.BaseSuite) -> bool:
    """Does the block end by returning or raising?"""
    last = block.body[-1] if type(block) is cst.IndentedBlock and block.body else None
    return type(last) is cst.SimpleStatementLine and type(last.body[-1]) in (cst.Return, cst.Raise)


def _offloader(scope: Scope, func: cst.BaseExpression) -> bool:
    value = scope.evaluate(func)
    if value is not None and value[0] == REF and value[1] in _OFFLOADERS:
        return True
    # `loop.run_in_executor(None, f)` on a loop the code cannot type
    return type(func) is cst.Attribute and func.attr.value == "run_in_executor"


def _check_property_reads(ctx: FileContext) -> None:
    """`self.template` in a coroutine, where `template` is a `@property` (`@cached_property`) of the project:
    the read runs the getter, on the loop; the project index decides whether the getter blocks."""
    reads = ctx.builder.reads
    # `self.template` runs a property's getter; `self[key]` the project class's `__getitem__`
    for event, target_of, detail in (("reads", properties.read_target, "property"),
                                      ("subscripts", properties.item_target, "item")):
        for scope in ctx.scopes:
            found = scope.events.get(event)
            if not found or not ctx.on_loop_thread(scope):
                continue
            for position in found:
                node = reads[position]
                target = target_of(scope, node)
                if target is not None and ctx.is_project(target):
                    ctx.candidates.append(Candidate("helper", target, -1 - position, call_text(node), detail=detail,
                                                    args=((), (), False), in_async=can_await(ctx, scope)))
                elif target is not None and target in knowledge.BLOCKING_PROPERTIES:
                    # `w3.eth.block_number`, `ticker.info`: a library property whose read is a request
                    code = knowledge.BLOCKING_PROPERTIES[target]
                    ctx.report(code, node, message(code, call_text(node), can_await(ctx, scope), target))


def _check_lazy_user(ctx: FileContext) -> None:
    """`request.user.is_authenticated` in an async Django view: the first read of the lazy user runs its query."""
    for scope in ctx.scopes:
        if scope.kind != "function" or not scope.is_async or not ctx.on_loop_thread(scope):
            continue
        for node, request in django_views.lazy_user_reads(scope):
            ctx.report("ACK105", node,
                       f"`{dotted(node) or call_text(node)}` blocks the event loop: `{request}.user` is a lazy object "
                       "that loads the session's user from the database the first time it is read (Django raises "
                       f"SynchronousOnlyOperation in async code); use `user = await {request}.auser()` (Django 5.0+) "
                       "or read it in `sync_to_async`")


def can_await(ctx: FileContext, scope: Scope) -> bool:
    """Is this loop code in a coroutine, where the advice can be to await (a lambda the coroutine calls right
    there counts), rather than a sync callback the loop runs (`data_received`, a lambda handed to `call_soon`)?"""
    while scope.kind == "lambda" and scope.parent is not None:
        if ctx.handed_to_loop(scope.parent, scope.node):
            return False
        scope = scope.parent
    return scope.runs_on_loop


_AWAITABLE_TESTS = frozenset({"isawaitable", "iscoroutine"})


def _awaitability_tested(ctx: FileContext) -> set:
    """(scope id, name) where a coroutine tests `inspect.isawaitable(name)` (or `iscoroutine`): `result =
    self._server.open(...)` then `if inspect.isawaitable(result): await result` calls a hook that may be sync or
    async on purpose (asyncssh's SFTPServer). The body it resolves to is one implementation of it, the default a
    subclass overrides, so a blocking call there is the implementer's to move off the loop, not this caller's."""
    found = set()
    for site in ctx.calls:
        func, args = site.node.func, site.node.args
        name = func.attr.value if type(func) is cst.Attribute else getattr(func, "value", None)
        if name in _AWAITABLE_TESTS and site.scope.is_async and args and type(args[0].value) is cst.Name:
            found.add((id(site.scope), args[0].value.value))
    return found


def _check_callback(ctx: FileContext, site: CallSite) -> None:
    """`loop.call_later(5, self.poll)`: the loop will call a project function on its thread, wherever this call
    is made; a blocking call in it stalls the loop then. (A lambda handed over is checked as loop code.)"""
    callback = ctx.loop_callback(site.scope, site.node)
    if callback is None or type(callback) is cst.Lambda:
        return
    given = callback
    bound, named, star = _partial_bound(site.scope, callback)
    if bound is not None:  # `fut.add_done_callback(functools.partial(self._log, path))`: the loop calls `_log`
        callback = callback.args[0].value
    value = site.scope.evaluate(callback)
    if value is not None and value[0] == REF and not ctx.is_project(value[1]):
        _library_callback(ctx, site, value[1], callback, given)
        return
    if value is None or value[0] != REF or not ctx.is_project(value[1]):
        return
    # the loop calls it with the positional arguments that follow it; a done callback with the future
    if dotted(site.node.func).endswith("add_done_callback"):
        handed: tuple = (UNKNOWN,)
    else:
        positional = [a.value for a in site.node.args if a.keyword is None and not a.star]
        at = next((i for i, v in enumerate(positional) if v is given), len(positional))
        handed = tuple(arguments.value_of(site.scope, v) for v in positional[at + 1:])
    star = star or any(a.star for a in site.node.args)
    ctx.candidates.append(Candidate("helper", value[1], site.index, call_text(site.node),
                                    args=((*(bound or ()), *handed), named, star), consumed=True, in_async=False))


def _check_runner_arguments(ctx: FileContext, site: CallSite) -> None:
    """`await retry(fetch_sync)`, `every(loop, 5, functools.partial(flush, path))`: a blocking callable handed to a
    function (of this module or another) that calls it on the loop's thread, or hands it to the loop to call. (A
    lambda handed over is checked as loop code.) Most calls are passed over before their arguments are worked
    out: only a function of the project may run what it is handed, and of this module's functions only a few do;
    and then only a function of the project or a blocking library callable handed over is worth asking about."""
    if not any(not arg.star and type(arg.value) in (cst.Name, cst.Attribute, cst.Call) for arg in site.node.args) \
            or not ctx.may_run_arguments(site.scope, site.node):
        return
    for arg in site.node.args:
        if arg.star or type(arg.value) not in (cst.Name, cst.Attribute, cst.Call):
            continue
        given = arg.value
        bound, named, star = _partial_bound(site.scope, given)
        callback = given.args[0].value if bound is not None else given
        if type(callback) not in (cst.Name, cst.Attribute):
            continue
        value = site.scope.evaluate(callback)
        if value is None or value[0] != REF:
            continue
        project = ctx.is_project(value[1])
        code = None if project else ctx.known.blocking_code(value[1])
        if not project and (code is None or value[1] in knowledge.LAZY or value[1].startswith("socket.socket.")):
            continue
        if not ctx.runs_argument(site.scope, site.node, arg):
            continue
        if project:
            ctx.candidates.append(Candidate("helper", value[1], site.index, call_text(site.node),
                                            args=(bound or (), named, True), consumed=True,
                                            in_async=can_await(ctx, site.scope)))
        elif bound is not None and arguments.harmless(
                site.scope, cst.Call(func=callback, args=list(given.args[1:])), value[1]) is None:
            continue
        else:
            text = call_text(callback)
            ctx.report(code, site.node, f"`{call_text(site.node)}` blocks the event loop: it runs `{text}` there, "
                                        f"which {WHAT[code]}; {advice(code, False, text, value[1])}")
        return


# Builtins that call a callable they are handed right away, on the calling thread: callable -> where the callable
# is (a keyword, or a position) and whether the call is lazy (`map` runs it only as its result is iterated).
_APPLIES_NOW: Dict[str, Tuple[object, bool]] = {
    "builtins.sorted": ("key", False), "builtins.min": ("key", False), "builtins.max": ("key", False),
    "builtins.map": (0, True), "builtins.filter": (0, True),
}


def _check_applied(ctx: FileContext, site: CallSite) -> None:
    """`max(paths, key=os.path.getmtime)`, `paths.sort(key=os.path.getsize)`, `for r in map(requests.get, urls)`:
    a blocking callable handed to a builtin that calls it here, once per item, on the loop's thread. (`map`
    and `filter` only as their result is iterated here; handed on to a worker thread they run there.)"""
    func = site.node.func
    if type(func) is cst.Attribute and func.attr.value == "sort":
        where, lazy = "key", False  # `list.sort`: any receiver (a method of that name with a key callable)
    elif type(func) is cst.Name and f"builtins.{func.value}" in _APPLIES_NOW \
            and site.scope.lookup_scope(func.value) is None:  # (the builtin: no binding of the name shadows it)
        where, lazy = _APPLIES_NOW[f"builtins.{func.value}"]
    else:
        return
    callback = None
    for i, arg in enumerate(site.node.args):
        if arg.star:
            return
        if (arg.keyword is not None and arg.keyword.value == where) or (arg.keyword is None and i == where):
            callback = arg.value
    if callback is None or type(callback) is cst.Lambda or (lazy and not consumed(ctx, site)):
        return
    value = site.scope.evaluate(callback)
    if value is None or value[0] != REF:
        return
    if ctx.is_project(value[1]):
        ctx.candidates.append(Candidate("helper", value[1], site.index, call_text(site.node),
                                        args=((UNKNOWN,), (), False), consumed=True,
                                        in_async=can_await(ctx, site.scope)))
        return
    code = ctx.known.blocking_code(value[1])
    if code is None or value[1] in knowledge.LAZY or value[1].startswith("socket.socket."):
        return
    if arguments.harmless(site.scope, cst.Call(func=callback, args=[cst.Arg(cst.Name("item"))]), value[1]) is None:
        return
    text = call_text(callback)
    ctx.report(code, site.node, f"`{call_text(site.node)}` blocks the event loop: it calls `{text}` for each item, "
                                f"which {WHAT[code]}; {advice(code, can_await(ctx, site.scope), text, value[1])}")


def _library_callback(ctx: FileContext, site: CallSite, target: str, callback: cst.BaseExpression,
                      given: cst.BaseExpression) -> None:
    """`loop.call_later(5, time.sleep, 1)`, `fut.add_done_callback(session.close)`: a blocking library callable
    handed to the loop as it is, which the loop calls on its thread. Not a reader or writer callback (it runs
    when its descriptor is ready), a socket's method (whose blocking depends on the socket), nor a generator;
    nor one the arguments handed with it make harmless (`call_soon(executor.shutdown, False)`)."""
    code = ctx.known.blocking_code(target)
    if code is None or target in knowledge.LAZY or target.startswith("socket.socket.") or \
            site.node.func.attr.value in ("add_reader", "add_writer"):
        return
    if arguments.harmless(site.scope, _call_the_loop_makes(site.node, callback, given), target) is None:
        return
    text = call_text(callback)
    ctx.report(code, site.node, f"`{call_text(site.node)}` blocks the event loop: the loop will call `{text}`, "
                                f"which {WHAT[code]}; {advice(code, False, text, target)}")


def _call_the_loop_makes(scheduling: cst.Call, callback: cst.BaseExpression, given: cst.BaseExpression) -> cst.Call:
    """The call the loop will make: what a `functools.partial` binds, then the positional arguments that follow
    the callable in `call_soon(f, *args)` (`call_later`, `call_at`); a done callback gets the future, which is
    no literal, so nothing it could be given makes it harmless."""
    bound = list(given.args[1:]) if given is not callback and type(given) is cst.Call else []
    if dotted(scheduling.func).endswith("add_done_callback"):
        return cst.Call(func=callback, args=[*bound, cst.Arg(cst.Name("future"))])
    positional = [a for a in scheduling.args if a.keyword is None and not a.star]
    at = next((i for i, a in enumerate(positional) if a.value is given), len(positional))
    starred = [a for a in scheduling.args if a.star]
    return cst.Call(func=callback, args=[*bound, *positional[at + 1:], *starred])


def _partial_bound(scope: Scope, node: cst.BaseExpression) -> Tuple[Optional[tuple], tuple, bool]:
    """(the positional values, the keyword values, whether any is starred) that `functools.partial(f, ...)`
    binds ahead of what its caller passes; (None, (), False) for anything but such a partial."""
    if type(node) is not cst.Call or not node.args or node.args[0].keyword is not None or node.args[0].star \
            or scope.evaluate(node.func) != (REF, "functools.partial"):
        return None, (), False
    rest = node.args[1:]
    positional = tuple(arguments.value_of(scope, a.value) for a in rest if a.keyword is None and not a.star)
    named = tuple((a.keyword.value, arguments.value_of(scope, a.value)) for a in rest if a.keyword is not None)
    return positional, named, any(a.star for a in rest)


# What a reader or writer callback does to the descriptor it was registered for (`os.read(fd, n)`,
# `self._file.read(n)`, `sock.recv(n)`, `os.sendfile(sock, file, ...)`, the zero-copy path the loop's own
# `sock_sendfile` takes, a multiprocessing connection's `recv_bytes()` of the message its peer wrote whole); a
# `readline()` may still wait for the rest of a line.
_DATA_MOVES = frozenset(
    "read read1 readinto write recv recv_into recvfrom recvmsg send sendto sendmsg readv writev sendfile "
    "recv_bytes recv_bytes_into".split())


def _ready_callbacks(ctx: FileContext) -> frozenset:
    """Functions of this file handed to `loop.add_reader(fd, f)` / `loop.add_writer(fd, f)`, and the sync
    helpers of this file that only they call (`on_ready()` -> `self._drain(fd)`): those run when the
    descriptor is ready too. A helper that anything else calls is not among them: its read may wait."""
    found = set()
    callers: Dict[str, Set[str]] = {}
    for site in ctx.calls:
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value in ("add_reader", "add_writer"):
            callback = ctx.loop_callback(site.scope, site.node)
            value = site.scope.evaluate(callback) if callback is not None else None
            if value is not None and value[0] == REF:
                found.add(value[1])
        value = site.scope.evaluate(func)
        if value is not None and value[0] == REF and value[1] in ctx.functions:
            callers.setdefault(value[1], set()).add(site.scope.qualname if site.scope.kind == "function" else "")
    for _ in range(2):  # two calls deep, as far as the thread rules follow helpers
        more = {name for name, by in callers.items()
                if name not in found and by <= found and not ctx.functions[name].is_async}
        if not more:
            break
        found |= more
    return frozenset(found)


def _moves_data(node: cst.Call, target: Optional[str]) -> bool:
    name = node.func.attr.value if type(node.func) is cst.Attribute else (target or "").rpartition(".")[2]
    return name in _DATA_MOVES or _reaps_pidfd(node, target)


def _reaps_pidfd(node: cst.Call, target: Optional[str]) -> bool:
    """`os.waitid(os.P_PIDFD, pidfd, os.WEXITED)` in a reader callback: a process descriptor turns readable only
    once the process has exited, so the wait that reaps it returns at once."""
    if target != "os.waitid" or not node.args or node.args[0].keyword is not None:
        return False
    return dotted(node.args[0].value).rpartition(".")[2] == "P_PIDFD"


def _stream_code(site: CallSite, target: Optional[str]) -> Optional[str]:
    """`json.load(fh)`, `print(line, file=fh)`: a function reading or writing a sync stream it is handed."""
    where = knowledge.STREAM_ARGUMENTS.get(target) if target is not None else None
    if where is None:
        return None
    position, keyword = where
    stream = None
    for i, arg in enumerate(site.node.args):
        if arg.keyword is not None:
            if arg.keyword.value == keyword:
                stream = arg.value
        elif not arg.star and i == position:
            stream = arg.value
    if stream is None or type(stream) is cst.Call:
        return None  # `json.load(open(p))`: the call that made the stream is reported
    value = site.scope.evaluate(stream)
    if value is None or value[0] != INST or _made_over_memory(site.scope, stream, value):
        return None
    code = knowledge.STREAM_TYPES.get(value[1])
    if code == "ACK103" and devices.stream_kind(site.scope, stream) == devices.NO_WAIT:
        return None  # `print(x, file=sink)`, `sink = open(os.devnull, "w")`
    return code


def _opened_where(site: CallSite) -> Tuple[cst.CSTNode, ...]:
    """The calls that opened the files a call reads or writes (`f.read()`, `json.load(f)`, `f` bound only by
    `with open(p) as f:` or `f = open(p)`): the lines a noqa judges the files' I/O on. flake8-async and ruff
    report the open alone (ASYNC230), so that is the line their users silence. None when a file the call
    touches came from elsewhere (a parameter, an attribute)."""
    func = site.node.func
    names = [func.value] if type(func) is cst.Attribute else []  # (`json.dump(data, f)`: the module, then the args)
    names.extend(arg.value for arg in site.node.args if not arg.star)
    return _opened_by(site.scope, names)


def _opened_by(scope: Scope, names: List[cst.BaseExpression]) -> Tuple[cst.CSTNode, ...]:
    opened: List[cst.CSTNode] = []
    for name in names:
        value = scope.evaluate(name)
        if value is None or value[0] != INST or value[1] not in knowledge.STREAM_TYPES:
            continue  # not a file: `data` of `json.dump(data, f)`
        owner = scope.lookup_scope(name.value) if type(name) is cst.Name else None
        bindings = owner.bindings.get(name.value, ()) if owner is not None else ()
        if not bindings:
            return ()
        for binding in bindings:
            made = binding[1] if binding[0] in ("expr", "enter") else None
            value = binding[2].evaluate(made) if type(made) is cst.Call else None
            if value is None or value[0] != INST or value[1] not in knowledge.STREAM_TYPES:
                return ()
            opened.append(made)
    return tuple(opened)


def _made_over_memory(scope: Scope, node: cst.BaseExpression, value: Tuple[str, str]) -> bool:
    """`fh` from `zf.open(name)` where `zf = zipfile.ZipFile(io.BytesIO(blob))`: a stream made by calls that
    were all harmless by their arguments reads memory, not a file."""
    return value[1] in knowledge.INHERITS_HARMLESS and arguments.made_harmless(scope, node) is None


def _check_iterations(ctx: FileContext) -> None:
    """`for line in f` in a coroutine, where `f` is a sync file (or another object whose iteration reads)."""
    for scope in ctx.scopes:
        if ctx.on_loop_thread(scope):
            for node, code, text in (*_blocking_iterations(scope, ctx.known), *_blocking_entries(scope)):
                path = devices.stream_kind(scope, node) if code == "ACK103" else ""
                if path != devices.NO_WAIT:
                    ctx.report(code, node, message(code, text, can_await(ctx, scope), path=path),
                               judged_with=_opened_by(scope, [node]))


# Builtins that iterate their first argument to the end before they return.
_DRAINING = frozenset("list tuple set frozenset sorted sum min max any all".split())


def _blocking_iterations(scope: Scope, known):
    """(node, code, text) of each `for` in ``scope`` over an object whose iteration blocks, and of each builtin
    that drains one (`list(bucket.objects.all())`)."""
    for loop in scope.events.get("sync_iters", ()):
        code = _iteration_code(scope, known, loop.iter)
        if code is not None:
            yield loop.iter, code, f"for {call_text(loop.target)} in {call_text(loop.iter)}"
    for site in scope.events.get("calls", ()):
        func = site.node.func
        args = site.node.args
        if type(func) is cst.Name and func.value in _DRAINING and args and args[0].keyword is None \
                and not args[0].star and scope.lookup_scope(func.value) is None:
            code = _iteration_code(scope, known, args[0].value)
            if code is not None:
                yield site.node, code, call_text(site.node)


def _blocking_entries(scope: Scope):
    """(item, code, text) of each `with` in ``scope`` that enters an object whose entering waits (`with
    FileLock(path):`), unless that object was made not to wait whatever the parameters (a lock handed in is
    taken to wait, as most do)."""
    for node, _loop in scope.events.get("withs", ()):
        if node.asynchronous is not None:
            continue
        for item in node.items:
            value = scope.evaluate(item.item)
            code = knowledge.BLOCKING_ENTER.get(value[1]) if value is not None and value[0] == INST else None
            if code is not None and arguments.made_harmless(scope, item.item) is not None:
                yield item.item, code, f"with {call_text(item.item)}"
            elif value is not None and value[0] == INST and value[1] in _EXECUTORS and _leaves_work_behind(node, item):
                yield item.item, "ACK106", f"with {call_text(item.item)}"


_EXECUTORS = frozenset(knowledge.EXECUTOR_TYPES)
_WAITS_FOR_FUTURES = frozenset({"result", "exception", "wait", "as_completed"})


def _called_name(func: cst.BaseExpression) -> str:
    return func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""


def _leaves_work_behind(node: cst.With, item: cst.WithItem) -> bool:
    """`with ThreadPoolExecutor() as pool:` whose body submits work to it and awaits nothing: leaving the block
    shuts the pool down with `wait=True`, so the loop's thread waits there for every job (a body that awaits,
    `await asyncio.wrap_future(pool.submit(job))` or a gather of `run_in_executor(pool, ...)`, has let them
    finish before it leaves)."""
    name = item.asname.name if item.asname is not None else None
    if type(name) is not cst.Name:
        return False
    submits = False
    for below in walk_local(node.body):
        if type(below) is cst.Await:
            return False
        if type(below) is cst.Call and _called_name(below.func) in _WAITS_FOR_FUTURES:
            return False  # `future.result()`, `wait(futures)`: the wait is there (and reported there), not at the exit
        if type(below) is cst.Call and type(below.func) is cst.Attribute and below.func.attr.value == "submit" \
                and type(below.func.value) is cst.Name and below.func.value.value == name.value:
            submits = True
    return submits


def _iteration_code(scope: Scope, known, iterated: cst.BaseExpression) -> Optional[str]:
    """The rule that iterating ``iterated`` breaks, if its iteration blocks."""
    value = scope.evaluate(iterated)
    code = knowledge.BLOCKING_ITERATION.get(value[1]) if value is not None and value[0] == INST else None
    if code is not None and type(iterated) is not cst.Call and _made_over_memory(scope, iterated, value):
        return None
    if code is not None and type(iterated) is cst.Call:
        # `for line in open(p)`: the call is reported; `for doc in coll.find()`: the call reads nothing
        func = scope.evaluate(iterated.func)
        if func is None or func[0] != REF or known.blocking_code(func[1]) is not None:
            return None
    return code


def worker_thread(scope: Scope) -> bool:
    """`@work(thread=True) def load(self)` (textual's workers), `@run_on_executor def load(self)` (tornado),
    `@sync_to_async def get(pk)` (asgiref): calling it hands the body to a worker thread and returns a future or
    a coroutine at once, so what the body blocks on does not block its callers."""
    outer = scope.parent
    for decorator in getattr(scope.node, "decorators", ()):
        expr = decorator.decorator
        if type(expr) is cst.Call and any(
                a.keyword is not None and a.keyword.value == "thread" and _is_name(a.value, "True") for a in expr.args):
            return True
        value = outer.evaluate(expr.func if type(expr) is cst.Call else expr) if outer is not None else None
        if value is not None and value[0] == REF and value[1] in knowledge.OFF_LOOP_DECORATORS:
            return True
    return False


_CACHES = frozenset({"functools.cache", "functools.lru_cache"})


def _computed_once(scope: Scope, ctx: FileContext) -> bool:
    """`@functools.cache def is_docker() -> bool: return os.path.exists("/.dockerenv")`: a cached function of no
    arguments runs its body on the first call of the process only; every later call returns the stored value.
    (With arguments, each new argument runs it again, unless every caller passes the same process-wide values.)"""
    params = scope.node.params
    outer = scope.parent
    cached = False
    for decorator in getattr(scope.node, "decorators", ()):
        expr = decorator.decorator
        value = outer.evaluate(expr.func if type(expr) is cst.Call else expr) if outer is not None else None
        if value is not None and value[0] == REF and value[1] in _CACHES:
            cached = True
    if not cached:
        return False
    if params.params or params.posonly_params or params.kwonly_params or type(params.star_arg) is cst.Param \
            or params.star_kwarg is not None:
        return _keyed_by_settings(scope, ctx)
    return True


_SETTINGS = frozenset({"os.environ.get", "os.getenv"})


def _keyed_by_settings(scope: Scope, ctx: FileContext) -> bool:
    """`@functools.cache def _tls_for(cafile, capath)`, called only as `_tls_for(os.environ.get("SSL_CERT_FILE"),
    ...)`: the key is the process's settings, the same on every call, so the body still runs once. Only for a
    private module-level function whose every use in the module is such a call: a public one, one handed on as
    a value, or one called with a request's data is keyed by what varies."""
    if scope.parent is None or scope.parent.kind != "module" or not scope.name.startswith("_"):
        return False
    calls = 0
    for site in ctx.calls:
        value = site.scope.evaluate(site.node.func)
        if value is None or value[0] != REF or value[1] != scope.qualname:
            continue
        if not all(not arg.star and _process_wide(arg.value, site.scope) for arg in site.node.args):
            return False
        calls += 1
    if not calls:
        return False
    uses = 0
    stack: List[cst.CSTNode] = [ctx.root.node]
    while stack:
        node = stack.pop()
        if type(node) is cst.Name and node.value == scope.name:
            uses += 1
        stack.extend(iter_children(node))
    return uses == calls + 1  # the calls and the def's own name: it is never handed on as a value


def _process_wide(expr: cst.BaseExpression, where: Scope) -> bool:
    """A literal, or a read of the process's environment with literal arguments."""
    if type(expr) in (cst.SimpleString, cst.Integer, cst.Float) or (
            type(expr) is cst.Name and expr.value in ("None", "True", "False")):
        return True
    if type(expr) is cst.Subscript and dotted(expr.value) == "os.environ":
        return all(type(e.slice) is cst.Index and _process_wide(e.slice.value, where) for e in expr.slice)
    if type(expr) is cst.Call:
        value = where.evaluate(expr.func)
        return value is not None and value[0] == REF and value[1] in _SETTINGS \
            and all(not arg.star and _process_wide(arg.value, where) for arg in expr.args)
    return False


def _handler_path(ctx: FileContext, site: CallSite) -> Cond:
    """A call in the body of an `except` clause runs only when the `try` above it raised (`try: return
    table[key]` / `except KeyError: table[key] = fetch(key)`, a cache filled on a miss): a path no argument
    decides, as an unreadable test's branch is, so a caller is told the helper may block on some of its paths."""
    return opaque(f"#{id(site.handler)}", True) if site.handler is not None else None  # (the builder's walk found it)


class _ReadSite(NamedTuple):
    """An attribute read or subscript, with what `arguments.guard` and `_handler_path` read of a call site."""
    scope: Scope
    guards: tuple
    handler: Optional[cst.CSTNode]


def _read_path(ctx: FileContext, scope: Scope, position: int) -> Cond:
    """The condition under which a getter read runs, as for a call: `try: return self.config["port"]` /
    `except KeyError: return 8443 if self.ssl_context else 8080` reads the property on some paths only."""
    guards, handler = ctx.builder.read_paths[position]
    site = _ReadSite(scope, guards, handler)
    return all_of((arguments.guard(site), _handler_path(ctx, site)))


def _past_async_colour(ctx: FileContext, site: CallSite) -> bool:
    """The call sits in the other arm of an `if` whose arm ends returning a coroutine (`if self._colour ==
    "async": async def run(): ...; return run()`, then the same work with sync calls): a function with an async
    colour, whose sync arm a caller awaiting the result does not take (see conditions.AWAITED)."""
    arms = site.scope.module.returned_arms
    for test, holds, _ in site.guards:
        made = arms.get(id(test))
        other = made[1 if holds else 0] if made is not None else None
        if other is None:
            continue
        value = site.scope.evaluate(other.func)
        function = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
        if function is not None and function.is_async:
            return True
    return False


def _returned(site: CallSite) -> bool:
    """The function returns what the call returns: `return helper()`, or `result = helper()` ... `return result`."""
    returned = site.scope.events.get("returned", ())
    if any(value is site.node for value in returned):
        return True
    return site.assigned is not None and any(type(value) is cst.Name and value.value == site.assigned
                                             for value in returned)


def _placeholder(node: cst.CSTNode) -> bool:
    """A method with nothing of its own to run: a body of a docstring and `...`, `pass` or `raise
    NotImplementedError` (an abstract method, a hook a subclass fills in), not a dunder."""
    if type(node) is not cst.FunctionDef or node.name.value.startswith("__"):
        return False
    if type(node.body) is cst.SimpleStatementSuite:  # `def put(self, key): ...`
        small = list(node.body.body)
    elif all(type(line) is cst.SimpleStatementLine for line in node.body.body):
        small = [stmt for line in node.body.body for stmt in line.body]
    else:
        return False
    if len(small) > 1 and type(small[0]) is cst.Expr and type(small[0].value) in (cst.SimpleString,
                                                                                 cst.ConcatenatedString):
        small = small[1:]  # the docstring
    if len(small) != 1:
        return False
    stmt = small[0]
    if type(stmt) is cst.Pass:
        return True
    if type(stmt) is cst.Expr:
        return type(stmt.value) in (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)
    if type(stmt) is cst.Raise and stmt.exc is not None:
        exc = stmt.exc.func if type(stmt.exc) is cst.Call else stmt.exc
        return type(exc) is cst.Name and exc.value == "NotImplementedError"
    return False


def summarize(ctx: FileContext) -> Dict[str, tuple]:
    """For every sync function: (its blocking calls, the project functions it calls, its signature, whether it
    is a generator). Each blocking call carries the condition on the parameters under which it blocks; each
    callee the condition under which it is called and the argument values it gets.

    The project index chains these so that `await handler()` -> `load_config()` -> `open()` is found, and
    `get_node(name=...)` is not reported for a branch that runs only when `host` is given.
    """
    direct: Dict[str, List[tuple]] = {}
    callees: Dict[str, List[tuple]] = {}
    scopes: Dict[str, Scope] = {}
    ready = _ready_callbacks(ctx)
    left_out: Dict[int, bool] = {}  # id(scope) -> its decorators say its calls never block a caller: once per scope
    first_call_only: Dict[int, dict] = {}  # id(scope) -> its calls that run only until a global is filled
    for site in ctx.calls:
        scope = site.scope
        if scope.kind != "function" or scope.is_async:
            continue
        skip = left_out.get(id(scope))
        if skip is None:
            skip = left_out[id(scope)] = worker_thread(scope) or _computed_once(scope, ctx)
        if skip:
            continue
        once = first_call_only.get(id(scope))
        if once is None:
            once = first_call_only[id(scope)] = memo.run_once(scope)
        again = once.get(id(site.node)) if id(site.node) in once else None
        if again == FALSE:
            continue  # fills a module global on the first call of the process; later calls return it
        target = ctx.target_of(site)
        found = blocking_condition(ctx, site, target)
        if scope.qualname in ready and _moves_data(site.node, target):
            # the loop calls it when the descriptor is ready: the read or write returns at once, through a
            # project's wrapper of the connection too (`self.conn.recv()` -> `self._delegate.recv()`)
            continue
        if found is None:
            stream = _stream_code(site, target)
            found = (stream, None) if stream is not None else None
        if found is None and target is None:
            found = partial_condition(ctx, site)
        is_callee = found is None and target is not None and ctx.is_project(target) and target != scope.qualname
        if found is None and not is_callee:
            continue
        # (`again`: a flag that asks to fill the global anew)
        guard = all_of((arguments.guard(site), again, _handler_path(ctx, site),
                        UNAWAITED if site.guards and _past_async_colour(ctx, site) else None,
                        _after_yield(site) if scope.is_generator else None))
        scopes[scope.qualname] = scope
        if found is not None:
            cond = all_of((guard, found[1]))
            if cond != FALSE:
                # (the kind of file a file call works on goes with its API, for the chain's message: api_on)
                path = devices.path_kind(site, target) if found[0] == "ACK103" and target else ""
                api = api_on(target, path) if found[0] == "ACK103" and target else target
                if path != devices.NO_WAIT:
                    direct.setdefault(scope.qualname, []).append((found[0], call_text(site.node), cond, api or ""))
        elif guard != FALSE:
            args = _entered_only(site, arguments.call_args(scope, site.node))
            if _returned(site):  # what the caller does with the result, this callee's result gets
                args = (args[0], (*args[1], (AWAITED, ("param", AWAITED, ()))), args[2])
            func = site.node.func
            if scope.self_name is not None and type(func) is cst.Attribute and type(func.value) is cst.Name \
                    and func.value.value == scope.self_name:  # the same instance: its attributes' tests hold there
                args = (args[0], (*args[1], (SELF_CALL, ("const", scope.self_name))), args[2])
            entry = (target, guard, args, consumed(ctx, site))
            callees.setdefault(scope.qualname, []).append(entry)
    getters = properties.defined(ctx.root)
    for scope in ctx.scopes:
        if not getters or scope.kind != "function" or scope.is_async or not scope.events.get("reads") \
                or worker_thread(scope):
            continue
        for position in scope.events["reads"]:  # `self.template` in a sync helper runs the getter too
            target = properties.read_target(scope, ctx.builder.reads[position])
            if target in getters and target != scope.qualname:
                guard = _read_path(ctx, scope, position)
                if guard != FALSE:
                    scopes[scope.qualname] = scope
                    callees.setdefault(scope.qualname, []).append((target, guard, ((), (), False), True))
    for scope in ctx.scopes:
        if scope.kind != "function" or scope.is_async or not scope.events.get("subscripts") or worker_thread(scope):
            continue
        for position in scope.events["subscripts"]:  # `self[key]` in a sync helper runs `__getitem__` too
            target = properties.item_target(scope, ctx.builder.reads[position])
            if target is not None and target != scope.qualname and ctx.is_project(target):
                guard = _read_path(ctx, scope, position)
                if guard != FALSE:
                    scopes[scope.qualname] = scope
                    callees.setdefault(scope.qualname, []).append((target, guard, ((), (), False), True))
    for scope in ctx.scopes:
        if scope.kind == "function" and not scope.is_async and not worker_thread(scope):
            for loop, code, text in (*_blocking_iterations(scope, ctx.known), *_blocking_entries(scope)):
                scopes[scope.qualname] = scope
                path = devices.stream_kind(scope, loop) if code == "ACK103" else ""
                if path != devices.NO_WAIT:
                    direct.setdefault(scope.qualname, []).append((code, text, None, api_on("", path)))
    for scope in ctx.scopes:
        if scope.kind == "function" and not scope.is_async and scope.qualname not in scopes \
                and scope.parent is not None and scope.parent.kind == "class" and _placeholder(scope.node):
            # what a call of it runs is a subclass's override: the index looks for them (ProjectIndex._overriders)
            scopes[scope.qualname] = scope
            callees.setdefault(scope.qualname, []).append((OVERRIDDEN, None, ((), (), True), True))
    summaries = {
        name: (tuple(direct.get(name, ())), tuple(dict.fromkeys(callees.get(name, ()))),
               arguments.signature(scope), scope.is_generator)
        for name, scope in scopes.items()
    }
    for name in ctx.decorated:
        scope = ctx.functions.get(name)
        if scope is not None and not scope.is_async and name not in summaries:
            # decorated in another module: the index adds what the decorator's wrapper runs (project._wrappers)
            summaries[name] = ((), (), arguments.signature(scope), scope.is_generator)
    for name, wrappers in ctx.runs_wrappers.items():
        own = summaries.get(name) or ((), (), arguments.signature(ctx.functions[name]), ctx.functions[name].is_generator)
        extra = tuple((wrapper, None, ((), (), True), True) for wrapper in wrappers if wrapper != name)
        summaries[name] = (own[0], tuple(dict.fromkeys(own[1] + extra)), own[2], own[3])
    for name, wrapper in ctx.wrapped_by.items():
        # `@syncify async def fetch()`: calling `fetch` runs the decorator's wrapper, which runs the loop
        summaries[name] = ((), ((wrapper, None, ((), (), True), True),), arguments.signature(ctx.functions[name]),
                           False)
    return summaries
