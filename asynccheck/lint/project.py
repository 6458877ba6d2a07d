"""The project index: what every module defines, so one file's findings can depend on another's code.

Built from the FileResults of a run (cheap: no parsing), it decides the candidates files left open: is the
imported ``client.fetch`` a coroutine function, does the project helper ``load_config`` block?
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from asynccheck.lint import generic_facts, knowledge, reliance, stubs
from asynccheck.lint.conditions import (FALSE, Cond, bind, certain, covered, evaluate, opaque_tests, params_in,
                                        regardless, same_instance)
from asynccheck.lint.facts import (BACKGROUND_LOOP, BEFORE_LOOP, CALLS_BACK, CATCHES, CONSTRUCTORS, GIVEN,
                                   LIBRARY_NAMES, MEMO_FILLERS, OVERRIDDEN, PREFILLED_METHOD, RELIED, STARTS, SYNC_WRAPPED,
                                   TOUCHES_LOOP, USED, WATCHES, class_value)
from asynccheck.lint.generic_facts import GENERIC_AS, ON_RECEIVER
from asynccheck.lint.messages import (EVERY_PATH, SOME_PATHS, TASK_KEEP, coroutine_message, depends, helper_message,
                                     caught_keep, helper_name, watched_keep)
from asynccheck.lint.results import FileResult

_GIVEN_MARK = GIVEN.partition("{")[0]
MAX_CHAIN = 4  # helpers deeper than this are not followed: long chains make findings hard to act on
# a fact keyed by the name of a queue (queues._size_waited), class-qualified where known: any module may hold it
# A helper whose blocking branch depends on arguments that are not literals at the call site (`fetch(host=h)`
# under `if host:`): reported as "may block", naming the parameters.
REPORT_UNDECIDED = True
# (code, steps, when, the blocking API, qualified or "", with the kind of file it works on: messages.api_on)
Chain = Tuple[str, List[str], Tuple[str, ...], str]
# Blocking a helper is blamed for only when it does nothing worse: a look at file metadata (ACK110, opt-in) before
# the read it guards
WEAK_CODES: FrozenSet[str] = frozenset({"ACK110"})
SYNC, ASYNC, KEEP = "sync", "async", "keep"  # what a decorator makes of the function it wraps (decorators.py)
# ... a plain wrapper that hands back the coroutine on some paths and runs or schedules it on others: a call
# is a coroutine or not depending on how it runs (a running loop, a flag), so neither kind holds
EITHER = "either"


def apply_effects(kind: str, effects: Iterable[Optional[str]]) -> str:
    """The kind of a function after its decorators (innermost first); unknown effects change nothing."""
    for effect in effects:
        if kind in (SYNC, ASYNC) and effect in (SYNC, ASYNC, EITHER):
            kind = effect
    return kind


def runs_wrapper(effects: Dict[str, Optional[tuple]], used) -> Optional[str]:
    """The project wrapper a call of a function decorated with ``used`` (innermost first) runs, when the
    outermost decorator that changes what the function is makes it sync with a wrapper of its own
    (`@syncify async def fetch()`: a call runs `syncify.wrapper`, which runs the loop)."""
    for name, called in reversed(used):
        effect = effects.get(name)
        if effect is None or effect[called] not in (SYNC, ASYNC):
            continue
        return effect[2 + called] if effect[called] == SYNC and len(effect) > 2 else None
    return None


class ProjectIndex:
    def __init__(self, results: Iterable[FileResult]):
        self.defs: Dict[str, str] = {}
        self.bases: Dict[str, Tuple[str, ...]] = {}
        self.aliases: Dict[str, str] = {}
        self.stars: Dict[str, Tuple[str, ...]] = {}  # module -> the modules its `from m import *` lines name
        self.summaries: Dict[str, tuple] = {}
        self.decorators: Dict[str, tuple] = {}
        self.decorated: Dict[str, tuple] = {}
        self.types: Dict[str, tuple] = {}
        self.properties: Dict[str, bool] = {}  # getters of properties (a read of the attribute runs them)
        self.memoised: Dict[str, bool] = {}  # ... that store what they work out: only a first read runs it
        self.modules: Dict[str, bool] = {}  # the project's module names (a dict: the on-demand index loads by key)
        self.relied_names: Dict[str, reliance.Reliance] = {}  # ACK602: names some module awaits (see relied_on)
        self._relied: Optional[Set[str]] = None  # ... settled (reliance.settled)
        self._chains: Dict[tuple, Optional[Chain]] = {}
        self._open: Dict[tuple, int] = {}  # the chains being worked out, by their rank on the stack
        self._reached = 0  # the lowest rank of an open chain that the work in progress met again
        self._resolved: Dict[str, str] = {}
        # what ``fact`` and ``useful`` worked out: every file of a run asks about the same few names, and a settled
        # run asks again each round; forgotten, like the chains, when a file comes in
        self._facts: Dict[str, Optional[tuple]] = {}
        self._useful: Dict[tuple, bool] = {}
        self._kinds: Dict[str, Tuple[Optional[str], str]] = {}
        self._blocking: Dict[tuple, Optional[Chain]] = {}  # (name, args, codes) -> blocking_chain's answer
        self._members: Optional[tuple] = None
        self._subclasses: Optional[Dict[str, List[str]]] = None  # class -> the project classes naming it a base
        self._implementers: Dict[str, List[str]] = {}  # protocol -> the project classes defining all it declares
        for result in results:
            self.add(result)

    def add(self, result: FileResult) -> None:
        """One more file's facts (later files win on a shared key); what was derived from the others is
        derived again."""
        self.decorators.update(result.decorators)
        self.decorated.update(result.decorated)
        self.defs.update(result.defs)
        self.bases.update(result.bases)
        self.aliases.update(result.aliases)
        self.stars.update(result.stars)
        self.summaries.update(result.summaries)
        self.types.update(result.types)
        self.properties.update(dict.fromkeys(result.properties, True))
        self.memoised.update(dict.fromkeys(getattr(result, "memoised", ()), True))  # (older cached results lack it)
        self.modules[result.module] = True
        reliance.merge(self.relied_names, getattr(result, "relied_names", {}))  # (older cached results lack it)
        self._relied = None
        if self._members is not None:
            sizes, members, seen = self._members
            for key in (*result.defs, *result.types):
                if key not in seen:
                    seen.add(key)
                    members.setdefault(key.partition("(")[0].rpartition(".")[0], set()).add(key)
            self._members = ((len(self.defs), len(self.types)), members, seen)
        self._subclasses = None
        self._implementers = {}
        if self._chains or self._resolved or self._facts or self._useful or self._kinds or self._blocking:
            self._chains, self._resolved, self._facts = {}, {}, {}
            self._useful, self._kinds, self._blocking = {}, {}, {}

    def resolve(self, name: str) -> str:
        """Follow re-exports (``pkg.fetch`` imported in pkg/__init__.py from pkg.client) to the definition.

        Aliases may form cycles (two modules importing a name from each other): every step is remembered.
        """
        known = self._resolved.get(name)
        if known is not None:
            return known
        current, seen = name, set()
        while current not in self.defs and current not in seen and len(seen) < 20:
            seen.add(current)
            target = self.aliases.get(current)
            head = current
            while target is None and "." in head:
                head = head.rpartition(".")[0]
                if head in self.aliases:
                    target = self.aliases[head] + current[len(head):]
            if target is None:
                target = self._star_imported(current)
            if target is None or target == current:
                target = self._own_source(current)
            if target is None or target == current:
                break
            current = target
        self._resolved[name] = current
        return current

    def _own_source(self, name: str) -> Optional[str]:
        """``slack_bolt.app.app.App.dispatch`` for ``slack_bolt.App.dispatch`` when the project is the library's
        own source: imports give the tables' name for its classes (knowledge.canonical), which the project
        defines under the path it was written from."""
        head = name
        while "." in head:
            for written in knowledge.written_names(head):
                if written in self.defs:
                    return written + name[len(head):]
            head = head.rpartition(".")[0]
        return None

    def _star_imported(self, name: str) -> Optional[str]:
        """``pkg.fetch`` when pkg/__init__.py has `from .client import *` and pkg/client.py defines ``fetch``:
        the name in the module a star import brings it from (a name with an underscore is not brought)."""
        head = name
        while "." in head:
            head = head.rpartition(".")[0]
            sources = self.stars.get(head)
            if not sources:
                continue
            rest = name[len(head) + 1:]
            first = rest.partition(".")[0]
            if first.startswith("_"):
                return None
            for source in sources:
                brought = f"{source}.{first}"
                if brought in self.defs or brought in self.aliases or brought in self.types:
                    return f"{source}.{rest}"
            return None
        return None

    def kind(self, name: str, depth: int = 0) -> Tuple[Optional[str], str]:
        """The kind of what ``name`` defines ("sync", "async", "asyncgen", "class") and its real name;
        methods are looked up through base classes."""
        if depth == 0:  # what the files' candidates ask: remembered while the index stays as it is
            known = self._kinds.get(name)
            if known is None:
                known = self._kinds[name] = self._kind(name, 0)
            return known
        return self._kind(name, depth)

    def _kind(self, name: str, depth: int) -> Tuple[Optional[str], str]:
        name = self.resolve(name)
        found = self.defs.get(name)
        if found is not None and name in self.decorated:
            found = apply_effects(found, [self.decorators.get(self.resolve(d), (None, None))[called]
                                          for d, called in self.decorated[name]])
        if found is not None or depth > 5:
            return found, name
        if depth and knowledge.canonical(name) in knowledge.COROUTINE_FUNCTIONS:
            return "async", name  # a method inherited from a library class (a Channels consumer's `self.send`)
        owner, _, method = name.rpartition(".")
        owner = self.resolve(owner)
        for base in self.bases.get(owner, ()):
            found, real = self.kind(f"{base}.{method}", depth + 1)
            if found is not None:
                return found, real
        return None, name

    def sync_wrapped(self, name: str) -> bool:
        """Is ``name`` a public method looked up through a class whose coroutine methods some module rebinds to sync
        wrappers (facts.SYNC_WRAPPED): the class itself, or a base on the way to the class that defines it?"""
        owner, _, method = name.rpartition(".")
        if not owner or method.startswith("_"):
            return False
        seen: Set[str] = set()
        stack = [self.resolve(owner)]
        while stack and len(seen) < 32:
            cls = stack.pop()
            if cls in seen:
                continue
            seen.add(cls)
            if self.type_fact(cls + SYNC_WRAPPED) is not None:
                return True
            if f"{cls}.{method}" not in self.defs:  # defined here: the lookup ends at this class
                stack.extend(self.resolve(base) for base in self.bases.get(cls, ()))
        return False

    def constructor(self, cls: str) -> Tuple[Optional[str], str]:
        """What making an instance of the project class ``cls`` runs of its own code: its `__init__` (or a
        base's), else a dataclass's `__post_init__`, which the generated `__init__` calls. (kind, real name)"""
        for method in ("__init__", "__post_init__"):
            kind, real = self.kind(f"{cls}.{method}")
            if kind is not None:
                return kind, real
        return None, cls

    def type_fact(self, key: str, depth: int = 0) -> Optional[tuple]:
        """What the project says the value ``key`` is (see ``interface``): the name resolved through re-exports,
        an attribute or method looked up through base classes, forwards and names of other values followed."""
        if depth > 8:
            return None
        name, suffix = key, ""
        if key.endswith(")"):
            name, paren, rest = key.partition("(")
            suffix = paren + rest
        if not suffix and name in self.modules:
            # `import pkg.client as client` binds the module pkg/client.py even when pkg/__init__.py also has a
            # value named `client` (a lazily made default instance): that value is not what the name holds
            return None
        real = self.resolve(name)
        value = self.types.get(real + suffix)
        if value is None and (suffix == BEFORE_LOOP or suffix.startswith(_GIVEN_MARK)):
            value = self._user_fact_by_reexport(real, suffix)
        if value is None and "." in real:
            owner, _, attr = real.rpartition(".")
            for base in self.bases.get(self.resolve(owner), ()):
                value = self.type_fact(f"{base}.{attr}{suffix}", depth + 1)
                if value is None and not suffix and not attr.startswith("__") \
                        and self.resolve(base) not in self.defs and self.kind(real)[0] is None:
                    # a library base class (`class Api(requests.Session)` in another module): what the class
                    # does not define is the library's, as an instance of that class has it (`api.get`); not
                    # for a type whose calls block or not by how it was made (see scope.Scope._inherited)
                    known = knowledge.canonical(stubs.known_type(base, made=True) or base)
                    if known not in knowledge.INHERITS_HARMLESS and known not in knowledge.ONLY_FROM_CALLS:
                        value = ("ref", f"{known}.{attr}")
                if value is not None:
                    break
        if value is None and not suffix and real != name and not self._in_project(real):
            # `from redis import Redis` in the project's redis_client.py: another module's `Redis` is the library's
            value = ("ref", real)
        if value is not None and value[0] == "fwd":
            return self.type_fact(value[1], depth + 1)
        if value is not None and value[0] == "touchref":
            return self._touched(value[1], depth)
        if value is not None and value[0] == "inst" and self.resolve(value[1]) not in self.defs:
            return self._instance_of_alias(value, depth)
        if value is not None and value[0] == "ref" and not suffix and value[1] != real:
            return self.type_fact(value[1], depth + 1) or value  # `X = POOL`: what POOL is, else the name
        return value

    def _user_fact_by_reexport(self, real: str, suffix: str) -> Optional[tuple]:
        """A fact a user keyed by the name a package re-exports (`from shop import Basket` then
        `Basket(client=...)`: ``shop.Basket(given client)``), for the class ``real`` (``shop.store.Basket``)."""
        module = real
        while "." in module:
            module = module.rpartition(".")[0]
            if module in self.modules:
                break
        else:
            return None
        rest = real[len(module) + 1:]
        top = rest.partition(".")[0]
        package = module.rpartition(".")[0]
        while package:
            if self.resolve(f"{package}.{top}") == f"{module}.{top}":
                value = self.types.get(f"{package}.{rest}{suffix}")
                if value is not None:
                    return value
            package = package.rpartition(".")[0]
        return None

    def _touched(self, ref: str, depth: int) -> Optional[tuple]:
        """A sync function's call of a loop-bound method's name on a value of another module (threads.
        exported_touches: `STOP.set()`, `STATE.readings.put_nowait(x)`): ("touches", ...) when that value is an
        instance of a loop-bound type, else None."""
        key, _, method = ref.rpartition("|")
        held = self._held(key, depth + 1)
        if held is None or held[0] != "inst" or method not in knowledge.LOOP_BOUND_METHODS:
            return None
        owner = knowledge.canonical(held[1])
        if owner not in knowledge.LOOP_BOUND_TYPES:
            owner = next((knowledge.canonical(b) for b in self.bases.get(self.resolve(held[1]), ())
                          if knowledge.canonical(b) in knowledge.LOOP_BOUND_TYPES), None)
        return ("touches", f"ACK401|touches an `{owner}`, which belongs to the event loop's thread") if owner else None

    def _held(self, key: str, depth: int) -> Optional[tuple]:
        """What ``key`` is, also where it names an attribute of a module-level instance (`pkg.state.STATE.readings`,
        `STATE = HubState()`): the attribute of that instance's class."""
        value = self.type_fact(key, depth)
        if value is None and "." in key and depth < 8:
            owner, _, attr = key.rpartition(".")
            holder = self._held(owner, depth + 1)
            if holder is not None and holder[0] == "inst":
                value = self.type_fact(f"{holder[1]}.{attr}", depth + 1)
        return value

    def _in_project(self, name: str) -> bool:
        """Is ``name`` in one of the project's modules (what a library's name never is, see facts.SHADOW)?"""
        head = name
        while head:
            if head in self.modules:
                return True
            head = head.rpartition(".")[0]
        return False

    def fact(self, key: str) -> Optional[tuple]:
        """``type_fact(key)``, remembered while the index stays as it is."""
        try:
            return self._facts[key]
        except KeyError:
            if key.startswith(RELIED):
                value = self.relied_on(key)
            elif key.endswith(ON_RECEIVER):
                value = generic_facts.on_receiver(self.type_fact, self.resolve, key)
            elif GENERIC_AS in key:
                value = generic_facts.lifted(self.type_fact, self.resolve, key)
            elif key.startswith(USED):
                name = key[len(USED):]
                self.read_mentioning(name)
                value = (USED, name) if key in self.relied_names else None
            else:
                value = self.type_fact(key)
            self._facts[key] = value
            return value

    def relied_on(self, key: str) -> Optional[tuple]:
        """(RELIED, name) when some module of the project awaits a coroutine function named so, waits on it with
        `wait_for`, or awaits a task it started from it without cancelling that first (ACK602: an awaiter that
        counts on its cancellation coming back)."""
        name = key[len(RELIED):]
        self.read_reliance_of(name)
        if self._relied is None:
            self._relied = reliance.settled(self.relied_names)
        return (RELIED, name) if name in self._relied else None

    def read_all(self) -> None:
        """Have every module of the project in the index (this one always does: see ondemand.py)."""

    def read_mentioning(self, name: str) -> None:
        """Have every module that can use the function ``name`` in the index (see read_all)."""

    def read_reliance_of(self, name: str) -> None:
        """Have every module that can hold a term of ``name``'s reliance in the index (see read_all)."""

    def useful(self, value: tuple, extra: FrozenSet[str] = frozenset()) -> bool:
        """``matters(value, extra)``, remembered while the index stays as it is."""
        key = (value, extra)
        try:
            return self._useful[key]
        except KeyError:
            found = self._useful[key] = self.matters(value, extra)
            return found

    def _instance_of_alias(self, value: tuple, depth: int) -> tuple:
        """An instance of a name that is no class but a module-level alias of one (`SyncLock = threading.Lock`
        in a module of type aliases, then `lock: SyncLock` in another module's class, or `-> Conn`): an
        instance of that class. The module that declares the attribute cannot say so itself: its exports are
        worked out without facts, so it names the alias."""
        aliased = self.type_fact(value[1], depth + 1)
        if aliased is None or aliased[0] != "ref" or aliased[1] == value[1]:
            return value
        real = self.resolve(aliased[1])
        if real in self.defs:
            return ("inst", real) if self.defs[real] == "class" else value
        if real.split(".", 1)[0] == value[1].split(".", 1)[0]:
            return value  # another name of this project that says nothing more
        return class_value(real) or value

    def matters(self, value: tuple, extra: FrozenSet[str] = frozenset(), depth: int = 0) -> bool:
        """Can a fact with this value change a finding? A library name or type the rules know (``extra``: names
        the configuration adds), or a project name: a function, or a class with a coroutine method, a method that
        blocks, or an attribute whose value matters."""
        name = value[1]
        if name in LIBRARY_NAMES or name in extra or name == knowledge.AWAITABLE_FUNCTION \
                or value[0] in ("arg", "args", "thread", "hooks", "loopcalls", "hands", "scheduler", "touches",
                                "sized", "size", "puts", "before", "waits", "sock", *generic_facts.KINDS, RELIED,
                                USED):
            # ("arg": what the caller hands it, see locks.HOLDS; "args": cancellation.REPORTS; "thread":
            # threads.registrations; "hooks": a protocol class, protocols.exported; "loopcalls": runners.exported;
            # "hands": callbacks.exported_forwarders; "scheduler": trampolines.SCHEDULER; "touches": a thread's
            # callback of another module, threads.exported_touches; "sized": queue_makers.exported; "size":
            # queues.exported_constants; "puts":
            # queues.exported_puts; "before": properties.exported_early_uses; "waits": queues.exported_size_waits;
            # "sock": blocking.exported_sockets;
            # generic_facts.KINDS: generic classes' facts; RELIED: see relied_on; USED: names some module uses)
            return True
        owner = name.rpartition(".")[0]
        if value[0] == "ref" and (owner in knowledge.BLOCKING_TYPES or owner in knowledge.COROUTINE_TYPES
                                  or owner in knowledge.LOOP_BOUND_TYPES
                                  and name.rpartition(".")[2] in knowledge.LOOP_BOUND_METHODS):
            # a method of a type all of whose methods block (`ftplib.FTP.nlst`), or are coroutines; a loop-bound
            # method a subclass of another module inherits (`inbox.put_nowait`, `class Inbox(asyncio.Queue)`)
            return True
        real = self.resolve(name)
        kind = self.defs.get(real)
        if kind is None or kind != "class":
            return kind is not None
        if depth > 2:
            return False
        for member in self._members_of(real):
            kind = self.defs.get(member)
            if kind in ("async", "asyncgen") or (kind == "sync" and self.blocking_chain(member) is not None):
                return True
            typed = self.types.get(member)
            if typed is not None and typed[0] != "fwd" and self.matters(typed, extra, depth + 1):
                return True
        return any(self.matters(("ref", base), extra, depth + 1) for base in self.bases.get(real, ()))

    def _members_of(self, owner: str) -> set:
        """The facts about members of the class ``owner`` (its module is loaded: its kind was looked up). Read
        without loading the rest of the project, and read again when more modules came in."""
        sizes = (dict.__len__(self.defs), dict.__len__(self.types))
        if self._members is None or self._members[0] != sizes:
            members: Dict[str, set] = self._members[1] if self._members is not None else {}
            seen = self._members[2] if self._members is not None else set()
            for key in (*dict.keys(self.defs), *dict.keys(self.types)):
                if key not in seen:  # only what came in since: the live index grows file by file
                    seen.add(key)
                    members.setdefault(key.partition("(")[0].rpartition(".")[0], set()).add(key)
            self._members = (sizes, members, seen)
        return self._members[1].get(owner, set())

    def display(self, name: str) -> str:
        """How messages name a project function: `Class.method()` for a method, `function()` otherwise."""
        owner, _, short = name.rpartition(".")
        if short == "__init__" and self.defs.get(owner) == "class":
            return helper_name(owner.rpartition(".")[2])  # the constructor, as it is called: `Repo()`
        shown = helper_name(short, owner.rpartition(".")[2] if self.defs.get(owner) == "class" else "")
        return shown[:-2] if name in self.properties else shown  # a property is read, not called

    def blocking_chain(self, name: str, args: Optional[tuple] = None,
                       codes: Optional[FrozenSet[str]] = None) -> Optional[Chain]:
        """(code, [helper, ..., blocking call], undecided parameters) when the sync function ``name`` blocks,
        directly or through other project functions, when called with ``args`` (see arguments.call_args;
        None: unknown arguments); None otherwise. The parameters are those the blocking branch depends on
        where the arguments are not literals; empty when it blocks whatever they are. A class stands for what
        making an instance runs (its `__init__`), reported only when that blocks whatever it is given: a
        constructor's blocking branch is mostly a default the caller overrides (`ssl_options=None` then a
        default TLS context, `host="localhost"` then a lookup), often through `**kwargs` no condition sees.
        ``codes``: the rules that are on (None: all); a helper's first blocking call under a rule that is off
        (`os.path.exists`, ACK110) must not hide the `open()` after it."""
        key = (name, args, codes)
        try:
            return self._blocking[key]
        except KeyError:
            chain = self._blocking[key] = self._blocking_chain(name, args, codes)
            return chain
        except TypeError:  # an argument value that cannot be a key
            return self._blocking_chain(name, args, codes)

    def _blocking_chain(self, name: str, args: Optional[tuple], codes: Optional[FrozenSet[str]]) -> Optional[Chain]:
        kind, real, constructed = self._runs(name)
        if kind != "sync" or real not in self.summaries:
            return None
        env = bind(self.summaries[real][2], args if args is not None else ((), (), True), {})
        chain = None
        if codes is not None and not codes.isdisjoint(WEAK_CODES):
            # `if os.path.exists(p):` then `open(p)`: the read is the finding, under the rule that is on by default
            chain = self._chain(real, 0, env, codes - WEAK_CODES)
        if chain is None:
            chain = self._chain(real, 0, env, codes)
        return None if constructed and chain is not None and depends(chain[2]) else chain

    def _runs(self, name: str) -> Tuple[Optional[str], str, bool]:
        """The kind and real name of what calling ``name`` runs: a function, or for a project class what making
        an instance runs (``constructor``), None when that is not the project's; and whether it is a class."""
        kind, real = self.kind(name)
        if kind == "class":
            return (*self.constructor(real), True)
        if kind == SYNC and real in self.decorated and real not in self.summaries:
            # an `async def` a decorator of another module made sync: a call runs the decorator's wrapper
            used = self.decorated[real]
            wrapper = runs_wrapper({d: self.decorators.get(self.resolve(d)) for d, _ in used}, used)
            if wrapper is not None:
                return SYNC, wrapper, False
        return kind, real, False

    def _memo_hit(self, caller: str, method: str) -> bool:
        """Is ``method`` a memo the constructor of its class fills, called from anywhere but that constructor:
        the instance already holds what it would work out (properties.exported_prefilled_methods)?"""
        if self.types.get(method + PREFILLED_METHOD) is None:
            return False
        owner, _, name = caller.rpartition(".")
        return not (owner == method.rpartition(".")[0] and name in CONSTRUCTORS)

    def _wrappers(self, name: str) -> Tuple[tuple, ...]:
        """Callees of a sync function that decorators of other modules wrap (`@retry_sync def put()`): a call
        runs each wrapper's own code (its `time.sleep` between attempts) around the body."""
        used = self.decorated.get(name)
        if not used:
            return ()
        found = []
        for decorator, called in used:
            effect = self.decorators.get(self.resolve(decorator))
            if effect is not None and len(effect) > 2 and effect[called] in (SYNC, KEEP) and effect[2 + called] \
                    and effect[2 + called] != name:
                found.append((effect[2 + called], None, ((), (), True), True))
        return tuple(found)

    def _overriders(self, name: str, callees: tuple, depth: int, codes: Optional[FrozenSet[str]]) -> Tuple[tuple, ...]:
        """For a placeholder method (facts.OVERRIDDEN: an abstract method, an empty hook), the first override of
        the project's subclasses, as a callee, when every override blocks: a call on an object typed as the base
        (`self.backend.put(key, data)`, `backend: Backend`) runs one of them. One that does not block (an
        in-memory backend, a non-blocking stream, a coroutine method of an async family sharing the interface)
        leaves the call undecided: nothing is reported. Their arguments are not followed."""
        if not _placeholder(callees):
            return ()
        owner, _, method = name.rpartition(".")
        self.read_mentioning(owner)  # (the on-demand index: the modules that can name the class as a base)
        if self._subclasses is None:
            self._subclasses = {}
            for cls, bases in list(self.bases.items()):
                for base in bases:
                    self._subclasses.setdefault(self.resolve(base), []).append(cls)
        overrides: List[str] = []
        seen: Set[str] = {owner}
        queue = list(self._subclasses.get(owner, ()))  # (breadth first: the message names the first defined)
        while queue and len(seen) < 64:
            cls = queue.pop(0)
            if cls in seen:
                continue
            seen.add(cls)
            if f"{cls}.{method}" in self.defs:
                overrides.append(f"{cls}.{method}")
            queue.extend(self._subclasses.get(cls, ()))
        if not overrides and any(self.resolve(b) in _PROTOCOLS for b in self.bases.get(owner, ())):
            overrides = self._implementations(owner, method)
        for override in overrides:
            kind, real, _ = self._runs(override)
            if kind != "sync" or real not in self.summaries or self.summaries[real][3] \
                    or self._chain(real, depth + 1, bind(self.summaries[real][2], ((), (), True), {}), codes) is None:
                return ()
        return ((overrides[0], None, ((), (), True), True),) if overrides else ()

    def _implementations(self, protocol: str, method: str) -> List[str]:
        """The ``method`` of each class of the project that implements ``protocol`` without naming it a base: it
        defines every method the protocol declares (a call on an object typed as the protocol runs one of them).
        Read among the modules the index holds: the protocol's own and those that name it."""
        declared = {key.rpartition(".")[2] for key in self._members_of(protocol) if key in self.defs
                    and self.defs[key] in ("sync", "async")}
        if method not in declared or declared <= _STREAM_MEMBERS:
            return []  # (`SupportsRead`: a library's in-memory stream fits it as well as the project's file reader)
        if protocol not in self._implementers:  # (one walk of the index per protocol, until a file comes in)
            self._implementers[protocol] = [
                cls for cls, kind in list(dict.items(self.defs))
                if kind == "class" and cls != protocol and all(f"{cls}.{name}" in self.defs for name in declared)
                and not any(self.resolve(b) in _PROTOCOLS for b in self.bases.get(cls, ()))]
        return [f"{cls}.{method}" for cls in self._implementers[protocol]]

    def own_hook(self, cls: str, callee: str) -> bool:
        """Is ``callee`` a placeholder method of the class ``cls`` (or of one of its bases): a hook the class calls
        on itself (`self.line_received(line)` in a protocol's `data_received`)? Which override runs is the
        instance's; an override that blocks is the subclass's finding (facts.LOOP_HOOKS for a protocol's), not
        this call's."""
        if not _placeholder(self.summaries[callee][1]):
            return False
        owner = callee.rpartition(".")[0]
        seen: Set[str] = set()
        stack = [self.resolve(cls)] if self.defs.get(self.resolve(cls)) == "class" else []
        while stack and len(seen) < 32:
            current = stack.pop()
            if current == owner:
                return True
            if current not in seen:
                seen.add(current)
                stack.extend(self.resolve(base) for base in self.bases.get(current, ()))
        return False

    def _named(self, function: str, depth: int, params: List[str]) -> Tuple[str, ...]:
        """For a message: "`host`, `port`", and "... of `get_node()`" for a helper further down the chain."""
        if not params:
            return ()
        names = ", ".join(f"`{p}`" for p in dict.fromkeys(params))
        return (names if depth == 0 else f"{names} of `{self.display(function)}`",)

    def _chain(self, name: str, depth: int, env: Dict[str, tuple],
               codes: Optional[FrozenSet[str]] = None) -> Optional[Chain]:
        # the depth is part of the key: the same helper met deeper has fewer steps left to look through
        key = (name, depth, codes, tuple(sorted(env.items(), key=lambda item: item[0])))
        if key in self._chains:
            return self._chains[key]
        rank = self._open.get(key)
        if rank is not None:  # a cycle ends here
            self._reached = min(self._reached, rank)
            return None
        rank = self._open[key] = len(self._open)
        outer, self._reached = self._reached, rank
        direct, callees, _, _ = self.summaries[name]
        found: Optional[Chain] = None
        undecided: Optional[Chain] = None
        # what blocks whatever the arguments, each under its unreadable tests (`if ttype.endswith("-PROMPT"):`),
        # with the condition it runs on, while none is known to run on every path
        some: List[Tuple[Cond, Chain]] = []
        # what blocks for some values of this function's arguments (and no deeper helper's), each with its
        # condition, and whether it blocks on some of its own paths only: which of them runs may be all the
        # arguments decide (`if tls: a = make(binds)` / `else: a = make(binds)`)
        either: List[Tuple[Cond, Chain, bool]] = []
        for code, text, cond, api in direct:
            if codes is not None and code not in codes:
                continue
            blocks = evaluate(cond, env)
            if blocks:
                if not opaque_tests(cond):
                    found = (code, [text], (), api)
                    break
                some.append((cond, (code, [text], (), api)))
            if blocks is None:
                either.append((cond, (code, [text], (), api), False))
            if blocks is None and undecided is None:
                undecided = (code, [text], self._named(name, depth, params_in(cond)), api)
        if found is None and depth < MAX_CHAIN:
            overriders = self._overriders(name, callees, depth, codes)
            for target, cond, args, consumed in (*callees, *self._wrappers(name), *overriders):
                called = evaluate(cond, env)
                kind, real, constructed = self._runs(target)
                if called is False or kind != "sync" or real not in self.summaries or self._memo_hit(name, real) \
                        or self.own_hook(name.rpartition(".")[0], real):
                    continue
                signature, lazy = self.summaries[real][2:]
                if lazy and not consumed:
                    continue  # a generator: calling it runs nothing yet
                inner = self._chain(real, depth + 1, same_instance(args, env, bind(signature, args, env), cond), codes)
                if inner is None or (constructed and depends(inner[2])):
                    continue  # (a constructor that blocks only for some arguments: see `blocking`)
                when = (*self._named(name, depth, params_in(cond)), *inner[2]) if called is None else inner[2]
                step = (inner[0], [self.display(real), *inner[1]], when, inner[3])
                if called is not False and not depends(inner[2]):
                    either.append((cond, (inner[0], step[1], (), inner[3]), SOME_PATHS in inner[2]))
                if depends(when):
                    undecided = undecided or step
                elif SOME_PATHS in when:  # it blocks on some of its own paths: it covers none of this function's
                    some.append((FALSE, step))
                elif opaque_tests(cond):
                    some.append((cond, step))
                else:
                    found = step
                    break
        if found is None and undecided is not None and either \
                and regardless([cond for cond, _, _ in either], env) is not None:
            # which of them runs is all the arguments decide: it blocks on every path, or on some, but it does
            # not depend on them
            (code, steps, _, api) = either[0][1]
            whole = [cond for cond, _, partly in either if not partly]
            found = (code, steps, (EVERY_PATH,) if whole and covered(whole, env) else (SOME_PATHS,), api)
        if found is None and some:
            # `if binary: open(p, "rb")` / `else: open(p)`: each runs on some paths, one of them on every path
            first, (code, steps, when, api) = some[0]
            if not certain([cond for cond, _ in some], env):
                when = (SOME_PATHS,)
            elif not certain([first], env):
                when = (EVERY_PATH,)
            found = (code, steps, when, api)
        if found is None and REPORT_UNDECIDED:
            found = undecided
        del self._open[key]
        # "nothing blocks" found while a caller's chain was still open is only so on this path: that caller
        # was cut short here, and when asked first it may well block (a cycle f -> g -> f where only f blocks)
        if found is not None or self._reached >= rank:
            self._chains[key] = found
        self._reached = min(outer, self._reached)
        return found


_PROTOCOLS = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
# what the io module's streams have: a Protocol of only these describes library objects as much as the project's
_STREAM_MEMBERS = frozenset("read read1 readline readlines readinto write writelines close flush seek tell fileno "
                            "truncate readable writable seekable __enter__ __exit__ __iter__ __next__".split())


def _placeholder(callees: tuple) -> bool:
    """Do a summary's callees mark a placeholder method (facts.OVERRIDDEN): what a call runs is an override?"""
    return any(target == OVERRIDDEN for target, _, _, _ in callees)


def decide(index: ProjectIndex, result: FileResult, enabled) -> List[Tuple[int, str, str]]:
    """The candidates of one file that the index confirms: (call index, code, message)."""
    confirmed = []
    for cand in result.candidates:
        if cand.kind == "coroutine":
            kind, _ = index.kind(cand.target)
            if kind == "async" and "ACK301" in enabled and not index.sync_wrapped(cand.target):
                confirmed.append((cand.index, "ACK301", getattr(cand, "message", "")
                                  or coroutine_message(cand.text, cand.detail, cand.in_async)))
        elif cand.kind == "task":
            if "ACK302" in enabled and index.type_fact(cand.target + STARTS) is not None:
                short = cand.target.rpartition(".")[2]
                message = cand.message.replace(TASK_KEEP, watched_keep(short)) \
                    if index.type_fact(cand.target + WATCHES) is not None else \
                    cand.message.replace(TASK_KEEP, caught_keep(short)) \
                    if index.type_fact(cand.target + CATCHES) is not None else cand.message
                confirmed.append((cand.index, "ACK302", message))
        elif cand.kind == "thread-callback":
            fact = index.type_fact(cand.target + CALLS_BACK) if "ACK401" in enabled else None
            if fact is not None and fact[0] == "thread":
                position, param, where = fact[1].split("|", 2)
                if cand.detail in (position, param):
                    confirmed.append((cand.index, "ACK401", cand.message.replace("{where}", where)))
        elif cand.kind == "thread-helper":
            real = index.resolve(cand.target)
            # a method its class defines says itself what it touches: an override that hands the call to the
            # loop (`call_soon_threadsafe(super().raise_alarm, text)`) does not inherit its base's touch
            fact = None if real in index.defs and real + TOUCHES_LOOP not in index.types \
                else index.type_fact(cand.target + TOUCHES_LOOP)
            if fact is not None and fact[0] == "touches":
                code, what = fact[1].split("|", 1)
                if code in enabled:
                    confirmed.append((cand.index, code, cand.message.replace("{what}", what)))
        elif cand.kind == "background-loop":
            fact = index.type_fact(cand.target + BACKGROUND_LOOP) if "ACK402" in enabled else None
            if fact is not None and fact == ("loop", cand.detail):
                confirmed.append((cand.index, "ACK402", cand.message))
        elif cand.kind == "helper":
            kind, real = index.kind(cand.target)
            read = cand.detail == "property"
            if read and real not in index.properties:
                continue  # `obj.attr` on a class of another module: a data attribute or a method, nothing runs
            if read and real in index.memoised and _filled_before_loop(index, real):
                continue  # its memo is filled before any loop runs (`config.load()` before `asyncio.run()`)
            if not read and index.types.get(real + PREFILLED_METHOD) is not None:
                continue  # a memo the constructor filled: the instance hands back what it stores
            summary = index.summaries.get(real)
            if summary is not None and summary[3] and not cand.consumed:
                continue  # a generator helper: it runs where its result is iterated
            if summary is not None and cand.own_class and not cand.in_async \
                    and index.own_hook(cand.own_class, real):
                continue  # `self.message_received(frame)` in a protocol's callback: a hook (see own_hook)
            chain = index.blocking_chain(cand.target, cand.args, frozenset(enabled).difference(cand.spared))
            if chain is not None:
                code, steps, when, api = chain
                helper = index.display(real)
                confirmed.append((cand.index, code, helper_message(code, cand.text, helper, steps, when,
                                                                   cand.in_async, read, api)))
    return confirmed


def _filled_before_loop(index: ProjectIndex, getter: str) -> bool:
    """Does some module use, before its loop starts, an attribute that fills the memo of ``getter`` (the property
    itself or a method that stores it) on an instance of the getter's class (facts.MEMO_FILLERS, BEFORE_LOOP)?"""
    fillers = index.types.get(getter + MEMO_FILLERS)
    if fillers is None or fillers[0] != "fillers":
        return False
    cls = getter.rpartition(".")[0]
    return any(index.types.get(f"{cls}.{name}{BEFORE_LOOP}") is not None for name in fillers[1].split("|"))
