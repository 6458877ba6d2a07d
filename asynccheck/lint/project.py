"""The project index: what every module defines, so one file's findings can depend on another's code.

Built from the FileResults of a run (cheap: no parsing), it decides the candidates files left open: is the
imported ``client.fetch`` a coroutine function, does the project helper ``load_config`` block?
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from asynccheck.lint.messages import coroutine_message, helper_message, helper_name
from asynccheck.lint.results import FileResult

MAX_CHAIN = 4  # helpers deeper than this are not followed: long chains make findings hard to act on


class ProjectIndex:
    def __init__(self, results: Iterable[FileResult]):
        self.defs: Dict[str, str] = {}
        self.bases: Dict[str, Tuple[str, ...]] = {}
        self.aliases: Dict[str, str] = {}
        self.summaries: Dict[str, tuple] = {}
        for result in results:
            self.defs.update(result.defs)
            self.bases.update(result.bases)
            self.aliases.update(result.aliases)
            self.summaries.update(result.summaries)
        self._chains: Dict[str, Optional[Tuple[str, List[str]]]] = {}
        self._resolved: Dict[str, str] = {}

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
            if target is None or target == current:
                break
            current = target
        self._resolved[name] = current
        return current

    def kind(self, name: str, depth: int = 0) -> Tuple[Optional[str], str]:
        """The kind of what ``name`` defines ("sync", "async", "asyncgen", "class") and its real name;
        methods are looked up through base classes."""
        name = self.resolve(name)
        found = self.defs.get(name)
        if found is not None or depth > 5:
            return found, name
        owner, _, method = name.rpartition(".")
        owner = self.resolve(owner)
        for base in self.bases.get(owner, ()):
            found, real = self.kind(f"{base}.{method}", depth + 1)
            if found is not None:
                return found, real
        return None, name

    def display(self, name: str) -> str:
        """How messages name a project function: `Class.method()` for a method, `function()` otherwise."""
        owner, _, short = name.rpartition(".")
        return helper_name(short, owner.rpartition(".")[2] if self.defs.get(owner) == "class" else "")

    def blocking_chain(self, name: str) -> Optional[Tuple[str, List[str]]]:
        """(code, [helper, ..., blocking call]) when the sync function ``name`` blocks, directly or through
        other project functions; None otherwise."""
        kind, real = self.kind(name)
        if kind != "sync":
            return None
        return self._chain(real, 0)

    def _chain(self, name: str, depth: int) -> Optional[Tuple[str, List[str]]]:
        if name in self._chains:
            return self._chains[name]
        self._chains[name] = None  # cycles end here
        summary = self.summaries.get(name)
        found = None
        if summary is not None:
            direct, callees = summary
            if direct:
                code, text = direct[0]
                found = (code, [text])
            elif depth < MAX_CHAIN:
                for callee in callees:
                    kind, real = self.kind(callee)
                    if kind != "sync":
                        continue
                    inner = self._chain(real, depth + 1)
                    if inner is not None:
                        found = (inner[0], [self.display(real), *inner[1]])
                        break
        self._chains[name] = found
        return found


def decide(index: ProjectIndex, result: FileResult, enabled) -> List[Tuple[int, str, str]]:
    """The candidates of one file that the index confirms: (call index, code, message)."""
    confirmed = []
    for cand in result.candidates:
        if cand.kind == "coroutine":
            kind, _ = index.kind(cand.target)
            if kind == "async" and "ACK301" in enabled:
                confirmed.append((cand.index, "ACK301", coroutine_message(cand.text, cand.detail)))
        elif cand.kind == "helper":
            chain = index.blocking_chain(cand.target)
            if chain is not None and chain[0] in enabled:
                code, steps = chain
                helper = index.display(index.kind(cand.target)[1])
                confirmed.append((cand.index, code, helper_message(code, cand.text, helper, steps)))
    return confirmed
