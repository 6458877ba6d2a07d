"""Baselines: the findings a project has accepted for now, so that CI fails only on new ones.

One file format and one way of matching for both engines. An entry is keyed by the rule, the file (relative to
the project root), the function or class the finding is in, a fingerprint of the offending statement's text and,
for findings made under a test runner, the test id; never by line number, so an entry survives unrelated edits,
a moved or re-indented statement. Entries are counted: a second identical mistake in the same function is new.

The scope and the statement are read with the standard library's ``ast`` (no libcst: ``asynccheck run`` must not
pay for it), and only for files that have findings.
"""
from __future__ import annotations

import ast
import hashlib
import json
import linecache
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from asynccheck.findings import Finding

FORMAT_VERSION = 1
Key = Tuple[str, str, str, str, str]  # code, path, scope, fingerprint, test ("" outside a test)


class BaselineError(Exception):
    """A baseline file that cannot be read: names the file and what is wrong."""


@dataclass
class Applied:
    """What a baseline did to a list of findings: the new ones, how many it silenced, how many of its entries
    no longer occur (fixed since, or changed beyond recognition)."""

    findings: List[Finding]
    silenced: int
    stale: int

    def summary(self, path: Path) -> Optional[str]:
        if not self.stale:
            return None
        entries = "entry no longer occurs" if self.stale == 1 else "entries no longer occur"
        return f"{self.stale} baseline {entries}; run with `--write-baseline {path}` to drop them"


class Locator:
    """Scope and statement of a line, per file, from one ``ast`` parse of the file each."""

    def __init__(self) -> None:
        self._files: Dict[str, Optional[Tuple[List[str], List[Tuple[int, int, str, ast.AST]]]]] = {}

    def key_parts(self, path: str, line: int) -> Tuple[str, str]:
        """(enclosing "Class.function" or "<module>", fingerprint of the statement at ``line``)."""
        known = self._files.get(path)
        if path not in self._files:
            known = self._files[path] = self._read(path)
        if known is None:
            return "<module>", _digest(linecache.getline(path, line))
        lines, spans = known
        scope, statement = [], None
        for start, end, name, node in spans:  # outermost first
            if start <= line <= end:
                if name:
                    scope.append(name)
                else:
                    statement = node
        # the statement as Python reads it: comments and layout are not part of the mistake
        text = ast.unparse(statement) if statement is not None else lines[line - 1] if line <= len(lines) else ""
        return ".".join(scope) or "<module>", _digest(text)

    @staticmethod
    def _read(path: str) -> Optional[Tuple[List[str], List[Tuple[int, int, str, ast.AST]]]]:
        linecache.checkcache(path)  # the file as it is now, not as an earlier run in this process saw it
        source = "".join(linecache.getlines(path))
        if not source:
            return None
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return None
        spans: List[Tuple[int, int, str, ast.AST]] = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                spans.append((node.lineno, node.end_lineno or node.lineno, node.name, node))
            elif isinstance(node, ast.stmt) and not isinstance(node, _COMPOUND):
                spans.append((node.lineno, node.end_lineno or node.lineno, "", node))
        # outermost first: a simple statement inside a function comes after the function, nested ones later
        spans.sort(key=lambda s: (s[0], -s[1]))
        return source.splitlines(), spans


# Compound statements are not "the offending statement": the simple one inside them is (their header is their
# own span only when nothing smaller holds the line, which the fallback to the line itself covers).
_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try,
             getattr(ast, "TryStar", ast.Try), getattr(ast, "Match", ast.If))


def _digest(text: str) -> str:
    # whitespace-insensitive: re-indenting or re-wrapping the statement keeps its entry
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()[:16]


class Baseline:
    def __init__(self, entries: Iterable[Key] = ()):
        self.entries: Counter = Counter(entries)

    # -- files -----------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline {path})") from None
        except (OSError, ValueError) as exc:
            raise BaselineError(f"{path}: not a baseline file: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(
                data.get("entries"), list):
            raise BaselineError(f"{path}: not an asynccheck baseline (version {FORMAT_VERSION}) file")
        entries: List[Key] = []
        for i, item in enumerate(data["entries"]):
            try:
                key = (item["code"], item["path"], item["scope"], item["fingerprint"], item.get("test") or "")
                entries.extend([key] * int(item.get("count", 1)))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: entry {i} lacks code, path, scope or fingerprint") from None
        return cls(entries)

    def write(self, path: Path) -> None:
        items = []
        for (code, rel, scope, fingerprint, test), count in sorted(self.entries.items()):
            item = {"code": code, "path": rel, "scope": scope, "fingerprint": fingerprint}
            if test:
                item["test"] = test
            if count != 1:
                item["count"] = count
            items.append(item)
        text = json.dumps({"version": FORMAT_VERSION, "tool": "asynccheck", "entries": items}, indent=1)
        Path(path).write_text(text + "\n", encoding="utf-8")

    # -- matching --------------------------------------------------------------------------------------------
    @classmethod
    def of(cls, findings: Iterable[Finding], root: Path) -> "Baseline":
        locator = Locator()
        return cls(_key(f, root, locator) for f in findings)

    def apply(self, findings: Iterable[Finding], root: Path) -> Applied:
        """Every finding not accepted by an entry; each entry accepts one finding."""
        matcher = self.matcher(root)
        kept = [f for f in findings if not matcher.accepts(f)]
        return Applied(kept, matcher.silenced, matcher.stale)

    def matcher(self, root: Path) -> "Matcher":
        return Matcher(self, root)


class Matcher:
    """Matches findings one at a time (a test runner's findings arrive test by test)."""

    def __init__(self, baseline: Baseline, root: Path):
        self.left = Counter(baseline.entries)
        self.root = root
        self.silenced = 0
        self._locator = Locator()

    def accepts(self, finding: Finding) -> bool:
        key = _key(finding, self.root, self._locator)
        if self.left[key] > 0:
            self.left[key] -= 1
            self.silenced += 1
            return True
        return False

    @property
    def stale(self) -> int:
        return sum(self.left.values())


def _key(finding: Finding, root: Path, locator: Locator) -> Key:
    absolute = os.path.abspath(finding.path)
    scope, fingerprint = locator.key_parts(absolute, finding.line)
    try:
        rel = Path(absolute).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        rel = Path(absolute).as_posix()
    return finding.code, rel, scope, fingerprint, finding.test or ""
