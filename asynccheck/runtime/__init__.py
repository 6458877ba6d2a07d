"""The instrumented primitives. ``Runtime`` installs every detector and removes them again, leaving each
patched object exactly as it found it. Only one Runtime is installed at a time in a process."""
from __future__ import annotations

import threading
from typing import FrozenSet, Optional

from asynccheck.runtime.blocking import BlockingDetector
from asynccheck.runtime.coroutines import CoroutineDetector
from asynccheck.runtime.frames import FrameFilter
from asynccheck.runtime.locks import LockDetector
from asynccheck.runtime.loop import LoopHooks
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import CheckerError, Recorder
from asynccheck.runtime.watchdog import Watchdog

__all__ = ["Runtime", "Recorder", "CheckerError"]

_active: Optional["Runtime"] = None
_active_lock = threading.Lock()


class Runtime:
    def __init__(self, enabled: FrozenSet[str], *, stall_ms: float = 100.0, queue_threshold: int = 10_000,
                 include_site_packages: bool = False, raise_on_finding: bool = False, track_origins: bool = False):
        self.recorder = Recorder(enabled, FrameFilter(include_site_packages), raise_on_finding)
        self.patches = Patches()
        self.hooks = LoopHooks(self.recorder, queue_threshold)
        self.coroutines = CoroutineDetector(self.recorder, track_origins)
        self.locks = LockDetector(self.recorder)
        self.watchdog = Watchdog(self.recorder, self.locks, self.hooks, stall_ms / 1000.0)
        self.installed = False

    def install(self) -> "Runtime":
        global _active
        with _active_lock:
            if _active is not None:
                raise RuntimeError("asynccheck's runtime is already installed in this process")
            _active = self
        try:
            BlockingDetector(self.recorder).install(self.patches)
            self.hooks.install(self.patches)
            self.locks.install(self.patches)
            self.coroutines.install(self.patches)
            self.watchdog.start()
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
        self.coroutines.uninstall()
        self.patches.undo()
        with _active_lock:
            if _active is self:
                _active = None

    def __enter__(self) -> "Runtime":
        return self.install()

    def __exit__(self, *exc: object) -> None:
        self.uninstall()
