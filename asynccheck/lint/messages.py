"""Finding messages shared by the per-file rules and the project index.

Importing it does not load libcst (the project index runs on cached results without the parser): only
``call_text``, which is handed libcst nodes, imports it, when it is called.

How messages name things, for every rule:
- a call as written at the site, arguments and all: `Path(cert).read_bytes()`, `self._sock.recv(4096)`;
  argument lists are elided, longest first, only when the text would pass ``CALL_TEXT_WIDTH``: `open(...)`;
- an API the message names, module-qualified, with parentheses if it is called: `asyncio.Queue()`,
  `loop.call_soon()`; what to write instead is a template: `await asyncio.to_thread(...)`;
- a type, module-qualified, without parentheses: `threading.Lock`, `asyncio.CancelledError`;
- a project helper by its class and name: `ThreadListenerRunner.run()`, or `load_config()` for a function.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Set, Tuple

from asynccheck.lint import interactive
from asynccheck.wording import PATH_ADVICE, PATH_WHAT, SELECT_ADVICE, SELECT_WAIT, SIGNAL_ADVICE, SIGNAL_WAIT

if TYPE_CHECKING:
    import libcst as cst

CALL_TEXT_WIDTH = 40

ADVICE: Dict[str, str] = {
    "ACK101": "use `await asyncio.sleep(...)`",
    "ACK102": "use an async client (`httpx.AsyncClient` or `aiohttp.ClientSession` for plain HTTP, or the SDK's own "
              "async client), or `await asyncio.to_thread(...)`",
    "ACK103": "use `aiofiles` or `anyio.Path`, or `await asyncio.to_thread(...)`",
    "ACK104": "use `asyncio.create_subprocess_exec(...)` or `await asyncio.to_thread(...)`",
    "ACK105": "use the loop's async APIs or an async driver, or `await asyncio.to_thread(...)`",
    "ACK106": "await an asyncio primitive instead, or wait in `await asyncio.to_thread(...)`",
    "ACK107": "read input in `asyncio.to_thread(...)`",
    "ACK108": "await the coroutine instead of starting another loop",
    "ACK109": "use `await asyncio.to_thread(...)` or a process pool",
    "ACK110": "use `await asyncio.to_thread(...)` where the file system may be slow",
}
WHAT: Dict[str, str] = {
    "ACK101": "sleeps on the event loop's thread",
    "ACK102": "is a synchronous HTTP call: the event loop waits for the network",
    "ACK103": "does file-system I/O on the event loop's thread",
    "ACK104": "starts or waits for a subprocess on the event loop's thread",
    "ACK105": "waits for the network or a database on the event loop's thread",
    "ACK106": "waits for another thread or process on the event loop's thread",
    "ACK107": "waits for terminal input on the event loop's thread",
    "ACK108": "starts an event loop inside a running one (`RuntimeError` or deadlock)",
    "ACK109": "computes on the event loop's thread until it is done (model inference, a slow hash, an RSA key, "
             "or a hash of a whole file or body)",
    "ACK110": "touches the file system on the event loop's thread",
}

# The advice in sync code the loop runs (a protocol's `data_received`, a `call_soon` or done callback), where
# nothing can be awaited: hand the work to a thread, or schedule it.
_OFFLOAD = "hand the call to `loop.run_in_executor(...)` or a thread"
SYNC_ADVICE: Dict[str, str] = {
    "ACK101": "schedule the rest with `loop.call_later(...)` instead of sleeping",
    "ACK102": f"{_OFFLOAD}, or make the request from a task with an async client",
    "ACK103": _OFFLOAD,
    "ACK104": f"start it from a task with `asyncio.create_subprocess_exec(...)`, or {_OFFLOAD}",
    "ACK105": f"{_OFFLOAD}, or do it from a task with the loop's async APIs or an async driver",
    "ACK106": f"{_OFFLOAD}, or wait from a task on an asyncio primitive",
    "ACK107": _OFFLOAD,
    "ACK108": "schedule the coroutine with `loop.create_task(...)` instead of starting another loop",
    "ACK109": _OFFLOAD,
    "ACK110": _OFFLOAD,
}


# Calls whose cost is a set-up that a program does once: the fix is to do it once, not to do it in a thread each
# time (no async library reads certificates). By the method's name, which the call as written ends with.
_ONCE = "make the TLS context once (at start-up, or cached) and reuse it, or `await asyncio.to_thread(...)`"
CALL_ADVICE: Dict[str, str] = {name: _ONCE for name in (
    "create_default_context", "load_cert_chain", "load_verify_locations", "load_default_certs")}


# In a coroutine, the async counterpart of a library, by the module prefix of the blocking API (the first that
# matches): only libraries whose async form is well known and does the same job, else the rule's advice, which
# names no library where the kinds of client differ. (A boto3 transfer is not a job for an HTTP client.)
_THREAD = "or `await asyncio.to_thread(...)`"
_HTTP_CLIENTS = ("requests.", "httpx.", "urllib.", "urllib3.", "http.client.")
LIBRARY_ADVICE: Tuple[Tuple[Tuple[str, ...], str], ...] = (
    (_HTTP_CLIENTS, f"use an async client (`httpx.AsyncClient`, `aiohttp.ClientSession`) {_THREAD}"),
    (("boto3.", "botocore."), f"use an async client from `aioboto3` or `aiobotocore`, {_THREAD}"),
    (("psycopg2.", "psycopg."), f"use an async driver (`psycopg`'s `AsyncConnection`, `asyncpg`), {_THREAD}"),
    (("sqlite3.",), f"use `aiosqlite`, {_THREAD}"),
    (("redis.",), f"use `redis.asyncio`, {_THREAD}"),
    (("playwright.sync_api.",), f"use Playwright's async API (`async_playwright()`), {_THREAD}"),
    (("chromadb.Http",), f"use `chromadb.AsyncHttpClient`, {_THREAD}"),
    (("chromadb.Persistent", "faiss.", "googleapiclient."),
     "use `await asyncio.to_thread(...)` (the library has no async form)"),
    (("pymysql.", "MySQLdb.", "mysql.connector."), f"use `aiomysql`, {_THREAD}"),
    (("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"),
     f"use `await loop.getaddrinfo(...)` (or `loop.getnameinfo(...)`), {_THREAD}"),
)


# ACK106 by what is waited for (the qualified API's prefix, the first that matches): `asyncio.wrap_future` takes
# only a concurrent.futures.Future (a grpc or Celery future is no such thing), and a thread's primitive has an
# asyncio counterpart only when just tasks wait on it. (in a coroutine, in sync code the loop runs)
_TO_THREAD = "or wait in `await asyncio.to_thread(...)`"
WAIT_ADVICE: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    (("concurrent.futures.Future.",), f"await `asyncio.wrap_future(...)` of the future, {_TO_THREAD}",
     f"{_OFFLOAD}, or await `asyncio.wrap_future(...)` of the future from a task"),
    (("concurrent.futures.",), f"await `loop.run_in_executor(pool, ...)` calls instead, {_TO_THREAD}",
     f"{_OFFLOAD}, or await `loop.run_in_executor(pool, ...)` calls from a task"),
    (("grpc.",), f"use grpc's async API (`grpc.aio`), {_TO_THREAD}",
     f"{_OFFLOAD}, or use grpc's async API (`grpc.aio`) from a task"),
    (("queue.", "multiprocessing.Queue.", "multiprocessing.SimpleQueue.", "multiprocessing.JoinableQueue."),
     f"use an `asyncio.Queue` that threads feed with `loop.call_soon_threadsafe(q.put_nowait, item)`, {_TO_THREAD}",
     f"{_OFFLOAD}, or read from a task an `asyncio.Queue` that threads feed with `loop.call_soon_threadsafe(...)`"),
    (("threading.Event.", "threading.Condition.", "threading.Semaphore.", "threading.BoundedSemaphore.",
      "threading.Barrier."),
     f"use the `asyncio` primitive of the same name if only tasks use it, {_TO_THREAD}",
     f"{_OFFLOAD}, or wait from a task on the `asyncio` primitive of the same name"),
    (("multiprocessing.pool.",), f"await `loop.run_in_executor(ProcessPoolExecutor(), ...)` calls instead, {_TO_THREAD}",
     f"{_OFFLOAD}, or await `loop.run_in_executor(ProcessPoolExecutor(), ...)` calls from a task"),
    (("filelock.",), "use `filelock.AsyncFileLock`, or take it in `await asyncio.to_thread(...)`", _OFFLOAD),
    # neither has an async flavour: the lock is taken on a worker thread, with the file work it guards
    (("portalocker.", "fasteners."), "take it in `await asyncio.to_thread(...)`, with the work it guards", _OFFLOAD),
    (("celery.",), f"poll `.ready()` between `await asyncio.sleep(...)` calls, {_TO_THREAD}", _OFFLOAD),
    (("threading.Thread.", "threading.Timer.", "multiprocessing.Process."),
     "wait in `await asyncio.to_thread(...)` (or run the thread's work there in the first place)", _OFFLOAD),
)


def wait_advice(target: str, in_async: bool) -> str:
    """ACK106's advice for what ``target`` (a qualified API) waits for; "" for the rule's own."""
    for prefixes, in_coroutine, in_callback in WAIT_ADVICE:
        if target.startswith(prefixes):
            return in_coroutine if in_async else in_callback
    return ""


def library_advice(target: str) -> str:
    """The advice for a blocking API of a library that has a well-known async form; "" for the rule's own."""
    for prefixes, text in LIBRARY_ADVICE:
        if target.startswith(prefixes):
            return text
    return ""


def advice(code: str, in_async: bool = True, call: str = "", target: str = "", path: str = "") -> str:
    """What to do instead: in a coroutine, await something; in a sync callback of the loop, which cannot await,
    hand the call over or schedule it; for a set-up call (``call``, as written), do it once; for a library's
    API (``target``, qualified), its async form where it has a well-known one; for a file call on a device
    or a pipe (``path``, a kind of ``devices.path_kind``), what waits for those."""
    name = call.partition("(")[0].rpartition(".")[2]
    if name in CALL_ADVICE:
        return CALL_ADVICE[name]
    target, _, carried = target.partition("|")  # (see api_on)
    path = path or carried
    if code == "ACK106" and wait_advice(target, in_async):
        return wait_advice(target, in_async)
    if not in_async:
        return SYNC_ADVICE.get(code, ADVICE[code])
    if code == "ACK103" and path in PATH_ADVICE:
        return PATH_ADVICE[path]
    return library_advice(target) or next((text for prefix, text in ADVICE_BY_API.items() if target.startswith(prefix)),
                                          ADVICE[code])


def blocking_message(code: str, text: str, in_async: bool = True, target: str = "", path: str = "") -> str:
    return f"`{text}` {what_it_does(code, target, path)}; {advice(code, in_async, text, target, path)}"


# What a call waits for, where the rule's general words would say something untrue of it (by module prefix of the
# qualified name): the runtime checker says the same
WHAT_BY_API: Tuple[Tuple[str, str], ...] = (
    ("select.", SELECT_WAIT),
    ("signal.", SIGNAL_WAIT),
    ("tkinter.", interactive.TK_WHAT),
    ("tempfile.SpooledTemporaryFile.", "works the upload's spool, a file on disk once the upload passes 1 MB, on "
                                       "the event loop's thread"),
)
# ... and what to do instead, there
ADVICE_BY_API: Dict[str, str] = {
    "select.": SELECT_ADVICE,
    "signal.": SIGNAL_ADVICE,
    "tkinter.": interactive.TK_ADVICE,
    # (only an upload's spool has this type: knowledge.UPLOAD_SPOOL)
    "tempfile.SpooledTemporaryFile.": "use the upload's own async methods (`await upload.read()`, `await "
                                      "upload.seek(0)`), which do this in a thread once the spool is on disk",
}


def api_on(api: str, path: str) -> str:
    """The API of a helper's blocking call as a chain carries it (project.Chain), with what the file it works on
    is (a kind of ``devices.path_kind``), when that is known: `builtins.open|serial port`."""
    return f"{api}|{path}" if path else api


def what_it_does(code: str, api: str = "", path: str = "") -> str:
    """What the call does, in the rule's words unless they would be untrue of it: by its API, or for a file call,
    by what its path is (``path``: a kind of ``devices.path_kind``, a serial port, a FIFO...; or in ``api``, see
    ``api_on``)."""
    api, _, carried = api.partition("|")
    path = path or carried
    if code == "ACK103" and path in PATH_WHAT:
        return PATH_WHAT[path]
    return next((text for prefix, text in WHAT_BY_API if api.startswith(prefix)), WHAT[code])


def asyncio_counterpart(kind: str) -> str:
    """The asyncio primitive to use instead of a thread or process one, with its article: "an `asyncio.Semaphore`"
    for `threading.Semaphore`; "an `asyncio.Lock`" for an RLock (asyncio has no re-entrant lock)."""
    if kind == "filelock.FileLock":
        return "py-filelock's `AsyncFileLock` (`async with`)"
    name = kind.rpartition(".")[2]
    return f"an `asyncio.{'Lock' if name == 'RLock' else name}`"


def helper_name(name: str, owner: str = "") -> str:
    """A project function as messages name it: `ThreadListenerRunner.run()`, `load_config()`."""
    return f"{owner}.{name}()" if owner else f"{name}()"


# In a chain's ``when``: the helper reaches the blocking call only past a test the linter cannot read, whatever
# its arguments (`if ttype.endswith("-PROMPT"): getpass.getpass()`); or each outcome of such tests reaches one
# blocking call or another (`if binary: open(p, "rb")` / `else: open(p)`), and the chain names one of them. The
# other entries name the parameters a test reads.
SOME_PATHS = "\0some paths"
EVERY_PATH = "\0every path"


def depends(when: tuple) -> tuple:
    """The parameters (as messages name them) a helper's blocking branch depends on."""
    return tuple(w for w in when if w not in (SOME_PATHS, EVERY_PATH))


def helper_definition(code: str, helper: str, steps: List[str], when: tuple = (), api: str = "") -> str:
    """What the definition of a blocking helper does, said where it is defined (a related location)."""
    path = " -> ".join(f"`{s}`" for s in steps)
    calls = "on some of its paths it calls" if SOME_PATHS in when else \
        "it blocks on every path, and on one of them calls" if EVERY_PATH in when else "it calls"
    return f"`{helper}` is defined here; {calls} {path}, which {what_it_does(code, api)}"


def call_text(node: "cst.BaseExpression", width: int = CALL_TEXT_WIDTH) -> str:
    """A call (or any expression: a receiver, a lock) as the reader wrote it, on one line; when that passes
    ``width`` characters, argument lists and subscripts are elided (`open(...)`, `conns[...]`), the longest
    first, until it fits or none is left. Lists written over several lines are always elided."""
    import libcst as cst

    inside: Dict[int, str] = {}  # what the brackets of each call and subscript of the chain hold
    current: cst.BaseExpression = node
    while type(current) in (cst.Call, cst.Attribute, cst.Subscript):
        if type(current) is cst.Call:
            inside[id(current)] = ", ".join(_arg_text(arg) for arg in current.args)
            current = current.func
        elif type(current) is cst.Subscript:
            inside[id(current)] = ", ".join(_code(element.slice) for element in current.slice)
            current = current.value
        else:
            current = current.value
    elided: Set[int] = {key for key, text in inside.items() if "\n" in text}
    text = _render(node, inside, elided)
    while len(text) > width:
        left = [key for key, text in inside.items() if key not in elided and text]
        if not left:
            break
        elided.add(max(left, key=lambda key: len(inside[key])))
        text = _render(node, inside, elided)
    return text


def _code(node: "cst.CSTNode") -> str:
    import libcst as cst

    # a bare name or literal is its own text: code generation (a Module, a state, a token list) is the slow way there
    if type(node) in (cst.Name, cst.Integer, cst.Float, cst.SimpleString) and not node.lpar:
        return node.value
    return cst.Module([]).code_for_node(node)


def _arg_text(arg: "cst.Arg") -> str:
    keyword = f"{arg.keyword.value}=" if arg.keyword is not None else ""
    return f"{arg.star}{keyword}{_code(arg.value)}"


def _render(node: "cst.BaseExpression", inside: Dict[int, str], elided: Set[int]) -> str:
    import libcst as cst

    held = "..." if id(node) in elided and inside.get(id(node)) else inside.get(id(node), "")
    if type(node) is cst.Call:
        text = f"{_render(node.func, inside, elided)}({held})"
    elif type(node) is cst.Subscript:
        text = f"{_render(node.value, inside, elided)}[{held}]"
    elif type(node) is cst.Attribute:
        text = f"{_render(node.value, inside, elided)}.{node.attr.value}"
    else:
        code = _code(node)
        return " ".join(code.split()) if "\n" in code else code.strip()
    return f"({text})" if getattr(node, "lpar", None) else text


def helper_message(code: str, text: str, helper: str, steps: List[str], when: tuple = (),
                   in_async: bool = True, read: bool = False, api: str = "") -> str:
    """`text` calls the project function ``helper`` (named by ``helper_name``), which reaches a blocking call
    through ``steps`` (helpers, then the blocking call as written in the last of them); ``when`` names the
    arguments its blocking branch depends on, where the call site's cannot be read. ``read``: `text` reads a
    property, and ``helper`` is its getter. ``api``: the blocking call's qualified name, where it is known."""
    path = " -> ".join(f"`{s}`" for s in steps)
    # a method is named with its class, which the call as written (`self.run()`) does not show
    who = f"`{helper}` calls" if "." in helper else "it calls"
    head = f"`{text}`"
    if read:  # the getter runs on the read, named as the attribute it is
        head, who = f"reading {head}", f"the property `{helper}` calls"
    what = f"{what_it_does(code, api)}; {advice(code, in_async, steps[-1] if steps else '', api)}"
    if depends(when):
        return f"{head} may block the event loop, depending on {'; '.join(depends(when))}: {who} {path}, which {what}"
    if SOME_PATHS in when:  # past a test no argument decides: the call blocks on the paths through it
        return f"{head} may block the event loop: on some of its paths {who} {path}, which {what}"
    if EVERY_PATH in when:  # the call named is one of several, one on each path
        return f"{head} blocks the event loop on every path: on one of them {who} {path}, which {what}"
    return f"{head} blocks the event loop: {who} {path}, which {what}"


def coroutine_message(text: str, assigned: str = "", in_async: bool = True) -> str:
    # `await` outside a coroutine does not compile: there the advice is to run or schedule it
    advice = "add `await`" if in_async else (
        "this code is not a coroutine, so make the caller `async def` and await it, or run or schedule it "
        "(`asyncio.run(...)`, `loop.create_task(...)`, `asyncio.run_coroutine_threadsafe(...)`)")
    if assigned:
        return (f"`{assigned} = {text}` holds a coroutine that is never awaited, scheduled or passed on: "
                f"its body never runs; {advice}")
    return f"`{text}` creates a coroutine that is never awaited, so its body never runs; {advice}"


# ACK302's tail for a dropped task: what is lost, and what to keep instead
TASK_KEEP = "the loop holds tasks only weakly, so it can be garbage-collected mid-flight, and no code of yours " \
    "retrieves its exception (at most the loop logs it); keep a reference (a set of tasks with " \
    "`task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)"


def caught_keep(factory: str) -> str:
    """TASK_KEEP for a task that ``factory`` runs inside a wrapper catching its errors: only the reference is lost."""
    return ("the loop holds tasks only weakly, so it can be garbage-collected mid-flight and never finish "
            f"(`{factory}` runs the coroutine inside a wrapper that catches its errors, so no exception goes unseen); "
            "keep a reference (a set of tasks with `task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)")


def watched_keep(factory: str) -> str:
    """TASK_KEEP for a task that ``factory`` hands a done callback reading its outcome: only the reference is lost."""
    return ("the loop holds tasks only weakly, so it can be garbage-collected mid-flight and never finish "
            f"(`{factory}` gives it a done callback that retrieves its exception, so no error goes unseen); keep a "
            "reference (a set of tasks with `task.add_done_callback(tasks.discard)`, or an `asyncio.TaskGroup`)")
