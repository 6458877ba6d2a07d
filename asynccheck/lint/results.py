"""The data a file's check produces and the knowledge it is checked with: plain, picklable, and importable
without libcst (a fully cached run never loads the parser)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from asynccheck.findings import FileError, Finding
from asynccheck.lint import knowledge, sdk_families


@dataclass(frozen=True)
class Candidate:
    """A finding that depends on other modules: decided by the project index, then located by ``index``.

    kind "coroutine": the call at ``index`` is dropped; it is ACK301 if ``target`` is a coroutine function.
    kind "helper": the call runs on the loop; it is ACK1xx if ``target`` is a sync function that blocks.
    kind "task": the call is dropped; it is ACK302 if ``target`` returns a task it has just started.
    kind "background-loop": a public sync method calls a non-thread-safe method of the loop an instance of
    ``target`` holds in attribute ``detail``; it is ACK402 if that class runs this loop on a thread of its own.
    kind "thread-helper": code that runs in another thread calls ``target``, a function of another module; it is
    ACK401/ACK402 if that function touches a loop-bound object or calls a loop method that is not thread-safe.
    """

    kind: str
    target: str
    index: int
    text: str
    detail: str = ""
    args: tuple = ()  # helper: the argument values (see arguments.call_args), which may make its blocking branch dead
    consumed: bool = True  # helper: its result is iterated at once (a generator helper otherwise does nothing yet)
    in_async: bool = True  # the call is in a coroutine (else `await` is not the advice)
    message: str = ""  # coroutine: what to say when confirmed, if not the plain "never awaited"
    spared: tuple = ()  # helper: codes its chain cannot be (a reader made over an in-memory buffer does no file I/O)
    own_class: str = ""  # helper: the class of the method making the call, when it calls a method of `self`


@dataclass
class Knowledge:
    """The built-in tables plus what the user's configuration adds."""

    blocking: Dict[str, str] = field(default_factory=lambda: dict(knowledge.BLOCKING))
    coroutines: FrozenSet[str] = knowledge.COROUTINE_FUNCTIONS

    @classmethod
    def with_extras(cls, blocking: Sequence[Tuple[str, str]] = (), coroutines: Sequence[str] = ()) -> "Knowledge":
        table = dict(knowledge.BLOCKING)
        table.update({knowledge.canonical(name): code for name, code in blocking})
        return cls(table, knowledge.COROUTINE_FUNCTIONS | {knowledge.canonical(c) for c in coroutines})

    def is_coroutine(self, qualname: str) -> bool:
        """Is ``qualname`` a library coroutine function: listed, a public method of a type all of whose methods
        but a few are (knowledge.COROUTINE_TYPES), or the `*_async` twin of a method of an SDK that names them so?"""
        if qualname in self.coroutines:
            return True
        owner, _, method = qualname.rpartition(".")
        if method.endswith("_async") and owner in knowledge.ASYNC_SUFFIXED:
            return True
        kept = knowledge.COROUTINE_TYPES.get(owner)
        if kept is None:
            return sdk_families.is_coroutine(owner, method)
        return method not in kept and not method.startswith("_")

    def blocking_code(self, qualname: str) -> Optional[str]:
        code = self.blocking.get(qualname)
        if code is None:
            owner, _, method = qualname.rpartition(".")
            found = knowledge.BLOCKING_TYPES.get(owner)
            # (`create_async`: the coroutine twin SDKs give a blocking method)
            if found is not None and method not in found[1] and not method.startswith("_") \
                    and not method.endswith("_async") \
                    and not (owner in knowledge.SUBRESOURCE_FACTORIES and method[:1].isupper()):
                return found[0]
            if found is None and owner not in knowledge.COROUTINE_TYPES:
                return sdk_families.blocking_code(owner, method)
        return code


@dataclass
class FileResult:
    """Everything one file contributes to a run; picklable, so it can be cached and sent between processes."""

    path: str
    module: str
    findings: List[Finding] = field(default_factory=list)
    candidates: List[Candidate] = field(default_factory=list)
    defs: Dict[str, str] = field(default_factory=dict)
    bases: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    aliases: Dict[str, str] = field(default_factory=dict)
    stars: Dict[str, Tuple[str, ...]] = field(default_factory=dict)  # module -> the modules it star-imports
    summaries: Dict[str, tuple] = field(default_factory=dict)
    decorators: Dict[str, tuple] = field(default_factory=dict)  # decorator -> (effect of @d, effect of @d(...))
    decorated: Dict[str, tuple] = field(default_factory=dict)  # function -> ((decorator, called), ...) of other modules
    noqa: Dict[int, Optional[FrozenSet[str]]] = field(default_factory=dict)
    # types across modules (interface.py): what this module says its values are, and what it asked of others
    # (key -> the value it assumed without an answer)
    types: Dict[str, tuple] = field(default_factory=dict)
    asked: Dict[str, Optional[tuple]] = field(default_factory=dict)
    facts: Dict[str, tuple] = field(default_factory=dict)  # the answers this check was given and used
    properties: FrozenSet[str] = frozenset()  # the getters of the properties this module's classes define
    memoised: FrozenSet[str] = frozenset()  # ... of those, the ones that do their work at the first read only
    # ACK602's relying awaiters across modules (ProjectIndex.relied_on): the names of the coroutine functions this
    # module awaits, waits on with `wait_for`, or starts as tasks it then awaits without cancelling them first: True,
    # or the terms of other modules' that would make it so (a reliance.Reliance), and the names it uses (facts.USED)
    relied_names: Dict[str, object] = field(default_factory=dict)
    error: Optional[FileError] = None
    # call index -> (span, {code: fixable}) of every candidate, when the check was asked to position them
    located: Optional[Dict[int, tuple]] = None
