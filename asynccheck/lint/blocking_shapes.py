"""Call shapes that decide whether a blocking API blocks at one call site, beyond its name and arguments:
a `functools.partial` of it being called, a concurrent future already known to be done, a urllib3 request that
has no HTTP method to send. ``blocking.py`` asks these; each is a look at the call and its function's calls."""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge, types
from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.scope import REF, Scope


def partial_made(site: CallSite) -> Tuple[Optional[cst.Call], Optional[Scope]]:
    """(the `functools.partial(...)` call that made what ``site`` calls, the scope it is in)."""
    func = site.node.func
    made, where = (func, site.scope) if isinstance(func, cst.Call) else (None, None)
    if isinstance(func, cst.Name):  # one binding, to a call spelled `partial(...)`: checked before evaluating
        home = site.scope.lookup_scope(func.value)
        bindings = home.bindings.get(func.value, ()) if home is not None else ()
        if len(bindings) == 1 and bindings[0][0] == "expr" and isinstance(bindings[0][1], cst.Call):
            made, where = bindings[0][1], bindings[0][2]
    if made is None or dotted(made.func).rpartition(".")[2] != "partial" or not made.args \
            or made.args[0].keyword is not None or made.args[0].star:
        return None, None
    return (made, where) if where.evaluate(made.func) == (REF, "functools.partial") else (None, None)


FUTURE_WAITS = frozenset({"concurrent.futures.Future.result", "concurrent.futures.Future.exception"})
_SETTLING = frozenset({"wrap_future", "wait", "as_completed"})


def future_settled(site: CallSite) -> bool:
    """`fut.result()` on a concurrent future the function knows is done: it checks `fut.done()` (or
    `cancelled()`), or waits for it first (`await asyncio.wrap_future(fut)`, `concurrent.futures.wait([fut])`).
    Outside a coroutine, a future the function is handed is too (a done callback's, which its caller runs when
    the future is done)."""
    func = site.node.func
    if not isinstance(func, cst.Attribute):
        return False
    if isinstance(func.value, cst.Name) and not site.scope.runs_on_loop \
            and any(b[0] == "param" for b in site.scope.bindings.get(func.value.value, ())):
        return True
    receiver = _text(func.value)
    for other in site.scope.events.get("calls", ()):
        called = other.node.func
        if isinstance(called, cst.Attribute) and called.attr.value in ("done", "cancelled") \
                and _text(called.value) == receiver:
            return True
        if other.awaited or dotted(called).rpartition(".")[2] in _SETTLING:
            for arg in other.node.args:
                given = arg.value  # the future, or a list of futures with it
                values = [e.value for e in given.elements] if isinstance(given, (cst.List, cst.Tuple, cst.Set)) \
                    else [given]
                if any(_text(value) == receiver for value in values):
                    return True
    return False


def process_exited(site: CallSite) -> bool:
    """`proc.wait()` after the function polled until the process ended: `while proc.poll() is None: await
    asyncio.sleep(0.1)` (or a `poll()` of the object that owns `self.proc`, jupyter_client's provisioner): the
    wait only reaps it. Polling that does not loop until then (`if proc.poll() is None:`) proves nothing, nor
    does a wait inside the polling loop."""
    from asynccheck.lint.builder import walk_local  # (imports this module's neighbours)
    func = site.node.func
    if not isinstance(func, cst.Attribute):
        return False
    process = _text(func.value)
    polled_by = {process, process.rpartition(".")[0]} - {""}
    for node in walk_local(site.scope.node):
        if node is site.node:
            return False
        if isinstance(node, cst.While) and _polls_until_exit(node.test, polled_by) \
                and not any(inner is site.node for inner in walk_local(node)):
            return True
    return False


def _polls_until_exit(test: cst.BaseExpression, polled_by) -> bool:
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Is) and types.is_none(test.comparisons[0].comparator)):
        return False
    polled = test.left.expression if isinstance(test.left, cst.Await) else test.left
    return isinstance(polled, cst.Call) and isinstance(polled.func, cst.Attribute) \
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
    if isinstance(method, cst.Ellipsis) or types.is_none(method):
        return True
    if isinstance(method, cst.SimpleString):
        value = method.evaluated_value
        return isinstance(value, str) and value.upper() not in _HTTP_VERBS
    return False


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)
