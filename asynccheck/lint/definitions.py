"""Where a project function is defined: the line of its `def`, found when a message needs to point there.

Only helpers that findings blame are looked up, so Python's own parser (fast, and positions come free) is used
on demand instead of keeping every definition's position in each file's result.
"""
from __future__ import annotations

import ast
from typing import Any, Dict, Iterable, Iterator, Optional, Tuple

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def def_lines(source: bytes) -> Dict[str, int]:
    """Qualified name inside the module (`Class.method`, `outer.inner`) -> line of its `def`; a name defined
    twice keeps the last, as the linter's own table of definitions does."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    lines: Dict[str, int] = {}
    for name, node in _walk(tree.body, ""):
        lines[name] = node.lineno
    return lines


def _walk(body: Iterable[ast.stmt], prefix: str) -> Iterator[Tuple[str, ast.AST]]:
    for node in body:
        if isinstance(node, _DEFS):
            name = f"{prefix}{node.name}"
            yield name, node
            yield from _walk(node.body, f"{name}.")
        else:  # defs under `if`, `try`, `with` at the same level keep the same prefix
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    yield from _walk(inner, prefix)
            for case in getattr(node, "cases", ()) or ():
                yield from _walk(case.body, prefix)


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return b""


class Definitions:
    """Finds `def` lines by fully qualified name, over the modules of one run: module -> (path, source), the
    source None where it was not read (then it is read from the path when needed)."""

    def __init__(self, modules: Dict[str, Tuple[str, Optional[bytes]]], cache: Any = None):
        self.modules = modules
        self.cache = cache  # the lint cache: a warm run parses none of these files again
        self._lines: Dict[str, Dict[str, int]] = {}

    def locate(self, qualname: str) -> Optional[Tuple[str, int]]:
        """(path, line) of the definition of ``qualname`` (`pkg.mod.Class.method`), or None."""
        module, _, rest = qualname.rpartition(".")
        while module:
            if module in self.modules:
                path, source = self.modules[module]
                if module not in self._lines:
                    self._lines[module] = self._def_lines(source if source is not None else _read(path))
                line = self._lines[module].get(rest)
                return (path, line) if line is not None else None
            module, _, head = module.rpartition(".")
            rest = f"{head}.{rest}"
        return None

    def _def_lines(self, source: bytes) -> Dict[str, int]:
        if self.cache is None:
            return def_lines(source)
        key = self.cache.key(source, "def_lines")
        lines = self.cache.get(key)
        if not isinstance(lines, dict):
            lines = def_lines(source)
            self.cache.put(key, lines)
        return lines
