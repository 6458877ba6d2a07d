"""ACK601/ACK602: a handler around an await that catches CancelledError and does not re-raise it.

What the swallowing costs depends on what the coroutine does next (handler_flow): if it carries on, the task
can no longer be cancelled (ACK601); if it ends, the task merely ends as completed instead of cancelled (ACK602).
"""
from __future__ import annotations

import builtins
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from asynccheck.lint.builder import LISTERS, NESTED, dotted, iter_children, last_name, lister_for, walk_local
from asynccheck.lint.context import FileContext, call_text, first_await
from asynccheck.lint import handler_flow, knowledge, task_roots, types
from asynccheck.lint.handler_flow import carries_on, returns_result
from asynccheck.lint.loop_members import finished, loop_members
from asynccheck.lint.facts import EXITS_SWALLOWING, RELIED, USED
from asynccheck.lint.interface import answer
from asynccheck.lint.reliance import NO, RELIED_TERM, UNUSED_TERM, Reliance, either, holds
from asynccheck.lint.scope import INST, REF, Scope
from asynccheck.lint.tasks import TASK_CALL_NAMES

CANCELLED = "asyncio.CancelledError"
# interface key suffix: a module-level tuple of exception classes that holds CancelledError, so that another
# module's `except RETRYABLE:` with it imported catches cancellation (value: a reference to CancelledError)
CATCHES = "(catches)"
# interface key suffix: a function or method that hands back the tasks it has just cancelled (`return task` after
# `task.cancel()`, or a list of what such a helper returns), so that another module's subclass awaiting what
# `self.cancel_all()` returned awaits cancelled tasks (value: a reference to CancelledError)
CANCELS = "(cancels)"
# interface key suffix: a predicate that only says whether an exception is one of some builtin kinds
# (`def is_fatal(exc): return isinstance(exc, (KeyboardInterrupt, SystemExit))`), so that another module's
# `if is_fatal(exc): raise` re-raises no cancellation (value: ("arg", the position of the exception parameter))
NARROWS = "(narrows)"
# interface key suffix: a predicate that holds for every exception but some builtin kinds (`def should_retry(exc):
# return not isinstance(exc, (KeyboardInterrupt, SystemExit))`), so that another module's `if not
# should_retry(exc): raise` re-raises no cancellation (value: ("arg", the position of the exception parameter))
ADMITS = "(admits)"
# interface key suffix: a function that only reports what a parameter holds (logs it, formats it into a string,
# looks at its type), so that another module's handler calling `alert(format_error(exc))` keeps nothing of the
# exception (value: ("args", the positions of such parameters, joined by commas))
REPORTS = "(reports)"


def catches_cancellation(scope: Scope, node: Optional[cst.BaseExpression], depth: int = 0) -> Optional[str]:
    """What a handler's type catches that includes cancellation, or None."""
    if node is None:
        return "a bare `except:`"
    if type(node) is cst.Tuple:
        for element in node.elements:
            found = catches_cancellation(scope, element.value, depth)
            if found:
                return found
        return None
    if type(node) is cst.Name and node.value == "BaseException" and scope.lookup_scope("BaseException") is None:
        return "`except BaseException`"
    bound = _bound_once(scope, node) or _class_constant(scope, node)
    if bound is not None and type(bound[0]) is cst.Tuple and depth < 3 \
            and catches_cancellation(bound[1], bound[0], depth + 1) is not None:
        # `RETRYABLE = (asyncio.CancelledError, OSError)` then `except RETRYABLE:`
        return f"`except {dotted(node) or 'its tuple'}` (a tuple holding `CancelledError`)"
    value = scope.evaluate(node)
    if value == (REF, CANCELLED):
        return f"`except {dotted(node) or 'CancelledError'}`"
    if _cancelled_class_call(scope, node):
        return f"`except {dotted(node) or 'anyio.get_cancelled_exc_class()'}`"
    foreign = scope.module.foreign
    if value is not None and value[0] == REF and foreign is not None and foreign.owns(value[1]) \
            and foreign.fact(value[1] + CATCHES, None) == (REF, CANCELLED):
        return f"`except {dotted(node) or value[1]}` (a tuple holding `CancelledError`)"
    return None


def exported_catchers(root: Scope) -> Dict[str, tuple]:
    """Interface facts for the other modules (see ``interface``): the module-level tuples of exception classes
    that hold CancelledError (`RETRYABLE = (OSError, asyncio.CancelledError)`), keyed ``qualname(catches)``."""
    out = {}
    for name, bindings in root.bindings.items():
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Tuple \
                and catches_cancellation(root, bindings[0][1]) is not None:
            out[f"{root.qualname}.{name}{CATCHES}"] = (REF, CANCELLED)
    for qualname, cls in root.classes.items():
        if _exits_swallowing(cls):
            out[qualname + EXITS_SWALLOWING] = (REF, CANCELLED)
    return out


def _exits_swallowing(cls: Scope) -> bool:
    """Does the class's `__aexit__` return True for a cancelled block (see the two tests it stands on)?"""
    aexit = cls.methods.get("__aexit__")
    return aexit is not None and (_suppresses_everything(aexit) is not None
                                  or _suppresses_cancellation(aexit) is not None)


def _swallowing_manager(scope: Scope, call: cst.Call) -> bool:
    """`async with Quietly("closing feed"):`, a class of the project (this module's or another's) whose
    `__aexit__` returns True for a cancelled block: the body's cancellation stops there, as under
    `suppress(CancelledError)`."""
    value = scope.evaluate(call.func)
    if value is None or value[0] != REF:
        return False
    cls = scope.module.classes.get(value[1])
    if cls is not None:
        return _exits_swallowing(cls)
    foreign = scope.module.foreign
    return foreign is not None and foreign.owns(value[1]) \
        and foreign.fact(value[1] + EXITS_SWALLOWING, None) == (REF, CANCELLED)


def exported_narrowers(ctx: FileContext) -> Dict[str, tuple]:
    """Interface facts (see ``NARROWS``, ``ADMITS``): the module's predicates on an exception that never hold for
    cancellation, and those that hold for it as for every exception but some builtin kinds."""
    out = {}
    for name, func in ctx.functions.items():
        if func.parent is None or func.parent.kind != "module":
            continue
        for negated, suffix in ((False, NARROWS), (True, ADMITS)):
            position = narrowing_position(func, negated=negated)
            if position is not None:
                out[f"{name}{suffix}"] = ("arg", str(position))
    return out


def narrowing_position(func: Scope, depth: int = 0, negated: bool = False) -> Optional[int]:
    """``func`` is a plain function whose body returns a test that holds for builtin exception kinds alone
    (`return isinstance(exc, (KeyboardInterrupt, SystemExit))`), perhaps after reporting it (`log.error(...)`):
    the position of the parameter it tests, or None. ``negated``: the test it returns is the negation of such a
    test (`return not isinstance(exc, ...)`), true for cancellation as for nearly everything."""
    if func.is_async or func.is_generator or type(func.node) is not cst.FunctionDef or depth > 2:
        return None
    body = [stmt for stmt in func.node.body.body if not _docstring(stmt)]
    if not body or type(body[-1]) is not cst.SimpleStatementLine or len(body[-1].body) != 1 \
            or type(body[-1].body[0]) is not cst.Return or body[-1].body[0].value is None \
            or not all(_logs_only(stmt) for stmt in body[:-1]):
        return None
    params = [p.name.value for p in (*func.node.params.posonly_params, *func.node.params.params)]
    test = body[-1].body[0].value
    for position, param in enumerate(params):
        if len(func.bindings.get(param, ())) == 1 and _settles(func, param, test, negated, depth):
            return position
    return None


def _settles(func: Scope, param: str, test: cst.BaseExpression, holds: bool, depth: int) -> bool:
    """Does ``test`` on the exception ``param`` hold for cancellation (``holds``), or never hold for it? Through
    `not`, `and` and `or`: `isinstance(exc, (ConnectionError, TimeoutError)) or not isinstance(exc, Exception)`
    holds for it, the second operand being the negation of a test that never does."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return _settles(func, param, test.expression, not holds, depth)
    if type(test) is cst.BooleanOperation:
        left = _settles(func, param, test.left, holds, depth)
        right = _settles(func, param, test.right, holds, depth)
        # an `or` holds when either side does and never holds when neither can; an `and` the other way round
        return (left or right) if (type(test.operator) is cst.Or) == holds else (left and right)
    if holds:
        return _admits_cancellation(func, param, test)
    return _NarrowGuard(func, param, depth=depth + 1)(test)


def _admits_cancellation(scope: Scope, param: str, test: cst.BaseExpression) -> bool:
    """`isinstance(exc, BaseException)`, `isinstance(exc, (OSError, asyncio.CancelledError))`: true for it."""
    if type(test) is not cst.Call or dotted(test.func) != "isinstance" or len(test.args) != 2 \
            or type(test.args[0].value) is not cst.Name or test.args[0].value.value != param:
        return False
    kinds = test.args[1].value
    nodes = [e.value for e in kinds.elements] if type(kinds) is cst.Tuple else [kinds]
    return any(type(n) is cst.Name and n.value == "BaseException" and scope.lookup_scope("BaseException") is None
               or scope.evaluate(n) == (REF, CANCELLED) for n in nodes)


def _logs_only(stmt: cst.BaseStatement) -> bool:
    """A line of logging calls (`log.error("job failed: %r", exc)`): it decides nothing and raises nothing."""
    return type(stmt) is cst.SimpleStatementLine and all(
        type(small) is cst.Expr and type(small.value) is cst.Call
        and last_name(small.value.func) in _LOGGING for small in stmt.body)


def _docstring(stmt: cst.BaseStatement) -> bool:
    return type(stmt) is cst.SimpleStatementLine and len(stmt.body) == 1 and type(stmt.body[0]) is cst.Expr \
        and type(stmt.body[0].value) in (cst.SimpleString, cst.ConcatenatedString)


def exported_cancellers(ctx: FileContext) -> Dict[str, tuple]:
    """Interface facts (see ``CANCELS``): the module's functions and methods that return the tasks they cancel."""
    return {f"{name}{CANCELS}": (REF, CANCELLED) for name, func in ctx.functions.items()
            if func.parent is not None and func.parent.kind in ("module", "class") and _hands_back_cancelled(ctx, func)}


def _hands_back_cancelled(ctx: FileContext, func: Scope, depth: int = 0) -> bool:
    """Every value the function returns is a task it has cancelled, a list of them, or what a helper of that
    kind returns; a finished placeholder (`return succeed(None)` for a name it does not hold) may stand beside
    them, a live task it holds may not. Remembered per function: each awaiting caller asks again."""
    known = func.memo.get(CANCELS)
    if known is None:
        func.memo[CANCELS] = False  # (a helper that calls itself is no proof of itself)
        known = func.memo[CANCELS] = depth < 4 and _returns_cancelled(ctx, func, depth)
    return known


def _returns_cancelled(ctx: FileContext, func: Scope, depth: int) -> bool:
    returned = [value for value in func.events.get("returned", ()) if value is not None]
    if not returned or not any(type(site.node.func) is cst.Attribute and site.node.func.attr.value == "cancel"
                               for site in func.events.get("calls", ())) and not any(
            type(value) in (cst.Call, cst.ListComp, cst.List, cst.GeneratorExp) for value in returned):
        return False
    cancelled = {name for name, _ in _cancel_receivers(func)}
    seen = False
    for value in returned:
        verdict = _cancelled_value(ctx, func, value, cancelled, depth)
        if verdict is False:
            return False
        seen = seen or verdict is True
    return seen


def _cancelled_value(ctx: FileContext, func: Scope, value: cst.BaseExpression, cancelled: Set[str],
                     depth: int) -> Optional[bool]:
    """True for a cancelled task (or a collection of them), False for one that may be live, None for neither."""
    kind = type(value)
    if kind in (cst.Name, cst.Attribute):
        if dotted(value) in cancelled:
            return True
        return None if kind is cst.Name and value.value == "None" else False
    if kind in (cst.ListComp, cst.GeneratorExp, cst.SetComp):
        return _cancelled_value(ctx, func, value.elt, cancelled, depth)
    if kind in (cst.List, cst.Tuple):
        verdicts = [_cancelled_value(ctx, func, e.value, cancelled, depth) for e in value.elements]
        return False if False in verdicts else True if verdicts and all(verdicts) else None
    if kind is cst.Call:
        if _cancelling_call(ctx, func, value, depth + 1):
            return True
        site_target = func.evaluate(value.func)
        if site_target is not None and site_target[0] == REF and site_target[1] in knowledge.TASK_SPAWNERS:
            return False  # a task it has just started
        return None
    return None


def _cancelling_call(ctx: FileContext, scope: Scope, call: cst.Call, depth: int = 0) -> bool:
    """`self.cancel_all()` (a method of this class, of a base class here or of another module's base class) or
    `cancel_all(...)` (a function of the project) that hands back the tasks it has just cancelled."""
    func = call.func
    if type(func) is cst.Attribute and type(func.value) is cst.Name:
        owner = scope.self_class(func.value.value)
        if owner is None:
            return False
        method = _method_of(owner, func.attr.value)
        if method is not None:
            return _hands_back_cancelled(ctx, method, depth)
        foreign = scope.module.foreign
        return foreign is not None and any(
            foreign.owns(base) and foreign.fact(f"{base}.{func.attr.value}{CANCELS}", None) == (REF, CANCELLED)
            for base in owner.base_refs())
    if type(func) is not cst.Name:
        return False
    value = scope.evaluate(func)
    if value is None or value[0] != REF:
        return False
    local = ctx.functions.get(value[1])
    if local is not None:
        return _hands_back_cancelled(ctx, local, depth)
    foreign = scope.module.foreign
    return foreign is not None and foreign.owns(value[1]) and foreign.fact(value[1] + CANCELS, None) == (
        REF, CANCELLED)


def _method_of(owner: Scope, name: str, depth: int = 0) -> Optional[Scope]:
    """The method ``name`` of the class, or of a base class of this module."""
    method = owner.methods.get(name)
    if method is not None or depth > 5:
        return method
    for base in owner.base_refs():
        cls = owner.module.classes.get(base)
        if cls is not None and cls is not owner:
            found = _method_of(cls, name, depth + 1)
            if found is not None:
                return found
    return None


def _cancelled_class_call(scope: Scope, node: cst.BaseExpression) -> bool:
    """`except anyio.get_cancelled_exc_class():` (or a name bound once to that call): under asyncio the class it
    returns is `asyncio.CancelledError`."""
    if type(node) is cst.Name:
        bound = _bound_once(scope, node)
        if bound is None:
            return False
        node, scope = bound
    return type(node) is cst.Call and not node.args \
        and scope.evaluate(node.func) == (REF, "anyio.get_cancelled_exc_class")


def _bound_once(scope: Scope, node: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, Scope]]:
    """(the expression, its scope) when ``node`` is a name bound once, to an expression."""
    if type(node) is not cst.Name:
        return None
    home = scope.lookup_scope(node.value)
    bindings = home.bindings.get(node.value, ()) if home is not None else ()
    return (bindings[0][1], bindings[0][2]) if len(bindings) == 1 and bindings[0][0] == "expr" else None


def _class_constant(scope: Scope, node: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, Scope]]:
    """(the expression, the class scope) for `self.RETRY_ON` or `cls.RETRY_ON` when the class body binds it once
    and no method stores it on an instance: `except self.RETRY_ON:` catches what the class's tuple holds."""
    if type(node) is not cst.Attribute or type(node.value) is not cst.Name:
        return None
    owner = scope.self_class(node.value.value)
    if owner is None:  # `cls.RETRY_ON` in a classmethod, `Archiver.RETRY_ON`
        value = scope.evaluate(node.value)
        owner = scope.module.classes.get(value[1]) if value is not None and value[0] == REF else None
    attr = node.attr.value
    if owner is None or attr in owner.attrs:
        return None
    bindings = owner.bindings.get(attr, ())
    return (bindings[0][1], bindings[0][2]) if len(bindings) == 1 and bindings[0][0] == "expr" else None


def _raises(scope: Scope, handler: cst.ExceptHandler) -> bool:
    """The handler raises something of its own accord: `raise`, `raise exc`, `raise Other() from exc`, perhaps
    under an `if`. A raise inside a nested `except` does not count unless it names the handler's exception:
    there a bare `raise` re-raises the inner exception, and only on the inner failure. Nor does a raise under
    `if isinstance(exc, KeyboardInterrupt):`, which lets every other exception, cancellation included, through."""
    name = handler.name.name.value if handler.name is not None and type(handler.name.name) is cst.Name else None
    if name is not None and _cancelled_branch_leaves(scope, handler.body, name):
        return False
    if handler.type is not None and scope.evaluate(handler.type) == (REF, CANCELLED) \
            and _branch_goes_round(handler.body):
        return False
    for node in _outside_nested_handlers(handler.body, _NarrowGuard(scope, name, _round_counters(scope, handler))):
        if type(node) is cst.Raise:
            return True
        if type(node) is cst.Call and scope.evaluate(node.func) in _EXITS:
            return True  # the process ends: nothing carries on
    outside = {id(node) for node in _outside_nested_handlers(handler.body)}
    for node in walk_local(handler.body):
        if (type(node) is cst.Raise and id(node) not in outside and type(node.exc) is cst.Name
                and node.exc.value == name):
            return True
    return False


def swallows(scope: Scope, handler: cst.ExceptHandler) -> bool:
    """The handler (one that catches cancellation) ends without raising anything: the CancelledError stops there."""
    return not _raises(scope, handler)


def _cancelled_branch_leaves(scope: Scope, body: cst.CSTNode, name: str) -> bool:
    """`except BaseException as exc:` ... `if isinstance(exc, asyncio.CancelledError): log(...); return None` ...
    `raise`: the raise re-raises every other exception, while cancellation leaves the handler by the branch's
    `return` (or `continue`, `break`), so it is swallowed; the same under `if not isinstance(exc, OSError):`,
    a test cancellation passes. A branch that raises, or that falls through to the raise, hands it on."""
    for node in _outside_nested_handlers(body):
        if type(node) is not cst.If or not (_tests_cancelled(scope, node.test, name)
                                            or _tests_other_than(scope, node.test, name)):
            continue
        statements = node.body.body if type(node.body) is cst.IndentedBlock else [node.body]
        if any(type(n) is cst.Raise for n in _outside_nested_handlers(node.body)):
            continue
        last = statements[-1] if statements else None
        if type(last) is cst.SimpleStatementLine and any(
                type(small) in (cst.Return, cst.Continue, cst.Break) for small in last.body):
            return True
    return False


def _branch_goes_round(body: cst.CSTNode) -> bool:
    """`except CancelledError:` ... `if not self._stopping: continue` ... `raise`: all the handler catches is
    cancellation, and on that branch the loop goes round (or is left by `break`) without raising it; the raise
    after it hands on only the cancellations the test lets through."""
    for node in _handler_ifs(body):
        statements = node.body.body if type(node.body) is cst.IndentedBlock else [node.body]
        if any(type(n) is cst.Raise for n in _outside_nested_handlers(node.body)):
            continue
        last = statements[-1] if statements else None
        if type(last) is cst.SimpleStatementLine and any(type(small) in (cst.Continue, cst.Break)
                                                         for small in last.body):
            return True
    return False


def _handler_ifs(block: cst.CSTNode) -> Iterator[cst.If]:
    """The `if`s of a handler's block and of the `if`, `else` and `with` blocks in it: not those in a loop of the
    handler's own, whose `continue` goes round that loop."""
    statements = block.body if type(block) is cst.IndentedBlock else [block]
    for stmt in statements:
        if type(stmt) is cst.If:
            yield stmt
            yield from _handler_ifs(stmt.body)
            orelse = stmt.orelse
            while orelse is not None:
                if type(orelse) is cst.If:
                    yield orelse
                    yield from _handler_ifs(orelse.body)
                    orelse = orelse.orelse
                else:
                    yield from _handler_ifs(orelse.body)
                    orelse = None
        elif type(stmt) is cst.With:
            yield from _handler_ifs(stmt.body)


def _tests_other_than(scope: Scope, test: cst.BaseExpression, name: str) -> bool:
    """`not isinstance(exc, asyncpg.PostgresError)`, of kinds none of which is cancellation: it holds for it."""
    if type(test) is not cst.UnaryOperation or type(test.operator) is not cst.Not:
        return False
    test = test.expression
    return type(test) is cst.Call and dotted(test.func) == "isinstance" and len(test.args) == 2 \
        and scope.lookup_scope("isinstance") is None and type(test.args[0].value) is cst.Name \
        and test.args[0].value.value == name and never_cancellation(scope, test.args[1].value)


def _tests_cancelled(scope: Scope, test: cst.BaseExpression, name: str) -> bool:
    """`isinstance(exc, asyncio.CancelledError)` (or a class that includes it) or `type(exc) is CancelledError`,
    ``exc`` the handler's exception."""
    if type(test) is cst.Call and dotted(test.func) == "isinstance" and len(test.args) == 2 \
            and scope.lookup_scope("isinstance") is None:
        checked, kinds = test.args[0].value, test.args[1].value
        return type(checked) is cst.Name and checked.value == name and catches_cancellation(scope, kinds) is not None
    if type(test) is cst.Comparison and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) in (cst.Is, cst.Equal):
        left = test.left
        return type(left) is cst.Call and dotted(left.func) == "type" and len(left.args) == 1 \
            and type(left.args[0].value) is cst.Name and left.args[0].value.value == name \
            and catches_cancellation(scope, test.comparisons[0].comparator) is not None
    return False


def _outside_nested_handlers(node: cst.CSTNode, narrow: Optional["_NarrowGuard"] = None) -> Iterator[cst.CSTNode]:
    for child in iter_children(node):
        if isinstance(child, (cst.ExceptHandler, cst.ExceptStarHandler) + NESTED):
            continue
        yield child
        if narrow is not None and type(child) is cst.If and narrow(child.test):
            yield child.test  # (the body runs only for other exceptions; `elif`/`else` run for cancellation)
            if child.orelse is not None:
                yield from _outside_nested_handlers(child.orelse, narrow)
            continue
        yield from _outside_nested_handlers(child, narrow)


_EXITS = frozenset((REF, name) for name in ("sys.exit", "os._exit", "os.abort", "builtins.exit", "builtins.quit"))

_NOT_CANCELLATION = frozenset(
    name for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException) and value is not BaseException
)


class _NarrowGuard:
    """`isinstance(exc, T)` on the handler's exception, where every T is a builtin exception class other than
    BaseException: CancelledError is none of them, so a raise under it never re-raises cancellation."""

    def __init__(self, scope: Scope, name: Optional[str], counters: Set[str] = frozenset(), depth: int = 0):
        self.scope = scope
        self.name = name
        self.counters = counters
        self.depth = depth

    def __call__(self, test: cst.BaseExpression) -> bool:
        if self.name is not None and type(test) is cst.UnaryOperation and type(test.operator) is cst.Not \
                and _tests_cancelled(self.scope, test.expression, self.name):
            return True  # `if not isinstance(exc, asyncio.CancelledError): raise`: cancellation falls through
        if self.counters and type(test) is cst.Comparison and any(
                (type(n) is cst.Name and n.value in self.counters)
                or (type(n) is cst.Attribute and dotted(n) in self.counters) for n in walk_local(test)):
            return True  # `if attempt == retries - 1: raise`: only the last round re-raises; the others go on
        if self.name is not None and self._message_test(test):
            return True  # `if "shutdown" in str(exc): raise`: a cancellation without that message falls through
        if type(test) is cst.Call and dotted(test.func) in ("isinstance", "issubclass") and len(test.args) == 2:
            checked = test.args[0].value
            if not (self._caught(checked) if dotted(test.func) == "isinstance" else self._caught_type(checked)):
                return False
            return self._builtin_kinds(test.args[1].value)
        negated = type(test) is cst.UnaryOperation and type(test.operator) is cst.Not
        call = test.expression if negated else test
        if type(call) is cst.Call and self.name is not None:
            # `is_fatal(exc)`, a predicate of the project that narrows as the tests above do, or `not
            # should_retry(exc)`, the negation of one that holds for all but such kinds
            position = self._narrowing_call(call.func, negated)
            positional = [a for a in call.args if a.keyword is None and not a.star]
            return position is not None and len(positional) == len(call.args) > position \
                and self._caught(positional[position].value)
        # `type(exc) is KeyboardInterrupt`, `sys.exc_info()[0] in (SystemExit, KeyboardInterrupt)`
        if type(test) is cst.Comparison and len(test.comparisons) == 1:
            target = test.comparisons[0]
            if type(target.operator) in (cst.Is, cst.Equal, cst.In) and self._caught_type(test.left):
                return self._builtin_kinds(target.comparator)
        return False

    def _message_test(self, test: cst.BaseExpression) -> bool:
        """The test holds only when the exception's message is some text: `"x" in str(exc)`, `exc.args[0] ==
        "x"`, `exc.args and exc.args[0] == "x"`. Cancellation carries a message only when whoever cancelled
        gave one (a timeout, a TaskGroup or a plain `task.cancel()` give none)."""
        if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
            return self._message_test(test.left) or self._message_test(test.right)
        if type(test) is not cst.Comparison or len(test.comparisons) != 1 \
                or type(test.comparisons[0].operator) not in (cst.In, cst.Equal):
            return False
        sides = (test.left, test.comparisons[0].comparator)
        return any(type(side) in (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString) for side in sides) \
            and any(self._message(side) for side in sides)

    def _message(self, node: cst.BaseExpression) -> bool:
        """`str(exc)`, `repr(exc)`, `exc.args`, `exc.args[0]`, `str(exc.args)`: what the exception says."""
        if type(node) is cst.Call and dotted(node.func) in ("str", "repr") and len(node.args) == 1:
            node = node.args[0].value
        if type(node) is cst.Subscript:
            node = node.value
        if type(node) is cst.Attribute and node.attr.value == "args":
            node = node.value
        return self._caught(node)

    def _narrowing_call(self, func: cst.BaseExpression, negated: bool = False) -> Optional[int]:
        """The position of the exception among the arguments of the predicate ``func`` names, when it is a
        narrowing one of this module or of another module of the project (``NARROWS``); ``negated``: one whose
        negation narrows (``ADMITS``)."""
        value = self.scope.evaluate(func)
        if value is None or value[0] != REF:
            return None
        own = self.scope.module.functions.get(value[1])
        if own is not None:
            return narrowing_position(own, self.depth, negated)
        said = answer(self.scope.module.foreign, value[1], ADMITS if negated else NARROWS, "arg")
        return int(said) if said is not None and said.isdigit() else None

    def _caught(self, node: cst.BaseExpression) -> bool:
        """``node`` is the exception being handled: the handler's name, or `sys.exception()`."""
        if type(node) is cst.Name:
            return node.value == self.name
        return type(node) is cst.Call and not node.args and self._evaluates_to(node.func, "sys.exception")

    def _caught_type(self, node: cst.BaseExpression) -> bool:
        """``node`` is the class of the exception being handled: `type(exc)`, `exc.__class__`,
        `sys.exc_info()[0]`."""
        if type(node) is cst.Call and dotted(node.func) == "type" and len(node.args) == 1:
            return self._caught(node.args[0].value)
        if type(node) is cst.Attribute and node.attr.value == "__class__":
            return self._caught(node.value)
        if type(node) is cst.Subscript and type(node.value) is cst.Call and not node.value.args \
                and self._evaluates_to(node.value.func, "sys.exc_info") and len(node.slice) == 1:
            index = node.slice[0].slice
            return type(index) is cst.Index and type(index.value) is cst.Integer and index.value.value == "0"
        return False

    def _evaluates_to(self, func: cst.BaseExpression, name: str) -> bool:
        return self.scope.evaluate(func) == (REF, name)

    def _builtin_kinds(self, kinds: cst.BaseExpression) -> bool:
        return never_cancellation(self.scope, kinds)


def never_cancellation(scope: Scope, kinds: cst.BaseExpression, depth: int = 0) -> bool:
    """Every class ``kinds`` names is known not to be cancellation: a builtin exception other than BaseException,
    a class of this module none of whose bases is, or a library's or another module's class by its CamelCase
    name (`asyncpg.UniqueViolationError`) that an `except` naming it would not be read as catching cancellation
    with. A parameter, a tuple constant (`FATAL`) or anything else unresolved might hold it."""
    names = [e.value for e in kinds.elements] if type(kinds) in (cst.Tuple, cst.List, cst.Set) else [kinds]
    for node in names:
        if type(node) is cst.Name and node.value in _NOT_CANCELLATION and scope.lookup_scope(node.value) is None:
            continue
        if type(node) not in (cst.Name, cst.Attribute) or depth > 3 or catches_cancellation(scope, node) is not None:
            return False
        value = scope.evaluate(node)
        if value is None or value[0] != REF or value[1].startswith("builtins."):
            return False
        own = scope.module.classes.get(value[1])
        if own is not None:
            if own.parent is None or not own.base_nodes or not all(
                    never_cancellation(own.parent, base, depth + 1) for base in own.base_nodes):
                return False
            continue
        last = value[1].rpartition(".")[2]
        if not (last[:1].isupper() and any(c.islower() for c in last)):
            return False
    return True


def _round_counters(scope: Scope, handler: cst.ExceptHandler) -> Set[str]:
    """The counters of the loops around a handler, a retry loop's rounds: the target of `for attempt in
    range(...)`, or a local (or an attribute of the object: `self.failures += 1`) the loop steps itself
    (`retries += 1` in a `while True:`)."""
    counters: Set[str] = set()
    for node in walk_local(getattr(scope.node, "body", scope.node)):
        if type(node) not in (cst.For, cst.While) or not any(inner is handler for inner in walk_local(node.body)):
            continue
        if type(node) is cst.For and type(node.target) is cst.Name and type(node.iter) is cst.Call \
                and dotted(node.iter.func) == "range":
            counters.add(node.target.value)
        for inner in walk_local(node.body):
            if type(inner) is cst.AugAssign and type(inner.operator) in (cst.AddAssign, cst.SubtractAssign):
                if type(inner.target) is cst.Name:
                    counters.add(inner.target.value)
                elif type(inner.target) is cst.Attribute and dotted(inner.target):
                    counters.add(dotted(inner.target))
    return counters


def _uncancels(handler: cst.ExceptHandler) -> bool:
    """`task.uncancel()` in the handler: it consumes a cancellation it asked for itself, bookkeeping included."""
    for node in walk_local(handler.body):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "uncancel":
            return True
    return False


def _recancels_itself(scope: Scope, handler: cst.ExceptHandler) -> bool:
    """`asyncio.current_task().cancel()` in the handler (or `.cancel()` on a local bound to it): the task asks to
    be cancelled again, so its next await raises CancelledError anew; a step that must not be interrupted
    (emulating a non-blocking call) finishes first, and the cancellation is delayed, not lost."""
    for node in walk_local(handler.body):
        if type(node) is not cst.Call or type(node.func) is not cst.Attribute or node.func.attr.value != "cancel":
            continue
        receiver = node.func.value
        if type(receiver) is cst.Name:
            bindings = scope.bindings.get(receiver.value, ())
            values = [b[1] for b in bindings if b[0] == "expr"]
            if len(bindings) != 1 or len(values) != 1 or type(values[0]) is not cst.Call:
                continue  # (bound once, to a call: the only reading of the name we can trust)
            receiver = values[0]
        if type(receiver) is cst.Call and not receiver.args and _is_current_task(scope, receiver.func):
            return True
    return False


def _is_current_task(scope: Scope, func: cst.BaseExpression) -> bool:
    value = scope.evaluate(func)
    return value is not None and value[0] == REF and value[1] == "asyncio.current_task"


_OTHER_FRAMEWORKS = frozenset(("trio", "twisted"))


def _other_framework_only(ctx: FileContext) -> bool:
    """The module imports trio or Twisted and neither asyncio nor anyio (nor trio_asyncio): asyncio.CancelledError
    cannot reach it. `except BaseException` there catches trio.Cancelled, whose rules are trio's, or the
    cancellation of a Deferred its coroutines await (they run under `Deferred.fromCoroutine`, not in a Task)."""
    heads = set()
    for scope in ctx.scopes:
        for bindings in scope.bindings.values():
            for binding in bindings:
                value = binding[1] if len(binding) > 1 else None
                if binding[0] == "value" and isinstance(value, tuple) and value and value[0] == REF:
                    heads.add(value[1].split(".")[0])
    return bool(heads & _OTHER_FRAMEWORKS) and not heads & {"asyncio", "anyio", "trio_asyncio"}


# (and what records it for telemetry: an OpenTelemetry span's `record_exception`, Sentry's `capture_exception`: a
# report, the exception goes no further)
_LOGGING = frozenset("debug info warning warn error exception critical log print record_exception capture_exception "
                     "captureException".split())
_INSPECTING = frozenset("isinstance issubclass type repr str format id hasattr getattr".split())  # look, not keep


def _hands_on(handler: cst.ExceptHandler, retried: Callable[[str], bool] = lambda _name: False,
              reports: Callable[[cst.Call, str], bool] = lambda _call, _name: False,
              scope: Optional[Scope] = None) -> bool:
    """The handler passes the exception on (`fut.set_exception(exc)`, `self._error = exc`, `convert(exc)`, or
    without a name, `state.set_exception(sys.exc_info())`): someone else decides its fate, so it is not silently
    swallowed. Logging it does not count, nor does a retry loop's `last = exc` that goes round again and is never
    raised itself (``retried``): the coroutine carries on awaiting, and `raise Failed() from last` delivers
    something else."""
    if handler.name is None:
        if scope is None:
            return False
        name = None
    elif type(handler.name.name) is not cst.Name:
        return False
    else:
        name = handler.name.name.value
    for node in walk_local(handler.body):
        if type(node) is cst.Call:
            receiver, _, method = dotted(node.func).rpartition(".")
            if method in _LOGGING or method in _INSPECTING:
                continue
            if any(type(a.value) is cst.Name and a.value.value == name for a in node.args):
                if method in _STORES and receiver and retried("@" + receiver):
                    continue  # `self._failure.set_exception(exc)`, and the loop goes round again, awaiting
                if reports(node, name):
                    continue  # `await self._report(exc)`, a function of this module that only logs it
                return True
            if name is None and any(_is_caught(scope, a, None) for a in node.args):
                if method in _STORES and receiver and retried("@" + receiver):
                    continue  # `state.set_exception(sys.exc_info())`, kept while the loop goes round again
                return True
        elif name is not None and type(node) in (cst.Assign, cst.AnnAssign) and _kept_value(node.value, name):
            targets = [t.target for t in node.targets] if type(node) is cst.Assign else [node.target]
            if all(type(t) is cst.Name and retried(t.value) for t in targets):
                continue
            if all(type(t) is cst.Attribute and dotted(t) and retried("=" + dotted(t)) for t in targets):
                continue  # `self.last_error = exc` in a polling loop that goes round again: a record, not a delivery
            return True
        elif name is not None and type(node) is cst.Return and node.value is not None and _names(node.value, name):
            return True  # `except BaseException as error: return error`: the caller gets it to raise or record
    return False


def _throws_into(scope: Scope, handler: cst.ExceptHandler) -> bool:
    """The handler throws the exception it caught into another coroutine, generator or greenlet that it drives
    (`runner.throw(*sys.exc_info())`, `gen.throw(exc)`): a trampoline forwarding it to the code it stands in for,
    which re-raises it unless that code handles it itself, as it would in plain async code."""
    name = handler.name.name.value if handler.name is not None and type(handler.name.name) is cst.Name else None
    for node in walk_local(handler.body):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "throw" \
                and node.args and _is_caught(scope, node.args[0], name):
            return True
    return False


def _is_caught(scope: Scope, arg: cst.Arg, name: Optional[str]) -> bool:
    """``arg`` passes the exception being handled: its name, `*sys.exc_info()`, `sys.exc_info()[1]` or
    `sys.exception()`."""
    value = arg.value
    if type(value) is cst.Name:
        return value.value == name
    if type(value) is cst.Subscript:
        value = value.value  # `sys.exc_info()[1]`
    return type(value) is cst.Call and not value.args \
        and scope.evaluate(value.func) in ((REF, "sys.exc_info"), (REF, "sys.exception"))


def _only_reports(ctx: FileContext, scope: Scope, call: cst.Call, name: str) -> bool:
    """The exception ``name`` is handed to a function of this module that only reports it: every read of the
    parameter it arrives in is an argument of a logging or inspecting call (`log.error(exc)`, `repr(exc)`) or
    formatted into a string. Nobody raises, keeps or passes it on there, so it is swallowed all the same."""
    value = scope.evaluate(call.func)
    func = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    position = next((i for i, a in enumerate(call.args) if type(a.value) is cst.Name and a.value.value == name), -1)
    arg = call.args[position]
    if arg.star:
        return False
    if func is None and value is not None and value[0] == REF and arg.keyword is None:
        # another module's predicate that only tests the exception's kind (``NARROWS``, ``ADMITS``), or function
        # that only reports it (``REPORTS``), keeps nothing either
        if not all(a.keyword is None and not a.star for a in call.args[:position]):
            return False
        if str(position) in (answer(scope.module.foreign, value[1], suffix, "arg") for suffix in (NARROWS, ADMITS)):
            return True
        reported = answer(scope.module.foreign, value[1], REPORTS, "args")
        return reported is not None and str(position) in reported.split(",")
    if func is None or type(func.node) is not cst.FunctionDef:
        return False
    params = func.node.params
    if arg.keyword is not None:
        param = arg.keyword.value
    else:
        positional = [p.name.value for p in (*params.posonly_params, *params.params)]
        if func.self_name is not None and type(call.func) is cst.Attribute:
            positional = positional[1:]  # a bound method: `self` is not among the arguments
        if position >= len(positional):
            return False
        param = positional[position]
    return _reports_param(ctx, func, param)


def exported_reporters(ctx: FileContext) -> Dict[str, tuple]:
    """Interface facts (see ``REPORTS``): the module-level functions that only report some of their parameters."""
    out = {}
    for name, func in ctx.functions.items():
        if func.parent is None or func.parent.kind != "module" or type(func.node) is not cst.FunctionDef:
            continue
        params = func.node.params
        if params.star_arg is not None and type(params.star_arg) is cst.Param:
            continue  # positions past `*args` are not the names'
        positions = [str(i) for i, p in enumerate((*params.posonly_params, *params.params))
                     if _reports_param(ctx, func, p.name.value)]
        if positions:
            out[f"{name}{REPORTS}"] = ("args", ",".join(positions))
    return out


def _reports_param(ctx: FileContext, func: Scope, param: str) -> bool:
    """Every read of the parameter ``param`` of ``func`` is an argument of a logging or inspecting call or is
    formatted into a string, and there is at least one."""
    if any(param not in child.bindings and child.loads_of(param) for child in func.children):
        return False  # a closure reads it: what it does there is not looked at
    parents = ctx.parents(func)
    read = False
    for node in walk_local(func.node.body):
        if not (type(node) is cst.Name and node.value == param):
            continue
        read = True
        parent = parents.get(id(node))
        if type(parent) is cst.FormattedStringExpression:
            continue
        owner = parents.get(id(parent)) if type(parent) is cst.Arg else None
        if type(owner) is cst.Call and not parent.star \
                and dotted(owner.func).rpartition(".")[2] in (_LOGGING | _INSPECTING):
            continue
        return False
    return read


def _kept_value(value: Optional[cst.BaseExpression], name: str) -> bool:
    """``value`` is the exception, or keeps the first of several (`first = first or exc`)."""
    if type(value) is cst.BooleanOperation and type(value.operator) is cst.Or:
        return _kept_value(value.left, name) or _kept_value(value.right, name)
    return type(value) is cst.Name and value.value == name


# Methods that only put the exception somewhere (a future, a queue, a list): the code that reads it is elsewhere,
# while this loop goes round again.
_STORES = frozenset(("set_exception", "set_result", "append", "add", "put_nowait", "put"))


def _retried(ctx: FileContext, scope: Scope, node: cst.CSTNode, handler: cst.ExceptHandler, name: str) -> bool:
    """The `try` is in a loop of the function, the handler goes round it again (it does not leave by `break`,
    `return` or `raise`; a `continue`, or falling off its end, starts the next round), and the local ``name`` it
    keeps the exception in is never raised or returned itself (`raise cancellation` after the loop: the first
    cancel kept while the loop finishes its cleanup, then delivered). Raised after the loop, it is still lost when the guarded
    code `return`s from a later round (`try: return await op() except BaseException as exc: last = exc`): a retry
    that succeeds after the cancel drops the cancel it kept."""
    caught = handler.name.name.value if handler.name is not None and type(handler.name.name) is cst.Name else None
    if any(type(n) in (cst.Break, cst.Raise) or type(n) is cst.Return and not _returns_in_a_branch_without(
            ctx, scope, handler, n, (name.lstrip("@").partition(".")[0], caught)) for n in walk_local(handler.body)):
        return False
    if name.startswith("="):  # an attribute it was kept in (`self.last_error = exc`): a raise of it, anywhere
        kept = name[1:]
        if any(type(n) is cst.Raise and n.exc is not None and dotted(n.exc) == kept
               for n in walk_local(scope.node.body)):
            return False
    elif name.startswith("@"):  # a container or future it was stored in (`errors.append(exc)`): any raise naming it
        holder = name[1:].partition(".")[0]
        if any(type(n) is cst.Raise and any(type(m) is cst.Name and m.value == holder for m in walk_local(n))
               for n in walk_local(scope.node.body)):
            return False
    elif any(_delivers(n, name) for n in walk_local(scope.node.body)) and not (
            type(node) is cst.Try and any(type(n) is cst.Return and not _hands_kept_on(n, name)
                                          for n in walk_local(node.body))):
        return False
    parents = ctx.parents(scope)
    current = parents.get(id(node))
    while current is not None and current is not scope.node:
        if type(current) is cst.While and name.startswith("=") \
                and any(dotted(n) == name[1:] for n in walk_local(current.test) if type(n) is cst.Attribute):
            return False  # `while self.error is None:`: the kept exception ends the loop
        if type(current) in (cst.For, cst.While):
            return not (name.startswith("@") and _handed_each_round(current, name[1:]))
        current = parents.get(id(current))
    return False


def _handed_each_round(loop: cst.CSTNode, holder: str) -> bool:
    """The loop hands the local ``holder`` the outcome was recorded in to a call of its own each round (`do = await
    self.iter(retry_state=state)` after `state.set_exception(sys.exc_info())`): a retry controller that reads
    the outcome and decides, raising it when the attempt is not to be retried, as it is for a cancellation."""
    if "." in holder:
        return False
    for call in walk_local(loop):
        if type(call) is cst.Call and dotted(call.func).rpartition(".")[2] not in _STORES | _LOGGING | _INSPECTING \
                and any(type(a.value) is cst.Name and a.value.value == holder for a in call.args):
            return True
    return False


def _hands_kept_on(node: cst.Return, name: str) -> bool:
    """`return await hook.on_error(ctx, error=error)` after `except BaseException as exc: error = exc`: each round
    hands the exception the last one kept to the code it runs (a chain of error handlers, each given the error
    the one before raised), so a cancel kept there reaches the next handler, and the raise after the loop, instead
    of being dropped by a round that returns."""
    return node.value is not None and any(
        type(call) is cst.Call and any(type(m) is cst.Name and m.value == name for arg in call.args
                                       for m in walk_local(arg.value))
        for call in walk_local(node.value))


def _returns_in_a_branch_without(ctx: FileContext, scope: Scope, handler: cst.ExceptHandler, node: cst.Return,
                                 names: tuple) -> bool:
    """`if not isinstance(exc, retry_on): return None` in a retry loop's handler: that branch leaves with a
    value that holds neither the exception nor what it was kept in, so it delivers nothing; the exception is kept
    (`last = exc`) only on the way that goes round again."""
    if node.value is not None and any(type(n) is cst.Name and n.value in names for n in walk_local(node.value)):
        return False
    parents = ctx.parents(scope)
    current = parents.get(id(node))
    while current is not None and current is not handler:
        if type(current) is cst.If:
            return True
        current = parents.get(id(current))
    return False


def _delivers(node: cst.CSTNode, name: str) -> bool:
    """``node`` raises the kept exception, or returns it to a caller that raises it once its own cleanup is done
    (`return cancellation`, as a task group's wait-for-children loop does): either way it is delivered."""
    if type(node) is cst.Raise:
        return type(node.exc) is cst.Name and node.exc.value == name
    return type(node) is cst.Return and node.value is not None and _names(node.value, name)


def _names(value: cst.BaseExpression, name: str) -> bool:
    """``value`` is the name, or a tuple with the name among its elements (`return exc, cancelled`)."""
    if type(value) is cst.Tuple:
        return any(type(e.value) is cst.Name and e.value.value == name for e in value.elements)
    return type(value) is cst.Name and value.value == name


def _defers_raise(scope: Scope, handler: cst.ExceptHandler) -> bool:
    """`except CancelledError: cancelled = True` ... later `if cancelled: raise CancelledError`."""
    flags = set()
    for small in walk_local(handler.body):  # (under an `if` too: `if not self._aborting: cancelled = True`)
        if type(small) is cst.Assign:
            flags.update(t.target.value for t in small.targets if type(t.target) is cst.Name)
    if not flags or not any(scope.loads_of(flag) for flag in flags):
        return False
    for node in walk_local(scope.node.body):
        if type(node) is cst.Raise and node.exc is not None:
            exc = node.exc.func if type(node.exc) is cst.Call else node.exc
            if scope.evaluate(exc) == (REF, CANCELLED):
                return True
    return False


# Loop methods that call back later: `loop.call_soon(task.cancel)` cancels the task as surely as
# `task.cancel()` does, one iteration on (blacksheep's _call_soon).
_SCHEDULERS = frozenset(("call_soon", "call_later", "call_at", "call_soon_threadsafe"))


def _cancel_receivers(scope: Scope) -> Iterator[Tuple[str, cst.Call]]:
    """(what is cancelled, the call that cancels it) for each `x.cancel()` in the function."""
    for site in scope.events.get("calls", ()):
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value == "cancel":
            receiver = _holder(func.value)
            yield receiver, site.node
            if type(func.value) is cst.Name:  # `for t in pending: t.cancel()`
                yield from ((member, site.node) for member in loop_members(scope, receiver))
        elif type(func) is cst.Attribute and func.attr.value in _SCHEDULERS:
            for arg in site.node.args:
                if type(arg.value) is cst.Attribute and arg.value.attr.value == "cancel":
                    yield dotted(arg.value.value), site.node


def _holder(node: cst.BaseExpression) -> str:
    """What holds a task, as written: `task`, `self._task`, or an entry of a mapping or sequence under a plain key
    (`app[self.api_key]`, `self._tasks[name]`, `tasks["reader"]`, `cmd[1]` of a queued (verb, task) pair, nested
    as in `jobs[name][0]`: the same spelling in one function reads the same entry); "" for anything else (a call
    in the key may give another entry each time)."""
    if type(node) is not cst.Subscript:
        return dotted(node)
    container = _holder(node.value)
    if not container or len(node.slice) != 1 or type(node.slice[0].slice) is not cst.Index:
        return ""
    key = node.slice[0].slice.value
    if type(key) in (cst.Name, cst.Attribute):
        text = dotted(key)
    elif type(key) in (cst.SimpleString, cst.Integer):
        text = key.value
    else:
        return ""
    return f"{container}[{text}]" if text else ""


def _timed_out_receivers(scope: Scope) -> Iterator[Tuple[str, cst.Call]]:
    """(the task, the call) for each `wait_for(task, t)` in this function: on expiry it cancels the task and
    waits for it to end, so a later `await task` here finds it finished (cancelled) and never suspends. Only in
    this function: another method's `wait_for` says nothing about when this one awaits. `wait_for(shield(t))`
    leaves the task running and is not one."""
    for site in scope.events.get("calls", ()):
        call = site.node
        if dotted(call.func).rpartition(".")[2] != "wait_for" or not call.args:
            continue
        first = call.args[0]
        if first.keyword is None and not first.star and type(first.value) in (cst.Name, cst.Attribute):
            yield dotted(first.value), call


def _cancelled_names(ctx: FileContext, scope: Scope) -> Dict[str, List[Optional[cst.Call]]]:
    """Receivers of `x.cancel()` in this function (with the calls, None for one made elsewhere), and `self.x`
    cancelled in any method of its class: awaiting them and catching CancelledError is the idiom."""
    names: Dict[str, List[Optional[cst.Call]]] = {}
    for name, call in _cancel_receivers(scope):
        names.setdefault(name, []).append(call)
    for name, call in _timed_out_receivers(scope):
        names.setdefault(name, []).append(call)
    for name in _cancelled_by_closures(scope):
        names.setdefault(name, []).append(None)
    owner, mine = scope.class_scope, scope.self_name
    if owner is not None and mine:
        for method in owner.methods.values():
            theirs = method.self_name
            for name, _ in _cancel_receivers(method) if theirs and method is not scope else ():
                name = _alias_source(method, name) or name  # `if (task := self._reader): task.cancel()`
                if name.startswith(theirs + ".") and "[" not in name:  # (a key is another method's local)
                    names.setdefault(mine + name[len(theirs):], []).append(None)
    names.pop("", None)
    for name in _globals_cancelled(ctx):
        if name not in names and _global_here(ctx, scope, name):
            names[name] = [None]
    for local in _registered_for_cancel(ctx, scope):
        names.setdefault(local, []).append(None)
    # `tasks = self.cancel_all()`: a helper hands back the tasks it has just cancelled
    for local, bindings in scope.bindings.items():
        if local not in names and bindings and all(
                b[0] == "expr" and type(b[1]) is cst.Call and _cancelling_call(ctx, scope, b[1]) for b in bindings):
            names[local] = [None]
    # `task = self._reader` before a helper cancels `self._reader`: awaiting `task` awaits the cancelled task
    for local in scope.bindings:
        source = _alias_source(scope, local)
        if source in names and local not in names:
            names[local] = list(names[source])
    names.update(dict.fromkeys(_filled_with_cancelled(scope, names), [None]))
    # `for done in asyncio.as_completed(tasks)` over the tasks it cancelled: each `await done` is one of them
    for local, bindings in scope.bindings.items():
        if local not in names and bindings and all(
                b[0] == "iter" and type(b[1]) is cst.Call and dotted(b[1].func).rpartition(".")[2] == "as_completed"
                and b[1].args and _names_cancelled(b[1].args[0].value, set(names)) for b in bindings):
            names[local] = [None]
    return names


def _registered_for_cancel(ctx: FileContext, scope: Scope) -> Set[str]:
    """Locals this function files in a module-level registry (`user_tasks[user_id] = task`) whose elements
    another function of the module cancels (`user_tasks[user_id].cancel()`, or through a local copy, or for each
    of its values): a chat bot's /cancel command. Awaiting the task then catches that cancellation, as with a
    `self._task` another method cancels."""
    filed: Dict[str, str] = {}  # local -> the registry it is filed in
    for node in walk_local(scope.node):
        if type(node) is cst.Assign and type(node.value) is cst.Name and len(node.targets) == 1:
            target = node.targets[0].target
            if type(target) is cst.Subscript and type(target.value) is cst.Name \
                    and scope.lookup_scope(target.value.value) is ctx.root:
                filed[node.value.value] = target.value.value
    if not filed:
        return set()
    cancelled = _registries_cancelled(ctx)
    return {local for local, registry in filed.items() if registry in cancelled}


def _globals_cancelled(ctx: FileContext) -> Set[str]:
    """Module globals holding one task that some function of the module cancels, directly (`_worker.cancel()`)
    or through a local copy (`task = _worker; _worker = None; task.cancel()`): the `start_x()`/`stop_x()` pair of a
    module-level background task. Awaiting that task and catching CancelledError is the idiom, as for a
    `self._task` another method cancels."""
    key = "cancellation.globals"
    found = ctx.root.memo.get(key)
    if found is not None:
        return found
    found = set()
    for scope in ctx.scopes:
        if scope.kind not in ("function", "lambda"):
            continue
        for name, _call in _cancel_receivers(scope):
            if not name or "." in name or "[" in name:
                continue
            if _global_here(ctx, scope, name):
                found.add(name)
            elif scope.lookup_scope(name) is scope:
                bindings = scope.bindings.get(name, ())
                sources = {b[1].value if b[0] == "expr" and type(b[1]) is cst.Name else "" for b in bindings}
                source = sources.pop() if len(sources) == 1 else ""
                if source and _global_here(ctx, scope, source):
                    found.add(source)
    ctx.root.memo[key] = found
    return found


def _global_here(ctx: FileContext, scope: Scope, name: str) -> bool:
    """``name`` read in ``scope`` is the module's: not bound here, or declared `global` here."""
    if name not in ctx.root.bindings:
        return False
    return scope.lookup_scope(name) is ctx.root or name in scope.events.get("outer_names", ())


def _registries_cancelled(ctx: FileContext) -> Set[str]:
    """Module globals whose elements some function of the module cancels."""
    key = "cancellation.registries"
    found = ctx.root.memo.get(key)
    if found is not None:
        return found
    found = set()
    for scope in ctx.scopes:
        if scope.kind not in ("function", "lambda"):
            continue
        for site in scope.events.get("calls", ()):
            func = site.node.func
            if type(func) is not cst.Attribute or func.attr.value != "cancel":
                continue
            registry = _element_of(scope, func.value)
            if registry is not None and scope.lookup_scope(registry) is ctx.root:
                found.add(registry)
    ctx.root.memo[key] = found
    return found


def _element_of(scope: Scope, node: cst.BaseExpression) -> Optional[str]:
    """The name of the collection ``node`` is an element of: `tasks[k]`, a local bound only to such elements
    (`task = tasks[k]`, `task = tasks.get(k)`, `for task in tasks.values()`)."""
    if type(node) is cst.Subscript and type(node.value) is cst.Name:
        return node.value.value
    if type(node) is not cst.Name or scope.lookup_scope(node.value) is not scope:
        return None
    sources = set()
    for binding in scope.bindings[node.value]:
        value = binding[1] if binding[0] in ("expr", "iter") else None
        if type(value) is cst.Call and type(value.func) is cst.Attribute \
                and value.func.attr.value in ("get", "pop", "values") and type(value.func.value) is cst.Name:
            sources.add(value.func.value.value)
        elif binding[0] == "expr" and type(value) is cst.Subscript and type(value.value) is cst.Name:
            sources.add(value.value.value)
        elif binding[0] == "iter" and type(value) is cst.Name:
            sources.add(value.value)
        else:
            return None
    return sources.pop() if len(sources) == 1 else None


_FILLS = frozenset(("add", "append"))
_EMPTY_MAKERS = frozenset(("set", "list"))


def _filled_with_cancelled(scope: Scope, names: Dict[str, List[Optional[cst.Call]]]) -> Set[str]:
    """Locals made empty here and filled only with tasks it cancelled (`for t in tasks: if t.cancel():
    pending.add(t)`): `gather(*pending)` awaits only those."""
    fills: Dict[str, bool] = {}
    for site in scope.events.get("calls", ()):
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value in _FILLS and type(func.value) is cst.Name:
            args = site.node.args
            mine = len(args) == 1 and not args[0].star and dotted(args[0].value) in names
            fills[func.value.value] = fills.get(func.value.value, True) and mine
    return {local for local, only_cancelled in fills.items() if only_cancelled and local not in names
            and scope.bindings.get(local) and all(b[0] == "expr" and _empty(b[1]) for b in scope.bindings[local])}


def _empty(value: Optional[cst.BaseExpression]) -> bool:
    if type(value) in (cst.List, cst.Set):
        return not value.elements
    return (type(value) is cst.Call and not value.args and type(value.func) is cst.Name
            and value.func.value in _EMPTY_MAKERS)


def _alias_source(scope: Scope, name: str) -> Optional[str]:
    """The attribute a local name only ever copies (`task = self._task`, `(t := self.reader)`), if it does."""
    if "." in name:
        return None
    bindings = scope.bindings.get(name, ())
    sources = {dotted(b[1]) if b[0] == "expr" and type(b[1]) is cst.Attribute else "" for b in bindings}
    if len(sources) != 1:
        return None
    source = sources.pop()
    return source or None


def _cancelled_by_closures(scope: Scope) -> Set[str]:
    """This function's locals that a function nested in it cancels (`server_task.cancel()` in the shutdown
    handler it defines, vllm's serve_http): `await server_task` then catches that task's own cancellation."""
    found: Set[str] = set()
    stack = [child for child in scope.children if child.kind in ("function", "lambda")]
    while stack:
        inner = stack.pop()
        for name, _ in _cancel_receivers(inner):
            head = name.partition(".")[0]
            if head and head not in inner.bindings and head in scope.bindings:
                found.add(name)
        stack.extend(child for child in inner.children if child.kind in ("function", "lambda"))
    return found


def _awaits_only_cancelled(scope: Scope, body: cst.CSTNode, cancelled: Set[str]) -> bool:
    """Every suspension in the body awaits a task this code cancelled: `await task`, `await gather(task)`,
    also under `async with timeout(...)` (whose own expiry arrives as TimeoutError)."""
    seen = False
    for node in walk_local(body):
        if type(node) is cst.Await:
            awaited = node.expression
            if type(awaited) is cst.Call:
                if not any(_names_cancelled(a.value, cancelled) for a in awaited.args):
                    return False
            elif _holder(awaited) not in cancelled:
                return False
            seen = True
        elif type(node) in (cst.For, cst.CompFor) and node.asynchronous is not None:
            return False
        elif type(node) is cst.With and node.asynchronous is not None:
            if not all(type(i.item) is cst.Call and _deadline(scope, i.item.func) for i in node.items):
                return False
    return seen


_DEADLINES = frozenset(("timeout", "timeout_at"))
# The same deadlines imported under another name (`from asyncio import timeout as asyncio_timeout`, with
# async_timeout's as the fallback on older Pythons)
_DEADLINE_MODULES = frozenset(("asyncio", "async_timeout"))


def _awaits_only_finished(scope: Scope, body: cst.CSTNode) -> bool:
    """Every suspension in the body is `await t` for a task `asyncio.wait` returned as done: none of them can
    suspend, so the cancellation caught is a finished task's own outcome, not this task's."""
    seen = False
    for node in walk_local(body):
        if type(node) is cst.Await:
            if type(node.expression) is not cst.Name or not finished(scope, node.expression.value):
                return False
            seen = True
        elif type(node) in (cst.For, cst.With, cst.CompFor) and node.asynchronous is not None:
            return False
    return seen


def _awaits_only_peer_io(scope: Scope, body: cst.CSTNode) -> bool:
    """Every await of the body is a receive or send on a connection whose framework cancels the handler to say
    the peer went away (quart's `websocket.receive()`: knowledge.CANCEL_IS_DISCONNECT): the cancellation caught
    is the end of the connection, which the handler is written to take as the end of its stream."""
    seen = False
    for node in walk_local(body):
        if type(node) is cst.Await:
            call = node.expression
            if type(call) is not cst.Call or type(call.func) is not cst.Attribute:
                return False
            value = scope.evaluate(call.func.value)
            if value is None or f"{value[1]}.{call.func.attr.value}" not in knowledge.CANCEL_IS_DISCONNECT:
                return False
            seen = True
        elif type(node) in (cst.For, cst.With, cst.CompFor) and node.asynchronous is not None:
            return False
    return seen


def _awaits_only_thrown_cancel(scope: Scope, body: cst.CSTNode) -> bool:
    """Every await of the body throws a cancellation into a generator this code drives (`await
    gen.athrow(asyncio.CancelledError())`, to run its cleanup): the cancellation caught is the one thrown in,
    coming back out of a generator that did not handle it, not a cancellation of this task."""
    seen = False
    for node in walk_local(body):
        if type(node) is cst.Await:
            call = node.expression
            if type(call) is not cst.Call or type(call.func) is not cst.Attribute \
                    or call.func.attr.value not in ("athrow", "throw") or len(call.args) != 1:
                return False
            thrown = call.args[0].value
            if type(thrown) is cst.Call and not thrown.args:
                thrown = thrown.func
            if scope.evaluate(thrown) != (REF, "asyncio.CancelledError"):
                return False
            seen = True
        elif type(node) in (cst.For, cst.With, cst.CompFor) and node.asynchronous is not None:
            return False
    return seen


# Methods by which an object stops what it runs: the tasks they wait for are the object's, stopped on its behalf.
_STOPPING = ("stop", "on_stop", "close", "aclose", "shutdown", "on_shutdown", "terminate", "cleanup", "teardown",
             "disconnect", "wait_closed", "aexit")


def _stop_waits_for_handles(scope: Scope, body: cst.CSTNode) -> bool:
    """A method that stops its object (`on_stop`, `aclose`, `__aexit__`...) and whose every await in the body waits
    on handles it holds, no coroutine it calls: `await self._task`, `await wait_for(fut, 5)`, `await gather(*[a.task
    for a in self._actors])`. Those tasks are being stopped (by its own cancel, a framework's, the timeout's), and
    the CancelledError caught there is theirs: faust's service `on_stop`s, whose library cancels the futures it
    runs for them. A coroutine called there (`await self.conn.close()`) is no handle and is still judged, and so is
    a stop that cancels some task itself and then awaits another."""
    if scope.class_scope is None or not (scope.name.strip("_").startswith(_STOPPING) or _signals_own_stop(scope)) \
            or any(True for _ in _cancel_receivers(scope)):
        return False  # (a stop that cancels tasks itself is judged by which it cancelled: _CancelIdiom)
    seen = False
    for node in walk_local(body):
        if type(node) is cst.Await:
            if not _handle_wait(node.expression):
                return False
            seen = True
        elif type(node) in (cst.For, cst.With, cst.CompFor) and node.asynchronous is not None:
            return False
    return seen


def _signals_own_stop(scope: Scope) -> bool:
    """The method's own statements tell the object's tasks to end (`self._stopping.set()`, `self._running =
    False`): a stop, whatever it is called (`async_halt`, `dispose`)."""
    if type(scope.node) is not cst.FunctionDef or scope.self_name is None:
        return False

    def own(node: cst.BaseExpression) -> bool:
        return type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value == scope.self_name

    for statement in scope.node.body.body:
        for small in statement.body if type(statement) is cst.SimpleStatementLine else ():
            value = small.value if type(small) in (cst.Expr, cst.Assign) else None
            if type(small) is cst.Expr and type(value) is cst.Call and not value.args \
                    and type(value.func) is cst.Attribute and value.func.attr.value == "set" and own(value.func.value):
                return True
            if type(small) is cst.Assign and len(small.targets) == 1 and own(small.targets[0].target) \
                    and type(value) is cst.Name and value.value in ("True", "False"):
                return True
    return False


def _handle_wait(value: cst.BaseExpression) -> bool:
    """A handle held by a name (`task`, `self._task`, `tasks[key]`), or a wait on handles only (`wait_for(task, 5)`,
    `shield(task)`, `gather(*tasks)`, `gather(*[a.task for a in actors])`)."""
    if type(value) in (cst.Name, cst.Attribute, cst.Subscript):
        return True
    if type(value) is not cst.Call or last_name(value.func) not in ("wait_for", "shield", "gather", "wait"):
        return False
    handed = [a.value for a in value.args if a.keyword is None]
    if not handed:
        return False
    if last_name(value.func) in ("wait_for", "shield"):
        handed = handed[:1]
    for arg in handed:
        if type(arg) in (cst.ListComp, cst.GeneratorExp, cst.SetComp):
            arg = arg.elt
        if not _handle_wait(arg):
            return False
    return True


def _deadline(scope: Scope, func: cst.BaseExpression) -> bool:
    if dotted(func).rpartition(".")[2] in _DEADLINES:
        return True
    values = [scope.evaluate(func)]
    home = scope.lookup_scope(func.value) if type(func) is cst.Name else None
    if values[0] is None and home is not None:  # one name, one import per Python version: every one a deadline
        values = [home._binding_value(binding) for binding in home.bindings[func.value]]
    return all(value is not None and value[0] == REF and value[1].rpartition(".")[0] in _DEADLINE_MODULES
               and value[1].rpartition(".")[2] in _DEADLINES for value in values)


# Wrappers that hand on the task they are given: `await wait_for(shield(task), 5)` after `task.cancel()` still
# awaits the cancelled task (litestar's psycopg listener stop).
_PASS_THROUGH = frozenset(("shield", "wait_for"))


def _names_cancelled(value: cst.BaseExpression, cancelled: Set[str]) -> bool:
    while type(value) is cst.Call and value.args and dotted(value.func).rpartition(".")[2] in _PASS_THROUGH:
        value = value.args[0].value
    return _holder(value) in cancelled


class _CancelIdiom:
    """`task.cancel()` then `await task` inside `except CancelledError`: the one place swallowing is right;
    and a helper that only defers the cancel for handlers that re-raise it. Both are looked at once per
    function, and only when a handler needs them."""

    def __init__(self, ctx: FileContext, scope: Scope):
        self.ctx, self.scope = ctx, scope
        self._names: Optional[Dict[str, List[Optional[cst.Call]]]] = None
        self._deferral: Optional[bool] = None  # awaited only by handlers that re-raise the cancel after it
        self._timing: Optional[Set[int]] = None  # ids of this function's `wait_for(task)` calls

    def covers(self, body: cst.CSTNode, handlers: Sequence[cst.ExceptHandler] = (),
               stmt: Optional[cst.CSTNode] = None) -> bool:
        """Every await of ``body`` awaits a task cancelled somewhere but in ``handlers``: a cancel made only
        after catching (`except CancelledError: worker.cancel()`) is the caller's cancel, passed on and
        swallowed, not the idiom; nor is a task that ``stmt`` (the `try`) awaits right after making it anew
        (`self.current.cancel()`, then `self.current = create_task(...)`, then `try: await self.current`)."""
        if self._names is None:
            self._names = _cancelled_names(self.ctx, self.scope)
        if not self._names:
            return False
        inside = {id(node) for handler in handlers for node in walk_local(handler)}
        # a `wait_for(task)` is a cancel only for the awaits after it, not for its own (it waits on a live task)
        if self._timing is None:
            self._timing = {id(call) for _name, call in _timed_out_receivers(self.scope)}
        timing = self._timing
        if timing:
            inside.update(id(node) for node in walk_local(body) if id(node) in timing)
        cancelled = {name for name, calls in self._names.items() if any(
            call is None or id(call) not in inside for call in calls)}
        if cancelled and stmt is not None:
            cancelled.difference_update(_made_afresh_before(
                self.ctx, self.scope, stmt, {name: self._names[name] for name in cancelled}))
        return bool(cancelled) and _awaits_only_cancelled(self.scope, body, cancelled)

    def awaited_only_while_reraising(self, ctx: FileContext) -> bool:
        if self._deferral is None:
            self._deferral = _awaited_only_while_reraising(ctx, self.scope)
        return self._deferral


def _made_afresh_before(ctx: FileContext, scope: Scope, stmt: cst.CSTNode,
                        names: Dict[str, List[Optional[cst.Call]]]) -> Set[str]:
    """Of ``names`` (what is cancelled, with the calls that cancel it), those the statements before ``stmt`` in its
    block last bind to a new task (`x = asyncio.create_task(...)`) after every cancel of them (`x.cancel()` a line
    above, on the task before): what ``stmt`` awaits is that new task, which nothing has cancelled, so a
    CancelledError there is this task's own. A cancel made elsewhere (another method, a callback) may come later."""
    block = ctx.parents(scope).get(id(stmt))
    siblings = getattr(block, "body", None)
    if not isinstance(siblings, (list, tuple)):
        return set()
    before = list(siblings)
    position = next((i for i, s in enumerate(before) if s is stmt), None)
    if position is None:
        return set()
    fresh: Set[str] = set()
    for index in range(position - 1, -1, -1):
        previous = before[index]
        if type(previous) is not cst.SimpleStatementLine:
            continue
        earlier: Optional[Set[int]] = None  # the nodes of the statements before this one, when a binding asks
        for small in previous.body:
            if type(small) is not cst.Assign or type(small.value) is not cst.Call \
                    or last_name(small.value.func) not in TASK_CALL_NAMES:
                continue
            for target in small.targets:
                name = dotted(target.target)
                calls = names.get(name)
                if not calls or name in fresh or any(call is None for call in calls):
                    continue
                if earlier is None:
                    earlier = {id(node) for s in before[:index] for node in walk_local(s)}
                if all(id(call) in earlier for call in calls) and not _cancelled_between(before[index + 1:position],
                                                                                          name):
                    fresh.add(name)
    return fresh


def _cancelled_between(statements: Sequence[cst.CSTNode], name: str) -> bool:
    return any(type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "cancel"
               and _holder(node.func.value) == name for s in statements for node in walk_local(s))


def _awaited_only_while_reraising(ctx: FileContext, scope: Scope) -> bool:
    """A helper every call of which here is awaited in an `except CancelledError:` that re-raises after it
    (streamlit's `await _wait_ignoring_cancellation(build)` then `raise`): it keeps waiting through repeated
    cancels while its caller keeps the first one to raise. The cancel is deferred until the wait ends, not
    lost. One call made elsewhere, or the function handed on uncalled, and it is an ordinary swallow."""
    if scope.kind != "function" or _started_as_task(ctx, scope):
        return False
    found = False
    for site in ctx.calls:
        func = site.node.func
        called = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else None
        if called != scope.name:
            continue
        if not site.awaited or not _reraised_outside(ctx, site.scope, site.node):
            return False
        found = True
    return found


def check(ctx: FileContext) -> None:
    if _other_framework_only(ctx):
        return
    for scope in ctx.scopes:
        if not scope.runs_on_loop:
            continue
        suppressing = _suppresses_everything(scope)
        if suppressing is not None:
            ctx.report(
                "ACK601", suppressing,
                "`__aexit__` returns True whatever the block raised, `asyncio.CancelledError` included: an "
                "`async with` of this class swallows the cancellation of the task that runs the block, and the "
                "code after the block carries on as if it had not been cancelled; return True only for the "
                "exceptions meant to be suppressed (`issubclass(exc_type, Exception)`)",
            )
        picked = _suppresses_cancellation(scope)
        if picked is not None:
            ctx.report(
                "ACK601", picked,
                "`__aexit__` returns True when the block was cancelled: an `async with` of this class swallows the "
                "cancellation of the task that runs the block, and the code after the block carries on as if it "
                "had not been cancelled; let `asyncio.CancelledError` propagate (return False for it)",
            )
        idiom = _CancelIdiom(ctx, scope)
        for node in scope.events.get("trys", ()):
            at_yield = None  # the `yield` of an @asynccontextmanager: the `async with` body's errors come in there
            if first_await(node.body) is None:
                at_yield = _manager_yield(scope, node.body)
                if at_yield is None:
                    continue
            for handler in _reachable_by_cancellation(scope, node):
                what = catches_cancellation(scope, handler.type)
                if what is None or _raises(scope, handler) or _uncancels(handler) or _throws_into(scope, handler) \
                        or _recancels_itself(scope, handler):
                    continue
                if _hands_on(handler, lambda name: _retried(ctx, scope, node, handler, name),
                             lambda call, name: _only_reports(ctx, scope, call, name), scope):
                    continue
                if _absorbed_inside(scope, node.body):
                    continue
                if _defers_raise(scope, handler) or idiom.covers(node.body, node.handlers, node) \
                        or _reraised_outside(ctx, scope, node) or _awaits_only_finished(scope, node.body):
                    continue
                if idiom.awaited_only_while_reraising(ctx) or _awaits_only_peer_io(scope, node.body) \
                        or _awaits_only_thrown_cancel(scope, node.body):
                    continue
                if _stop_waits_for_handles(scope, node.body) and carries_on(scope.node, node, handler.body) is None:
                    continue  # (going on after it, the stopper would still lose its own cancel: ACK601)
                if _deferred_in_finally(ctx, scope, node):
                    continue
                if _waits_out_in_finally(ctx, scope, node):
                    if _someone_relies(ctx, scope):
                        _report_waited_out(ctx, handler, f"{what} around the shielded wait", len("except"))
                    continue
                if at_yield is not None:
                    ctx.report(
                        "ACK601", handler,
                        f"{what} around the `yield` of an `@asynccontextmanager` swallows the `asyncio."
                        "CancelledError` raised in the `async with` body: the context manager suppresses it and "
                        "the caller carries on after the block as if it had not been cancelled; re-raise after "
                        "cleaning up",
                        related=((at_yield, "where the body's exceptions come in"),), keyword_width=len("except"))
                    continue
                _report(ctx, scope, node, handler.body, handler,
                        f"{what} around an await swallows `asyncio.CancelledError`")
            _check_finally(ctx, scope, node)
        for node, _loop in scope.events.get("withs", ()):
            for item in node.items:
                call = item.item
                if type(call) is not cst.Call:
                    continue
                if dotted(call.func).rpartition(".")[2] == "suppress":
                    # (the handler's own test: `suppress(BaseException)` and a tuple holding the cancellation count)
                    # (`suppress(*IGNORED)`: the classes of a tuple the module binds once)
                    if not any(a.keyword is None and a.star in ("", "*")
                               and catches_cancellation(scope, a.value) is not None for a in call.args):
                        continue
                    what = f"`{call_text(call)}`"
                elif node.asynchronous is not None and _swallowing_manager(scope, call):
                    what = f"`{call_text(call)}` (its `__aexit__` returns True for a cancelled block)"
                else:
                    continue
                if first_await(node.body) is None or idiom.covers(node.body, (), node) \
                        or _deferred_in_finally(ctx, scope, node):
                    continue
                if _reraised_outside(ctx, scope, node):
                    continue  # as for a `try`: only a repeated cancel is absorbed, the first is raised (agno)
                if idiom.awaited_only_while_reraising(ctx) or _awaits_only_peer_io(scope, node.body) \
                        or _awaits_only_thrown_cancel(scope, node.body):
                    continue
                if _stop_waits_for_handles(scope, node.body) and carries_on(scope.node, node, _NOTHING) is None:
                    continue
                if _waits_out_in_finally(ctx, scope, node):
                    if _someone_relies(ctx, scope):
                        _report_waited_out(ctx, call, f"{what} around the shielded wait", 0)
                    continue
                _report(ctx, scope, node, _NOTHING, call, f"{what} around an await swallows `asyncio.CancelledError`")


_NOTHING = cst.IndentedBlock(body=[])  # a `with suppress(...)`'s handler: it does nothing before the code after it


def _suppresses_everything(scope: Scope) -> Optional[cst.Return]:
    """The `return True` of an async context manager's `__aexit__` that no test of which exception came in
    guards: only on a `None` test of its arguments (`if exc_type is not None:`), or none at all. Suppressing is
    the manager's answer to every exception of the block, cancellation included. A test that narrows
    (`issubclass(exc_type, ValueError)`, `exc_type is MyError`), a `return` of another expression and a method
    that names the cancellation (deciding about it) are left alone; `return exc_type is not None` is True for
    every exception that came, as the bare `return True` under that test is."""
    node = scope.node
    if scope.kind != "function" or not scope.is_async or type(node) is not cst.FunctionDef \
            or node.name.value != "__aexit__" or scope.class_scope is None:
        return None
    params = [p.name.value for p in node.params.params[1:]]
    star = node.params.star_arg
    if type(star) is cst.Param and not params:  # `async def __aexit__(self, *exc_info)`
        params = [star.name.value]
    elif len(params) != 3:
        return None
    if any(type(n) in (cst.Name, cst.Attribute) and dotted(n).rpartition(".")[2] in ("CancelledError", "BaseException")
           for n in walk_local(node.body)):
        return None
    found: List[cst.Return] = []

    def visit(block, guarded_ok: bool) -> bool:
        """Report the unguarded `return True`s of ``block``; say whether what falls out of its end has been
        narrowed to the exceptions a test named (the others left the method on the way)."""
        narrowed = False
        for statement in getattr(block, "body", ()):
            ok = guarded_ok and not narrowed
            if type(statement) is cst.SimpleStatementLine:
                for small in statement.body:
                    if type(small) is cst.Return and ok and (
                            type(small.value) is cst.Name and small.value.value == "True"
                            or small.value is not None and _true_when_raised(small.value, params)):
                        found.append(small)
            elif type(statement) is cst.If:
                plain = _none_test(statement.test, params)
                body_narrowed = visit(statement.body, ok and plain)
                orelse = statement.orelse
                chain_plain = plain
                # (a test of the manager's own state narrows nothing: every exception may fall through it)
                about_exc = _reads_any(statement.test, params)
                while orelse is not None:
                    if type(orelse) is cst.If:
                        link_plain = _none_test(orelse.test, params)
                        chain_plain = chain_plain and link_plain
                        about_exc = about_exc and _reads_any(orelse.test, params)
                        visit(orelse.body, ok and plain and link_plain)
                        orelse = orelse.orelse
                    else:
                        visit(orelse.body, ok and plain)
                        # `if isinstance(exc, Exception): ... else: return None`: past the chain, only the
                        # exceptions its tests named are left (grpclib's server stream)
                        narrowed = narrowed or (not chain_plain and about_exc and _propagates(orelse.body))
                        orelse = None
                # `if exc is not None:` around such a chain: past it, no exception or a narrowed one (its other
                # branches are taken only when none came)
                narrowed = narrowed or (body_narrowed and plain and _came_test(statement.test))
                # `if exc_type: ...; return False` (or `raise`): every exception leaves there, and a later
                # `return True` is reached only when the block ended cleanly, where it suppresses nothing
                narrowed = narrowed or (plain and statement.orelse is None and _came_test(statement.test)
                                        and _propagates(statement.body))
            elif type(statement) is cst.Try:
                visit(statement.body, ok)
                for handler in statement.handlers:
                    visit(handler.body, ok)
                if statement.orelse is not None:
                    visit(statement.orelse.body, ok)
                if statement.finalbody is not None:
                    visit(statement.finalbody.body, ok)
            elif type(statement) in (cst.With,):
                visit(statement.body, ok)
        return narrowed

    visit(node.body, True)
    # the last one: an early `return True` under `if exc_type is None:` says nothing, the final one decides
    return found[-1] if found else None


def _suppresses_cancellation(scope: Scope) -> Optional[cst.CSTNode]:
    """The `return` of an async context manager's `__aexit__` that is True for the cancellation itself:
    `return exc_type is asyncio.CancelledError`, `return issubclass(exc_type, (CancelledError, TimeoutError))`,
    or `return True` under `if isinstance(exc, asyncio.CancelledError):`. The manager picked the cancellation out
    to suppress it (a test that names it only to let it go, `return False` under it, is left alone)."""
    node = scope.node
    if scope.kind != "function" or not scope.is_async or type(node) is not cst.FunctionDef \
            or node.name.value != "__aexit__" or scope.class_scope is None:
        return None
    params = {p.name.value for p in node.params.params[1:]}
    if type(node.params.star_arg) is cst.Param:
        params.add(node.params.star_arg.name.value)
    if not params:
        return None
    for inner in walk_local(node.body):
        if type(inner) is cst.Return and inner.value is not None and _cancellation_test(scope, inner.value, params):
            return inner
        if type(inner) is cst.If and _cancellation_test(scope, inner.test, params):
            for statement in getattr(inner.body, "body", ()):
                for small in getattr(statement, "body", ()) if type(statement) is cst.SimpleStatementLine else ():
                    if type(small) is cst.Return and type(small.value) is cst.Name and small.value.value == "True":
                        return small
    return None


def _cancellation_test(scope: Scope, test: cst.BaseExpression, params: Set[str]) -> bool:
    """`exc_type is CancelledError`, `exc_type in (CancelledError, ...)`, `issubclass(exc_type, CancelledError)`,
    `isinstance(exc, CancelledError)`: true when the exception that came in is the cancellation."""
    def param(expr) -> bool:
        if type(expr) is cst.Subscript:  # `exc_info[0]` of `*exc_info`
            expr = expr.value
        return type(expr) is cst.Name and expr.value in params

    if type(test) is cst.Comparison and len(test.comparisons) == 1 and param(test.left):
        target = test.comparisons[0]
        return type(target.operator) in (cst.Is, cst.Equal, cst.In) \
            and _names_cancellation(scope, target.comparator)
    if type(test) is cst.Call and dotted(test.func) in ("issubclass", "isinstance") and len(test.args) == 2 \
            and scope.lookup_scope(dotted(test.func)) is None and param(test.args[0].value):
        return _names_cancellation(scope, test.args[1].value)
    return False


def _names_cancellation(scope: Scope, expr: cst.BaseExpression) -> bool:
    """`asyncio.CancelledError` named (alone or in a tuple): not `BaseException`, which every exception is."""
    if type(expr) in (cst.Tuple, cst.List, cst.Set):
        return any(_names_cancellation(scope, e.value) for e in expr.elements)
    return catches_cancellation(scope, expr) is not None and not (
        type(expr) is cst.Name and expr.value == "BaseException")


def _reads_any(test: cst.BaseExpression, params: Sequence[str]) -> bool:
    return any(type(n) is cst.Name and n.value in params for n in walk_local(test))


def _came_test(test: cst.BaseExpression) -> bool:
    """A `_none_test` that is true when an exception came: `exc`, `exc_type is not None`."""
    if type(test) is cst.UnaryOperation:
        return False
    return type(test) is not cst.Comparison or type(test.comparisons[0].operator) is cst.IsNot


def _propagates(block: cst.BaseSuite) -> bool:
    """A branch of `__aexit__` that ends by letting the exception go on: `raise`, or a `return` of None or False."""
    statements = getattr(block, "body", ())
    last = statements[-1] if statements else None
    if type(last) is not cst.SimpleStatementLine or not last.body:
        return False
    small = last.body[-1]
    if type(small) is cst.Raise:
        return True
    return type(small) is cst.Return and (
        small.value is None or type(small.value) is cst.Name and small.value.value in ("None", "False"))


def _none_test(test: cst.BaseExpression, params: Sequence[str]) -> bool:
    """`exc_type is not None`, `exc is None`, `exc_type`, `not exc`: says whether an exception came, not which."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test = test.expression
    if type(test) is cst.Name:
        return test.value in params
    left = test.left if type(test) is cst.Comparison else None
    if type(left) is cst.Subscript and len(params) == 1:  # `exc_info[0] is None` of `*exc_info`
        left = left.value
    if type(left) is cst.Name and left.value in params and len(test.comparisons) == 1:
        target = test.comparisons[0]
        return type(target.operator) in (cst.Is, cst.IsNot) and type(target.comparator) is cst.Name \
            and target.comparator.value == "None"
    return False


def _true_when_raised(value: cst.BaseExpression, params: Sequence[str]) -> bool:
    """`exc_type is not None`, `bool(exc)`: what `__aexit__` returns is True whenever the block raised."""
    if type(value) is cst.Call and dotted(value.func) == "bool" and len(value.args) == 1:
        arg = value.args[0].value
        return type(arg) is cst.Name and arg.value in params and len(params) == 3
    return type(value) is cst.Comparison and len(value.comparisons) == 1 \
        and type(value.comparisons[0].operator) is cst.IsNot and _none_test(value, params)


def _report_waited_out(ctx: FileContext, node: cst.CSTNode, what: str, width: int) -> None:
    ctx.report(
        "ACK602", node,
        f"{what} of this `finally:` swallows `asyncio.CancelledError` until the cleanup is done, and the coroutine "
        "then ends: a cancel that came in the `try` is raised again after the `finally`, but one that arrives "
        "during the cleanup after the `try` finished normally is lost: the coroutine returns as if it had not "
        "been cancelled, and a task running it finishes as completed instead of cancelled; note it and re-raise "
        "after the loop",
        keyword_width=width,
    )


def _manager_yield(scope: Scope, body: cst.CSTNode) -> Optional[cst.Yield]:
    """The `yield` in ``body`` when the function is an `@asynccontextmanager` (an async generator that
    contextlib resumes with the block's exception: `athrow`), else None. A plain async generator iterated with
    `async for` is not resumed with its consumer's cancellation."""
    if not _async_manager(scope):
        return None
    return next((n for n in walk_local(body) if type(n) is cst.Yield), None)


def _async_manager(scope: Scope) -> bool:
    """An `@asynccontextmanager` generator: `async with` drives it, not `async for`."""
    decorators = getattr(scope.node, "decorators", ())
    return scope.is_generator and any(
        dotted(d.decorator).rpartition(".")[2] == "asynccontextmanager" for d in decorators)


def _reraised_outside(ctx: FileContext, scope: Scope, node: cst.CSTNode) -> bool:
    """The `try` sits in a handler that caught the cancellation and re-raises it afterwards: `except
    CancelledError:` ... `while True: try: await asyncio.shield(inner) ... except CancelledError: continue` ...
    `raise` (pymongo reaping a worker it cannot interrupt), or that hands it on (`except CancelledError as exc:
    saved = exc`, raised once the cleanup is done). The inner handler absorbs only repeated cancels
    while the cleanup finishes; the first is still raised."""
    parents = ctx.parents(scope)
    current = parents.get(id(node))
    while current is not None and current is not scope.node:
        if type(current) is cst.ExceptHandler:
            # (an outer handler that keeps the first cancel to raise it later, `cancellation = exc`, counts too:
            # the agents SDK's session close finishing each connection's close through repeated cancels)
            return catches_cancellation(scope, current.type) is not None and (
                _raises(scope, current) or _hands_on(current))
        current = parents.get(id(current))
    return False


def _deferred_in_finally(ctx: FileContext, scope: Scope, node: cst.CSTNode) -> bool:
    """The swallow sits in the `finally:` of a `try` that is left only by an exception (`try: while True: ...
    finally:`, no handler, no way out): the exception in flight, cancellation included, is raised again when
    the cleanup ends. A cancel that arrives during the cleanup is absorbed; the first one is only deferred."""
    parents = ctx.parents(scope)
    current = parents.get(id(node))
    while current is not None and current is not scope.node:
        if type(current) is cst.Finally:
            owner = parents.get(id(current))
            return type(owner) is cst.Try and not owner.handlers and _left_only_by_raising(owner.body)
        current = parents.get(id(current))
    return False


def _waits_out_in_finally(ctx: FileContext, scope: Scope, node: cst.CSTNode) -> bool:
    """The swallow is the body of a `while not t.done(): ... await asyncio.shield(t)` loop in a `finally:` after
    which nothing awaits: it goes round only until the cleanup is done, then the coroutine ends. A cancel that
    came in the `try` is raised again after the `finally`; only one that arrives during the cleanup of a `try`
    that finished normally is lost, and the coroutine then ends completed: ACK602's harm, not ACK601's."""
    parents = ctx.parents(scope)
    current = parents.get(id(node))
    waits_out = None  # whether the innermost loop around the swallow only waits for that task
    while current is not None and current is not scope.node:
        if type(current) is cst.Finally:
            owner = parents.get(id(current))
            return bool(waits_out) and type(owner) is cst.Try and _last_suspension(scope, parents, owner)
        if waits_out is None and isinstance(current, handler_flow.LOOPS):
            waits_out = _shields_until_done(current)
        current = parents.get(id(current))
    return False


def _last_suspension(scope: Scope, parents: dict, stmt: cst.CSTNode) -> bool:
    """Nothing after the statement awaits again (no loop around it, no await after it): a cancel the cleanup
    absorbs after a normal exit lets the coroutine end, it cannot keep it running."""
    current = stmt
    while current is not scope.node:
        parent = parents.get(id(current))
        if parent is None or isinstance(parent, handler_flow.LOOPS):
            return False
        if type(parent) is cst.IndentedBlock:
            if any(first_await(following) is not None for following in parent.body[parent.body.index(current) + 1:]):
                return False
        current = parent
    return True


def _shields_until_done(loop: cst.CSTNode) -> bool:
    """`while not task.done(): with suppress(CancelledError): await asyncio.shield(task)`: each cancel only
    interrupts the wait for a cleanup the loop then waits for again, and the loop ends with that task."""
    if type(loop) is not cst.While or type(loop.test) is not cst.UnaryOperation \
            or type(loop.test.operator) is not cst.Not or type(loop.test.expression) is not cst.Call:
        return False
    probe = loop.test.expression.func
    if type(probe) is not cst.Attribute or probe.attr.value != "done" or loop.test.expression.args:
        return False
    task = dotted(probe.value)
    seen = False
    for node in walk_local(loop.body):
        if type(node) is cst.Await:
            awaited = node.expression
            if type(awaited) is not cst.Call or dotted(awaited.func).rpartition(".")[2] != "shield" \
                    or len(awaited.args) != 1 or dotted(awaited.args[0].value) != task:
                return False
            seen = True
        elif type(node) in (cst.Break, cst.Return) or type(node) in (cst.For, cst.With) and node.asynchronous:
            return False
    return seen and bool(task)


def _left_only_by_raising(body: cst.BaseSuite) -> bool:
    """The block ends in `while True:` and nothing in it returns or breaks out (of that loop or an outer one)."""
    statements = getattr(body, "body", ())
    if not statements or type(statements[-1]) is not cst.While:
        return False
    test = statements[-1].test
    endless = (type(test) is cst.Name and test.value == "True") or (type(test) is cst.Integer and test.value == "1")
    if not endless or statements[-1].orelse is not None:
        return False
    if any(True for _ in _leaves_finally(body)):
        return False  # a `return` anywhere, a `break`/`continue` of an outer loop
    return not any(type(jump) is cst.Break for jump in _leaves_finally(statements[-1].body))


def _check_finally(ctx: FileContext, scope: Scope, node: cst.CSTNode) -> None:
    """A `return`, `break` or `continue` that leaves a `finally:` throws away the exception in flight,
    cancellation included, whatever the handlers said (Python 3.14 warns about it, PEP 765)."""
    final = getattr(node, "finalbody", None)
    if final is None:
        return
    for jump in _leaves_finally(final.body):
        keyword = "return" if type(jump) is cst.Return else "break" if type(jump) is cst.Break else "continue"
        alone = cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[jump])])  # the way out, not the fall-through
        _report(ctx, scope, node, alone, jump, f"`{keyword}` in the `finally:` of a `try` around an await "
                f"swallows any exception in flight, `asyncio.CancelledError` included,")
        return


def _leaves_finally(block: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """`return` under ``block``, and `break`/`continue` not of a loop nested in it."""
    for child in iter_children(block):
        if type(child) in (cst.Return, cst.Break, cst.Continue):
            yield child
        elif isinstance(child, handler_flow.LOOPS):
            yield from (n for n in walk_local(child) if type(n) is cst.Return)
            if child.orelse is not None:
                yield from _leaves_finally(child.orelse)
        elif type(child) not in NESTED:
            yield from _leaves_finally(child)


def _absorbed_inside(scope: Scope, body: cst.CSTNode) -> bool:
    """Every suspension of ``body`` sits in the body of a nested `try` whose own handler swallows the
    cancellation (a cleanup loop: `try: await client.disconnect() except BaseException: log`, all inside an outer
    `try ... except BaseException`): the outer handler never sees a cancel. The inner one is the swallow."""
    open_awaits = False
    stack = [(body, False)]
    while stack:
        current, absorbed = stack.pop()
        kind = type(current)
        if kind in NESTED and current is not body:
            continue
        if kind is cst.Await or (kind in (cst.For, cst.With, cst.CompFor) and current.asynchronous is not None):
            if not absorbed:
                open_awaits = True
                break
        if kind is cst.Try and current is not body and not absorbed and any(
                catches_cancellation(scope, h.type) and not _raises(scope, h)
                for h in _reachable_by_cancellation(scope, current)):
            # only the `try` body is covered: awaits in its handlers, `else` and `finally` raise to the outer
            stack.append((current.body, True))
            stack.extend((part, False) for part in (*current.handlers, current.orelse, current.finalbody)
                         if part is not None)
            continue
        stack.extend((child, absorbed) for child in iter_children(current))
    return not open_awaits and first_await(body) is not None


def _reachable_by_cancellation(scope: Scope, node: cst.Try) -> Iterator[cst.ExceptHandler]:
    """The handlers up to the first that catches cancellation: later ones never see it
    (`except CancelledError: raise` then `except BaseException: log`)."""
    for handler in node.handlers:
        yield handler
        if catches_cancellation(scope, handler.type):
            return


def _leaves_on_flag(body: cst.BaseSuite) -> Optional[str]:
    """The text of the flag test a handler opens with and leaves on (`if self._event.is_set(): return`, `if
    self.closing: break`), or None."""
    statements = getattr(body, "body", ())
    first = statements[0] if statements else None
    if type(first) is not cst.If or first.orelse is not None or not _exits_block(first.body):
        return None
    test = first.test
    if type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "is_set" \
            and not test.args:
        return call_text(test)
    if type(test) is cst.Attribute and dotted(test):
        return dotted(test)  # `if self._stopping: return`
    return None


def _exits_block(body: cst.BaseSuite) -> bool:
    statements = getattr(body, "body", ())
    last = statements[-1] if statements else None
    return type(last) is cst.SimpleStatementLine and type(last.body[-1]) in (cst.Return, cst.Break)


def _report(ctx: FileContext, scope: Scope, stmt: cst.CSTNode, body: cst.BaseSuite, node: cst.CSTNode,
            what: str) -> None:
    """ACK601 when the coroutine goes on after swallowing (pointing at where), or hands its caller a result
    as if nothing had happened; ACK602 when it just ends."""
    if handler_flow.ends_in(scope.node, stmt, body, lambda statement: _stops_process(scope, statement)):
        return  # `os._exit(0)` after the shutdown: nothing is left to be cancelled or to carry on
    if _recorded_for_later(scope, body):
        return
    width = len("except") if type(node) is cst.ExceptHandler else 0
    later = carries_on(scope.node, stmt, body)
    if later is not None and _winds_down(ctx, scope, stmt, later):
        if not _someone_relies(ctx, scope):
            return
        ctx.report(
            "ACK602", node,
            f"{what}, awaits its cleanup and then ends: the task finishes as completed instead of cancelled, so "
            "`asyncio.timeout()`, `asyncio.wait_for()` and `asyncio.TaskGroup` cannot tell it was cancelled; "
            "re-raise after cleaning up",
            related=((later, "the cleanup it awaits before ending"),),
            keyword_width=width,
        )
        return
    if later is not None:
        again = type(later) in (cst.For, cst.While)
        flag = _leaves_on_flag(body)
        if flag is not None:
            # `except CancelledError: if self.stopping.is_set(): return`: the owner's stop sets the flag before
            # it cancels, so only its cancel ends the task; anyone else's is what goes unheeded
            ctx.report(
                "ACK601", node,
                f"{what} and carries on unless `{flag}`: the owner that sets it before cancelling can stop the "
                "task, but any other cancellation (a timeout, a task group, another task's `cancel()`) is lost; "
                "re-raise after cleaning up",
                related=((later, "the loop it goes round again" if again else "where it goes on awaiting"),),
                keyword_width=width,
            )
            return
        ctx.report(
            "ACK601", node,
            f"{what} and carries on: the task can no longer be cancelled (timeouts, task groups and shutdown wait "
            "for it); re-raise after cleaning up",
            related=((later, "the loop it goes round again" if again else "where it goes on awaiting"),),
            keyword_width=width,
        )
        return
    result = returns_result(scope.node, stmt, body)
    caller = None if result is not None else _awaited_here(ctx, scope)
    # (a decorator's wrapper is used by name only where the decorator returns it: awaited, not a task's function)
    as_task = _started_as_task(ctx, scope) and not _decorator_wrapper(ctx, scope)
    if (result is not None or caller is not None) and not as_task:
        ctx.report(
            "ACK601", node,
            f"{what} and returns to its caller as if it had not been cancelled: the caller carries on, so the "
            "task can no longer be cancelled; re-raise after cleaning up",
            related=((result, "the result it returns instead"),) if result is not None else
            ((caller, "a caller that carries on"),),
            keyword_width=width,
        )
        return
    if handler_flow.ends_in(scope.node, stmt, body, _raises_instead):
        if not _someone_relies(ctx, scope):
            return
        ctx.report(
            "ACK602", node,
            f"{what} and then raises another exception in its place: the task ends with that error instead of "
            "cancelled, so `asyncio.timeout()`, `asyncio.wait_for()` and `asyncio.TaskGroup` cannot tell it was "
            "cancelled; re-raise the cancellation after cleaning up",
            keyword_width=width,
        )
        return
    awaiter = _PROTOCOL_AWAITERS.get(scope.name) if scope.class_scope is not None else None
    if awaiter is not None:
        # no task runs this method as its own function: the statement that awaits it goes on
        statement, goes_on = awaiter
        ctx.report(
            "ACK601", node,
            f"{what} and returns to the `{statement}` that awaits it as if it had not been cancelled: {goes_on}, "
            "so the task can no longer be cancelled; re-raise after cleaning up",
            keyword_width=width,
        )
        return
    if scope.is_generator and _async_manager(scope):
        # an `async with` drives it: a generator that ends instead of raising is, for contextlib, a block that
        # exited cleanly (or whose error the manager handled), so the code after the block runs on
        ctx.report(
            "ACK601", node,
            f"{what} and ends the `@asynccontextmanager`: the `async with` that entered it exits as if nothing "
            "happened and the task that was cancelled carries on after the block; re-raise after cleaning up",
            keyword_width=width,
        )
        return
    if scope.is_generator:
        # the cancellation was thrown in while the consumer awaited the next item: ending here is a
        # StopAsyncIteration for it, so its `async for` finishes as if the stream were over and it goes on
        ctx.report(
            "ACK601", node,
            f"{what} and ends the async generator: the `async for` that consumes it finishes as if the stream "
            "were over, and the task that was cancelled carries on; re-raise after cleaning up",
            keyword_width=width,
        )
        return
    if as_task:
        if not _someone_relies(ctx, scope):
            return  # no awaiter in sight counts on the cancel: its owner's own task
        ctx.report(
            "ACK602", node,
            f"{what} and then ends: the task finishes as completed instead of cancelled, so "
            "`asyncio.timeout()`, `asyncio.wait_for()` and `asyncio.TaskGroup` cannot tell it was cancelled; "
            "re-raise after cleaning up",
            keyword_width=width,
        )
        return
    if not _someone_relies(ctx, scope):
        return  # a library's callback, a decorator's wrapper, a private coroutine no code of the project awaits
    # awaited elsewhere (another object's `await worker.start()`, another module), run by `asyncio.run`, or a public
    # coroutine the code offers its callers to await
    ctx.report(
        "ACK602", node,
        f"{what} and then returns normally, as if it had not been cancelled: whoever awaits it carries on, and a "
        "task that runs it finishes as completed instead of cancelled, so `asyncio.timeout()`, "
        "`asyncio.wait_for()` and `asyncio.TaskGroup` cannot tell it was cancelled; re-raise after cleaning up",
        keyword_width=width,
    )


# The methods a statement awaits for its own work: that statement, and what runs on when one returns normally.
_PROTOCOL_AWAITERS = {
    "__aenter__": ("async with", "its block runs"),
    "__aexit__": ("async with", "the code after the block carries on"),
    "__anext__": ("async for", "the loop goes on with what it returns"),
}


def _recorded_for_later(scope: Scope, body: cst.BaseSuite) -> bool:
    """The handler only notes the cancellation in a local flag (`cancelled = True`) that the function later hands
    back (`return result, cancelled`) or acts on (`if cancelled: raise ...`): the cancel is deferred until a
    shielded cleanup has finished, not lost. A flag nothing reads afterwards, or one only logged, loses it."""
    flags = set()
    for statement in body.body:
        if type(statement) is not cst.SimpleStatementLine:
            return False
        for small in statement.body:
            if type(small) is cst.Pass:
                continue
            if (type(small) is not cst.Assign or len(small.targets) != 1 or type(small.targets[0].target) is not cst.Name
                    or type(small.value) is not cst.Name or small.value.value != "True"):
                return False
            flags.add(small.targets[0].target.value)
    if not flags:
        return False
    for node in walk_local(scope.node):
        if type(node) is cst.Return and node.value is not None and _mentions(node.value, flags):
            return True
        if type(node) is cst.If and _mentions(node.test, flags) and any(
                type(n) is cst.Raise for n in walk_local(node.body)):
            return True
    return False


def _mentions(node: cst.CSTNode, names: Set[str]) -> bool:
    return any(type(n) is cst.Name and n.value in names for n in walk_local(node))


def _raises_instead(statement: cst.CSTNode) -> bool:
    """`raise RuntimeError("service stopped")` reached after the handler: the coroutine ends with an error."""
    return type(statement) is cst.SimpleStatementLine and any(
        type(small) is cst.Raise and small.exc is not None for small in statement.body)


def _stops_process(scope: Scope, statement: cst.CSTNode) -> bool:
    """`os._exit(0)`, `sys.exit(1)`, `raise SystemExit`: the process ends (or unwinds) here."""
    if type(statement) is not cst.SimpleStatementLine:
        return False
    for small in statement.body:
        if type(small) is cst.Expr and type(small.value) is cst.Call:
            if scope.evaluate(small.value.func) in _EXITS:
                return True
        elif type(small) is cst.Raise and small.exc is not None:
            exc = small.exc.func if type(small.exc) is cst.Call else small.exc
            if type(exc) is cst.Name and exc.value == "SystemExit" and scope.lookup_scope("SystemExit") is None:
                return True
    return False


def _winds_down(ctx: FileContext, scope: Scope, stmt: cst.CSTNode, later: cst.CSTNode) -> bool:
    """A task's own function (started as a task here, awaited by nobody here) that, after swallowing, runs
    straight to its end: no loop around the `try`, and no `while` or `async for` after it, so what it awaits on
    the way is cleanup (aiortc's RTCP task sends BYE; a spawner closes the process it was starting). Its cancel
    is not lost, only deferred until the cleanup is done, and the task ends completed instead of cancelled:
    ACK602's harm, not ACK601's."""
    if isinstance(later, handler_flow.LOOPS):
        return False
    parents = ctx.parents(scope)
    current = stmt
    while current is not scope.node:
        parent = parents.get(id(current))
        if parent is None or isinstance(parent, handler_flow.LOOPS) and not handler_flow.leaves_loop(
                later, parent, parents):
            return False  # a loop around the `try` that the way on stays in: it may go round again
        if type(parent) is cst.IndentedBlock:
            for following in parent.body[parent.body.index(current) + 1:]:
                if any(_suspending_loop(n) for n in walk_local(following)):
                    return False
        current = parent
    return _spawned_as_task(ctx, scope)


def _suspending_loop(node: cst.CSTNode) -> bool:
    """An `async for`, or a `while` that awaits: a loop that may run on, unlike `while pending: pending.pop().cancel()`
    draining a local collection on the way out, which cannot suspend and so only adds to the cleanup."""
    if type(node) is cst.For:
        return node.asynchronous is not None
    return type(node) is cst.While and first_await(node) is not None


def _spawned_as_task(ctx: FileContext, scope: Scope) -> bool:
    """A call of this function is handed straight to a task spawner here (`create_task(self._run())`,
    `ensure_future(f())`) and no call of that name is awaited anywhere in the module, whatever its receiver
    (`await Processing.cleanup(...)` awaits a static method through its class)."""
    name = scope.name
    spawned = False
    for site in ctx.calls:
        func = site.node.func
        called = func.value if type(func) is cst.Name else func.attr.value if type(func) is cst.Attribute else None
        if called == name and site.awaited:
            return False
        if spawned or ctx.target_of(site) not in knowledge.TASK_SPAWNERS or not site.node.args:
            continue
        made = site.node.args[0].value
        if type(made) is cst.Call:
            inner = made.func
            spawned = (type(inner) is cst.Name and inner.value == name) or (
                type(inner) is cst.Attribute and inner.attr.value == name)
    return spawned


def _awaited_here(ctx: FileContext, scope: Scope) -> Optional[cst.Call]:
    """A call `await f(...)` (`await self.f(...)` for a method) of this coroutine function in this module, by a
    caller that may go on after it. A caller that is a task's own function and awaits it last ends with it:
    nothing carries on, the task just ends (completed instead of cancelled). Awaited last by a caller that
    others call, the caller's callers carry on. The caller shown is one that itself goes on after the await
    (a loop that polls again) where there is one: a caller that awaits it last only passes the return up."""
    owner = scope.class_scope
    passing_up = None
    for site in ctx.calls:
        if not site.awaited:
            continue
        func = site.node.func
        if not ((owner is None and type(func) is cst.Name and func.value == scope.name)
                or (owner is not None and type(func) is cst.Attribute and func.attr.value == scope.name
                    and site.scope.class_scope is owner and dotted(func.value) == site.scope.self_name)):
            continue
        last = site.scope.kind == "function" and (_last_of_caller(ctx, site) or _returned(site))
        if not last:
            return site.node
        if passing_up is None and not _started_as_task(ctx, site.scope):
            passing_up = site.node
    return passing_up


def _last_of_caller(ctx: FileContext, site) -> bool:
    """`await f()` (or `return await f()`) as the last thing the function that awaits it does: its last statement,
    or the last of a block that is (a `try` whose `finally` only cleans up, a `with`, a branch of an `if`).
    Whatever f's caller does after it then is only the unwinding on its way out."""
    parents = ctx.parents(site.scope)
    node, top = site.statement, site.scope.node
    while node is not top:
        parent = parents.get(id(node))
        kind = type(parent)
        if kind in (cst.SimpleStatementLine, cst.SimpleStatementSuite, cst.IndentedBlock):
            if parent.body[-1] is not node:
                return False
        elif kind is cst.Try:
            if node is parent.body and parent.orelse is not None:
                return False  # the `else:` runs after it
            if node is parent.body and parent.finalbody is not None and any(
                    type(n) is cst.While or (type(n) is cst.For and n.asynchronous is not None)
                    for n in walk_local(parent.finalbody)):
                return False  # a `finally` that goes on serving is no cleanup
        elif kind not in (cst.Else, cst.If, cst.With, cst.FunctionDef):
            return False  # a loop goes round again; an `except` body is not where a plain return comes out
        node = parent
    return True


def _returned(site) -> bool:
    """`return await f()` anywhere in the caller (a branch that hands off to a variant): the caller ends with it
    there just as when it is the last statement."""
    return type(site.statement) is cst.Return and type(site.statement.value) is cst.Await \
        and site.statement.value.expression is site.node


def _library_method(ctx: FileContext, site, name: str, func: Optional[cst.BaseExpression] = None) -> bool:
    """`self.writer.close()` on a library object (an `asyncio.StreamWriter`), `self.cache.get(key)` on a dict: a
    method that merely shares the coroutine's name, not a use of it."""
    func = site.node.func if func is None else func
    return type(func) is cst.Attribute and func.attr.value == name and _library_attribute(ctx, site.scope, func)


def _library_attribute(ctx: FileContext, scope: Scope, attribute: cst.Attribute) -> bool:
    """An attribute of a library object or a container (`writer.close`, `cache.get`)."""
    if types.holds_container(scope, attribute.value):
        return True
    receiver = scope.evaluate(attribute.value)
    return receiver is not None and receiver[0] == "inst" and not ctx.is_project(receiver[1])


def _started_as_task(ctx: FileContext, scope: Scope) -> bool:
    """The coroutine function is used in this module other than by `await f(...)`: `create_task(f())`,
    `add_callback(f)`... It is then a task's own function, whose result nobody awaits as a value."""
    name = scope.name  # (a `def` of the same name elsewhere, say in a base class, is no use)
    # asked for each awaited call of a coroutine function, and each answer walks the whole module: once per name
    known = ctx.started_as_task.get(name)
    if known is None:
        known = ctx.started_as_task[name] = _used_unawaited(ctx, name)
    return known


def _used_unawaited(ctx: FileContext, name: str) -> bool:
    uses = name_uses(ctx).get(name)
    if not uses:
        return False
    awaited = ctx.started_as_task_base
    others = {id(site.node.func) for site in ctx.calls if _library_method(ctx, site, name)}
    return any(use not in awaited and use not in others for use in uses)


def name_uses(ctx: FileContext) -> Dict[str, List[int]]:
    """Each name of the module, as a bare name or as an attribute (`x.name`), with the nodes that use it; and the
    uses that are no use of a function value (awaited calls, the names of `def`s and classes), in one walk."""
    if ctx.name_uses is None:
        uses: Dict[str, List[int]] = {}
        attributes = ctx.attribute_uses
        stack = [ctx.root.node]
        while stack:
            current = stack.pop()
            kind = type(current)
            if kind is cst.Attribute:
                uses.setdefault(current.attr.value, []).append(id(current))
                attributes.add(id(current))
                stack.append(current.value)
                continue
            if kind is cst.Name:
                uses.setdefault(current.value, []).append(id(current))
            elif kind is cst.Import or kind is cst.ImportFrom:
                continue  # (`from pkg.conn import _serve` names what the module uses; it is no use of its own)
            lister = LISTERS.get(kind)  # (children(current), without a call of its own per node)
            stack.extend(lister(current) if lister is not None else lister_for(kind)(current))
        ctx.name_uses = uses
        awaited = {id(site.node.func) for site in ctx.calls if site.awaited}
        awaited.update(id(s.node.name) for s in ctx.scopes if type(s.node) in (cst.FunctionDef, cst.ClassDef))
        # a parameter of the same name declared elsewhere (`async def with_backoff(call: Callable[...])`) is a
        # binding of its own, no use of the method `call`
        awaited.update(id(param.name) for s in ctx.scopes if type(s.node) in (cst.FunctionDef, cst.Lambda)
                       for param in _declared_params(s.node.params))
        ctx.started_as_task_base = awaited
    return ctx.name_uses


def _declared_params(params: cst.Parameters) -> Iterator[cst.Param]:
    yield from (*params.posonly_params, *params.params, *params.kwonly_params)
    for star in (params.star_arg, params.star_kwarg):
        if type(star) is cst.Param:
            yield star


def _relied_on(ctx: FileContext, scope: Scope) -> Reliance:
    """Evidence in the code of an awaiter that counts on the coroutine's cancellation coming back as CancelledError
    (ACK602's harm is that awaiter's, and only that awaiter's): a call of it awaited or waited on with `wait_for`
    (an awaiter cancelled in turn, or timed out, cancels it); a task started from it whose handle is awaited, or
    waited on with `wait_for`, by a function that did not cancel it first (task_roots.relied_on); the main coroutine
    `asyncio.run` runs (it turns the cancel of Ctrl-C into KeyboardInterrupt only when CancelledError comes back);
    or, for a name this module shows none of that for, another module of the project that does (RELIED, a term of
    the reliance). A coroutine only its owner cancels and then waits to end, one handed to a library as a callback,
    a decorator's wrapper, a public coroutine no code of the project awaits: no awaiter in sight, nothing reported."""
    module_level = scope.parent is not None and scope.parent.kind == "module"
    key = ("relied on", id(scope.node))
    known = ctx.root.memo.get(key)
    if known is None:
        ctx.root.memo[key] = NO  # (a coroutine that awaits itself)
        name = scope.name
        known = _awaited_by_name(ctx, scope)
        if known is not True and task_roots.relied_on(ctx, _spawn_sites(ctx, name, module_level)):
            known = True
        if known is not True:
            known = either(known, frozenset((RELIED_TERM, key) for key in (
                scope.qualname, name if name.startswith("_") and not name.endswith("__") else None) if key))
        ctx.root.memo[key] = known
    return known


def _reliance(ctx: FileContext, scope: Scope) -> Reliance:
    """An awaiter in sight (_relied_on), or a public coroutine offered to callers that await it
    (_offered_to_callers), as far as this module tells: what other modules would decide stays a term."""
    if _decorator_wrapper(ctx, scope):
        return True
    return either(_relied_on(ctx, scope), _offered_to_callers(ctx, scope))


def _decorator_wrapper(ctx: FileContext, scope: Scope) -> bool:
    """The async wrapper a decorator of the module returns (`def never_fail(fn):` ... `async def wrapper(*args):
    await fn(*args)` ... `return wrapper`, perhaps inside a factory, `def retry(times): def deco(fn): ...`): the
    functions it decorates are replaced by it, so whoever awaits one awaits the wrapper. Relied on when the
    decorator is public (offered to the module's users, as a public coroutine is) or put on a function here."""
    inner, outer = scope, scope.parent
    params: Set[str] = set()
    while outer is not None and outer.kind == "function" and not outer.is_async and type(outer.node) is cst.FunctionDef:
        if not any(type(stmt) is cst.SimpleStatementLine and type(stmt.body[0]) is cst.Return
                   and type(stmt.body[0].value) is cst.Name and stmt.body[0].value.value == inner.name
                   for stmt in outer.node.body.body):
            return False
        own = outer.node.params
        params.update(p.name.value for p in (*own.posonly_params, *own.params, *own.kwonly_params))
        inner, outer = outer, outer.parent
    if any(type(node) is cst.While and type(node.test) is cst.Name and node.test.value == "True"
           and not _left_by_return(node) for node in walk_local(scope.node.body)):
        return False  # (`@periodic(30)`: an endless loop is a task's own function, no call its caller waits on)
    if inner is scope or outer is None or outer.kind != "module" or not any(
            type(node) is cst.Await and type(node.expression) is cst.Call and type(node.expression.func) is cst.Name
            and node.expression.func.value in params for node in walk_local(scope.node.body)):
        return False
    return not _private(inner.name) or any(
        last_name(d.decorator.func if type(d.decorator) is cst.Call else d.decorator) == inner.name
        for func in ctx.functions.values() for d in getattr(func.node, "decorators", ()))


def _left_by_return(loop: cst.While) -> bool:
    """Does a `return` end this `while True:` (a retry loop: `return await fn(*args)` once it succeeds)?"""
    return any(type(node) is cst.Return for node in walk_local(loop.body))


def _someone_relies(ctx: FileContext, scope: Scope) -> bool:
    """_reliance, its terms asked of the project index (only where a finding hangs on it: see reliance.py)."""
    foreign = scope.module.foreign
    if foreign is None:  # (one file alone: no module awaits it elsewhere, and none uses it)
        return holds(_reliance(ctx, scope), lambda name: False, lambda name: False)
    return holds(_reliance(ctx, scope), lambda name: foreign.fact(RELIED + name, None) == (RELIED, name),
                 lambda name: foreign.fact(USED + name, None) == (USED, name))


# Decorators that register nothing: a coroutine so decorated is still the class's or module's own to call.
_PLAIN_DECORATORS = frozenset(("staticmethod", "classmethod", "abstractmethod", "override", "overload"))


def _offered_to_callers(ctx: FileContext, scope: Scope) -> Reliance:
    """A public coroutine function of the module or of a public class, not decorated (an `@sio.on("message")`,
    `@websocket_api.async_response` or `@periodic(30)` hands it to a library, which runs it as it likes), not
    handed on by its module (`sio.on("message", handler)`, `shell.register(self.interact)`, a coroutine made and
    passed to a wrapper) nor used by the project's other modules but by awaiting it: what it offers is to be
    awaited by the code that uses it, the library's users included, out of the linter's sight, and an awaiter's
    timeout is lost in it."""
    if scope.parent is None or scope.parent.kind not in ("module", "class") or any(
            _private(name) for name in (scope.name, scope.parent.name if scope.parent.kind == "class" else "")):
        return NO  # (a private module's public class is as public as the package that exports it)
    if any(last_name(d.decorator.func if type(d.decorator) is cst.Call else d.decorator) not in _PLAIN_DECORATORS
           for d in getattr(scope.node, "decorators", ())):
        return NO
    uses = name_uses(ctx).get(scope.name, ())
    if scope.parent.kind == "module":  # (`session.process_message(...)` is another object's method)
        uses = [use for use in uses if use not in ctx.attribute_uses]
    else:  # (`self._nexus_worker.run()`, `self.writer.close()`: another class's method, a library's)
        others = {id(site.node.func) for site in _calls_named(ctx, scope.name)
                  if type(site.node.func) is cst.Attribute
                  and (_library_method(ctx, site, scope.name) or _other_class(ctx, site, scope))}
        uses = [use for use in uses if use not in others]
    quiet = ctx.started_as_task_base  # (awaited calls and the names of definitions)
    if not all(use in quiet for use in uses):
        return NO
    # unless other modules of the project use it, which start it or hand it on, and await it nowhere (_relied_on): a
    # task root of theirs, or a callback they register, rather than a coroutine only the library's users run
    if scope.parent.kind == "module":
        # (a module's function is used by its qualified name: `x.interact()` on an unknown receiver, noted by its
        # bare name, is some object's method, and `await client.interact()` awaits no function of a module)
        if any(site.awaited for site in _calls_named(ctx, scope.name) if type(site.node.func) is cst.Name):
            return True
        return frozenset(((UNUSED_TERM, (scope.qualname,)),))
    if any(site.awaited for site in _calls_named(ctx, scope.name) if last_name(site.node.func) == scope.name):
        return True
    return frozenset(((UNUSED_TERM, (scope.name, scope.qualname)),
                      (RELIED_TERM, _AWAITED_BY_NAME + scope.name)))  # (`await worker.run()`, the receiver unknown)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _awaited_by_name(ctx: FileContext, scope: Scope) -> Reliance:
    """A call of the coroutine function in this module that is awaited, waited on with `wait_for`, or run by
    `asyncio.run`: by its bare name for a function, as an attribute for a method (`await self.stop()`, `await
    worker.start()`), not on a receiver known to be of another class (a library's object, a container, another
    class of the project whose method merely shares the name), and not by itself."""
    name = scope.name
    method = scope.parent is not None and scope.parent.kind == "class"
    found: Reliance = NO
    for site in _calls_named(ctx, name):
        func = site.node.func
        if site.scope is scope:
            continue
        if type(func) is cst.Call and site.awaited and func.args and func.args[0].keyword is None \
                and not func.args[0].star:
            func = func.args[0].value  # `await T(self._wait)()`, `await partial(f, x)()`: the wrapper calls it
        if method:
            if type(func) is not cst.Attribute or func.attr.value != name or _library_method(ctx, site, name, func) \
                    or _other_class(ctx, site, scope, func.value):
                continue
        elif type(func) is not cst.Name or func.value != name:
            continue
        if not site.awaited:
            site = _awaited_factory_call(ctx, site) or site
        if _waited_for(ctx, site) or site.awaited and not _tail_of(ctx, site):
            return True
        if site.awaited:
            found = either(found, _reliance(ctx, site.scope))
            if found is True:
                return True
    return found


def _awaited_factory_call(ctx: FileContext, site):
    """`await with_retries(lambda: self._download(url))`: the call ``site`` is all a lambda does, and the lambda is
    handed to a coroutine function of the module that awaits what it returns (`return await make()`): the site of
    the call the lambda is handed to, whose awaiter awaits the coroutine through it; None otherwise."""
    lam = site.scope
    if lam.kind != "lambda" or lam.node.body is not site.node or lam.parent is None:
        return None
    parents = ctx.parents(lam.parent)
    arg = parents.get(id(lam.node))
    call = parents.get(id(arg))
    if type(arg) is not cst.Arg or type(call) is not cst.Call or arg.star:
        return None
    value = lam.parent.evaluate(call.func)
    func = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if func is None or not func.is_async or type(func.node) is not cst.FunctionDef:
        return None
    param = task_roots.handed_param(func, call, arg)
    if param is None or not any(
            type(node) is cst.Await and type(node.expression) is cst.Call and type(node.expression.func) is cst.Name
            and node.expression.func.value == param for node in walk_local(func.node)):
        return None
    return next((other for other in _calls_named(ctx, last_name(call.func)) if other.node is call), None)


def _tail_of(ctx: FileContext, site) -> bool:
    """`return await f()`, or `await f()` as the caller's last statement: the caller ends with f, so a cancel that
    reaches f through it is its own; f is relied on only where the caller is (litserve's response loop variants,
    the task root of its lifespan)."""
    return site.scope.kind == "function" and (_last_of_caller(ctx, site) or _returned(site))


def _other_class(ctx: FileContext, site, scope: Scope, receiver: Optional[cst.BaseExpression] = None) -> bool:
    """The call's receiver (or ``receiver``) is an object of another class of the project (`await self.stop()` in a
    class that has its own `stop`, `await other.stop()` with `other` typed as a class that is not this one nor
    derives from it)."""
    owner = scope.class_scope
    receiver = site.node.func.value if receiver is None else receiver
    if site.scope.self_name is not None and dotted(receiver) == site.scope.self_name:
        home = site.scope.class_scope
        return home is not None and home is not owner and scope.name in home.methods
    value = site.scope.evaluate(receiver)
    if value is None or value[0] != "inst" or owner is None or value[1] == owner.qualname:
        return False
    cls = scope.module.classes.get(value[1])
    return cls is not None and scope.name in cls.methods


def _waited_for(ctx: FileContext, site) -> bool:
    """`await asyncio.wait_for(f(), 5)`: the timeout's cancel goes into f; `asyncio.run(main())`: Ctrl-C's does."""
    if site.argument_of is None:  # (handed to no call: asked of every call, the parents' walk is not)
        return False
    parents = ctx.parents(site.scope)
    arg = parents.get(id(site.node))
    call = parents.get(id(arg))
    if type(arg) is not cst.Arg or type(call) is not cst.Call or call.args[0] is not arg:
        return False
    target = site.scope.evaluate(call.func)
    name = target[1] if target is not None and target[0] == REF else ""
    if name in ("asyncio.run", "asyncio.Runner.run"):
        return True
    return name in ("asyncio.wait_for", "asyncio.tasks.wait_for") and type(parents.get(id(call))) is cst.Await


def exported_relied(ctx: FileContext) -> Dict[str, Reliance]:
    """For the project index (ProjectIndex.relied_on): the coroutine functions of the project this module awaits,
    waits on with `wait_for`, runs with `asyncio.run`, or starts as tasks it then awaits without cancelling them
    first: by their qualified name where the call names one, by their bare name where it is private and the
    receiver unknown (`await runner._wait()`); a public name on an unknown receiver (`await x.run()`) says too
    little of which function it is."""
    relied: Dict[str, Reliance] = {}
    spawns: Dict[str, List[cst.Call]] = {}
    for site in ctx.calls:
        if site.awaited or _waited_for(ctx, site):
            func = site.node.func
            name = _relied_key(ctx, site.scope, func)
            if type(func) is cst.Attribute and (name is not None or site.scope.evaluate(func) is None) \
                    and not _library_method(ctx, site, func.attr.value):
                # (also beside a qualified name: `temporalio.worker.Worker.run` is `worker._worker.Worker.run`)
                relied[_AWAITED_BY_NAME + func.attr.value] = True
                name = name or _AWAITED_BY_NAME + func.attr.value
            # (a caller that ends with it hands on only its own awaiters' reliance, which may be another module's
            # to tell: the index settles it; worked out last, it costs a walk)
            if name and relied.get(name) is not True:
                if not site.awaited or _waited_for(ctx, site) or not _tail_of(ctx, site):
                    relied[name] = True
                else:
                    reliance = either(relied.get(name, NO), _reliance(ctx, site.scope))
                    if reliance:
                        relied[name] = reliance
        elif site.node.args:
            inner = task_roots.spawned(site.scope, site.node, ctx)
            inner = inner.func if type(inner) is cst.Call else inner
            name = _relied_key(ctx, site.scope, inner) if inner is not None else None
            if name and relied.get(name) is not True:
                spawns.setdefault(name, []).append(site.node)
    for name, sites in spawns.items():
        if relied.get(name) is not True and task_roots.relied_on(ctx, sites):
            relied[name] = True
    relied.update(dict.fromkeys(_used_keys(ctx), True))
    return relied


def _used_keys(ctx: FileContext) -> Set[str]:
    """USED's keys of what this module uses of the project's functions but by awaiting them: a call not awaited (a
    coroutine made for a spawner or a wrapper), an attribute read (`partial(conn._run)`, `shell.register(
    self.interact)`), a bare name loaded more often than it is called (handed on); by qualified name where known,
    else by bare name. A library's function or method (`asyncio.run`, `writer.drain()`) is no use of the project's."""
    used: Set[str] = set()

    def note(scope: Scope, site, node: cst.BaseExpression) -> None:
        value = scope.evaluate(node)
        if value is not None and value[0] == REF:
            if ctx.is_project(value[1]):
                used.add(USED + value[1])
            return
        name = last_name(node)
        if name and not (site is not None and _library_method(ctx, site, name)):
            used.add(USED + name)

    called: Dict[str, int] = {}
    for site in ctx.calls:
        func = site.node.func
        if type(func) is cst.Name:
            called[func.value] = called.get(func.value, 0) + 1
        if not site.awaited and not _waited_for(ctx, site):
            note(site.scope, site, func)
    for scope in ctx.scopes:
        for position in scope.events.get("reads", ()):
            read = ctx.builder.reads[position]
            # (`call_soon_threadsafe(loop.stop)`, `atexit.register(pool.close)`: a library object's method, not
            # the project's coroutine of that name handed on; a name already noted needs no look at its receiver)
            if type(read) is cst.Attribute and USED + read.attr.value not in used \
                    and not _library_attribute(ctx, scope, read):
                used.add(USED + read.attr.value)
    for scope in ctx.scopes:
        for name, count in scope.name_loads.items():
            if count > called.get(name, 0) and scope.lookup_scope(name) is not None:
                home = scope.lookup_scope(name)  # (`partial(interact, self)`: an imported function, by its name too)
                if USED + name not in used and not _names_variable(home, name):
                    used.add(USED + name)
                for binding in home.bindings.get(name, ()) if home is not None else ():
                    value = home._binding_value(binding) if binding[0] == "value" else None
                    if value is not None and value[0] == REF and ctx.is_project(value[1]):
                        used.add(USED + value[1])
    return used


def _names_variable(home: Scope, name: str) -> bool:
    """Every binding of ``name`` is a parameter or an object that is no function (`stop: asyncio.Event`, `stop =
    threading.Event()`): reading it hands on no function of the project that shares its name."""
    bindings = home.bindings.get(name, ())
    for binding in bindings:
        if binding[0] == "param":
            continue
        value = home._binding_value(binding) if binding[0] == "expr" else None
        if value is None or value[0] != INST:
            return False
    return bool(bindings)


# exported_relied's key of a public method awaited on a receiver of unknown type: a hint for _offered_to_callers only
_AWAITED_BY_NAME = "awaited by name:"


def _relied_key(ctx: FileContext, scope: Scope, func: cst.BaseExpression) -> Optional[str]:
    value = scope.evaluate(func)
    if value is not None and value[0] == REF:
        return value[1] if ctx.is_project(value[1]) else None
    name = last_name(func)
    return name if name and name.startswith("_") and not name.endswith("__") else None


def _spawn_sites(ctx: FileContext, name: str, module_level: bool = False) -> List[cst.Call]:
    """The spawner calls of the module that start a coroutine function named ``name`` as a task. For a function of
    the module (``module_level``) an attribute of that name (`context.emitter.process_message`, another class's
    method) is no use of it: the module reaches its own functions by their bare names."""
    return [site.node for site, inner in _spawned_by_name(ctx).get(name, ())
            if not (module_level and type(inner) is cst.Attribute)]


def _spawned_by_name(ctx: FileContext) -> Dict[str, List[tuple]]:
    """The module's spawner calls by the name of the coroutine function each starts: (the spawner's site, the
    callee of the coroutine it is handed), in walk order; one walk of the calls, asked of every name."""
    found = ctx.root.memo.get(_SPAWNED_BY_NAME)
    if found is None:
        found = ctx.root.memo[_SPAWNED_BY_NAME] = {}
        for site in ctx.calls:
            if not site.node.args:
                continue
            inner = task_roots.spawned(site.scope, site.node, ctx)
            if type(inner) is cst.Call:
                inner = inner.func
            name = last_name(inner) if inner is not None else None
            if name:
                found.setdefault(name, []).append((site, inner))
    return found


def _calls_named(ctx: FileContext, name: str) -> Sequence:
    """The module's calls of a function or method named ``name`` (`name(...)`, `x.name(...)`), in walk order."""
    found = ctx.root.memo.get(_CALLS_BY_NAME)
    if found is None:
        found = ctx.root.memo[_CALLS_BY_NAME] = {}
        for site in ctx.calls:
            func = site.node.func
            called = last_name(func)
            if called:
                found.setdefault(called, []).append(site)
            elif type(func) is cst.Call and func.args:  # (`await T(self._wait)()`: filed under `_wait` too)
                wrapped = last_name(func.args[0].value)
                if wrapped:
                    found.setdefault(wrapped, []).append(site)
    return found.get(name, ())


_SPAWNED_BY_NAME, _CALLS_BY_NAME = "spawned by name", "calls by name"
