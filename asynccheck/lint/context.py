"""What the rule families share while checking one file: its scopes, what it knows, and where findings go."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite, ScopeBuilder, dotted, walk_local
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
