"""What the rule families share while checking one file: its scopes, what it knows, and where findings go."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import NESTED, CallSite, ScopeBuilder, dotted, iter_children, walk_local
from asynccheck.lint.messages import call_text  # noqa: F401  (the rules import it from here)
from asynccheck.lint.results import Candidate, Knowledge
from asynccheck.lint.scope import INST, REF, Scope


@dataclass
class RawFinding:
    """A finding whose position is still a node; positions are computed once per file, at the end."""

    code: str
    node: cst.CSTNode
    message: str
    related: Tuple[Tuple[cst.CSTNode, str], ...] = ()
    keyword_width: int = 0  # >0: report only the first N characters (the `except` keyword, say)


class FileContext:
    def __init__(self, builder: ScopeBuilder, root: Scope, enabled: FrozenSet[str], known: Knowledge,
                 project_roots: FrozenSet[str]):
        self.builder = builder
        self.root = root
        self.scopes = builder.scopes
        self.calls = builder.calls
        self.enabled = enabled
        self.known = known
        self.project_roots = project_roots | {root.qualname.split(".")[0]}
        self.findings: List[RawFinding] = []
        self.candidates: List[Candidate] = []
        self.subsumed: set = set()  # ids of calls another rule already explains better
        self.functions: Dict[str, Scope] = {s.qualname: s for s in self.scopes if s.kind == "function"}
        self.decorator_effects: Dict[str, tuple] = {}  # filled by decorators.resolve
        self.decorated: Dict[str, tuple] = {}
        self._parents: Dict[int, Dict[int, cst.CSTNode]] = {}  # id(scope) -> its nodes' parents, when asked
        self._on_loop: Dict[int, bool] = {}

    def report(self, code: str, node: cst.CSTNode, message: str, related: Tuple[Tuple[cst.CSTNode, str], ...] = (),
               keyword_width: int = 0) -> None:
        if code in self.enabled:
            self.findings.append(RawFinding(code, node, message, related, keyword_width))

    def is_project(self, qualname: str) -> bool:
        return qualname.split(".")[0] in self.project_roots

    def target_of(self, site: CallSite) -> Optional[str]:
        """The qualified name a call calls, with a name-based guess for loops and executors we cannot type."""
        value = site.scope.evaluate(site.node.func)
        known = value is not None and value[0] == REF
        if known and not (self.is_project(value[1]) and value[1].rpartition(".")[0] not in self.root.defs):
            return value[1]
        func = site.node.func
        if isinstance(func, cst.Attribute):  # also `obj.loop.create_task()` where obj's class is in another module
            receiver = dotted(func.value).rpartition(".")[2].lower()
            if receiver.endswith("loop"):
                return f"{knowledge.LOOP_TYPE}.{func.attr.value}"
            if receiver.endswith(("executor", "pool")):
                return f"concurrent.futures.ThreadPoolExecutor.{func.attr.value}"
        return value[1] if known else None

    def parents(self, scope: Scope) -> Dict[int, cst.CSTNode]:
        """id(node) -> parent node, for the code of ``scope`` (built on demand: few rules need it)."""
        found = self._parents.get(id(scope))
        if found is None:
            found = self._parents[id(scope)] = parents_of(scope.node)
        return found

    def on_loop_thread(self, scope: Scope) -> bool:
        """Does the code of ``scope`` run on the event loop's thread? A coroutine's body does. A lambda written
        there does only when it is called right there: `(lambda: ...)()`, `f = lambda: ...` then `f()`,
        `sorted(xs, key=lambda x: ...)`, `list(map(lambda x: ..., xs))`. One handed to a thread
        (`asyncio.to_thread`, `run_in_executor`, `Thread(target=...)`, an executor, `functools.partial` of
        those) or kept to run later does not. A nested `def` is not either: it is followed from where it is
        called, as every helper is, so that one handed to a thread is not reported."""
        if scope.kind != "lambda":
            return scope.runs_on_loop
        known = self._on_loop.get(id(scope))
        if known is None:
            self._on_loop[id(scope)] = False  # (a lambda inside itself)
            outer = scope.parent
            known = outer is not None and self.on_loop_thread(outer) and self._called_here(outer, scope.node)
            self._on_loop[id(scope)] = known
        return known

    def _called_here(self, outer: Scope, node: cst.Lambda) -> bool:
        parents = self.parents(outer)
        parent = parents.get(id(node))
        if isinstance(parent, cst.Call):  # `(lambda: ...)()`
            return parent.func is node
        if isinstance(parent, cst.Arg):
            call = parents.get(id(parent))
            if not isinstance(call, cst.Call):
                return False
            name = dotted(call.func).rpartition(".")[2]
            if parent.keyword is not None:
                return parent.keyword.value == "key" and name in _KEY_CALLERS
            if isinstance(call.func, cst.Name) and name in ("map", "filter") and call.args[0] is parent:
                return any(c.node is call and c.consumed for c in outer.events.get("calls", ()))
            return False
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is node:
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            names = {t.value for t in targets if isinstance(t, cst.Name)}
            return any(isinstance(c.node.func, cst.Name) and c.node.func.value in names
                       for c in outer.events.get("calls", ()))
        return False

    def instance_type(self, scope: Scope, node: cst.BaseExpression) -> Optional[str]:
        value = scope.evaluate(node)
        return value[1] if value is not None and value[0] == INST else None


def first_await(node: cst.CSTNode) -> Optional[cst.CSTNode]:
    """The first suspension point under ``node``: an await, or an async for/with header."""
    for current in walk_local(node):
        if isinstance(current, cst.Await):
            return current
        if isinstance(current, (cst.For, cst.With, cst.CompFor)) and current.asynchronous is not None:
            return current.asynchronous
    return None


# Calls that call their `key=` function at once.
_KEY_CALLERS = frozenset({"sorted", "min", "max", "sort", "nsmallest", "nlargest", "groupby", "bisect_left",
                          "bisect_right", "insort", "insort_left", "insort_right", "merge"})


def parents_of(root: cst.CSTNode) -> Dict[int, cst.CSTNode]:
    """id(node) -> its parent, for the code of one scope (not inside nested functions, lambdas and classes)."""
    parents: Dict[int, cst.CSTNode] = {}
    for node in walk_local(root):
        if isinstance(node, NESTED) and node is not root:
            continue
        for child in iter_children(node):
            parents[id(child)] = node
    return parents
