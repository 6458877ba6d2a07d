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


class ForeignObjects:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder

    def install(self, patches: Patches) -> None:
        if not self.recorder.wants("ACK401"):
            return
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
            checked = with_prologue(cls, name, self.foreign, running)
            if checked is not None:
                patches.replace(cls, name, checked)

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


def with_prologue(cls: type, name: str, foreign: Callable[[Any, str], None], running: Callable[[], Any]) -> Any:
    """``cls.name`` recompiled from its source with the foreign-thread prologue; None when that is not sound."""
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
    if _compiled(cls, tree, name, code.co_filename, foreign, running).__code__.co_code != code.co_code:
        return None
    body = function.body
    start = 1 if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                          ast.Constant) else 0
    read = "()" if callable(running) else ".loop"
    prologue = ast.parse(_PROLOGUE.format(self=function.args.args[0].arg, name=name, read=read)).body
    for node in prologue:
        ast.copy_location(node, body[min(start, len(body) - 1)])
        for child in ast.walk(node):
            ast.copy_location(child, node)
    body[start:start] = prologue
    compiled = _compiled(cls, tree, name, code.co_filename, foreign, running)
    new = types.FunctionType(compiled.__code__, original.__globals__, original.__name__, original.__defaults__,
                             compiled.__closure__)
    new.__kwdefaults__ = original.__kwdefaults__
    new.__qualname__ = original.__qualname__
    new.__doc__ = original.__doc__
    new.__module__ = original.__module__
    new.__dict__.update(original.__dict__)
    new.__wrapped__ = original  # type: ignore[attr-defined]
    return new


def _compiled(cls: type, tree: ast.Module, name: str, filename: str, foreign: Any, running: Any) -> Any:
    """Compile the method as it would be inside its class (private names mangle alike), in a function whose
    locals give the prologue its two names as closure cells."""
    klass = ast.ClassDef(name=cls.__name__, bases=[], keywords=[], body=list(tree.body), decorator_list=[])
    maker = ast.parse("def _asynccheck_make(_asynccheck_foreign, _asynccheck_running):\n"
                      "    _asynccheck_foreign, _asynccheck_running\n"
                      f"    return {cls.__name__}.__dict__[{name!r}]\n").body[0]
    maker.body.insert(1, klass)  # type: ignore[attr-defined]
    module = ast.Module(body=[maker], type_ignores=[])
    ast.fix_missing_locations(module)
    namespace: dict = {}
    exec(compile(module, filename, "exec"), namespace)
    return namespace["_asynccheck_make"](foreign, running)
