"""ACK401/402 up to Python 3.11 for the calls no Python code of the loop sees: ``fut.set_result()``,
``set_exception()``, ``cancel()`` on an asyncio Future or Task from another thread while nothing awaits it (the C
future schedules no callback then), and on uvloop ``loop.call_soon()`` (compiled) and a future resolved from
another thread (its waiter is woken through that compiled ``call_soon``). From 3.12 ``sys.monitoring`` sees these
calls (foreign_calls.py); up to 3.11 no hook sees a C method called, so the program's own modules are compiled
with each such call site checked instead.

The program's source files (its main file, through runpy, and the modules it imports, through the source
loader's ``get_code``) that contain ``.set_result(``, ``.set_exception(``, ``.cancel(`` or ``.call_soon(`` are
compiled from a tree where each call ``X.name(...)`` of those names is ``_asynccheck_check("name", X.name)(...)``:
the check returns the method it is handed, after a thread check when its object is a C Future or Task, or a loop
that is not asyncio's (uvloop). The evaluation order, the lines and the columns stay the program's. The check is a
global of the module (imported by a statement put after its docstring and ``__future__`` imports), and a builtin
only as a fallback: a function shipped by value to an interpreter the checker did not start (cloudpickle, as
joblib's loky, dask and Ray do for ``__main__``'s functions) carries its globals along, and the check pickles as
``{}.get``, which returns the method as the plain call site would. Nothing else changes: other files, and files
without those names, are loaded as before (their ``.pyc`` too); a rewritten
module gets no ``.pyc`` (plain ``python`` never loads the checked code): its checked code is kept in the checker's
own cache folder instead (code_cache.py), so a module is parsed and rewritten once per content. The cost is one Python call at each such call site the program runs, on any thread; the loop's
own calls (asyncio's, uvloop's) pay nothing.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path
from _thread import get_ident as _get_ident
from asyncio import base_events, events
from typing import Any, Optional

from asynccheck.runtime.code_cache import MISSING, ModuleCodeCache
from asynccheck.runtime.foreign_calls import report_foreign
from asynccheck.on_import import OnImport
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder

NAMES = frozenset({"set_result", "set_exception", "cancel", "call_soon"})
_QUICK = tuple(f".{name}(".encode() for name in sorted(NAMES))
# the installed checker (None: `check` only reads the attribute, as the call site did before)
_active: list = [None]

try:
    import _asyncio

    _C_FUTURES: tuple = (_asyncio.Future, _asyncio.Task)
except ImportError:  # (no C accelerator: the pure-Python Future's waiters are woken through loop.call_soon)
    _C_FUTURES = ()


class _Check:
    """The call sites' check: ``check("name", X.name)`` is ``X.name``, read by the program's call site (the read is
    the program's own, traceback and all), reported first when calling it would use a loop object from a thread
    that is not its loop's."""
    __slots__ = ()

    def __call__(self, name: str, method: Any) -> Any:
        sites = _active[0]
        target = getattr(method, "__self__", None)  # (a bound method's object: the future, the loop)
        if sites is None or target is None:
            return method
        if name == "call_soon":
            # (a loop that is not asyncio's, uvloop's: asyncio's own checks it, loop.py; not a class of the program's)
            if isinstance(target, events.AbstractEventLoop) and not isinstance(target, base_events.BaseEventLoop):
                sites.checked(target, name, sys._getframe(1))
        elif type(target) in _C_FUTURES and getattr(target._loop, "_thread_id", None) != _get_ident():
            sites.checked(target, name, sys._getframe(1))  # (not asyncio's loop on its own thread: the usual call)
        return method

    def __reduce__(self) -> Any:
        # Another interpreter runs a shipped function unchecked: ``{}.get(name, method)`` is ``method``, and needs
        # nothing of asynccheck there (a cluster's workers may not have it).
        return (getattr, ({}, "get"))

    def __copy__(self) -> "_Check":
        return self

    def __deepcopy__(self, memo: Any) -> "_Check":
        return self


check = _Check()

# The module global the rewritten call sites call the check by (bound by an import the rewrite puts in the module;
# a builtin too, for a checked function rebuilt in this process with globals of its own)
CHECK_NAME = "_asynccheck_check"


class SiteCalls:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self.installed = False
        self.cache: Optional[ModuleCodeCache] = None  # (made when a first module needs it)

    def install(self, patches: Patches, on_import: Optional[OnImport] = None) -> None:
        if sys.version_info >= (3, 12) or not (self.recorder.wants("ACK401") or self.recorder.wants("ACK402")):
            return
        import runpy
        from importlib import machinery

        loader = machinery.SourceFileLoader
        patches.replace(loader, "get_code", self._loader_code(loader.get_code))
        from_file = getattr(runpy, "_get_code_from_file", None)
        if from_file is not None:
            patches.replace(runpy, "_get_code_from_file", self._runpy_code(from_file))
        import builtins

        setattr(builtins, CHECK_NAME, check)  # (set once and kept: a checked function may run after the checker)
        _active[0] = self
        self.installed = True
        if on_import is not None:
            on_import.when_imported("_pytest.assertion.rewrite", lambda module: self._patch_pytest(module, patches))

    def uninstall(self) -> None:
        if self.installed:
            _active[0] = None
            self.installed = False

    # -- compiling the program's files -------------------------------------------------------------------------
    def _loader_code(self, original: Any) -> Any:
        sites = self

        def get_code(loader: Any, fullname: str) -> Any:
            try:
                path = loader.get_filename(fullname)
            except ImportError:
                path = None
            if path and path.endswith(".py") and sites.recorder.frames.is_user(path):
                code = sites.compiled(loader.get_data(path), path)
                if code is not None:
                    return code
            return original(loader, fullname)

        get_code.__wrapped__ = original  # type: ignore[attr-defined]
        return get_code

    def _runpy_code(self, original: Any) -> Any:
        sites = self

        def _get_code_from_file(*args: Any) -> Any:
            found = original(*args)
            fname = args[-1]
            code = found[0] if isinstance(found, tuple) else found
            path = getattr(code, "co_filename", None)
            if path and str(fname).endswith(".py") and sites.recorder.frames.is_user(path):
                try:
                    with open(path, "rb") as fh:
                        new = sites.compiled(fh.read(), path)
                except OSError:
                    new = None
                if new is not None:
                    return (new,) + tuple(found[1:]) if isinstance(found, tuple) else new
            return found

        def compile_checked(source: bytes, path: str) -> Any:
            """The code of the program's script (checker/program.py compiles it without runpy's importer look-up)
            with its call sites checked; None when it has none."""
            return sites.compiled(source, path) if path.endswith(".py") and sites.recorder.frames.is_user(path) \
                else None

        _get_code_from_file.__wrapped__ = original  # type: ignore[attr-defined]
        _get_code_from_file.asynccheck_compile = compile_checked  # type: ignore[attr-defined]
        return _get_code_from_file

    def _patch_pytest(self, rewrite: Any, patches: Patches) -> None:
        """pytest imports test modules and conftest.py files through its own loader, which rewrites their asserts
        and caches the result in a ``.pyc`` of its own: the source loader never sees them. Such a module with
        call sites to check is compiled here from pytest's rewritten tree, checked too, and gets no ``.pyc``
        (pytest would load a checked one in a run without the checker, and an unchecked one in a run with it)."""
        hook = getattr(rewrite, "AssertionRewritingHook", None)
        rewrite_asserts = getattr(rewrite, "rewrite_asserts", None)
        original = getattr(hook, "exec_module", None)
        if original is None or rewrite_asserts is None:
            return
        sites = self

        def exec_module(loader: Any, module: Any) -> None:
            path = getattr(getattr(module, "__spec__", None), "origin", None)
            if sites.installed and path and path.endswith(".py") and sites.recorder.frames.is_user(path):
                try:
                    with open(path, "rb") as fh:
                        source = fh.read()
                    tree = ast.parse(source, path) if any(quick in source for quick in _QUICK) else None
                except (OSError, SyntaxError, ValueError):
                    tree = None  # (pytest's own loading reports it)
                if tree is not None:
                    rewrite_asserts(tree, source, path, loader.config)
                    if _rewrite(tree):
                        names = getattr(loader, "_rewritten_names", None)
                        if isinstance(names, dict):  # (what pytest notes of each module it rewrote)
                            names[module.__name__] = Path(path)
                        exec(compile(tree, path, "exec", dont_inherit=True), module.__dict__)
                        return
            original(loader, module)

        exec_module.__wrapped__ = original  # type: ignore[attr-defined]
        patches.replace(hook, "exec_module", exec_module)

    def compiled(self, source: bytes, path: str) -> Optional[Any]:
        """The module's code with its call sites checked; None when it has none (or cannot be parsed: the
        original compile then raises the program's own SyntaxError)."""
        if not any(quick in source for quick in _QUICK):
            return None
        if self.cache is None:
            self.cache = ModuleCodeCache((__file__,))
        code = self.cache.get(path, source)
        if code is MISSING:
            try:
                tree = ast.parse(source, path)
            except (SyntaxError, ValueError):
                return None  # (not cached: the program's own compile reports it, every run)
            code = compile(tree, path, "exec", dont_inherit=True) if _rewrite(tree) else None
            self.cache.put(path, source, code)
        return code

    # -- the check -----------------------------------------------------------------------------------------------
    def checked(self, target: Any, name: str, caller: Any) -> None:
        loop = target if name == "call_soon" else getattr(target, "_loop", None)
        if loop is None:
            return
        try:
            running = events._get_running_loop()
            if loop is running or not loop.is_running():
                return  # its own thread, or a loop not started yet / stopped: no thread owns it now
        except Exception:
            return
        if name != "call_soon" and isinstance(loop, base_events.BaseEventLoop) and (
                target._callbacks or getattr(target, "_fut_waiter", None) is not None):
            return  # asyncio's loop sees this one: the call schedules a callback through its call_soon (loop.py)
        report_foreign(self.recorder, target, name, caller)


def _rewrite(tree: Any) -> int:
    """Each ``X.name(...)`` in ``tree`` -> ``check("name", X.name)(...)``, at the call's own location (calls nested
    in ``X`` or in the arguments too), and the check bound first in a module that has any; how many."""
    sites = 0
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Attribute) and func.attr in NAMES:
            checker = ast.Name(id=CHECK_NAME, ctx=ast.Load())
            node.func = ast.Call(func=checker, args=[ast.Constant(func.attr), func], keywords=[])
            for new in (node.func, checker, node.func.args[0]):
                ast.copy_location(new, func)
            sites += 1
    if sites and isinstance(tree, ast.Module):
        body = tree.body
        first = 0  # (after the docstring, which stays __doc__, and the __future__ imports, which must lead)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            first = 1
        while first < len(body) and isinstance(body[first], ast.ImportFrom) and body[first].module == "__future__":
            first += 1
        binding = ast.ImportFrom(module=__name__, names=[ast.alias(name="check", asname=CHECK_NAME)], level=0)
        # (the next statement's line: one the module runs anyway, for a tracer's line events)
        for node in ast.walk(binding):
            ast.copy_location(node, body[first] if first < len(body) else body[-1])
        body.insert(first, binding)
    return sites
