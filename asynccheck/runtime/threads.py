"""ACK401 on asyncio's pure-Python objects: `Event.set/clear`, `Queue.put_nowait/get_nowait`, `Lock.release`,
`Condition.notify*`, `Semaphore.release` called from a thread that is not their loop's, whether or not anybody
waits at that moment.

These methods are on the hot path (`await queue.put()` calls `put_nowait`, `async with lock` calls `release`):
a wrapper costs a Python frame per call, measured at +16% CPU on the queue/lock workload. So each method is
recompiled from its own source (this interpreter's stdlib) with a two-line prologue and no extra frame: the
object's loop (`_loop`, None until first use) against the running loop of this thread. A method whose source
cannot be read, or does not compile back to the same bytecode, is left alone.

The prologue needs nothing of the loop but its identity, so it works on uvloop too (uvloop sets the running loop
as asyncio does). A loop that is not running (not started yet, or closed) owns no thread: nothing is reported.
"""
from __future__ import annotations

import ast
import asyncio
import inspect
import sys
import textwrap
import threading
import types
from asyncio import events, locks, queues
from typing import Any, Callable, Optional

from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder

# (class, method) whose call from a foreign thread is ACK401
CHECKED = (
    (queues.Queue, "put_nowait"), (queues.Queue, "get_nowait"),
    (locks.Event, "set"), (locks.Event, "clear"),
    (locks.Lock, "release"), (locks.Semaphore, "release"),
    (locks.Condition, "notify"), (locks.Condition, "notify_all"),
)

_PROLOGUE = """\
_asynccheck_loop = {self}._loop
if _asynccheck_loop is not None and _asynccheck_loop is not _asynccheck_running{read}:
    _asynccheck_foreign({self}, {name!r})
"""
# Up to 3.11 asyncio's C `_get_running_loop()` calls getpid() (a system call) every time: there this thread's running
# loop is read from a thread-local that `events._set_running_loop` keeps, and the slow path asks asyncio itself.
_RUNNING_FROM_ASYNCIO = sys.version_info >= (3, 12)


class _RunningLoop(threading.local):
    loop = None


def _thread_name(ident: Optional[int]) -> Optional[str]:
    thread = threading._active.get(ident) if ident is not None else None  # type: ignore[attr-defined]
    return thread.name if thread is not None else None


# ACK501, after `self._put(item)` in `Queue.put_nowait` (every put, `await put()` included, goes through it): one
# comparison per put, a call only while a queue holds more than the threshold (runtime/loop.py decides the rest)
_HIGH_WATER = """\
if len({self}._queue) > _asynccheck_limit:
    _asynccheck_high({self})
"""


class ForeignObjects:
    def __init__(self, recorder: Recorder, high_water: Optional[Callable[[Any], None]] = None, limit: int = 0):
        self.recorder = recorder
        self.high_water, self.limit = high_water, limit  # ACK501's check after each put (None: not wanted)

    def install(self, patches: Patches) -> bool:
        """Install the checks; True when `Queue.put_nowait` now calls ``high_water`` past the limit."""
        high = False
        if not self.recorder.wants("ACK401"):
            if self.high_water is not None:
                checked = with_prologue(queues.Queue, "put_nowait", _never, None, self.high_water, self.limit, "")
                if checked is not None:
                    patches.replace(queues.Queue, "put_nowait", checked)
                    high = True
            return high
        if _RUNNING_FROM_ASYNCIO:
            running: Any = events._get_running_loop
        else:
            running = _RunningLoop()
            original = events._set_running_loop

            def _set_running_loop(loop: Any) -> None:
                original(loop)
                running.loop = loop

            _set_running_loop.__wrapped__ = original  # type: ignore[attr-defined]
            patches.replace(events, "_set_running_loop", _set_running_loop)
            # uvloop takes it from the asyncio package when it is imported (after the checker, under `run`)
            patches.replace(asyncio, "_set_running_loop", _set_running_loop)
            current = events._get_running_loop()
            if current is not None:  # installed inside a running loop (the API's `watch()` in a coroutine)
                running.loop = current
        for cls, name in CHECKED:
            queue_put = cls is queues.Queue and name == "put_nowait" and self.high_water is not None
            checked = with_prologue(cls, name, self.foreign, running, *((self.high_water, self.limit)
                                                                         if queue_put else ()))
            if checked is not None:
                patches.replace(cls, name, checked)
                high = high or queue_put
        return high

    def foreign(self, obj: Any, method: str) -> None:
        """``obj.method()`` runs on a thread whose running loop (if any) is not ``obj``'s loop."""
        loop = obj._loop
        try:
            if loop is events._get_running_loop() or not loop.is_running():
                return  # not started yet, or stopped: no thread owns the loop now
        except Exception:
            return
        owner = _thread_name(getattr(loop, "_thread_id", None))
        where = f" (its loop runs in thread {owner!r})" if owner else ""
        kind = type(obj).__name__
        self.recorder.report(
            "ACK401", f"`{kind}.{method}()` was called from thread {threading.current_thread().name!r} on an "
            f"asyncio {kind} bound to another thread's loop{where}: asyncio objects are not thread-safe; use "
            f"`loop.call_soon_threadsafe(obj.{method}, ...)`", sys._getframe(2), raise_here=True)


def _never(obj: Any, method: str) -> None:
    pass


def with_prologue(cls: type, name: str, foreign: Callable[[Any, str], None], running: Any,
                  high: Optional[Callable[[Any], None]] = None, limit: int = 0, prologue: str = _PROLOGUE) -> Any:
    """``cls.name`` recompiled from its source with the foreign-thread prologue (and, with ``high``, ACK501's
    check after the put); None when that is not sound."""
    original = cls.__dict__.get(name)
    code = getattr(original, "__code__", None)
    if code is None:
        return None
    try:
        source = textwrap.dedent(inspect.getsource(original))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    function = tree.body[0] if tree.body else None
    if not isinstance(function, ast.FunctionDef) or not function.args.args:
        return None
    ast.increment_lineno(tree, code.co_firstlineno - 1)
    # the source must be what runs: compiled back unchanged, it gives the same bytecode
    if _compiled(cls, tree, name, code.co_filename, foreign, running, high, limit).__code__.co_code != code.co_code:
        return None
    body = function.body
    start = 1 if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                          ast.Constant) else 0
    self_name = function.args.args[0].arg
    if high is not None:
        put = next((i for i, node in enumerate(body) if _calls(node, self_name, "_put")), None)
        if put is None:
            return None
        body[put + 1:put + 1] = _located(_HIGH_WATER.format(self=self_name), body[put])
    read = "()" if callable(running) else ".loop"
    body[start:start] = _located(prologue.format(self=self_name, name=name, read=read),
                                 body[min(start, len(body) - 1)])
    compiled = _compiled(cls, tree, name, code.co_filename, foreign, running, high, limit)
    new = types.FunctionType(compiled.__code__, original.__globals__, original.__name__, original.__defaults__,
                             compiled.__closure__)
    new.__kwdefaults__ = original.__kwdefaults__
    new.__qualname__ = original.__qualname__
    new.__doc__ = original.__doc__
    new.__module__ = original.__module__
    new.__dict__.update(original.__dict__)
    new.__wrapped__ = original  # type: ignore[attr-defined]
    return new


def _calls(node: ast.stmt, self_name: str, method: str) -> bool:
    """``node`` is the statement ``self.method(...)``."""
    call = node.value if isinstance(node, ast.Expr) else None
    func = call.func if isinstance(call, ast.Call) else None
    return (isinstance(func, ast.Attribute) and func.attr == method and isinstance(func.value, ast.Name)
            and func.value.id == self_name)


def _located(source: str, where: ast.stmt) -> list:
    """The statements of ``source``, every node at ``where``'s line (tracebacks show asyncio's own lines)."""
    nodes = ast.parse(source).body
    for node in nodes:
        ast.copy_location(node, where)
        for child in ast.walk(node):
            ast.copy_location(child, node)
    return nodes


def _compiled(cls: type, tree: ast.Module, name: str, filename: str, foreign: Any, running: Any, high: Any = None,
              limit: int = 0) -> Any:
    """Compile the method as it would be inside its class (private names mangle alike), in a function whose
    locals give the inserted code its names as closure cells."""
    klass = ast.ClassDef(name=cls.__name__, bases=[], keywords=[], body=list(tree.body), decorator_list=[])
    maker = ast.parse("def _asynccheck_make(_asynccheck_foreign, _asynccheck_running, _asynccheck_high, "
                      "_asynccheck_limit):\n"
                      "    _asynccheck_foreign, _asynccheck_running, _asynccheck_high, _asynccheck_limit\n"
                      f"    return {cls.__name__}.__dict__[{name!r}]\n").body[0]
    maker.body.insert(1, klass)  # type: ignore[attr-defined]
    module = ast.Module(body=[maker], type_ignores=[])
    ast.fix_missing_locations(module)
    namespace: dict = {}
    exec(compile(module, filename, "exec"), namespace)
    return namespace["_asynccheck_make"](foreign, running, high, limit)
