"""Python functions a C library calls back through ctypes (ACK401/ACK402).

A function wrapped for C (`HOTPLUG = ctypes.CFUNCTYPE(...)` at the module's top, then `self._cb = HOTPLUG(self._on_
event)`) and handed to a library the module loads (`_usb = ctypes.CDLL(...)`, `_usb.register(..., self._cb)`) runs
where the library calls it: an event library calls back inside the call that serves its events
(`libusb_handle_events`), on whichever thread makes it. Where the module makes that library's calls in a function it
hands to a thread of its own (an event pump, `Thread(target=self._pump)`), the callbacks it was handed run there. (A
library called only from the loop calls back on the loop's thread, or on a thread of its own that nothing here
shows: not reported.)
"""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple

import libcst as cst

from asynccheck.lint.builder import CallSite, dotted
from asynccheck.lint.context import FileContext

WRAPPER_TYPES = frozenset({"ctypes.CFUNCTYPE", "ctypes.WINFUNCTYPE", "ctypes.PYFUNCTYPE"})
_LIBRARIES = frozenset({"ctypes.CDLL", "ctypes.WinDLL", "ctypes.PyDLL", "ctypes.cdll.LoadLibrary",
                        "ctypes.windll.LoadLibrary"})
WHERE = "the thread that serves the C library's events (a ctypes callback, called inside the library's calls there)"


def _module_names(ctx: FileContext, kinds: frozenset) -> Set[str]:
    """The names the module's top binds once to a call of one of ``kinds``."""
    names = set()
    for site in ctx.calls:
        statement = site.statement
        if site.scope.kind == "module" and type(statement) is cst.Assign and statement.value is site.node \
                and len(statement.targets) == 1 and type(statement.targets[0].target) is cst.Name \
                and ctx.target_of(site) in kinds:
            names.add(statement.targets[0].target.value)
    return names


def _owner(site: CallSite) -> Optional[str]:
    cls = site.scope.class_scope if site.scope.kind == "function" else None
    return cls.qualname if cls is not None else site.scope.qualname


def served_off_loop(ctx: FileContext, threaded: Set[str]) -> Iterator[Tuple[CallSite, cst.BaseExpression]]:
    """(where a C callback is made, the Python callable it wraps) for each callback handed to a library this module
    calls from one of the ``threaded`` functions (qualified names)."""
    wrappers = _module_names(ctx, WRAPPER_TYPES)
    if not wrappers:
        return
    libraries = _module_names(ctx, _LIBRARIES)
    made: Dict[Tuple[Optional[str], str], Tuple[CallSite, cst.BaseExpression]] = {}
    for site in ctx.calls:
        func, statement = site.node.func, site.statement
        if type(func) is cst.Name and func.value in wrappers and len(site.node.args) == 1 \
                and type(statement) is cst.Assign and statement.value is site.node and len(statement.targets) == 1:
            made[(_owner(site), dotted(statement.targets[0].target))] = (site, site.node.args[0].value)
    handed: Dict[str, List[Tuple[CallSite, cst.BaseExpression]]] = {}
    serving: Set[str] = set()
    for site in ctx.calls:
        func = site.node.func
        library = dotted(func.value) if type(func) is cst.Attribute else ""
        if library not in libraries:
            continue
        if site.scope.qualname in threaded:
            serving.add(library)
        for arg in site.node.args:
            found = made.get((_owner(site), dotted(arg.value)))
            if found is not None:
                handed.setdefault(library, []).append(found)
    for library in serving:
        yield from handed.get(library, ())

