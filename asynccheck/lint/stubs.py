"""Library types from stubs: what a library callable returns and which classes a library class derives from.

Optional (``pip install asynccheck[types]``): typeshed-client bundles typeshed's stubs for the standard library
and finds stub packages and inline-typed (``py.typed``) packages installed beside asynccheck. Without it these
answer nothing and the built-in tables of ``knowledge.py`` are all the linter knows.

Stubs are read lazily, one module when a name of it is first asked about, and each answer is kept for the
process; a file's findings are cached by the lint cache, and so are the answers the decisions across modules
asked for (see the end of this module), so a warm run reads no stub at all. Only answers that
name a type the rules know are given (a ``PosixPath`` is a ``pathlib.Path``, a ``TextIOWrapper`` returned by
``os.fdopen()`` is a file, the ``Future`` an executor's ``submit()`` returns), so an unknown stub changes nothing.
"""
from __future__ import annotations

import ast
import os
import sys
from typing import Any, Dict, List, Optional, Tuple

from asynccheck.lint import knowledge

_UNSET = object()
_resolver = _UNSET
_known: Dict[str, Optional[str]] = {}
_returns: Dict[str, Optional[str]] = {}
_classes: Dict[str, Optional[Tuple[str, ast.ClassDef]]] = {}
MAX_DEPTH = 8
# typing's names for "the class itself" and wrappers whose first argument is the type
_SELF = frozenset({"Self"})
_WRAPPERS = frozenset({"Optional", "Final", "Annotated"})


def _get_resolver():
    global _resolver
    if _resolver is _UNSET:
        try:
            import typeshed_client

            _resolver = typeshed_client.Resolver()
        except Exception:  # not installed, or a version we cannot use: the built-in tables only
            _resolver = None
    return _resolver


def available() -> bool:
    return _get_resolver() is not None


def _roots() -> frozenset:
    """The packages whose stubs can name a type the rules know: where those types and callables live (the
    stubs of others are never read, which keeps a cold run cheap)."""
    names = (*knowledge.KNOWN_TYPES, *knowledge.BLOCKING, *knowledge.RETURNS, *knowledge.CANONICAL)
    return frozenset({n.split(".", 1)[0] for n in names} | {"ssl", "_io", "_socket", "_thread"}) - {"builtins"}


ROOTS = _roots()


def _lookup(qualname: str):
    """The stub's definition of ``qualname`` (module-level), followed through re-exports: (module, node)."""
    resolver = _get_resolver()
    if resolver is None or "." not in qualname or qualname.split(".", 1)[0] not in ROOTS:
        return None
    try:
        found = resolver.get_fully_qualified_name(qualname)
    except Exception:  # a stub typeshed-client cannot read
        return None
    module = qualname.rpartition(".")[0]
    if found is not None and hasattr(found, "source_module"):  # ImportedInfo
        module, found = ".".join(found.source_module), found.info
    if found is None or not hasattr(found, "ast"):
        return None
    return module, found


def _class(qualname: str) -> Optional[Tuple[str, object]]:
    """(the module the class is defined in, its NameInfo) for a library class."""
    if qualname not in _classes:
        _classes[qualname] = None  # a cycle of aliases ends here
        found = _lookup(qualname)
        node = found[1].ast if found is not None else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:  # `SelectorEventLoop = _UnixSelectorEventLoop`
            target = _name_in(found[0], node.value)
            _classes[qualname] = _class(target) if target is not None else None
        elif isinstance(node, ast.ClassDef):
            _classes[qualname] = found
    return _classes[qualname]


def _name_in(module: str, expr: ast.expr, owner: Optional[str] = None) -> Optional[str]:
    """The qualified name an expression of a stub names, read in that stub's module."""
    if isinstance(expr, ast.Subscript):
        head = _name_in(module, expr.value)
        last = head.rpartition(".")[2] if head else ""
        if last in _WRAPPERS:
            inner = expr.slice.elts[0] if isinstance(expr.slice, ast.Tuple) else expr.slice
            return _name_in(module, inner, owner)
        return head  # `Future[_T]` is a Future
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):  # `T | None`
        sides = [s for s in (expr.left, expr.right) if not (isinstance(s, ast.Constant) and s.value is None)]
        names = {_name_in(module, s, owner) for s in sides}
        return names.pop() if len(names) == 1 else None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        try:
            return _name_in(module, ast.parse(expr.value, mode="eval").body, owner)
        except SyntaxError:
            return None
    parts: List[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    if expr.id in _SELF and not parts and owner is not None:
        return owner
    head = _resolve_local(module, expr.id)
    if head is None:
        return None
    return ".".join([head, *reversed(parts)])


def _resolve_local(module: str, name: str) -> Optional[str]:
    """What the name ``name`` of the stub module ``module`` refers to, by qualified name."""
    try:
        from typeshed_client import ModulePath

        names = _get_resolver().get_module(ModulePath(tuple(module.split(".")))).names  # parsed once per process
    except Exception:
        return None
    info = names.get(name) if names is not None else None
    if info is None:
        return f"builtins.{name}" if name[:1].islower() or name in ("None",) else None
    node = info.ast
    if type(node).__name__ == "ImportedName":
        target = ".".join(node.module_name)
        return f"{target}.{node.name}" if node.name else target
    return f"{module}.{name}"


def ancestors(qualname: str) -> List[str]:
    """The library classes ``qualname`` derives from, nearest first (breadth first), from the stubs."""
    out: List[str] = []
    queue, seen = [qualname], {qualname}
    while queue and len(seen) < 40:
        current = queue.pop(0)
        found = _class(current)
        if found is None:
            continue
        module, info = found
        for base in info.ast.bases:
            name = _name_in(module, base)
            if name is not None and name not in seen:
                seen.add(name)
                out.append(name)
                queue.append(name)
    return out


def known_type(qualname: str, made: bool = False) -> Optional[str]:
    """The type the rules know that a library class is (itself, or its nearest known ancestor), or None.
    ``made``: the object comes from a call (types that only a call establishes count then)."""
    if qualname not in _known:
        answer = None
        if available():
            for name in (qualname, *ancestors(qualname)):
                name = knowledge.canonical(name)
                if name in knowledge.KNOWN_TYPES:
                    answer = name
                    break
        _known[qualname] = answer
    answer = _known[qualname]
    return None if answer in knowledge.ONLY_FROM_CALLS and not made else answer


def _function(qualname: str) -> Tuple[Optional[str], list]:
    """(the class a method belongs to, the definitions of a library function or method, overloads included)."""
    found = _lookup(qualname)
    if found is not None and not isinstance(found[1].ast, ast.ClassDef):
        return None, [(found[0], found[1].ast)]
    owner, _, method = qualname.rpartition(".")
    cls = _class(owner)
    if cls is None:
        return None, []
    for name in (owner, *ancestors(owner)):
        here = _class(name)
        if here is None:
            continue
        member = (here[1].child_nodes or {}).get(method)
        if member is not None:
            return owner, [(here[0], member.ast)]
    return None, []


def returned(qualname: str) -> Optional[str]:
    """The type the rules know that calling the library function or method ``qualname`` returns, when every
    overload of it returns that type (through the stub's annotations and the classes' ancestors)."""
    if qualname in _returns:
        return _returns[qualname]
    answer = None
    if available():
        owner, definitions = _function(qualname)
        found = set()
        for module, node in definitions:
            for definition in getattr(node, "definitions", None) or [node]:
                if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) or definition.returns is None:
                    found.add(None)
                    continue
                if isinstance(definition, ast.AsyncFunctionDef):
                    found.add(None)  # a coroutine
                    continue
                name = _name_in(module, definition.returns, owner)
                found.add(known_type(name, made=True) if name is not None else None)
        if len(found) == 1:
            answer = found.pop()
    _returns[qualname] = answer
    return answer


# -- answers kept between runs ------------------------------------------------------------------------------------
# A warm run checks no file, but the decisions across modules still ask about library types: kept in the lint
# cache, those answers cost no stub read (nor typeshed-client's import). The cache's folder is per version of
# asynccheck; besides that, the answers depend on the installed packages, stamped by their folders' mtimes
# (installing, upgrading or removing a package changes them) and on the Python.
_recalled = 0


def _stamp_key(cache: Any) -> str:
    folders = sorted(p for p in sys.path if p.endswith(("site-packages", "dist-packages")))
    stamp = [sys.version]
    for folder in folders:
        try:
            stamp.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
        except OSError:
            continue
    return cache.key("\n".join(stamp).encode(), "stub answers")


def recall(cache: Any) -> None:
    """Take the answers an earlier run kept (those this process already has stay)."""
    global _recalled
    kept = cache.get(_stamp_key(cache))
    if isinstance(kept, dict) and isinstance(kept.get("known"), dict) and isinstance(kept.get("returns"), dict):
        for name, answer in kept["known"].items():
            _known.setdefault(name, answer)
        for name, answer in kept["returns"].items():
            _returns.setdefault(name, answer)
    _recalled = len(_known) + len(_returns)


def keep(cache: Any) -> None:
    """Keep this run's answers for the next one, when it found new ones."""
    if len(_known) + len(_returns) > _recalled:
        cache.put(_stamp_key(cache), {"known": dict(_known), "returns": dict(_returns)})
