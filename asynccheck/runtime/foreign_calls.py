"""ACK401/402 for the calls no Python code of the loop sees (Python 3.12+): ``fut.set_result()``,
``set_exception()``, ``cancel()`` on an asyncio Future or Task from another thread while nothing awaits it (the C
future schedules no callback then), and on uvloop ``loop.call_soon()`` (compiled) and a future resolved from
another thread (its waiter is woken through that compiled ``call_soon``).

Futures and uvloop's loop are C types whose methods cannot be replaced without costing every call the loop
makes itself. ``sys.monitoring`` sees a call where the program makes it instead: the CALL event is switched on
only in the program's own code objects (a PY_START event, disabled at once for every other code object and for
each program code object once switched on), and a call site that calls anything else than the watched methods
is disabled the first time it runs. What remains are the program's own calls of those methods: a thread check
each. Up to 3.11 there is no such hook: see docs/runtime.md, Limits.
"""
from __future__ import annotations

import functools
import sys
import types
from asyncio import events
from typing import Any, Callable, Dict, List, Optional

from asynccheck.runtime.recorder import Recorder, thread_name

_FUTURE_METHODS = ("set_result", "set_exception", "cancel")
_DESCRIPTOR = type(str.join)  # a C method, looked up on its class
_BUILTIN = type(len)  # a C method bound to its object (or a builtin function)
_BOUND = types.MethodType  # a function bound to its object (uvloop's methods are Cython functions)
_TOOL_IDS = (4, 3)  # free by convention (0 debugger, 1 coverage, 2 profiler, 5 optimizer)


def _watched_methods() -> Dict[Any, str]:
    """method descriptor -> its name, for the C Future and Task (the pure-Python ones are checked otherwise)."""
    found: Dict[Any, str] = {}
    try:
        import _asyncio
    except ImportError:
        return found
    for cls in (_asyncio.Future, _asyncio.Task):
        for name in _FUTURE_METHODS:
            method = cls.__dict__.get(name)
            if method is not None:
                found[method] = name
    return found


class ForeignCalls:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self.tool: Optional[int] = None
        self.methods: Dict[Any, str] = {}
        self._unbound = {_DESCRIPTOR}  # the kinds of method objects in ``methods``
        self._codes: List[Any] = []  # the program's code objects whose CALL event is on (switched off at the end)
        self._use_tool_id: Optional[Callable[..., Any]] = None  # sys.monitoring's own, while ours stands in

    def install(self) -> None:
        monitoring = getattr(sys, "monitoring", None)
        if monitoring is None or not (self.recorder.wants("ACK401") or self.recorder.wants("ACK402")):
            return
        if not self._take(()):
            return
        if self.recorder.wants("ACK401"):
            self.methods.update(_watched_methods())  # (uvloop's call_soon may be in already)
        # the program's own request for our id (a profiler, a debugger that picks 3 or 4 by number) is served
        # as under python: the checker moves to another free id first
        self._use_tool_id = use_tool_id = monitoring.use_tool_id

        def use_tool_id_(tool_id: int, name: str) -> None:
            if tool_id == self.tool:
                self._move(tool_id)
            return use_tool_id(tool_id, name)

        functools.update_wrapper(use_tool_id_, use_tool_id)
        monitoring.use_tool_id = use_tool_id_

    def _take(self, avoid: Any) -> bool:
        monitoring = sys.monitoring
        tool = next((t for t in _TOOL_IDS if t not in avoid and monitoring.get_tool(t) is None), None)
        if tool is None:
            return False
        monitoring.use_tool_id(tool, "asynccheck")
        self.tool = tool
        events_ = monitoring.events
        monitoring.register_callback(tool, events_.PY_START, self._started)
        monitoring.register_callback(tool, events_.CALL, self._called)
        monitoring.set_events(tool, events_.PY_START)
        return True

    def _move(self, wanted: int) -> None:
        codes = list(self._codes)
        self._release()
        if self._take((wanted,)):  # (none free: the program's id wins, ACK401/402 stop being watched)
            for code in codes:
                sys.monitoring.set_local_events(self.tool, code, sys.monitoring.events.CALL)
            self._codes.extend(codes)

    def uninstall(self) -> None:
        if self.tool is None and self._use_tool_id is None:
            return
        if self._use_tool_id is not None:
            sys.monitoring.use_tool_id = self._use_tool_id
            self._use_tool_id = None
        self._release()

    def _release(self) -> None:
        if self.tool is None:
            return
        monitoring = sys.monitoring
        monitoring.set_events(self.tool, 0)
        for code in self._codes:  # (freeing the tool id leaves local events on)
            monitoring.set_local_events(self.tool, code, 0)
        self._codes.clear()
        monitoring.register_callback(self.tool, monitoring.events.PY_START, None)
        monitoring.register_callback(self.tool, monitoring.events.CALL, None)
        monitoring.free_tool_id(self.tool)
        self.tool = None

    def uvloop_imported(self, loop_cls: type) -> None:
        """uvloop's compiled ``call_soon`` is watched too (ACK402)."""
        if self.recorder.wants("ACK402"):
            for klass in loop_cls.__mro__:
                method = klass.__dict__.get("call_soon")
                if method is not None:
                    self._unbound.add(type(method))
                    self.methods[method] = "call_soon"
                    return

    def _started(self, code: Any, offset: int) -> Any:
        """The first run of a code object: the CALL event is switched on in the program's own."""
        if self.recorder.frames.is_user(code.co_filename):
            sys.monitoring.set_local_events(self.tool, code, sys.monitoring.events.CALL)
            self._codes.append(code)
        return sys.monitoring.DISABLE

    def _called(self, code: Any, offset: int, callable_: Any, arg0: Any) -> Any:
        kind = type(callable_)
        if kind in self._unbound:  # `fut.set_result(x)`: the method, then the object
            name, target = self.methods.get(callable_), arg0
        elif kind is _BOUND:  # `handler = loop.call_soon; handler(...)` on uvloop (a Cython method)
            name, target = self.methods.get(callable_.__func__), callable_.__self__
        elif isinstance(callable_, _BUILTIN):  # `method = fut.set_result; method(x)` (3.13: a subclass of it)
            target = callable_.__self__
            try:
                name = self.methods.get(type(target).__dict__.get(callable_.__name__))
            except (AttributeError, TypeError):
                name = None
        elif kind is functools.partial:  # `resolve = partial(fut.set_result, x)`: what it calls decides
            return self._called(code, offset, callable_.func, callable_.args[0] if callable_.args else arg0)
        else:
            name = None
        if name is None:
            return sys.monitoring.DISABLE  # this site calls something else (it always does, nearly)
        self._check(target, name, sys._getframe(1))
        return None

    def _check(self, target: Any, name: str, caller: Any) -> None:
        loop = getattr(target, "_loop", None) if name != "call_soon" else target
        if loop is None:
            return
        running = events._get_running_loop()
        try:
            if loop is running or not loop.is_running():
                return  # its own thread, or a loop not started yet / stopped: no thread owns it now
        except Exception:
            return
        report_foreign(self.recorder, target, name, caller)


def report_foreign(recorder: Recorder, target: Any, name: str, caller: Any) -> None:
    """``target.name()`` (a future's `set_result`..., a loop's `call_soon`) was called at ``caller`` from a thread
    that does not run ``target``'s loop (site_calls.py reports through this too)."""
    thread = thread_name()
    if name == "call_soon":
        recorder.report(
            "ACK402", f"`loop.call_soon()` was called from thread {thread!r}, not the loop's thread: use "
            "`loop.call_soon_threadsafe(...)`", caller, raise_here=True)
        return
    kind = type(target).__name__
    recorder.report(
        "ACK401", f"`{kind}.{name}()` was called from thread {thread!r} on an asyncio {kind} of a loop that "
        f"runs in another thread: asyncio objects are not thread-safe, and the loop is not woken to see the "
        f"change; use `loop.call_soon_threadsafe({kind.lower()}.{name}, ...)`", caller, raise_here=True)
