"""What a library hands the callables it is given: `asyncio.start_server(pump, ...)` calls `pump(reader, writer)`
with a StreamReader and a StreamWriter, `websockets.serve(handler, ...)` calls `handler(ws)` with its server
connection, `loop.add_reader(fd, on_readable, sock)` calls `on_readable(sock)`. An unannotated parameter of a
project function handed over so gets that type, when the function is used nowhere else (called directly too, it
may be given anything). So does one handed to a function of another module of the project that hands it on to
such an API (`serve(echo, 8888)`, where `serve` calls `asyncio.start_server(handler, ...)`): that module says so
(``exported_forwarders``, facts.HANDS_ON). Where the callable then runs (the loop's thread or another) is
threads.py's; what a thread entry passes on (`Thread(target=f, args=(q,))`) it reads itself."""
from __future__ import annotations

from typing import Dict, Optional, Tuple

import libcst as cst

from asynccheck.lint import home_assistant

# API -> (position of the callable, its keyword, the types of the positional arguments it is called with).
_STREAMS = ("asyncio.StreamReader", "asyncio.StreamWriter")
_WS = ("websockets.ServerConnection",)
_REQUEST = ("aiohttp.web.Request",)
HANDED: Dict[str, Tuple[int, str, Tuple[str, ...]]] = {
    "asyncio.start_server": (0, "client_connected_cb", _STREAMS),
    "asyncio.start_unix_server": (0, "client_connected_cb", _STREAMS),
    **{f"{where}.{serve}": (0, "handler", _WS)
       for where in ("websockets", "websockets.asyncio.server", "websockets.server", "websockets.legacy.server")
       for serve in ("serve", "unix_serve")},
    # aiohttp's routes: `web.get("/", handler)`, `app.router.add_get("/", handler)`
    **{f"aiohttp.web.{verb}": (1, "handler", _REQUEST) for verb in ("get", "post", "put", "patch", "delete", "head")},
    "aiohttp.web.route": (2, "handler", _REQUEST),
    **{f"aiohttp.web.UrlDispatcher.add_{verb}": (1, "handler", _REQUEST)
       for verb in ("get", "post", "put", "patch", "delete", "head")},
    "aiohttp.web.UrlDispatcher.add_route": (2, "handler", _REQUEST),
    # a done callback is handed the future it was added to, done: its result() does not wait
    "asyncio.Future.add_done_callback": (0, "fn", ("asyncio.Future",)),
    "asyncio.Task.add_done_callback": (0, "fn", ("asyncio.Task",)),
    "concurrent.futures.Future.add_done_callback": (0, "fn", ("concurrent.futures.Future",)),
}
# The loop's callback registrations (knowledge.LOOP_CALLBACK_ENTRY) that call the callback with the arguments after it.
_FORWARDS = frozenset({"call_soon", "call_soon_threadsafe", "call_later", "call_at", "add_reader", "add_writer",
                       "add_signal_handler"})
# The thread entries (knowledge.THREAD_ENTRY) that call the callable with arguments the call passes on (a process
# gets copies, a signal handler the signal), and those that take them as a tuple: position of `args`.
_THREADS_FORWARD = frozenset({"threading.Thread", "threading.Timer", "_thread.start_new_thread", "asyncio.to_thread",
                              "asyncio.AbstractEventLoop.run_in_executor", "anyio.to_thread.run_sync",
                              *(f"concurrent.futures.{pool}.submit" for pool in ("ThreadPoolExecutor", "Executor")),
                              *home_assistant.THREAD_ENTRY})
_ARGS_TUPLE = {"threading.Thread": 3, "threading.Timer": 2, "_thread.start_new_thread": 1}
_LAST_NAMES = frozenset(name.rpartition(".")[2] for name in (*HANDED, *_THREADS_FORWARD)) | _FORWARDS
_UNKNOWN = ("unknown",)  # handed to APIs that disagree, or used elsewhere too


def _argument(call: cst.Call, position: int, keyword: str) -> Optional[cst.BaseExpression]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position].value if position < len(positional) else None


def _forwarded(call: cst.Call, api: str):
    """(the callable, the arguments it is called with) when ``api`` calls the callable it is handed with arguments
    the call passes on: `loop.add_reader(fd, on_readable, sock)`, `Thread(target=pump, args=(q,))`,
    `executor.submit(pump, q)`; None otherwise, or when a starred argument hides where they are."""
    from asynccheck.lint import knowledge

    where = knowledge.LOOP_CALLBACK_ENTRY.get(api) if api.rpartition(".")[2] in _FORWARDS else None
    if where is None and api in _THREADS_FORWARD:
        where = knowledge.THREAD_ENTRY[api]
    if where is None or any(a.star for a in call.args):
        return None
    target = _argument(call, *where)
    if target is None:
        return None
    if api in _ARGS_TUPLE:  # `Thread(target=f, args=(q,))`, `Timer(1.0, f, args=(q,))`
        packed = _argument(call, _ARGS_TUPLE[api], "args")
        if packed is None:
            return target, ()
        if type(packed) not in (cst.Tuple, cst.List) or any(type(e) is cst.StarredElement for e in packed.elements):
            return None
        return target, tuple(e.value for e in packed.elements)
    positional = [a.value for a in call.args if a.keyword is None]
    after = [i for i, a in enumerate(positional) if a is target]
    return target, tuple(positional[after[0] + 1:]) if after else ()


def _handed_over(module) -> Dict[int, Tuple[Optional[str], ...]]:
    """id(function scope) -> the types its positional parameters (after `self`) are called with, for the project
    functions this module hands to an API of HANDED and uses nowhere else. Once per module."""
    found = module.memo.get("callbacks.handed")
    if found is not None:
        return found
    from asynccheck.lint.scope import INST, REF  # (scope imports this module's users)

    module.memo["callbacks.handed"] = {}  # (what the APIs are, read below, may ask about a parameter: none known)
    given: Dict[int, tuple] = {}
    by_name: Dict[Tuple[int, str], list] = {}  # (home scope, name) -> [count of hand-overs, function ids]
    methods: Dict[str, list] = {}  # method name -> function ids handed as `self.method`
    called_attrs = set()
    own = frozenset(name.rpartition(".")[2] for name in module.functions)
    for scope in (module, *module.functions.values(), *module.classes.values()):
        for site in scope.events.get("calls", ()):
            func = site.node.func
            last = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
            if type(func) is cst.Attribute:
                called_attrs.add(last)
            api = scope.evaluate(func) if last in _LAST_NAMES or _hands_own(site.node, own) else None
            entry = HANDED.get(api[1]) if api is not None and api[0] == REF else None
            if entry is None and api is not None and api[0] == REF:
                entry = _project_hand_over(module, api[1])  # `serve(echo, 8888)`, `serve` another module's
            if entry is None:
                found = _forwarded(site.node, api[1]) if api is not None and api[0] == REF else None
                if found is None:
                    continue
                target, kinds = found[0], tuple((arg, scope) for arg in found[1])
            else:
                position, keyword, kinds = entry
                target = _argument(site.node, position, keyword)
            skip = 0
            if type(target) is cst.Call and target.args and scope.evaluate(target.func) == (REF, "functools.partial"):
                bound = target.args[1:]
                if any(a.keyword is not None or a.star for a in bound):
                    continue  # (bound by keyword: which positions are left is the function's to say)
                skip, target = len(bound), target.args[0].value
            if type(target) not in (cst.Name, cst.Attribute):
                continue
            value = scope.evaluate(target)
            function = module.functions.get(value[1]) if value is not None and value[0] == REF else None
            if function is None or function.node.decorators:  # (a decorator may call it with other arguments)
                continue
            if type(target) is cst.Attribute:  # a bound method (`self.handle`), not one read off its class
                owner = scope.evaluate(target.value)
                if owner is None or owner[0] != INST:
                    given[id(function)] = _UNKNOWN
                    continue
            kinds = (None,) * skip + kinds  # the partial's own arguments come first
            key = id(function)
            given[key] = kinds if given.get(key, kinds) == kinds else _UNKNOWN
            if type(target) is cst.Name:
                home = scope.lookup_scope(target.value)
                counted = by_name.setdefault((id(home), target.value), [0, home, set()])
                counted[0] += 1
                counted[2].add(key)
            else:
                methods.setdefault(target.attr.value, []).append(key)
    for (_, name), (count, home, keys) in by_name.items():
        if home is None or home.loads_of(name) != count:  # read elsewhere: called directly, stored, passed on
            for key in keys:
                given[key] = _UNKNOWN
    for name, keys in methods.items():
        if name in called_attrs:  # `self.handle(reader, writer)` somewhere: it may be given anything
            for key in keys:
                given[key] = _UNKNOWN
    module.memo["callbacks.handed"] = given
    return given


def _hands_own(call: cst.Call, own: frozenset) -> bool:
    """Does the call hand over one of this module's functions by name (`serve(echo)`, `serve(self.echo)`)?"""
    for arg in call.args:
        value = arg.value
        name = value.value if type(value) is cst.Name else value.attr.value if type(value) is cst.Attribute else ""
        if name in own:
            return True
    return False


def _project_hand_over(module, api: str) -> Optional[Tuple[int, str, Tuple[str, ...]]]:
    """A HANDED entry for another module's function that hands a parameter on to such an API, as that module says
    (facts.HANDS_ON, see ``exported_forwarders``)."""
    from asynccheck.lint.facts import HANDS_ON  # (facts reads knowledge, which reads this module)
    from asynccheck.lint.interface import answer

    said = answer(module.foreign, api, HANDS_ON, "hands")
    if said is None:
        return None
    position, keyword, kinds = said.split("|")
    return int(position), keyword, tuple(kinds.split(","))


def exported_forwarders(module) -> Dict[str, tuple]:
    """The facts this module gives others about its functions that hand a parameter on to an API of HANDED and
    use it nowhere else (`def serve(handler, port): await asyncio.start_server(handler, "", port)`), so that the
    function another module hands to it gets the types the API calls it with (facts.HANDS_ON)."""
    from asynccheck.lint.facts import HANDS_ON
    from asynccheck.lint.scope import REF

    out: Dict[str, tuple] = {}
    for qualname, function in module.functions.items():
        if function.parent is None or function.parent.kind not in ("module", "class"):
            continue  # (a nested function is not another module's to call)
        params = [p.name.value for p in (*function.node.params.posonly_params, *function.node.params.params)]
        if function.self_name is not None and function.parent.kind == "class":
            params = params[1:]
        specs = set()
        for site in function.events.get("calls", ()):
            func = site.node.func
            last = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
            if site.scope is not function or last not in _LAST_NAMES:
                continue
            api = function.evaluate(func)
            entry = HANDED.get(api[1]) if api is not None and api[0] == REF else None
            target = _argument(site.node, entry[0], entry[1]) if entry is not None else None
            if type(target) is not cst.Name or target.value not in params or function.loads_of(target.value) != 1:
                continue  # (read elsewhere too: the function may call it with other arguments, or store it)
            bindings = function.bindings.get(target.value, ())
            if len(bindings) == 1 and bindings[0][0] == "param":
                specs.add(f"{params.index(target.value)}|{target.value}|{','.join(entry[2])}")
        if len(specs) == 1:
            out[qualname + HANDS_ON] = ("hands", specs.pop())
    return out


def handed_argument(scope, binding: tuple):
    """What the API this function is handed to passes for the unannotated parameter bound by ``binding`` (an
    instance of a type), or None."""
    from asynccheck.lint.scope import INST

    module = scope.module
    if module is None or scope.kind != "function":
        return None
    kinds = _handed_over(module).get(id(scope))
    if kinds is None or kinds is _UNKNOWN:
        return None
    params = [p for p in (*scope.node.params.posonly_params, *scope.node.params.params)
              if p.name.value != scope.self_name]
    position = next((i for i, p in enumerate(params)  # (by identity: two bare parameters bind equal tuples)
                     if any(b is binding for b in scope.bindings.get(p.name.value, ()))), None)
    kind = kinds[position] if position is not None and position < len(kinds) else None
    if type(kind) is tuple:  # an argument the registration passes on: what it is where it is passed
        value = kind[1].evaluate(kind[0])
        return value if value is not None and value[0] == INST else None
    return (INST, kind) if kind is not None else None
