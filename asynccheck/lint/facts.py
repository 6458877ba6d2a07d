"""The keys and values of facts across modules (see ``interface``), and which of them can change a finding:
what the project index works with. Free of libcst, so a run whose files are all cached never loads the parser."""
from __future__ import annotations

import sys
from typing import FrozenSet, Iterable, Optional, Tuple

from asynccheck.lint import knowledge, stubs

Value = Optional[Tuple[str, str]]
FWD = "fwd"
CALL, AWAIT = "()", "(await)"
# ``pkg.util.spawn(starts)``: every call of the function returns a task it has just started and keeps nowhere
# (tasks.task_factories); a caller in another module that drops what it returns loses the task.
STARTS = "(starts)"
# ``pkg.util.spawn(watches)``: such a factory also gives each task a done callback that reads its exception or
# result (tasks.task_factories): a caller that drops the task loses the reference, not the error.
WATCHES = "(watches)"
# ``pkg.util.announce(describes)``: the function only describes these parameters (logs them, reads `get_name()`,
# gives them a done callback), never keeps, returns or hands them on (tasks.exported_describers); the value is ("params", "<pos>:<name>|...")
# with positions counted over the positional arguments a call passes (a method's `self` is not one). A task
# another module hands it is lost.
DESCRIBES = "(describes)"
# ``pkg.util.spawn(catches)``: such a factory runs each coroutine inside a wrapper of the project that catches every
# error it raises (`return asyncio.ensure_future(safe_wrapper(coro))`): a caller that drops the task loses the
# reference, not the error.
CATCHES = "(catches)"
# ``pkg.util.Quietly(exits swallowing)``: the class's `__aexit__` returns True for a cancelled block (unguarded, or
# on a test the cancellation passes): an `async with` of it in another module swallows the cancellation of its
# body (cancellation.exported_catchers; the value is ("ref", "asyncio.CancelledError")).
EXITS_SWALLOWING = "(exits swallowing)"
# ``relied on:_wait_for_ack``: some module of the project awaits a coroutine function named ``_wait_for_ack`` (or
# waits on it with `wait_for`, or on a task running it without cancelling that first): an awaiter that counts on its
# cancellation coming back (ACK602, ProjectIndex.relied_on); the value is ("relied on:", "_wait_for_ack").
RELIED = "relied on:"
# ``used by the project:pkg.worker.Worker.run`` (or ``...:run`` where the receiver is unknown): some module of the
# project uses that function but by awaiting it (calls it unawaited, starts it as a task, hands it on): a public
# coroutine so used is not only offered to the library's users (ACK602, cancellation._used_keys); the value is
# ("used by the project:", the rest of the key).
USED = "used by the project:"
# ``pkg.watch.Watcher.add_listener(calls back)``: the method stores the callable its caller hands it, which a thread
# the class starts then calls (threads.registrations); the value is ("thread", "<position>|<parameter>|<where>").
CALLS_BACK = "(calls back)"
# ``pkg.serving.serve(hands on)``: the function hands a callable parameter on to an API that calls it with known
# arguments (`asyncio.start_server(handler, ...)`, callbacks.HANDED); the value is
# ("hands", "<position>|<parameter>|<type>,<type>"). Another module that hands its own function to it types that
# function's parameters as if it had handed it to the API itself.
HANDS_ON = "(hands on)"
# ``pkg.keys.POOL(keyed)``: what a mapping holds under the module-level typed key (`POOL = web.AppKey("pool", T)`):
# a T, for another module's `app[POOL]`.
KEYED = "(keyed)"
# ``pkg.bg.LoopRunner(background loop)``: the class runs the loop it holds in this attribute on a thread it starts
# (threads.exported_background_loops); the value is ("loop", "<attribute>"). A class of another module holding one
# that calls a non-thread-safe method of that loop from a public sync method calls it from its caller's thread.
BACKGROUND_LOOP = "(background loop)"
# ``pkg.base.FramedProtocol(loop hooks)``: the class is an asyncio protocol handed this transport, whose loop
# callbacks call these methods on `self` (protocols.exported); the value is ("hooks", "<transport>;<name>|<name>").
# A subclass in another module that overrides one (`frame_received`) runs it on the loop's thread.
LOOP_HOOKS = "(loop hooks)"
# ``pkg.util.retry(calls on loop)``: the coroutine calls these parameters it is handed (runners.exported); the value is
# ("loopcalls", "<m|f>;<positional parameters>;<called>|<called>"). A lambda another module hands it runs on the loop.
LOOP_CALLS = "(calls on loop)"
# ``pkg.notify.Notifier.fire(touches loop)``: the sync function itself touches a loop-bound asyncio object or calls a
# loop method that is not thread-safe (threads.exported_touches); the value is ("touches", "<code>|<what>"). Another
# module's code that runs in a thread and calls it does that from the thread.
TOUCHES_LOOP = "(touches loop)"
# ``pkg.channels.make_channel(sized queue)``: the function (a class: its `__init__`) makes a queue as bounded as this
# parameter (queue_makers.exported); the value is ("sized", "<position>|<parameter>|<open|bounded>|<queue type>"),
# "open" when its default leaves the queue unbounded. Another module's call that leaves an open one out, or hands
# any of them 0 or less, gets an unbounded queue.
SIZED_QUEUE = "(sized queue)"
# ``pkg.settings.SCAN_BACKLOG(no bound)``: a module-level name bound once to a size that leaves a queue unbounded (0 or
# less, or what an environment variable's fallback gives: queues.exported_constants); the value is ("size", "<n>").
# Another module's `asyncio.Queue(settings.SCAN_BACKLOG)` reads it.
NO_BOUND = "(no bound)"
# ``pkg.repo.Repo(given session)`` / ``pkg.repo.Repo(given #0)``: another module makes the class handing this
# keyword (or positional argument, counted after `self`) an instance of a known type (types.exported_given); the
# value is that instance. The class's unannotated `__init__` parameter gets it (`self.session = session`).
GIVEN = "(given {})"
# ``pkg.chan.Channel(given size for frame_buffer)``: the modules that make the class hand this keyword a value that
# may bound a queue (queues.exported_sizes_given); the value is ("sized", "given"), or ("sized", "open") when some
# call leaves it open. A key of its own, not GIVEN's: the class's module asks GIVEN of every unannotated `__init__`
# parameter it reads, and a size, which no type question can use, was an answer that checked it again. (It starts
# as GIVEN does: the on-demand index and re-exports find the makers of both the same way.)
SIZE_GIVEN = "(given size for {})"
# ``(puts into events)``: some module of the project calls `x.events.put(...)` or `put_nowait` (queues.exported_puts;
# the value is ("puts", "<module>")). Keyed by the name, qualified by the owner's class where the user knows it
# (`(puts into pkg.hub.Hub.events)`, else bare): the module that makes a public queue nothing of its own touches
# asks both whether any other one fills it, without knowing what its callers name the owner.
PUTS_INTO = "(puts into {})"
# ``pkg.config.Config.load(before the loop)``: another module calls (or reads) the attribute on an instance of the
# class before any event loop runs: at module level, or in a sync function before it starts one
# (properties.exported_early_uses; the value is ("before", "<module>")). A memo the call fills reads free in loop code.
BEFORE_LOOP = "(before the loop)"
# ``pkg.config.Config.ssl(memo fillers)``: what fills the memo of that memoised getter (properties.exported_fillers;
# ("fillers", "ssl|load")): any of them used on an instance before the loop (BEFORE_LOOP) makes its reads free.
MEMO_FILLERS = "(memo fillers)"
# ``pkg.session.Session.get_config(memo filled at construction)``: a plain method written as a memo on the instance
# (`if self._x is not None: return self._x`, then the work that stores it) that the class's constructor fills
# (properties.exported_prefilled_methods; ("prefilled", "_x")): called on an instance anywhere but its constructor, it
# hands back what is stored.
PREFILLED_METHOD = "(memo filled at construction)"
# What making an instance runs, which may fill a memo of the instance before any other method is called.
CONSTRUCTORS = ("__init__", "__post_init__", "__attrs_post_init__")
# ``(size waited inbox)``: some module of the project waits in a loop while `x.inbox.qsize()` (or `full()`) says
# that queue is too full (queues.exported_size_waits; the value is ("waits", "<module>")). Keyed by the name, as
# PUTS_INTO: a queue handed on under that name (`Lane(inbox=asyncio.Queue())`) has a producer that waits for room.
SIZE_WAITED = "(size waited {})"
# ``pkg.links.Conn.sock(declared)``: a class member only declared with its type, never assigned by the class (a
# NamedTuple's or a dataclass's field): whoever makes the instance hands it one of those (blocking sockets).
DECLARED = "(declared)"
# ``pkg.links.BankLink._sock(made socket)``: a member holding a socket its class makes itself and never switches
# (`self._sock = socket.create_connection(addr)`), and a property handing it back (``...BankLink.sock``); the value
# is ("sock", "<module>"). Another module's coroutine that waits on it (`link.sock.sendall(data)`) blocks.
MADE_SOCKET = "(made socket)"
# ``tests.conftest.client(fixture)``: what the pytest fixture ``client`` of that module hands the tests and fixtures
# that name it as a parameter (fixtures.py): what it yields, or returns (awaited, for a coroutine function).
FIXTURE = "(fixture)"
# ``pkg.methods.Methods(sync wrapped)``: a module-level call of some module hands the class to a function that rebinds
# its public coroutine methods to sync wrappers (sync_wrappers.py; the value is ("wrapped", "<module>")): a sync call of
# one of them, on the class or a subclass, runs it to its end (pyrogram's and telethon's sync modes).
SYNC_WRAPPED = "(sync wrapped)"
# A callee of a placeholder method's summary (a body of `...`, `pass` or `raise NotImplementedError`: an abstract
# method, a hook): what a call runs is the override of whichever subclass the object is (ProjectIndex._overriders).
OVERRIDDEN = "(overridden)"
# What a fact can tell the asker: an instance, a collection of instances, another callable or a forward.
EXPORTED = frozenset({"inst", "iter", "map", FWD})
# ``pkg.mod.Client.__enter__(enter)``: entering an instance of the class (`with`, `async with`) gives another
# object than the instance (gql's `async with Client() as session`); asked where another module enters one.
ENTERED = "(enter)"
# ``pkg.files.workdir(managed)``: what entering a call of that `@contextmanager` (`@asynccontextmanager`) generator
# gives, its yield (`with workdir(name) as path:` in another module).
MANAGED = "(managed)"
ENTERS_OTHER = ("inst", "<another object>")
# typing's special forms are not classes of the values they annotate (`x: Any`, `Alias: TypeAlias = ...`).
TYPING = frozenset({"typing", "typing_extensions", "collections", "collections.abc", "builtins", "types"})


def _library_names() -> FrozenSet[str]:
    """Every library name a rule knows something about, and every type that owns such a method: a fact naming
    anything else changes no finding, so it is not worth checking a file again for."""
    names = set()
    tables: Iterable = (
        knowledge.BLOCKING, knowledge.BLOCKING_TYPES, knowledge.RETURNS, knowledge.RETURNS.values(),
        knowledge.ASYNC_RETURNS, knowledge.ASYNC_RETURNS.values(), knowledge.KNOWN_TYPES, knowledge.COROUTINE_FUNCTIONS,
        knowledge.THREAD_ENTRY, knowledge.HANDS_OFF, knowledge.TASK_SPAWNERS, knowledge.LOOP_BOUND_TYPES,
        knowledge.SYNC_LOCK_TYPES, knowledge.UNBOUNDED_QUEUE_TYPES, knowledge.FIELD_FACTORIES, knowledge.PROPERTIES,
        knowledge.PROPERTIES.values(), knowledge.UNPACKED, knowledge.UNPACKED_SYNC, (knowledge.LOOP_TYPE, ENTERS_OTHER[1]),
        knowledge.COROUTINE_TYPES, knowledge.CONSTRUCTOR_ARGUMENTS,
        (kind for kinds in knowledge.CONSTRUCTOR_ARGUMENTS.values() for kind in kinds),
        ("asyncio.CancelledError",),  # another module's alias of it, or a tuple holding it (cancellation.CATCHES)
    )
    for table in tables:
        for name in table:
            names.add(name)
            names.add(name.rpartition(".")[0])
    return frozenset(names)


LIBRARY_NAMES = _library_names()

# A project's own top-level module named like a library the tables know (`consul.py`, `queue.py` beside the script
# that imports it) is what `import consul` gives when the project runs: Python searches the script's folder first.
# (Not a package so named: that is the library's own source, or a vendored copy, which the tables describe.) Such a module goes by its name behind SHADOW (`§consul.Consul`), and so do the project's absolute
# imports of it (builder), so that no table answers for it and the project's own facts do. Not the modules the
# interpreter has loaded before it looks at the script's folder, nor asyncio, whose own name is the subject.
SHADOW = "\u00a7"
_LOADED_FIRST = frozenset(sys.builtin_module_names) | {
    "os", "io", "abc", "codecs", "stat", "posixpath", "ntpath", "genericpath", "site", "encodings",
    "_collections_abc", "_sitebuiltins", "runpy", "importlib", "zipimport", "asyncio"}
SHADOWABLE = (frozenset(name.split(".", 1)[0] for name in LIBRARY_NAMES)
              | frozenset(getattr(sys, "stdlib_module_names", ()))) - _LOADED_FIRST


def project_module(name: str) -> str:
    """The name the linter gives the project's module ``name`` (see SHADOW)."""
    return SHADOW + name if name.split(".", 1)[0] in SHADOWABLE else name


def shown(text: str) -> str:
    """``text`` with the project's modules under their own names again."""
    return text.replace(SHADOW, "") if SHADOW in text else text


def class_value(name: str, scope=None) -> Value:
    """An instance of the class ``name``: known types (a library class the stubs say derives from one is
    that one), and capitalised names that are not typing's forms. A declaration establishes the types that only
    a call otherwise does (a coroutine handed `fut: concurrent.futures.Future` is told it is one)."""
    made = knowledge.NAMED_FOR_PRODUCT.get(name)
    if made is not None:  # `model: AutoModelForCausalLM`: what the factory class makes
        return ("inst", made)
    if name in knowledge.KNOWN_TYPES:
        return ("inst", name)
    module, _, last = name.rpartition(".")
    if module in TYPING:
        return None
    if scope is None or not is_project(scope, name):
        known = stubs.known_type(name, made=True)
        if known is not None:
            return ("inst", known)
    if not last.lstrip("_")[:1].isupper():  # `_Helper`: a private class is still a class
        return None
    return ("inst", name)


def is_project(scope, name: str) -> bool:
    """Is ``name`` defined in the project being checked (no stub says anything about it)?"""
    foreign = scope.module.foreign
    root = name.split(".", 1)[0]
    return root == scope.module.qualname.split(".", 1)[0] or (foreign is not None and root in foreign.roots)
