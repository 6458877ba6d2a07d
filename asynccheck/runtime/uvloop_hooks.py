"""The loop hooks that also work on uvloop: task findings (ACK302/303: dropped handles, failures nobody saw, the
line that created the task), nested loops (ACK108), and the ``run_forever`` that tells the watchdog where a
uvloop loop runs (stalls, held locks: uvloop_steps.py).

uvloop's loop is compiled, but ``uvloop.Loop`` is a Python subclass of it, so methods set on that subclass win
over the compiled ones, both for the program and for the C task code (which looks ``call_exception_handler``
up by name). Only methods off the hot path are replaced: wrapping ``call_soon`` there would cost uvloop users
the speed they chose it for (the C task calls it for every step), so ACK402 is checked on ``call_later``,
``call_at`` and ``create_task`` only (uvloop_threads.py), and ACK401 on the tasks the program makes
(program_tasks.py, through tasks.py's ``create_task``); ACK401 on Queue/Event/Lock... needs no hook here (runtime/threads.py works on
any loop).

uvloop is usually imported after the checker starts (``asynccheck run`` installs first), so an import hook
applies the patches when it is loaded (on_import.py).
"""
from __future__ import annotations

from types import ModuleType
from typing import Any

from asynccheck.runtime.frames import LOOP_OWN_WORK
from asynccheck.runtime.loop import LoopHooks
from asynccheck.on_import import OnImport
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.uvloop_steps import UvloopLoops
from asynccheck.runtime.uvloop_threads import UvloopForeignCalls

MODULE = "uvloop"
# Coroutine methods of uvloop's compiled loop that make a blocking call themselves: with no Python frame of
# their own, the call looked made by the program's coroutine awaiting them (`await loop.shutdown_default_executor()`
# joins its helper thread once the executor is down, as asyncio's Python version does unreported).
_OWN_WORK = ("shutdown_default_executor",)


def _loop_own_work(original: Any) -> Any:
    """A Python coroutine method that awaits ``original``: its frame stands for the compiled one's."""

    async def own_work(loop: Any, *args: Any, **kwargs: Any) -> Any:
        return await original(loop, *args, **kwargs)

    LOOP_OWN_WORK.add(own_work.__code__)
    own_work.__name__ = own_work.__qualname__ = original.__name__
    own_work.__doc__ = original.__doc__
    own_work.__wrapped__ = original  # type: ignore[attr-defined]
    return own_work


class UvloopHooks:
    def __init__(self, hooks: LoopHooks, loops: UvloopLoops, calls: Any = None):
        self.hooks = hooks
        self.calls = calls  # ForeignCalls (3.12+): told of uvloop's loop class, for its compiled call_soon
        self.loops = loops
        self.foreign = UvloopForeignCalls(hooks.recorder, loops)
        self.patched = False

    def install(self, patches: Patches, on_import: OnImport) -> None:
        on_import.when_imported(MODULE, lambda module: self._patch(module, patches))

    def uninstall(self) -> None:
        """The import hook goes with the runtime's; the patches themselves are undone with the others."""
        self.patched = False

    def _patch(self, module: ModuleType, patches: Patches) -> None:
        loop_cls = getattr(module, "Loop", None)
        if self.patched or not isinstance(loop_cls, type):
            return
        self.patched = True
        wants = self.hooks.recorder.wants
        check_thread = self.foreign.check if wants("ACK402") else None
        if wants("ACK302") or wants("ACK303"):
            original = loop_cls.call_exception_handler
            patches.replace(loop_cls, "call_exception_handler", self.hooks.checked_exception_handler(original))
        if self.hooks.recorder.wants_any("ACK302", "ACK303", "ACK401", "ACK601", "ACK602"):
            # creation lines, dropped handles, the program's tasks of the checked kind (their cancel() is what
            # ACK401, ACK601 and ACK602 watch, as on asyncio's loop: tasks.py), and ACK402 in the same wrapper
            self.hooks.tasks.patch_loop_class(loop_cls, patches, check_thread)
        elif check_thread is not None:
            patches.replace(loop_cls, "create_task", self.foreign.creating(loop_cls.create_task))
        if self.calls is not None:
            self.calls.uvloop_imported(loop_cls)
        if check_thread is not None:
            for name in ("call_later", "call_at"):
                patches.replace(loop_cls, name, self.foreign.scheduling(getattr(loop_cls, name), name))
        nested = None
        if wants("ACK108"):
            original = loop_cls.run_until_complete
            patches.replace(loop_cls, "run_until_complete",
                            self.hooks.checked_loop_runner(original, "run_until_complete"))
            nested = self._nested
        if "_thread_id" not in vars(loop_cls):
            patches.add(loop_cls, "_thread_id", self.loops.owner_property())
        if "_asynccheck_owner" not in vars(loop_cls):
            patches.add(loop_cls, "_asynccheck_owner", self.loops.lock_property())
        if wants("ACK106"):
            for name in _OWN_WORK:
                if hasattr(loop_cls, name):
                    patches.replace(loop_cls, name, _loop_own_work(getattr(loop_cls, name)))
        # always: it also marks where the program's code ends on a loop thread, for every finding's line
        patches.replace(loop_cls, "run_forever", self.loops.run_forever(loop_cls.run_forever, nested))

    def _nested(self, loop: Any, caller: Any) -> None:
        self.hooks.nested("loop.run_forever()", caller)
