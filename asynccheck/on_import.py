"""Patching a module when the program imports it, not before: ``asynccheck run`` installs the checker before
the program starts, and importing every module the checker might patch (sqlite3, queue) would add their import
time to every run, needed or not.

``OnImport`` is a meta-path finder that finds nothing itself: for a watched name it lets the other finders find
the module, and calls ``then(module)`` right after the module has executed, before the importer gets it (so
``from sqlite3 import connect`` gets the patched function). The module's loader is put back as it was.

Outside the runtime package, which imports asyncio: a spawned child waits with it for the program's own import
of asyncio before it starts its session (cli/children.py).
"""
from __future__ import annotations

import sys
from types import ModuleType
from typing import Any, Callable, Dict, List, Optional, Sequence

Then = Callable[[ModuleType], None]


class OnImport:
    def __init__(self) -> None:
        self.waiting: Dict[str, List[Then]] = {}
        self._busy = False

    def when_imported(self, name: str, then: Then) -> None:
        """``then(module)`` now if ``name`` is imported already, else when it is."""
        module = sys.modules.get(name)
        if module is not None:
            then(module)
            return
        self.waiting.setdefault(name, []).append(then)
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def remove(self) -> None:
        self.waiting.clear()
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass

    def find_spec(self, name: str, path: Optional[Sequence[str]], target: Any = None) -> Any:
        if name not in self.waiting or self._busy:
            return None
        import importlib.util

        self._busy = True
        try:
            spec = importlib.util.find_spec(name)
        finally:
            self._busy = False
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = _ThenLoader(spec.loader, self.waiting.pop(name))
        if not self.waiting:
            self.remove()
        return spec


class _ThenLoader:
    def __init__(self, loader: Any, then: List[Then]):
        self.loader, self.then = loader, then

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # the module must not keep our loader: after uninstall nothing of the checker may remain
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)
        for then in self.then:
            try:
                then(module)
            except Exception:  # the program's import must succeed whatever happens to the checker
                pass
