"""The loop hooks that also work on uvloop: task findings (ACK302/303: dropped handles, failures nobody saw, the
line that created the task), nested loops (ACK108), and the ``run_forever`` that tells the watchdog where a
uvloop loop runs (stalls, held locks: uvloop_steps.py).

uvloop's loop is compiled, but ``uvloop.Loop`` is a Python subclass of it, so methods set on that subclass win
over the compiled ones, both for the program and for the C task code (which looks ``call_exception_handler``
up by name). Only methods off the hot path are replaced: wrapping ``call_soon`` there would cost uvloop users
the speed they chose it for (the C task calls it for every step), so ACK402, and ACK401 through futures, are not
checked on uvloop; ACK401 on Queue/Event/Lock... needs no hook here (runtime/threads.py works on any loop).

uvloop is usually imported after the checker starts (``asynccheck run`` installs first), so an import hook
applies the patches when it is loaded, and puts the module's loader back as it found it.
"""
from __future__ import annotations

import sys
from types import ModuleType
from typing import Any, Optional, Sequence

from asynccheck.runtime.loop import LoopHooks
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.uvloop_steps import UvloopLoops

MODULE = "uvloop"


class UvloopHooks:
    def __init__(self, hooks: LoopHooks, loops: UvloopLoops):
        self.hooks = hooks
        self.loops = loops
        self.patched = False
        self._finder: Optional[_PatchOnImport] = None

    def install(self, patches: Patches) -> None:
        module = sys.modules.get(MODULE)
        if module is not None:
            self._patch(module, patches)
        else:
            self._finder = _PatchOnImport(lambda mod: self._patch(mod, patches))
            sys.meta_path.insert(0, self._finder)

    def uninstall(self) -> None:
        """Remove the import hook; the patches themselves are undone with the others."""
        if self._finder is not None:
            try:
                sys.meta_path.remove(self._finder)
            except ValueError:
                pass
            self._finder = None
        self.patched = False

    def _patch(self, module: ModuleType, patches: Patches) -> None:
        loop_cls = getattr(module, "Loop", None)
        if self.patched or not isinstance(loop_cls, type):
            return
        self.patched = True
        wants = self.hooks.recorder.wants
        if wants("ACK302") or wants("ACK303"):
            original = loop_cls.call_exception_handler
            patches.replace(loop_cls, "call_exception_handler", self.hooks.checked_exception_handler(original))
            self.hooks.tasks.patch_loop_class(loop_cls, patches)  # creation lines, dropped handles
        nested = None
        if wants("ACK108"):
            original = loop_cls.run_until_complete
            patches.replace(loop_cls, "run_until_complete",
                            self.hooks.checked_loop_runner(original, "run_until_complete"))
            nested = self._nested
        # always: it also marks where the program's code ends on a loop thread, for every finding's line
        patches.replace(loop_cls, "run_forever", self.loops.run_forever(loop_cls.run_forever, nested))

    def _nested(self, loop: Any, caller: Any) -> None:
        self.hooks.nested("loop.run_forever()", caller)


class _PatchOnImport:
    """Finds nothing itself: when uvloop is imported, it lets the real finder find it, and runs ``then`` on the
    module once it has executed. (A plain class: the import system only calls ``find_spec``, and basing it on
    importlib.abc would import importlib.resources and more, several ms of every `asynccheck run`.)"""

    def __init__(self, then: Any):
        self.then = then
        self._busy = False

    def find_spec(self, name: str, path: Optional[Sequence[str]], target: Any = None) -> Any:
        if name != MODULE or self._busy:
            return None
        import importlib.util

        self._busy = True
        try:
            spec = importlib.util.find_spec(name)
        finally:
            self._busy = False
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = _ThenLoader(spec.loader, self.then)
        return spec


class _ThenLoader:
    def __init__(self, loader: Any, then: Any):
        self.loader, self.then = loader, then

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # the module must not keep our loader: after uninstall nothing of the checker may remain
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)
        try:
            self.then(module)
        except Exception:  # the program's import must succeed whatever happens to the checker
            pass
