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

            # (stubs only: reading inline-typed `py.typed` packages too changed no finding on the bench corpus or
            # realcode47, lmiss12; the twins' resolver below reads them, where a twin's source is the only record)
            _quiet_parser()
            _resolver = typeshed_client.Resolver()
        except Exception:  # not installed, or a version we cannot use: the built-in tables only
            _resolver = None
    return _resolver


def _quiet_parser() -> None:
    """typeshed_client logs a warning for each class a module defines twice (click's `types.py`, one under `if
    TYPE_CHECKING:` and one in its `else`), which the logging module's last resort prints on stderr when nobody
    configured logging: lines about a library's source in the user's lint output, about nothing they can change."""
    import logging

    log = logging.getLogger("typeshed_client.parser")
    log.addHandler(logging.NullHandler())
    log.propagate = False


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


# -- sync clients whose package has an async twin --------------------------------------------------------------
# An SDK that ships both a sync client and its async twin, named alike (`pkg.Client` and `pkg.AsyncClient` or
# `pkg.ClientAsync`, the same name in an `aio`/`asyncio` module beside it or above it, or in an asyncio flavour of
# the package installed as another distribution: `pkg_asyncio`, `aiopkg`), says which of the sync client's methods
# do I/O: those whose twin is a coroutine function. Read from the installed package itself (its stubs, or its
# sources when it is inline-typed), for a library class no table describes; nothing is known when the package is
# not installed beside asynccheck.
_twin_resolver: Any = _UNSET
_twins: Dict[str, bool] = {}
_TWIN_CLASS_DEPTH = 4


def _get_twin_resolver():
    global _twin_resolver
    if _twin_resolver is _UNSET:
        _twin_resolver = None
        if available():
            try:
                import typeshed_client
                from pathlib import Path
                from typeshed_client.finder import get_search_context

                context = get_search_context(search_path=[Path(p) for p in sys.path if p], allow_py_files=True)
                _twin_resolver = typeshed_client.Resolver(context)
            except Exception:  # a version we cannot use
                _twin_resolver = None
    return _twin_resolver


def _twin_names(owner: str) -> List[str]:
    module, _, name = owner.rpartition(".")
    parts = module.split(".")
    root, rest = parts[0], ".".join(parts[1:])
    names = [f"{module}.Async{name}", f"{module}.{name}Async"]
    # an `aio`/`asyncio` subpackage of the module or of any package above it (Azure's `azure.storage.blob.aio`
    # beside the client defined in `azure.storage.blob._blob_client`)
    for depth in range(len(parts), 0, -1):
        package = ".".join(parts[:depth])
        names += [f"{package}.aio.{name}", f"{package}.asyncio.{name}"]
    # the same modules in a separately installed asyncio flavour (an OpenAPI client generated for asyncio:
    # `kubernetes_asyncio.client.CoreV1Api` beside `kubernetes.client.CoreV1Api`)
    for flavour in _ASYNC_FLAVOURS:
        names.append(".".join(p for p in (flavour.format(root), rest, name) if p))
    return names


_ASYNC_FLAVOURS = ("{}_asyncio", "{}_aio", "aio{}", "aio_{}", "{}_async", "async_{}")


def _twin_class(resolver, qualname: str):
    """(module, ClassDef NameInfo) of a class in an installed package, followed through re-exports."""
    try:
        found = resolver.get_fully_qualified_name(qualname)
    except Exception:
        return None
    module = qualname.rpartition(".")[0]
    if found is not None and hasattr(found, "source_module"):
        module, found = ".".join(found.source_module), found.info
    if found is None or not isinstance(getattr(found, "ast", None), ast.ClassDef):
        return None
    return module, found


def _member(resolver, qualname: str, method: str, depth: int = 0):
    """The definition of ``method`` in the class ``qualname`` or its bases (as far as they resolve), or None."""
    found = _twin_class(resolver, qualname)
    if found is None or depth > _TWIN_CLASS_DEPTH:
        return None
    module, info = found
    member = (info.child_nodes or {}).get(method)
    if member is not None:
        return member.ast
    try:
        from typeshed_client import ModulePath

        names = resolver.get_module(ModulePath(tuple(module.split(".")))).names or {}
    except Exception:
        return None
    for base in info.ast.bases:
        if isinstance(base, ast.Subscript):
            base = base.value
        if not isinstance(base, ast.Name) or base.id not in names:
            continue
        node = names[base.id].ast
        target = f"{'.'.join(node.module_name)}.{node.name}" if type(node).__name__ == "ImportedName" \
            else f"{module}.{base.id}"
        found_member = _member(resolver, target, method, depth + 1)
        if found_member is not None:
            return found_member
    return None


def _is_async(definition) -> Optional[bool]:
    definitions = getattr(definition, "definitions", None) or [definition]
    if any(isinstance(d, ast.AsyncFunctionDef) for d in definitions):
        return True
    return False if all(isinstance(d, ast.FunctionDef) for d in definitions) else None


def twin_makes_coroutine(owner: str, method: str) -> bool:
    """Is ``<owner>.<method>`` a plain method of a library class whose async twin has it as a coroutine function
    (so that calling it waits for the same I/O)?"""
    return _twin_answer(owner, method, "", _is_async)


def twin_pages(owner: str, method: str) -> bool:
    """Is ``<owner>.<method>`` a plain method of a library class whose async twin has it as a plain method
    returning an async iterable (`-> AsyncItemPaged[...]`, `-> AsyncIterator[...]`: Azure's `query_items`)? The
    sync one's result then fetches its pages while it is iterated."""
    return _twin_answer(owner, method, "(pages)", _returns_async_iterable)


def _twin_answer(owner: str, method: str, tag: str, twin_has) -> bool:
    """``<owner>.<method>`` is a plain method and ``twin_has`` holds for the same method of one of its async
    twins; each answer kept for the run."""
    key = f"{owner}.{method}{tag}"
    if key not in _twins:
        answer = False
        root = owner.split(".", 1)[0]
        resolver = _get_twin_resolver() if root not in _STDLIB and "." in owner else None
        if resolver is not None and _is_async(_member(resolver, owner, method)) is False:
            answer = any(twin_has(_member(resolver, twin, method)) for twin in _twin_names(owner))
        _twins[key] = answer
    return _twins[key]


def _returns_async_iterable(definition) -> bool:
    definitions = getattr(definition, "definitions", None) or [definition]
    for node in definitions:
        returns = getattr(node, "returns", None) if isinstance(node, ast.FunctionDef) else None
        if isinstance(returns, ast.Subscript):
            returns = returns.value
        name = returns.attr if isinstance(returns, ast.Attribute) else getattr(returns, "id", "")
        if name.startswith("Async") and name.endswith(("Paged", "Pager", "Iterator", "Iterable", "Generator")):
            return True
    return False


_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"builtins", "typing", "typing_extensions"}


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
        for name, answer in (kept.get("twins") or {}).items():
            _twins.setdefault(name, answer)
    _recalled = len(_known) + len(_returns) + len(_twins)


def keep(cache: Any) -> None:
    """Keep this run's answers for the next one, when it found new ones."""
    if len(_known) + len(_returns) + len(_twins) > _recalled:
        cache.put(_stamp_key(cache), {"known": dict(_known), "returns": dict(_returns), "twins": dict(_twins)})
