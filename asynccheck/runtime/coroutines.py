"""ACK301 at run time: coroutines finalized without ever running.

CPython reports them through ``warnings._warn_unawaited_coroutine(coro)``; replacing that function hands us the
coroutine. Where it was created, by default and for free: the frame running when the object is freed, when
that frame is the program's and is at a ``POP_TOP`` (the statement ``notify(user)`` dropping the coroutine it
just made: the very line). Otherwise (a coroutine kept in a local until an early return, in a list, collected
in a cycle) the call site is looked up in the bytecode of the program's modules on the stack: the one call of
that coroutine function whose result is neither awaited nor dropped at once. ``--track-origins`` turns on
``cr_origin`` instead (exact in every case, but it costs every coroutine creation: 15-25% on a task-heavy
workload even at depth 1, see docs/runtime.md).
"""
from __future__ import annotations

import atexit
import inspect
import runpy
import sys
import warnings
from typing import Any, Optional, Tuple

from asynccheck.runtime import warning_sites
from asynccheck.runtime.blocking import own_calls
from asynccheck.runtime.frames import ASYNCCHECK_FILES
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder
from asynccheck.runtime.warning_sites import warn_placed

_RUNPY = frozenset({"<frozen runpy>", runpy.__file__})


def _python_warning(coro: Any) -> None:
    """The RuntimeWarning Python itself gives, attributed to the same frame (calling the original from here
    would point the warning at this module). Its source lines are read, and it is shown, as Python's work."""
    with own_calls():
        _warn_as_python(coro)


def _warn_as_python(coro: Any) -> None:
    text = f"coroutine '{coro.__qualname__}' was never awaited"
    # (where it was created, without our wrappers' frames: run_until_complete's, among others)
    origin = [entry for entry in getattr(coro, "cr_origin", None) or () if not entry[0].startswith(ASYNCCHECK_FILES)]
    while origin and origin[-1][0] in _RUNPY:  # (outermost: how `asynccheck run` runs the program's file)
        origin.pop()
    if _asked_depth[0] is not None:
        del origin[_asked_depth[0]:]  # (as deep as the program asked: ours were recorded past that, see below)
    if origin:
        import linecache
        import traceback

        # as Python words it: each frame with its source line
        frames = [(f, n, fn, linecache.getline(f, n)) for f, n, fn in reversed(origin)]
        text += "\nCoroutine created at (most recent call last)\n" + "".join(traceback.format_list(frames)).rstrip("\n")
    warn_placed(text, RuntimeWarning, stacklevel=3, source=coro)


# The coroutine origin tracking depth the program asked for (asyncio's debug mode asks for 10), while the
# interpreter records ``_OUR_FRAMES`` more: our wrappers' frames between the program's (run_until_complete's,
# among others) count towards the depth, and without them the warning's "Coroutine created at" came out short
# of its outermost frames. None: no such bookkeeping.
_asked_depth: list = [None]
_OUR_FRAMES = 8


# id(coroutine) -> its code, for coroutines a nested `asyncio.run(coro)` (ACK108) refused: the RuntimeError it
# raises leaves them never awaited, and that is the same mistake at the same line, reported once as ACK108
_refused: dict = {}


def refused(coro: Any) -> None:
    """``coro`` was handed to a loop runner that refused it (ACK108): its being never awaited is no news."""
    code = getattr(coro, "cr_code", None)
    if code is not None:
        _refused[id(coro)] = code


class CoroutineDetector:
    def __init__(self, recorder: Recorder, track_origins: bool = False):
        self.recorder = recorder
        self.track_origins = track_origins
        self.collecting = False  # True while the session's own gc.collect() runs: the frame then means nothing
        self._saved_depth: Optional[int] = None

    def install(self, patches: Patches) -> None:
        if not self.recorder.wants("ACK301"):
            return
        original = getattr(warnings, "_warn_unawaited_coroutine", None)
        if original is None:  # pragma: no cover - every CPython since 3.8 has it
            return
        detector = self

        def _warn_unawaited_coroutine(coro: Any) -> None:
            try:
                detector.unawaited(coro, sys._getframe(1))
            finally:
                _python_warning(coro)

        patches.replace(warnings, "_warn_unawaited_coroutine", _warn_unawaited_coroutine)
        warning_sites.compiled_unawaited[0] = self.compiled
        patches.replace(atexit, "register", self._at_exit(atexit.register))
        real_set = self._real_set = sys.set_coroutine_origin_tracking_depth
        self._saved_depth = sys.get_coroutine_origin_tracking_depth()
        floor = 8 if self.track_origins else 0

        def set_coroutine_origin_tracking_depth(depth: int) -> None:
            real_set(depth)  # (refused as by Python: a negative depth)
            _asked_depth[0] = depth
            real_set(max(depth + _OUR_FRAMES if depth else 0, floor))

        def get_coroutine_origin_tracking_depth() -> int:
            return _asked_depth[0]

        set_coroutine_origin_tracking_depth(self._saved_depth)
        patches.replace(sys, "set_coroutine_origin_tracking_depth", set_coroutine_origin_tracking_depth)
        patches.replace(sys, "get_coroutine_origin_tracking_depth", get_coroutine_origin_tracking_depth)

    def _at_exit(self, original: Any) -> Any:
        """``atexit.register`` that reports a coroutine function registered (a client's async ``close``): the
        interpreter calls it at exit as a plain function and drops the coroutine it returns. That happens after
        the report is written, when no finding is reported any more, so the line is reported at the
        registration, which is the line to change; the call itself goes ahead as under python."""
        detector = self

        def register(func: Any, *args: Any, **kwargs: Any) -> Any:
            # (not once the checks are over: a library may have kept this function, `from atexit import register`)
            if atexit.register is register and inspect.iscoroutinefunction(func):
                detector.registered_at_exit(func, sys._getframe(1))
            return original(func, *args, **kwargs)

        register.__wrapped__ = original  # type: ignore[attr-defined]
        return register

    def registered_at_exit(self, func: Any, frame: Any) -> None:
        name = getattr(func, "__qualname__", None) or getattr(getattr(func, "func", None), "__qualname__", "?")
        self.recorder.report(
            "ACK301", f"coroutine function {name}() was registered with `atexit.register()`, which calls it at exit "
            "as a plain function: the coroutine it returns is never awaited, so its body never runs; await it "
            "before the loop ends (a `finally` in main, an async context manager), or register a sync function "
            "that runs it to its end", frame)

    def uninstall(self) -> None:
        if warning_sites.compiled_unawaited[0] == self.compiled:
            warning_sites.compiled_unawaited[0] = None
        if self._saved_depth is not None:
            self._real_set(_asked_depth[0])  # what the program asked for last
            _asked_depth[0] = self._saved_depth = None

    def unawaited(self, coro: Any, frame: Any) -> None:
        code = coro.cr_code
        if _refused and _refused.pop(id(coro), None) is code:
            return
        name = getattr(code, "co_qualname", code.co_name)
        where = self._origin(coro)
        message = f"coroutine {name}() was created and never awaited, so its body never ran; add `await`"
        user = None if self.collecting else self.recorder.frames.user_frame(frame)
        if where is None and user is not frame:
            # freed by code not the program's: the loop running a callback, a thread its target? Handing a
            # coroutine function to one of those makes such a coroutine at each call: that is the line to change
            handed = handed_site(self.recorder.frames, coro, user)
            if handed is not None:
                where, taker = handed
                message = (f"coroutine function {name}() was handed to `{taker}()`, which calls it as a plain "
                           "function: the coroutine it returns is never awaited, so its body never runs; "
                           "schedule it with `asyncio.create_task(...)` (`run_coroutine_threadsafe` from a thread)")
        if where is None and not (user is not None and user is frame and _dropped_at_once(frame)):
            where = call_site(self.recorder.frames, coro, user)
        if where is not None:
            self.recorder.report("ACK301", message, None, where=where)
        elif user is not None:
            self.recorder.report("ACK301", message, frame)
        else:
            self.recorder.report("ACK301", message + " (created at an unknown line; run with --track-origins to find it)",
                                 None, where=(code.co_filename, code.co_firstlineno))

    def compiled(self, name: str, frame: Any) -> None:
        """A compiled coroutine (uvloop's `Server.wait_closed()`: Cython's, which warns by itself, not through
        the function replaced above) freed never awaited while ``frame`` ran: reported at that frame's line when
        it is the program's and drops it there (a `POP_TOP`: `server.wait_closed()` as a statement), the line
        that made it. Elsewhere (kept, then freed) there is no code object to look its call up by: not
        reported, as no line would be right."""
        if self.collecting or not self.recorder.frames.is_user(frame.f_code.co_filename) or not _dropped_at_once(frame):
            return
        self.recorder.report("ACK301", f"coroutine {name}() was created and never awaited, so its body never "
                             "ran; add `await`", frame)

    def held_by(self, exc: BaseException) -> None:
        """Report now the coroutines never started that the frames of ``exc``'s traceback (and of the exceptions
        chained to it) hold in their locals: freed at the interpreter's end, as under python, they would be
        after the report (python then warns of them with no frame: "sys:1")."""
        import inspect

        seen, pending = set(), [exc]
        while pending:
            current = pending.pop()
            if current is None or id(current) in seen:
                continue
            seen.add(id(current))
            pending.extend((current.__cause__, current.__context__))
            tb = current.__traceback__
            while tb is not None:
                frame = tb.tb_frame
                for value in list(frame.f_locals.values()):
                    if (inspect.iscoroutine(value) and id(value) not in seen
                            and inspect.getcoroutinestate(value) == inspect.CORO_CREATED):
                        seen.add(id(value))
                        self.unawaited(value, frame)
                tb = tb.tb_next

    def _origin(self, coro: Any) -> Optional[Tuple[str, int]]:
        origin = getattr(coro, "cr_origin", None)
        if not origin:
            return None
        for filename, line, _function in origin:  # innermost first
            if self.recorder.frames.is_user(filename):
                return (filename, line)
        return None


def _dropped_at_once(frame: Any) -> bool:
    """``frame`` is at a POP_TOP: the statement is discarding the value it computed (the coroutine)."""
    try:
        return frame.f_code.co_code[frame.f_lasti] == _POP_TOP
    except (IndexError, TypeError):
        return False


_POP_TOP = __import__("opcode").opmap["POP_TOP"]
_NULL_SIDE = 1 if sys.version_info >= (3, 13) else -1  # where a call's PUSH_NULL is, from its callee's load
_LOADS = frozenset({"LOAD_GLOBAL", "LOAD_NAME", "LOAD_ATTR", "LOAD_METHOD", "LOAD_DEREF", "LOAD_FAST",
                    "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR"})
_SKIPPED = frozenset({"CACHE", "EXTENDED_ARG", "PRECALL", "KW_NAMES", "NOP"})


def call_site(frames: Any, coro: Any, user: Any) -> Optional[Tuple[str, int]]:
    """The line of the one call of ``coro``'s function, in the program's modules on the stack (and the
    function's own), whose result is kept rather than awaited or discarded at once; None when not one."""
    name = coro.cr_code.co_name
    namespaces = _modules(frames, coro, user)
    holders = holding_names(namespaces, coro.cr_code)
    if user is not None:
        narrowed = _in_frame(user, name, holders)
        if narrowed is not None:
            return narrowed
    found = set()
    for namespace in namespaces:
        for code in _module_code(namespace):
            if any(n in code.co_names or n in code.co_varnames or n in code.co_freevars + code.co_cellvars
                   for n in (name, *holders)):
                found.update((code.co_filename, line) for line, _target in _kept_calls(code, name, holders=holders))
    return found.pop() if len(found) == 1 else None


# functions that take a callable and call it later or elsewhere as a plain function (the loop, executors, threads)
_CALLBACK_TAKERS = frozenset({
    "call_soon", "call_soon_threadsafe", "call_later", "call_at", "add_done_callback", "add_reader", "add_writer",
    "add_signal_handler", "run_in_executor", "submit", "to_thread", "Thread", "Timer", "start_new_thread"})


def handed_site(frames: Any, coro: Any, user: Any) -> Optional[Tuple[Tuple[str, int], str]]:
    """(line, taker) of the one place in the program's modules on the stack (and the function's own) where
    ``coro``'s function is handed, not called, to a function that calls it later as a plain function
    (``loop.call_soon(self.refresh)``, ``Thread(target=poll)``): the coroutine that call made was dropped by
    the caller (asyncio's ``Handle._run``, ``Thread.run``), and the line to change is the hand-over."""
    found = handed_sites(_modules(frames, coro, user), coro.cr_code.co_name, _CALLBACK_TAKERS)
    return found.pop() if len(found) == 1 else None


def handed_sites(namespaces: list, name: str, takers: frozenset) -> set:
    """((path, line), taker) of every place in the code of ``namespaces`` where something named ``name`` (a
    function, or a method read off an object: ``event.set``) is passed, not called, to a call of one of
    ``takers``."""
    import dis

    found = set()
    for namespace in namespaces:
        for code in _module_code(namespace):
            if name not in code.co_names and name not in code.co_varnames + code.co_freevars + code.co_cellvars:
                continue
            instructions = [i for i in dis.get_instructions(code) if i.opname not in _SKIPPED]
            line, taker = None, None
            for index, instr in enumerate(instructions):
                starts = _starts(instr)
                if starts:
                    line, taker = starts, None
                # (a constant: up to 3.11 site_calls.py compiles `loop.call_soon(f)` as `check(loop.call_soon, "call_soon")(f)`)
                if instr.argval in takers and instr.opname in _LOADS | {"LOAD_CONST"}:
                    taker = instr.argval
                elif taker is not None and instr.opname in _LOADS and instr.argval == name:
                    # the NULL a call of a plain callable pushes: before its load up to 3.12, after it from 3.13 (a
                    # NULL on the other side is the previous callee's: `asyncio.to_thread(fn)` on 3.13)
                    beside = index + _NULL_SIDE
                    pushes_null = 0 <= beside < len(instructions) and instructions[beside].opname == "PUSH_NULL"
                    if not (_called(instr) or pushes_null):
                        found.add(((code.co_filename, line), taker))
    return found


def _called(instr: Any) -> bool:
    """The load puts a function to call, not a value: a method load, a global load pushing a NULL first."""
    if instr.opname == "LOAD_METHOD":
        return True
    if (instr.opname == "LOAD_GLOBAL" and sys.version_info >= (3, 11)) or (
            instr.opname == "LOAD_ATTR" and sys.version_info >= (3, 12)):
        return bool(instr.arg & 1)
    return False  # (up to 3.10 a global's load says nothing of a call: its argument is only the name's index)


def _modules(frames: Any, coro: Any, user: Any) -> list:
    """The namespaces of the program's modules on ``user``'s stack, and of the coroutine's own function."""
    modules: dict = {}
    for frame in (user, getattr(coro, "cr_frame", None)):
        while frame is not None:
            if frames.is_user(frame.f_code.co_filename):
                modules[id(frame.f_globals)] = frame.f_globals
            frame = frame.f_back
    return list(modules.values())


def _in_frame(frame: Any, name: str, holders: frozenset = frozenset()) -> Optional[Tuple[str, int]]:
    """What the instruction ``frame`` is at says: rebinding or deleting a name frees the coroutine that name
    held (the call stored there before); finishing a call frees what the callee held (its kept calls)."""
    import dis

    code = frame.f_code
    instructions = list(dis.get_instructions(code))
    # (on 3.12 a frame inside a call can be at one of the call's inline CACHE entries: the call is the last before)
    here = next((i for i in reversed(instructions) if i.offset <= frame.f_lasti), None)
    if here is None:
        return None
    if here.opname.startswith(("STORE_", "DELETE_")):
        stored = [(line, target) for line, target in _kept_calls(code, name, until=here.offset, holders=holders)
                  if target == here.argval]
        return (code.co_filename, stored[-1][0]) if stored else None
    # a callee returned (an early return dropped its local): the functions called on this line
    line = _line_at(instructions, here.offset)
    callees = set()
    for instr in instructions:
        if instr.offset > here.offset:
            break
        if instr.opname in _LOADS and _line_at(instructions, instr.offset) == line:
            target = frame.f_globals.get(instr.argval, None) if isinstance(instr.argval, str) else None
            target = getattr(target, "__func__", target)
            if getattr(target, "__code__", None) is not None:
                callees.add(target.__code__)
    found = {(c.co_filename, line) for c in callees for line, _target in _kept_calls(c, name, holders=holders)}
    return found.pop() if len(found) == 1 else None


def _line_at(instructions: list, offset: int) -> Optional[int]:
    line = None
    for instr in instructions:
        if instr.offset > offset:
            break
        starts = _starts(instr)
        if starts:
            line = starts
    return line


def _starts(instr: Any) -> Optional[int]:
    if hasattr(instr, "line_number"):  # Python 3.13: starts_line is a bool there
        return instr.line_number if instr.starts_line else None
    return instr.starts_line


def _module_code(namespace: dict) -> list:
    """Every code object of the functions and methods defined in a module, nested ones included."""
    seen: dict = {}
    todo = []
    for value in list(namespace.values()):
        members = vars(value).values() if isinstance(value, type) else (value,)
        for member in members:
            member = getattr(member, "__func__", member)
            code = getattr(member, "__code__", None)
            if code is not None and code.co_filename == namespace.get("__file__", code.co_filename):
                todo.append(code)
    while todo:
        code = todo.pop()
        if id(code) not in seen:
            seen[id(code)] = code
            todo.extend(c for c in code.co_consts if hasattr(c, "co_code"))
    return list(seen.values())


def _kept_calls(code: Any, name: str, until: Optional[int] = None, holders: frozenset = frozenset()) -> list:
    """(line, name stored to or None) of each call of ``name`` in ``code`` whose result is neither awaited nor
    discarded at once (before offset ``until``, when given). A call of ``name`` is one whose callee is ``name``
    itself, or an item of a name that holds it: ``holders`` (module-level tables of the program's, found by
    ``holding_names``), or a local the code builds from it (``handlers = {"email": send_email}``, then
    ``handlers[kind](to)``). The stack is followed, so that ``name`` handed to a table or as an argument is not
    taken for the callee of the next call (that call's line was reported)."""
    import dis  # only here: this runs once per finding that needs it, and `run` should start fast

    instructions = [i for i in dis.get_instructions(code) if i.opname != "CACHE"]
    found, line, depth = [], None, 0
    held = set(holders)
    # the values of ``name`` (or of a table holding it) on the stack: [lowest slot, highest slot, line loaded,
    # a table] (a global loaded with its NULL, a method load, take two slots)
    pending: list = []
    for index, instr in enumerate(instructions):
        if until is not None and instr.offset >= until:
            break
        starts = _starts(instr)
        if starts:
            line = starts
        try:
            effect = dis.stack_effect(instr.opcode, instr.arg if instr.opcode >= dis.HAVE_ARGUMENT else None,
                                      jump=False)
        except ValueError:  # (not a real instruction: depths from here on are unknown)
            return found
        before, after = depth, depth + effect
        depth = after
        attribute = instr.opname in ("LOAD_ATTR", "LOAD_METHOD")
        if attribute:
            # an attribute of the value on top (`handlers.get`): no longer the function or its table
            pending = [e for e in pending if e[1] < before]
        loaded = _loaded_names(instr)
        for slot, loaded_name in enumerate(loaded, 1):
            if loaded_name == name or loaded_name in held:
                # (one name of a pair loaded at once takes its own slot; a lone load takes all it pushes, an
                # attribute's load the slot of the object it was read from too)
                low = before + slot if len(loaded) > 1 else before if attribute else before + 1
                pending.append([low, max(low, after if len(loaded) == 1 else low), line, loaded_name != name])
        callee = _callee_slots(instructions, index, before)
        if callee is not None:
            for entry in [e for e in pending if e[1] <= callee[1]]:
                pending.remove(entry)
                if entry[0] >= callee[0]:  # (else it was under the call: an outer call's callee)
                    nxt = _after_call(instructions, index)
                    if nxt is None or nxt.opname not in ("GET_AWAITABLE", "POP_TOP"):
                        target = nxt.argval if nxt is not None and nxt.opname.startswith("STORE_") else None
                        found.append((entry[2], target))
                else:
                    pending.append(entry)  # (restored: the call only took slots above it)
            pending = [e for e in pending if e[1] <= after]
            continue
        kept = []
        for entry in pending:
            if entry[1] <= after:
                kept.append(entry)
            elif instr.opname.startswith("STORE_") and entry[1] == before:
                held.add(instr.argval)  # a local now holds it (an alias, or a table built of it)
            elif instr.opname.startswith("BUILD_") and instr.opname != "BUILD_SLICE":
                kept.append([after, after, entry[2], True])  # in the table just built, on top now
        pending = kept
    return found


def _after_call(instructions: list, index: int) -> Any:
    """What is done with the result of the call at ``index`` (3.11's PRECALL there: of its CALL)."""
    index += 1
    if index < len(instructions) and instructions[index - 1].opname == "PRECALL" \
            and instructions[index].opname == "CALL":
        index += 1
    while index < len(instructions) and instructions[index].opname in _SKIPPED:
        index += 1
    return instructions[index] if index < len(instructions) else None


def _loaded_names(instr: Any) -> tuple:
    """The names an instruction loads, one per stack slot it fills (3.13's `LOAD_FAST_LOAD_FAST` loads two)."""
    if instr.opname in _LOADS:
        return (instr.argval,)
    if instr.opname == "LOAD_FAST_LOAD_FAST":
        return tuple(instr.argval)
    return ()


def _callee_slots(instructions: list, index: int, depth: int) -> Optional[Tuple[int, int]]:
    """(lowest, highest) stack slot of the callee of the call ``instructions[index]`` is, the stack ``depth``
    deep before it; None for any other instruction (and for 3.11's CALL after its PRECALL, checked there)."""
    instr = instructions[index]
    op, n = instr.opname, instr.arg or 0
    if op == "PRECALL":
        return depth - n - 1, depth - n
    if op == "CALL":
        previous = next((i for i in reversed(instructions[:index]) if i.opname not in _SKIPPED - {"PRECALL"}), None)
        if previous is not None and previous.opname == "PRECALL":
            return None
        return (depth - n - 1, depth - n) if sys.version_info >= (3, 11) else (depth - n, depth - n)
    if op == "CALL_KW":  # (3.13: the keywords' names on top)
        return depth - n - 2, depth - n - 1
    if op == "CALL_FUNCTION_EX":
        args = 1 + (n & 1)
        return (depth - args - 1, depth - args) if sys.version_info >= (3, 11) else (depth - args, depth - args)
    if op == "CALL_METHOD":
        return depth - n - 1, depth - n
    if op == "CALL_FUNCTION":
        return depth - n, depth - n
    if op == "CALL_FUNCTION_KW":
        return depth - n - 1, depth - n - 1
    return None


def holding_names(namespaces: list, code: Any) -> frozenset:
    """Module-level names of the program's that hold the function of ``code`` in a table (a dict's values, a
    list, a tuple): `HANDLERS[kind](event)` calls it."""
    names = set()
    for namespace in namespaces:
        for key, value in list(namespace.items()):
            items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else ()
            try:
                if any(getattr(getattr(v, "__func__", v), "__code__", None) is code for v in items):
                    names.add(key)
            except Exception:  # (a table of the program's whose items misbehave when read)
                continue
    return frozenset(names)
