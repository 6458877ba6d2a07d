"""The instrumented primitives. ``Runtime`` installs every detector and removes them again, leaving each
patched object exactly as it found it. Only one Runtime is installed at a time in a process.

A forked child inherits the installed runtime; its watchdog thread and its locks are renewed there (threads do
not survive ``fork``), so a child that goes on running event loops (a pre-fork server's workers) is checked too.
"""
from __future__ import annotations

import _thread
import os
from typing import Callable, FrozenSet, List, Optional

from asynccheck.runtime.blocking import BlockingDetector
from asynccheck.runtime.cancellation import CancellationDetector
from asynccheck.runtime.coroutines import CoroutineDetector
from asynccheck.runtime.foreign_calls import ForeignCalls
from asynccheck.runtime.forks import QuietForks
from asynccheck.runtime.site_calls import SiteCalls
from asynccheck.runtime.frames import FrameFilter
from asynccheck.runtime.handed_futures import HandedFutures
from asynccheck.runtime.program_tasks import ProgramTasks
from asynccheck.runtime.locks import LockDetector
from asynccheck.runtime.loop import LoopHooks
from asynccheck.runtime import library_runners
from asynccheck.on_import import OnImport
from asynccheck.runtime import owners, plain_stack
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.printer_reads import InterpreterPrinters
from asynccheck.runtime.recorder import CheckerError, Recorder
from asynccheck.runtime.threads import ForeignObjects
from asynccheck.runtime.uvloop_hooks import UvloopHooks
from asynccheck.runtime.warning_sites import WarningSites
from asynccheck.runtime.watchdog import Watchdog

__all__ = ["Runtime", "Recorder", "CheckerError"]

_active: Optional["Runtime"] = None
_active_lock = _thread.allocate_lock()


def watching() -> bool:
    """Whether a runtime is installed in this process (`asynccheck run`, a `watch()` block, a pytest session)."""
    return _active is not None


class Runtime:
    def __init__(self, enabled: FrozenSet[str], *, stall_ms: float = 100.0, queue_threshold: int = 10_000,
                 include_site_packages: bool = False, raise_on_finding: bool = False, track_origins: bool = False):
        self.recorder = Recorder(enabled, FrameFilter(include_site_packages), raise_on_finding)
        self.patches = Patches()
        self.on_import = OnImport()  # patches for modules the program has not imported yet
        self.hooks = LoopHooks(self.recorder, queue_threshold)
        self.queue_threshold = queue_threshold
        self.coroutines = CoroutineDetector(self.recorder, track_origins)
        self.locks = LockDetector(self.recorder)
        self.watchdog = Watchdog(self.recorder, self.locks, self.hooks, stall_ms / 1000.0)
        self.program_tasks = ProgramTasks(self.recorder)
        self.cancellation = CancellationDetector(self.recorder)
        self.hooks.tasks.task_maker = self.program_tasks.task_maker  # the program's tasks, of the checked kind
        self.foreign_calls = ForeignCalls(self.recorder)  # (3.12+: futures, uvloop's call_soon)
        self.site_calls = SiteCalls(self.recorder)  # (up to 3.11: the same, at the program's call sites)
        self.uvloop = UvloopHooks(self.hooks, self.watchdog.uvloop, self.foreign_calls)
        # threads of the checker's besides the watchdog's, each while it is one of the process's threads (the
        # SIGTERM notice of `asynccheck run`)
        self.more_threads: List[Callable[[], bool]] = []
        self.forks = QuietForks(lambda: self.watchdog.threads + sum(1 for alive in self.more_threads if alive()))
        self.warning_sites = WarningSites()  # warnings raised under our wrappers placed as without them
        self.printers = InterpreterPrinters()  # the C traceback printer's source reads, not the program's
        self.installed = False
        self.pid = os.getpid()
        # called in a forked child after the runtime's own locks are fresh: users of the runtime with locks of
        # their own (a Session's window) renew them there too
        self.after_fork_in_child: List[Callable[[], None]] = []

    def install(self) -> "Runtime":
        global _active
        with _active_lock:
            if _active is not None:
                raise RuntimeError("asynccheck's runtime is already installed in this process")
            _active = self
        try:
            self.warning_sites.install(self.patches)
            plain_stack.install(self.patches)  # stacks the program takes show no frame of ours
            BlockingDetector(self.recorder).install(self.patches, self.on_import)
            if self.recorder.wants("ACK103"):
                self.printers.install()
            if self.recorder.wants("ACK401") or self.recorder.wants("ACK402"):
                owners.install(self.patches)
            self.hooks.install(self.patches)
            if self.recorder.wants("ACK108"):
                library_runners.install(self.patches, self.on_import, self.hooks.nested)
            high_water = self.hooks.high_water if self.recorder.wants("ACK501") else None
            self.hooks.exact_puts = ForeignObjects(self.recorder, high_water, self.queue_threshold).install(self.patches)
            HandedFutures(self.recorder).install(self.patches, self.on_import)
            self.program_tasks.install()
            self.cancellation.install()
            self.locks.install(self.patches)
            self.coroutines.install(self.patches)
            self.uvloop.install(self.patches, self.on_import)
            self.foreign_calls.install()
            self.site_calls.install(self.patches, self.on_import)
            self.watchdog.start()
            self.forks.install()
        except BaseException:
            self._remove()
            raise
        self.installed = True
        return self

    def uninstall(self) -> None:
        if self.installed:
            self.watchdog.stop()
            self._remove()
            self.installed = False

    def _remove(self) -> None:
        global _active
        self.forks.uninstall()
        self.coroutines.uninstall()
        self.foreign_calls.uninstall()
        self.site_calls.uninstall()
        self.uvloop.uninstall()
        self.program_tasks.uninstall()
        self.cancellation.uninstall()
        self.on_import.remove()
        self.warning_sites.uninstall()
        self.printers.uninstall()
        self.patches.undo()
        with _active_lock:
            if _active is self:
                _active = None

    def _after_fork_in_child(self) -> None:
        # a lock held by another thread at the fork would stay held forever in the child
        self.recorder.reinit_after_fork()
        self.locks.reinit_after_fork()
        self.watchdog.restart_after_fork()
        for renew in self.after_fork_in_child:
            renew()

    def __enter__(self) -> "Runtime":
        return self.install()

    def __exit__(self, *exc: object) -> None:
        self.uninstall()


def _after_fork_in_child() -> None:
    global _active_lock
    _active_lock = _thread.allocate_lock()
    if _active is not None and _active.installed:
        _active._after_fork_in_child()


def _before_fork() -> None:
    if _active is not None and _active.installed:
        _active.forks.before_fork()


if hasattr(os, "register_at_fork"):  # registered once for the process; a no-op while nothing is installed
    os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
