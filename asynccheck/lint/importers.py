"""Which files of a project import a module, read from the import statements of their text.

A run over named files (flake8, pre-commit, `asynccheck lint one.py`) needs some facts from the modules that use
a name of the named file (what they hand its class's constructor, which of its queues they fill: facts.GIVEN,
facts.PUTS_INTO). Only a module that imports the named one can use its names, so those are the ones worth
checking; finding them takes one scan of each file's import lines, done once per project and kept, far cheaper
than checking the files that merely mention the name. A fact any module may hold (facts.SIZE_WAITED: a queue
paced by the name it is handed on as, `lane.inbox.qsize()`) is looked for in the text of every file instead.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

# `from .a.b import (x, y as z)` (parenthesised lists may span lines) and `import a.b as c, d`
_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^#\n;]*)|import[ \t]+([^#\n;]+))",
    re.M)


def imported(text: bytes, module: str, is_package: bool) -> FrozenSet[str]:
    """The modules ``text`` (the source of ``module``) imports, and ``m.name`` for each `from m import name`
    (a submodule, or a name ``m`` re-exports); relative imports resolved against ``module``."""
    found: Set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for dots, source, names, plain in _IMPORT.findall(text):
        if plain:
            for part in plain.decode("utf-8", "replace").split(","):
                name = part.split(" as ")[0].strip()
                while name:
                    found.add(name)
                    name = name.rpartition(".")[0]
            continue
        base = source.decode("utf-8", "replace")
        if dots:
            up = package.split(".") if package else []
            up = up[:len(up) - (len(dots) - 1)] if len(dots) > 1 else up
            base = ".".join(p for p in (*up, base) if p)
        if not base:
            continue
        found.add(base)
        for part in names.decode("utf-8", "replace").strip("() \t\n").split(","):
            name = part.split(" as ")[0].strip()
            if name and name != "*":
                found.add(f"{base}.{name}")
    return frozenset(found)


class Importers:
    """The files of one project (``paths``, by rank; ``names`` their module names) by what they import. The scan
    runs at the first question, then answers from memory."""

    def __init__(self, paths: Sequence[Path], names: Sequence[Tuple[str, bool]]):
        self._paths = paths
        self._names = names
        self._by_module: Optional[Dict[str, List[int]]] = None
        self._texts: Optional[List[bytes]] = None  # every file's text, once a question needs any module's

    def of(self, modules: Optional[Iterable[str]], *needles: bytes) -> List[int]:
        """Ranks of the files that import one of ``modules`` (None: any file) and whose text holds one of
        ``needles``."""
        if modules is None:  # (a fact keyed by a bare name: any module may hold it, only its text tells)
            if self._texts is None:
                self._texts = [_read(path) for path in self._paths]
            return [rank for rank, text in enumerate(self._texts) if _holds(text, needles)]
        if self._by_module is None:
            self._by_module = {}
            for rank, path in enumerate(self._paths):
                text = _read(path)
                if text:
                    module, is_package = self._names[rank]
                    for name in imported(text, module, is_package):
                        self._by_module.setdefault(name, []).append(rank)
        ranks = sorted({rank for module in modules for rank in self._by_module.get(module, ())})
        return [rank for rank in ranks if _holds(_read(self._paths[rank]), needles)]


def _holds(text: bytes, needles: Sequence[bytes]) -> bool:
    return any(needle in text for needle in needles)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
