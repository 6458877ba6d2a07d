"""ACK201: a threading (or multiprocessing) lock held while the coroutine awaits."""
from __future__ import annotations

from typing import Callable, Iterator, Optional, Tuple, Union

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite, dotted, walk_local
from asynccheck.lint.context import FileContext, call_text
from asynccheck.lint.messages import asyncio_counterpart
from asynccheck.wording import REENTRANT_HELD
from asynccheck.lint.scope import REF


def _suspension(node: cst.CSTNode, gen: bool) -> Optional[cst.CSTNode]:
    """The first point under ``node`` where the coroutine suspends: an await, an async for/with header, and in
    an async generator a `yield` too (it stays suspended there while its consumer runs, and awaits, until it asks
    for the next item)."""
    for current in walk_local(node):
        if type(current) is cst.Await:
            return current
        if type(current) in (cst.For, cst.With, cst.CompFor) and current.asynchronous is not None:
            return current.asynchronous
        if gen and type(current) is cst.Yield:
            return current
    return None


def _at(suspension: cst.CSTNode) -> str:
    return "a `yield` of this async generator" if type(suspension) is cst.Yield else "an await"


def _ing(suspension: cst.CSTNode) -> str:
    return "yielding" if type(suspension) is cst.Yield else "awaiting"


def _held(suspension: cst.CSTNode) -> tuple:
    what = "yield" if type(suspension) is cst.Yield else "await"
    return ((suspension, f"the {what} that suspends while the lock is held"),)


def _describe(ctx: FileContext, text: str, kind: str) -> str:
    return f"`{text}` (a `{kind}`)" if text else f"a `{kind}`"


def check(ctx: FileContext) -> None:
    _check_stacks(ctx)
    entered: set = set()  # the types this module enters with `async with`
    for scope in ctx.scopes:
        if not scope.runs_on_loop:
            continue
        gen = scope.is_async and scope.is_generator
        for node, _loop in scope.events.get("withs", ()):
            if node.asynchronous is not None:
                entered.update(ctx.instance_type(scope, item.item) for item in node.items)
                _check_async_holders(ctx, scope, node, gen)
                continue
            for item in node.items:
                kind = ctx.instance_type(scope, item.item)
                if kind is None:
                    kind = _given_lock(ctx, scope, item.item)
                if kind not in knowledge.SYNC_LOCK_TYPES:
                    kind = _manager_lock(ctx, scope, item.item) or _holder_lock(ctx, scope, item.item, kind)
                    suspension = _suspension(node.body, gen) if kind is not None else None
                    if suspension is not None:
                        _report_holder(ctx, item.item, f"`{call_text(item.item)}` enters a context manager of "
                                       f"this project that holds a `{kind}` while it is entered", suspension,
                                       f"release it before {_ing(suspension)}, or use "
                                       f"{asyncio_counterpart(kind)}", kind)
                    continue
                receiver = dotted(item.item)
                suspension = _held_await(node.body.body, receiver, gen) if receiver else _suspension(node.body, gen)
                if suspension is not None:
                    ctx.report(
                        "ACK201", item.item,
                        f"{_describe(ctx, call_text(item.item), kind)} is held across {_at(suspension)}: "
                        f"{_while_held(kind)}; release it before {_ing(suspension)}, or use "
                        f"{asyncio_counterpart(kind)}",
                        related=_held(suspension),
                    )
    _check_adapters(ctx, entered)
    for site in ctx.calls:
        block = ctx.builder.acquires.get(id(site.node))
        if block is None and site.scope.runs_on_loop and site.scope.is_async:
            _check_helper_holds(ctx, site)
        if block is None or not site.scope.runs_on_loop:
            continue
        func = site.node.func
        kind = ctx.instance_type(site.scope, func.value) or _given_lock(ctx, site.scope, func.value)
        if kind not in knowledge.SYNC_LOCK_TYPES:
            continue
        gen = site.scope.is_async and site.scope.is_generator
        suspension = _await_before_release(block, dotted(func.value), gen)
        if suspension is not None and _only_polled(ctx, site):
            continue
        if suspension is not None:
            ctx.subsumed.add(id(site.node))
            lock = call_text(func.value)
            ctx.report(
                "ACK201", site.node,
                f"{_describe(ctx, lock, kind)} is acquired here and still held at {_at(suspension)} before "
                f"`{lock}.release()`: {_while_held(kind, resumes=False)}; release it before "
                f"{_ing(suspension)}, or use {asyncio_counterpart(kind)}",
                related=_held(suspension),
            )


def _check_async_holders(ctx: FileContext, scope, node: cst.With, gen: bool) -> None:
    """`async with self:` / `async with guard:` where the object's class is this project's and its `__aenter__`
    acquires a threading lock that only `__aexit__` releases (an adapter that makes a thread lock look like an
    asyncio one): the block holds the thread lock across its awaits."""
    for item in node.items:
        kind = _holder_lock(ctx, scope, item.item, ctx.instance_type(scope, item.item), "__aenter__")
        if kind is None:
            # `async with holding(self._lock):`, an `@asynccontextmanager` that holds the lock it is handed
            # around its `yield`: the caller's argument says what it is
            kind = _manager_lock(ctx, scope, item.item)
            suspension = _suspension(node.body, gen) if kind is not None else None
            if suspension is not None:
                _report_holder(ctx, item.item, f"`async with {call_text(item.item)}` enters an "
                               f"`@asynccontextmanager` of this project that holds the `{kind}` it is handed around "
                               f"its `yield`", suspension, f"release it before {_ing(suspension)}, or use "
                               f"{asyncio_counterpart(kind)}", kind)
            continue
        suspension = _suspension(node.body, gen) if kind is not None else None
        if suspension is not None:
            _report_holder(ctx, item.item, f"`async with {call_text(item.item)}` enters an object of this project "
                           f"whose `__aenter__` acquires a `{kind}` that stays held until `__aexit__`", suspension,
                           f"use {asyncio_counterpart(kind)} in the adapter", kind)


def _check_adapters(ctx: FileContext, entered: set) -> None:
    """A class of this module whose `__aenter__` acquires a threading lock that only its `__aexit__` releases: an
    adapter meant for `async with`, whose block then holds the thread lock across its awaits wherever it is
    used. Where this module enters it, the blocks that await are reported (``_check_async_holders``); where it
    does not, its users are out of sight (other modules, other projects) and the adapter is reported at the
    acquire, instead of that call's ACK106."""
    for qualname, cls in ctx.root.classes.items():
        if qualname in entered:
            continue
        enter, leave = cls.methods.get("__aenter__"), cls.methods.get("__aexit__")
        if enter is None or leave is None or not enter.is_async or enter.is_generator:
            continue
        for site, receiver, kind in _left_held(ctx, enter):
            released = _self_named(receiver, enter, leave)
            if released is None or not _any_release(leave.node, released):
                continue
            ctx.subsumed.add(id(site.node))
            ctx.report("ACK201", site.node,
                       f"`{cls.name}.__aenter__` acquires {_describe(ctx, call_text(site.node.func.value), kind)} "
                       f"that stays held until `__aexit__`: every `async with` block over it holds the lock "
                       f"across its awaits, so {_while_held(kind)}; use {asyncio_counterpart(kind)} in the "
                       f"adapter")


def _self_named(receiver: str, enter, leave) -> Optional[str]:
    """``receiver`` (`self._sem` in `__aenter__`) as `__aexit__` spells it, whatever it calls its first parameter;
    a module's lock keeps its name; None for a name local to `__aenter__`."""
    head, dot, rest = receiver.partition(".")
    if head == enter.self_name:
        return f"{leave.self_name}.{rest}" if dot and leave.self_name is not None else None
    return receiver if head not in enter.bindings else None


def _report_holder(ctx: FileContext, node: cst.CSTNode, entered: str, suspension, advice: str, kind: str) -> None:
    ctx.report("ACK201", node, f"{entered}, and the block suspends at {_at(suspension)}: {_while_held(kind)}; "
               f"{advice}", related=_held(suspension))


def _non_blocking(call: cst.Call) -> bool:
    """`acquire(blocking=False)`, `acquire(False)`, `acquire(timeout=0)`: a try that never waits."""
    for position, arg in enumerate(call.args):
        value = arg.value
        never_waits = type(value) is cst.Name and value.value == "False" \
            or type(value) is cst.Integer and value.value == "0"
        named = arg.keyword.value if arg.keyword is not None else ("blocking" if position == 0 else None)
        if never_waits and named in ("blocking", "timeout"):
            return True
    return False


def _own_lock(scope, receiver: cst.BaseExpression) -> Optional[str]:
    """The attribute that names the lock ``receiver`` is when it is the instance's or the class's own
    (`self._lock`, or a local copied from it: `lock = self._lock`): its other takers are in this module. None for a
    lock handed in as an argument, whose other takers we cannot see."""
    if type(receiver) is cst.Name:
        bindings = scope.bindings.get(receiver.value, ())
        if len(bindings) != 1 or bindings[0][0] != "expr":
            return None
        receiver = bindings[0][1]
    if type(receiver) is not cst.Attribute or type(receiver.value) is not cst.Name \
            or receiver.value.value not in ("self", "cls"):
        return None
    return receiver.attr.value


def _only_polled(ctx: FileContext, site: CallSite) -> bool:
    """A lock of the instance's own that every taker in this module tries without waiting (`while not
    self._lock.acquire(blocking=False): await asyncio.sleep(0.01)`): holding it across an await blocks no task on
    the loop, which polls; only threads wait, and a threading lock is there for them."""
    name = _own_lock(site.scope, site.node.func.value)
    if name is None or not _non_blocking(site.node):
        return False
    for other in ctx.calls:
        func = other.node.func
        if type(func) is cst.Attribute and func.attr.value == "acquire" and not _non_blocking(other.node) \
                and _own_lock(other.scope, func.value) == name:
            return False
    for scope in ctx.scopes:
        for node, _loop in scope.events.get("withs", ()):
            if any(_own_lock(scope, item.item) == name for item in node.items):
                return False
    return True


# A re-entrant lock is owned by the thread: the loop's other tasks run on that thread, so they take it too
# while the holder is suspended instead of blocking; only other threads wait, for as long as the holder sleeps.
_REENTRANT = frozenset(("threading.RLock", "multiprocessing.RLock"))


def _while_held(kind: str, resumes: bool = True) -> str:
    """What holding a lock of ``kind`` across a suspension does to the others that take it."""
    if kind in _REENTRANT:
        return REENTRANT_HELD
    if resumes:
        return "other tasks that take it block the event loop and the holder cannot resume to release it"
    return "other tasks that take it block the event loop"


HOLDS = "(holds)"  # interface key suffix: entering what this names leaves a sync lock (the value's type) held
ARG = "arg"  # ... or the lock its caller hands it, the argument at this position (interface.py)


def _manager_lock(ctx: FileContext, scope, item: cst.BaseExpression) -> Optional[str]:
    """`with self._track():` where `_track` is a `@contextmanager` generator whose `yield` sits in a
    `with <threading lock>:` block (or between `acquire()` and `release()`): the lock is held for the whole of
    the caller's block (the kind, or None). Another module's generator says so in its exports."""
    if type(item) is not cst.Call:
        return None
    value = scope.evaluate(item.func)
    if value is None or value[0] != REF:
        return None
    func = ctx.functions.get(value[1])
    held = _foreign_holds(ctx, _inherited_name(ctx, value[1], HOLDS)) if func is None else manager_holds(ctx, func)
    if isinstance(held, int):  # it holds what the caller hands it: the argument's type decides
        positional = [a.value for a in item.args if a.keyword is None and not a.star]
        if any(a.star for a in item.args) or held >= len(positional):
            return None
        held = ctx.instance_type(scope, positional[held])
        return held if held in knowledge.SYNC_LOCK_TYPES else None
    return held


def _holder_lock(ctx: FileContext, scope, item: cst.BaseExpression, kind: Optional[str],
                 enter: str = "__enter__") -> Optional[str]:
    """`with self._box:` where the box is an instance of a project class whose `__enter__` (`__aenter__` for an
    `async with`) acquires a threading lock and leaves it held (its exit releases it): the caller's whole block
    holds it."""
    if kind is None:
        return None
    cls = ctx.root.classes.get(kind)
    return enter_holds(ctx, cls, enter) if cls is not None else _foreign_holds(ctx, f"{kind}.{enter}")


def _foreign_holds(ctx: FileContext, name: str) -> Union[str, int, None]:
    foreign = ctx.root.foreign
    if foreign is None or not foreign.owns(name):
        return None
    value = foreign.fact(name + HOLDS, None)
    if value is not None and value[0] == ARG and value[1].isdigit():
        return int(value[1])
    return value[1] if value is not None and value[1] in knowledge.SYNC_LOCK_TYPES else None


def enter_holds(ctx: FileContext, cls, enter: str = "__enter__") -> Optional[str]:
    """The kind of the threading lock the `__enter__` (or ``enter``: `__aenter__`) of the class scope ``cls``
    acquires and leaves held."""
    method = cls.methods.get(enter)
    if method is None or method.is_async != (enter == "__aenter__") or method.is_generator:
        return None
    return next((kind for _, _, kind in _left_held(ctx, method)), None)


def _left_held(ctx: FileContext, method) -> Iterator[Tuple[CallSite, str, str]]:
    """(the acquire, its receiver as written, the lock's kind) for each threading lock ``method`` acquires and
    does not release in the same block."""
    for site in method.events.get("calls", ()):
        block = ctx.builder.acquires.get(id(site.node))
        if block is None:
            continue
        receiver = dotted(site.node.func.value)
        kind = ctx.instance_type(method, site.node.func.value)
        if kind in knowledge.SYNC_LOCK_TYPES and receiver and not any(
                _any_release(stmt, receiver) for stmt in block[0][block[1] + 1:]):
            yield site, receiver, kind


def manager_holds(ctx: FileContext, func) -> Union[str, int, None]:
    """The kind of the threading lock the `@contextmanager` generator ``func`` holds around its `yield`; or, where
    what it holds is a parameter of no known type (`def held(lock): with lock: yield`), that parameter's position
    among the caller's arguments: the argument's type decides."""
    decorator = "asynccontextmanager" if func.is_async else "contextmanager"
    if not func.is_generator or not any(
            dotted(d.decorator).rpartition(".")[2] == decorator for d in func.node.decorators):
        return None
    for with_node, _loop in func.events.get("withs", ()):
        if with_node.asynchronous is None and any(type(n) is cst.Yield for n in walk_local(with_node.body)):
            for inner in with_node.items:
                kind = ctx.instance_type(func, inner.item)
                if kind in knowledge.SYNC_LOCK_TYPES:
                    # (an `@asynccontextmanager`'s own lock is reported there, held across its `yield`; one its
                    # caller hands it, declared a thread lock, is held by the caller's block as well)
                    return _parameter(func, inner.item) if func.is_async else kind
                position = _untyped_parameter(func, inner.item) if kind is None else None
                if position is not None:
                    return position
    # `lock.acquire()` then `try: yield ... finally: lock.release()`: the same hold, written out by hand
    for site in func.events.get("calls", ()):
        block = ctx.builder.acquires.get(id(site.node))
        if block is None:
            continue
        receiver = site.node.func.value
        kind = ctx.instance_type(func, receiver)
        held = kind if kind in knowledge.SYNC_LOCK_TYPES else _untyped_parameter(func, receiver) if kind is None \
            else None
        if held is not None and _await_before_release(block, dotted(receiver), True, only_yields=True) is not None:
            return _parameter(func, receiver) if func.is_async and not isinstance(held, int) else held
    return None


def _parameter(func, node: cst.BaseExpression) -> Optional[int]:
    """The position among a call's arguments of the parameter ``node`` names, declared or not (see
    `_untyped_parameter`): `async def held(lock: threading.Lock)` holds whatever thread lock its caller hands it."""
    if type(node) is not cst.Name or type(func.node) is not cst.FunctionDef:
        return None
    params = [*func.node.params.posonly_params, *func.node.params.params]
    if func.self_name is not None:
        params = params[1:]
    return next((position for position, param in enumerate(params) if param.name.value == node.value
                 and len(func.bindings.get(node.value, ())) == 1), None)


def _untyped_parameter(func, node: cst.BaseExpression) -> Optional[int]:
    """The position among a call's arguments of the parameter ``node`` names (after `self` for a method), when
    it is one, unannotated and never rebound."""
    if type(node) is not cst.Name or type(func.node) is not cst.FunctionDef:
        return None
    params = [*func.node.params.posonly_params, *func.node.params.params]
    if func.self_name is not None:
        params = params[1:]
    for position, param in enumerate(params):
        if param.name.value == node.value:
            rebound = len(func.bindings.get(node.value, ())) > 1
            return position if param.annotation is None and not rebound else None
    return None


def _given_lock(ctx: FileContext, func, node: cst.BaseExpression) -> Optional[str]:
    """`async def refresh(guard, key): with guard: await ...`, an unannotated parameter of a coroutine function
    that every call of it in this module hands the same kind of threading lock (`refresh(threading.Lock(), k)`,
    `self.refresh(self._lock, k)`): the kind. A function this module also hands on uncalled (a callback, a
    registry's entry) may be called with anything, and one it never calls says nothing: None. (An async
    generator's callers are where its hold is reported: see ``manager_holds``.)"""
    if not func.is_async or func.is_generator or type(node) is not cst.Name:
        return None
    position = _untyped_parameter(func, node)
    if position is None:
        return None
    name = func.node.name.value
    calls, references = _called_names(ctx)
    mine = [site for site in calls.get(name, ()) if site.scope.evaluate(site.node.func) == (REF, func.qualname)]
    if not mine or len(mine) != references.get(name, 0):
        return None
    kinds = set()
    for site in mine:
        args = site.node.args
        if any(arg.star for arg in args):
            return None
        given = next((arg.value for arg in args if arg.keyword is not None and arg.keyword.value == node.value),
                     None)
        positional = [arg.value for arg in args if arg.keyword is None]
        if given is None and position < len(positional):
            given = positional[position]
        kinds.add(ctx.instance_type(site.scope, given) if given is not None else None)
    kind = kinds.pop() if len(kinds) == 1 else None
    return kind if kind in knowledge.SYNC_LOCK_TYPES else None


def _called_names(ctx: FileContext) -> Tuple[dict, dict]:
    """The module's calls by the name they call (`f(...)`, `x.f(...)`), and how often each name is read at all,
    as a name or an attribute, called or not. Gathered once per module, when a rule first asks."""
    key = ("called names",)
    found = ctx.root.memo.get(key)
    if found is None:
        calls: dict = {}
        for site in ctx.calls:
            func = site.node.func
            called = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else None
            if called is not None:
                calls.setdefault(called, []).append(site)
        references: dict = {}
        stack: list = [ctx.root.node]
        while stack:
            current = stack.pop()
            kind = type(current)
            if kind is cst.Name or kind is cst.Attribute:
                read = current.value if kind is cst.Name else current.attr.value
                if read in calls:
                    references[read] = references.get(read, 0) + 1
                if kind is cst.Attribute:
                    stack.append(current.value)
            elif kind is cst.FunctionDef or kind is cst.ClassDef:  # (its name is not a read)
                stack.extend(child for child in current.children if child is not current.name)
            else:
                stack.extend(current.children)
        found = ctx.root.memo[key] = (calls, references)
    return found


_STACKS = frozenset({"contextlib.ExitStack", "contextlib.AsyncExitStack"})
_STACK_CLOSERS = frozenset({"close", "aclose", "pop_all", "__exit__", "__aexit__"})


def _check_stacks(ctx: FileContext) -> None:
    """`stack.enter_context(lock)` in a coroutine: the stack holds the lock until it closes (the end of its
    `with` block, or `stack.close()`), so an await before then suspends with the lock held."""
    for site in ctx.calls:
        func = site.node.func
        if type(func) is not cst.Attribute or func.attr.value != "enter_context" or not site.scope.runs_on_loop \
                or len(site.node.args) != 1:
            continue
        if ctx.instance_type(site.scope, func.value) not in _STACKS:
            continue
        lock = site.node.args[0].value
        kind = ctx.instance_type(site.scope, lock)
        holder = None
        if kind not in knowledge.SYNC_LOCK_TYPES:
            # `stack.enter_context(drawer)`, a project class whose `__enter__` takes a thread lock: entered until
            # the stack closes, as a `with drawer:` block would be
            holder = _holder_lock(ctx, site.scope, lock, kind)
            if holder not in knowledge.SYNC_LOCK_TYPES:
                continue
        gen = site.scope.is_async and site.scope.is_generator
        suspension = _await_while_open(ctx.parents(site.scope), site.node, dotted(func.value), gen)
        if suspension is not None and holder is not None:
            _report_holder(ctx, site.node,
                           f"`{call_text(site.node)}` enters a context manager of this project that holds a "
                           f"`{holder}` while it is entered (until the stack closes)", suspension,
                           f"close the stack before {_ing(suspension)}, or use {asyncio_counterpart(holder)}", holder)
        elif suspension is not None:
            ctx.report(
                "ACK201", site.node,
                f"{_describe(ctx, call_text(lock), kind)} is held by the exit stack across {_at(suspension)}: "
                f"{_while_held(kind)}; release it before {_ing(suspension)}, or use {asyncio_counterpart(kind)}",
                related=_held(suspension),
            )


def _await_while_open(parents, call: cst.Call, stack: str, gen: bool) -> Optional[cst.CSTNode]:
    """The first await after ``call`` that runs before the exit stack ``stack`` closes: the statements after it,
    then after each block around it, up to the `with` that made the stack (or a `stack.close()`)."""
    child: cst.CSTNode = call
    node = parents.get(id(call))
    while node is not None:
        if type(node) in (cst.With, cst.FunctionDef) and child is node.body:
            if type(node) is cst.FunctionDef or any(
                    item.asname is not None and dotted(item.asname.name) == stack for item in node.items):
                return None  # the `with` closes the stack; a function's end leaves no await after it
        if type(node) in (cst.IndentedBlock, cst.Module) or (
                type(node) is cst.SimpleStatementSuite and child in node.body):
            body = list(node.body)
            for stmt in body[body.index(child) + 1:] if child in body else ():
                if any(_any_release(stmt, stack, method) for method in _STACK_CLOSERS):
                    return None
                suspension = _suspension(stmt, gen)
                if suspension is not None:
                    return suspension
        child, node = node, parents.get(id(node))
    return None


def _any_release(node: cst.CSTNode, receiver: str, method: str = "release") -> bool:
    return any(
        type(current) is cst.Call
        and type(current.func) is cst.Attribute
        and current.func.attr.value == method
        and dotted(current.func.value) == receiver
        for current in walk_local(node)
    )


def _is_call_to(stmt: cst.BaseStatement, receiver: str, method: str) -> bool:
    """`lock.release()` as a statement of its own."""
    if type(stmt) is not cst.SimpleStatementLine or len(stmt.body) != 1 or type(stmt.body[0]) is not cst.Expr:
        return False
    call = stmt.body[0].value
    return (type(call) is cst.Call and type(call.func) is cst.Attribute and call.func.attr.value == method
            and dotted(call.func.value) == receiver)


def _held_await(body, receiver: str, gen: bool) -> Optional[cst.CSTNode]:
    """The first await in a `with lock:` body that runs with the lock held: `lock.release()` before a
    `try: await ... finally: lock.acquire()` (a condition variable's wait, by hand) lets it go meanwhile."""
    held = True
    for stmt in body:
        if type(stmt) in (cst.FunctionDef, cst.ClassDef):
            continue  # runs later, if at all
        if _is_call_to(stmt, receiver, "release"):
            held = False
        elif not held:
            if _any_release(stmt, receiver, "acquire"):
                held = True  # re-taken in this statement (a `finally:`): what follows holds it again
        elif type(stmt) in (cst.If, cst.While, cst.For, cst.With, cst.Try) and _any_release(stmt, receiver):
            for header in _headers(stmt):
                suspension = _suspension(header, gen)
                if suspension is not None:
                    return suspension
            for block in _blocks(stmt):
                suspension = _held_await(block.body, receiver, gen)
                if suspension is not None:
                    return suspension
        else:
            suspension = _suspension(stmt, gen)
            if suspension is not None:
                return suspension
    return None


def _headers(stmt: cst.BaseStatement):
    if type(stmt) in (cst.If, cst.While):
        yield stmt.test
    elif type(stmt) is cst.For:
        if stmt.asynchronous is not None:
            yield stmt
        else:
            yield stmt.iter
    elif type(stmt) is cst.With:
        if stmt.asynchronous is not None:
            yield stmt
        else:
            yield from (item.item for item in stmt.items)


def _blocks(stmt: cst.BaseStatement):
    """The statement lists nested in a compound statement (an `elif` is an `If` in `orelse`)."""
    if type(stmt) is cst.Try:
        yield stmt.body
        yield from (h.body for h in stmt.handlers)
        for part in (stmt.orelse, stmt.finalbody):
            if part is not None:
                yield part.body
        return
    yield stmt.body
    orelse = getattr(stmt, "orelse", None)
    if type(orelse) is cst.If:
        yield cst.IndentedBlock(body=[orelse])
    elif orelse is not None:
        yield orelse.body


def _await_before_release(block: tuple, receiver: str, gen: bool, only_yields: bool = False,
                          releases: Optional[Callable[[cst.CSTNode], bool]] = None) -> Optional[cst.CSTNode]:
    """The first await (in an async generator, or a `yield`; with ``only_yields``, only a `yield`: a
    `@contextmanager`'s) after `x.acquire()` in its statement list that runs before `x.release()` (or before
    what ``releases`` says lets the lock go: a helper of the project that releases it)."""
    def find(node: cst.CSTNode) -> Optional[cst.CSTNode]:
        if only_yields:
            return next((n for n in walk_local(node) if type(n) is cst.Yield), None)
        if releases is None:
            # `while busy: lock.release(); await changed(); lock.acquire()`: let go before each await and taken
            # again after it, the lock is not held while the coroutine is suspended
            if type(node) is cst.ExceptHandler:
                node = node.body
            return _held_await(node.body if isinstance(node, cst.BaseSuite) else [node], receiver, gen)
        return _suspension(node, gen)

    ends = releases or (lambda node: _any_release(node, receiver))
    body, index = block
    for stmt in body[index + 1:]:
        if type(stmt) is cst.Try and stmt.finalbody is not None and ends(stmt.finalbody):
            for part in (stmt.body, *stmt.handlers, stmt.orelse):
                if part is not None:
                    suspension = find(part)
                    if suspension is not None:
                        return suspension
            return None
        if releases is not None and _awaited_release(stmt, ends):
            return None  # `await self._give_back()`: the coroutine that releases it is awaited, not a pause before
        suspension = find(stmt)
        if suspension is not None:
            return suspension
        if ends(stmt) and not _released_only_leaving(stmt, ends):
            return None
    return None


def _awaited_release(stmt: cst.BaseStatement, ends: Callable[[cst.CSTNode], bool]) -> bool:
    """Is ``stmt`` `await <call>` alone, the call one that lets the lock go?"""
    if type(stmt) is not cst.SimpleStatementLine or len(stmt.body) != 1 or type(stmt.body[0]) is not cst.Expr:
        return False
    value = stmt.body[0].value
    return type(value) is cst.Await and type(value.expression) is cst.Call and ends(value.expression)


def _released_only_leaving(stmt: cst.BaseStatement, ends: Callable[[cst.CSTNode], bool]) -> bool:
    """`if job.done: lock.release(); return`: every branch that releases the lock also leaves the function, so
    the code past the `if` runs with the lock still held."""
    if type(stmt) is not cst.If:
        return False
    branches, current = [], stmt
    while True:
        if ends(current.test):
            return False
        branches.append(current.body)
        if type(current.orelse) is cst.If:
            current = current.orelse
            continue
        if current.orelse is not None:
            branches.append(current.orelse.body)
        break
    return all(_exits(branch) for branch in branches if ends(branch))


def _exits(block: cst.BaseSuite) -> bool:
    """Does the block end by returning or raising?"""
    last = block.body[-1] if type(block) is cst.IndentedBlock and block.body else None
    return type(last) is cst.SimpleStatementLine and type(last.body[-1]) in (cst.Return, cst.Raise)


TAKES = "(takes)"  # interface key suffix: calling what this names leaves a sync lock (the value's type) held
DROPS = "(drops)"  # ... releases a sync lock of that type that its caller holds


def takes_lock(ctx: FileContext, func) -> Optional[str]:
    """The kind of the threading lock the function ``func`` acquires in its own body and leaves held for its
    caller (`def _enter(self): self._lock.acquire()`, released by another helper; a coroutine function's too,
    `await self._claim()`)."""
    if func.is_generator or type(func.node) is not cst.FunctionDef \
            or func.node.name.value == "__enter__":
        return None
    top = getattr(func.node.body, "body", ())
    for site in func.events.get("calls", ()):
        block = ctx.builder.acquires.get(id(site.node))
        # (unconditional and blocking: `if not lock.acquire(timeout=1)` or `got = lock.acquire(False)` may not hold)
        # (an arm of an `if` that acquires holds it in the rest of the block too, but only when taken)
        if block is None or block[0] is not top or site.node.args \
                or type(top[block[1]]) is not cst.SimpleStatementLine or not any(
                type(part) is cst.Expr and part.value is site.node for part in top[block[1]].body):
            continue
        receiver = dotted(site.node.func.value)
        kind = ctx.instance_type(func, site.node.func.value)
        if kind in knowledge.SYNC_LOCK_TYPES and receiver and not any(
                _any_release(stmt, receiver) for stmt in top[block[1] + 1:]):
            return kind
    return None


def drops_lock(ctx: FileContext, func) -> Optional[str]:
    """The kind of the threading lock the function ``func`` releases without taking it first."""
    if func.is_generator or type(func.node) is not cst.FunctionDef:
        return None
    for site in func.events.get("calls", ()):
        call = site.node
        if type(call.func) is not cst.Attribute or call.func.attr.value != "release":
            continue
        kind = ctx.instance_type(func, call.func.value)
        receiver = dotted(call.func.value)
        if kind in knowledge.SYNC_LOCK_TYPES and receiver and not _any_release(func.node.body, receiver, "acquire"):
            return kind
    return None


def _helper_lock(ctx: FileContext, scope, func: cst.BaseExpression, suffix: str) -> Optional[str]:
    """What a call of ``func`` does to a lock, when it names a helper of the project: takes or drops one."""
    if type(func) not in (cst.Name, cst.Attribute):
        return None
    value = scope.evaluate(func)
    if value is None or value[0] != REF:
        return None
    helper = ctx.functions.get(value[1])
    if helper is not None:
        return (takes_lock if suffix == TAKES else drops_lock)(ctx, helper)
    foreign = ctx.root.foreign
    name = _inherited_name(ctx, value[1], suffix)
    if foreign is None or not foreign.owns(name):
        return None
    fact = foreign.fact(name + suffix, None)
    return fact[1] if fact is not None and fact[1] in knowledge.SYNC_LOCK_TYPES else None


def _inherited_name(ctx: FileContext, name: str, suffix: str) -> str:
    """`self.guarded()` in a subclass that does not define `guarded`, whose base class of another module of the
    project does: the evaluator names the subclass's member (`drivers.Meter.guarded`), the base's module says
    what its method does (`base.GuardedDevice.guarded`, the fact ``suffix``); ``name`` when no base says."""
    owner, _, attr = name.rpartition(".")
    cls = ctx.root.classes.get(owner)
    foreign = ctx.root.foreign
    if cls is None or foreign is None or attr in cls.methods or attr in cls.attrs or attr in cls.bindings:
        return name
    for base in cls.base_refs():
        if foreign.owns(base) and foreign.fact(f"{base}.{attr}{suffix}", None) is not None:
            return f"{base}.{attr}"
    return name


def _check_helper_holds(ctx: FileContext, site) -> None:
    """`self._enter()` ... `await` ... `self._leave()`: a helper of the project takes a threading lock and
    another releases it; the coroutine awaits between the two."""
    block = ctx.builder.bare_calls.get(id(site.node))
    if block is None:
        return
    kind = _helper_lock(ctx, site.scope, site.node.func, TAKES)
    if kind is None:
        return
    scope = site.scope

    def releases(node: cst.CSTNode) -> bool:
        for current in walk_local(node):
            if type(current) is not cst.Call:
                continue
            if type(current.func) is cst.Attribute and current.func.attr.value == "release" \
                    and ctx.instance_type(scope, current.func.value) == kind:
                return True
            if _helper_lock(ctx, scope, current.func, DROPS) == kind:
                return True
        return False

    gen = scope.is_async and scope.is_generator
    suspension = _await_before_release(block, "", gen, releases=releases)
    if suspension is not None:
        helper = call_text(site.node)
        ctx.report(
            "ACK201", site.node,
            f"`{helper}` takes a `{kind}` and leaves it held, and it is still held at {_at(suspension)}: "
            f"{_while_held(kind, resumes=False)}; release it before {_ing(suspension)}, or use "
            f"{asyncio_counterpart(kind)}",
            related=_held(suspension),
        )


def exported_holders(ctx: FileContext) -> dict:
    """Interface facts for the other modules (see ``interface``): the module's `@contextmanager` generators and
    classes whose entering leaves a threading lock held, keyed ``qualname(holds)`` and
    ``Class.__enter__(holds)``."""
    out = {}
    for qualname, func in ctx.functions.items():
        kind = manager_holds(ctx, func) if func.is_generator else None
        if kind is not None:
            out[qualname + HOLDS] = (ARG, str(kind)) if isinstance(kind, int) else ("inst", kind)
        for suffix, found in ((TAKES, takes_lock), (DROPS, drops_lock)):
            kind = None if func.is_generator else found(ctx, func)
            if kind is not None:
                out[qualname + suffix] = ("inst", kind)
    for qualname, cls in ctx.root.classes.items():
        for enter in ("__enter__", "__aenter__"):
            kind = enter_holds(ctx, cls, enter) if enter in cls.methods else None
            if kind is not None:
                out[f"{qualname}.{enter}{HOLDS}"] = ("inst", kind)
    return out
