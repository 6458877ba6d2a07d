"""A Session owns the runtime for a while, and turns what it saw into Findings under the configuration."""
from __future__ import annotations

import _thread
import gc
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

from asynccheck import rules
from asynccheck.config import Config
from asynccheck.findings import Finding, Report
from asynccheck.runtime import Runtime
from asynccheck.runtime.recorder import merge
from asynccheck.runtime.warning_sites import collecting
from asynccheck.suppressions import SourceSuppressions

RUNTIME_CODES = frozenset(r.code for r in rules.RULES if r.runtime)


class Session:
    """Watches the program while started.

    ``findings`` is everything so far, one entry per site with a count; ``drain()`` is what happened since the
    previous drain, one entry per site with the count for that window (how a test runner attributes findings to
    the test and phase that caused them). ``listeners`` are called with each occurrence as it happens, on the
    thread where it happened (or the watchdog's).
    """

    def __init__(self, config: Optional[Config] = None, *, raise_on_finding: bool = False,
                 track_origins: bool = False):
        self.config = config or Config()
        self.runtime = Runtime(
            frozenset(self.config.enabled & RUNTIME_CODES), stall_ms=self.config.stall_ms,
            queue_threshold=self.config.queue_threshold, include_site_packages=self.config.include_site_packages,
            raise_on_finding=raise_on_finding, track_origins=track_origins,
        )
        self._window: Dict[Tuple[Any, ...], Finding] = {}
        self._window_lock = _thread.RLock()  # the real C lock (never instrumented), re-entrant: see merge()
        self.runtime.recorder.accept = SourceSuppressions(self.config, self.runtime.watchdog.read_source).allows
        self.runtime.watchdog.hang_s = self.config.hang_ms / 1000.0
        self.runtime.recorder.listeners.append(self._collect)
        self.runtime.after_fork_in_child.append(self._after_fork_in_child)
        self.listeners: List[Callable[[Finding], None]] = self.runtime.recorder.listeners

    # -- lifetime ------------------------------------------------------------------------------------------
    def start(self) -> "Session":
        """Install the runtime. Raises RuntimeError if another session is installed in this process."""
        self.runtime.install()
        return self

    def stop(self, uncaught: Optional[BaseException] = None) -> None:
        """Collect what only shows at the end (coroutines and tasks freed in reference cycles, queue sizes),
        then uninstall: every patched object is the original again. Safe to call twice. ``uncaught``: the
        exception that ended the program, whose frames python keeps alive to its very end (``sys.last_value``):
        the coroutines they hold are freed only after the report."""
        if not self.runtime.installed:
            return
        # the collection is the checker's own time: a step still running (os._exit) must not be a stall for it
        self.runtime.watchdog.stop()
        self.collect()
        if uncaught is not None:
            self.runtime.coroutines.held_by(uncaught)
        self.runtime.uninstall()

    @property
    def active(self) -> bool:
        return self.runtime.installed

    def collect(self) -> None:
        """Run the garbage collector so never-awaited coroutines and dropped tasks in cycles are reported now,
        and look at the unbounded queues still alive. A test runner calls it before its last drain of a test."""
        coroutines = self.runtime.coroutines
        coroutines.collecting = True
        try:
            with collecting(sys._getframe()):
                gc.collect()
        finally:
            coroutines.collecting = False
        self.runtime.hooks.check_queues()

    # -- settings that may change while running ----------------------------------------------------------
    @property
    def stall_ms(self) -> float:
        return self.runtime.watchdog.stall_s * 1000.0

    @stall_ms.setter
    def stall_ms(self, value: float) -> None:
        if value <= 0:
            raise ValueError(f"stall_ms must be positive, got {value!r}")
        self.runtime.watchdog.stall_s = value / 1000.0

    @property
    def scope(self) -> Optional[str]:
        """The unit of work running now (a test runner sets its test id): a task made meanwhile whose failure or
        dropped handle is seen once another unit runs is reported with ``test`` set to this one."""
        return self.runtime.recorder.scope[0]

    @scope.setter
    def scope(self, value: Optional[str]) -> None:
        self.runtime.recorder.scope[0] = value

    # -- results -------------------------------------------------------------------------------------------
    @property
    def findings(self) -> List[Finding]:
        """Everything so far, one Finding per (code, path, line) with its count and longest duration."""
        return self.runtime.recorder.findings

    def drain(self) -> List[Finding]:
        """The findings since the previous drain (or start), one per site with that window's count. A step
        that ended before the call is in it, even if the watchdog had not looked since."""
        if self.runtime.installed:
            self.runtime.watchdog.flush()
        # (made in this window, ready to be reported; or being reported by the watchdog now)
        self.runtime.recorder.report_deferred(wait=True)
        with self._window_lock:
            window, self._window = self._window, {}
        return list(window.values())

    def report(self) -> Report:
        return Report(list(self.findings)).sorted()

    def _collect(self, occurrence: Finding) -> None:
        merge(lambda: self._window, occurrence.site(), occurrence, self._window_lock)

    def _after_fork_in_child(self) -> None:
        # the parent's watchdog may have held the window's lock at the fork: it would stay held in the child
        self._window_lock = _thread.RLock()
        self._window = {}  # (the parent drains what happened before the fork)

    def __enter__(self) -> "Session":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def watch(config: Optional[Config] = None, **overrides: Any) -> Session:
    """``with asynccheck.watch() as session: ...`` then ``session.findings``.

    ``config`` defaults to built-in defaults (not a pyproject.toml: pass ``asynccheck.config.discover([path])``
    for that). ``overrides`` are Config fields (``stall_ms=50``, ``select=["ACK1"]``, ``ignore=[...]``) or the
    Session options ``raise_on_finding`` and ``track_origins``.
    """
    options = {k: overrides.pop(k) for k in ("raise_on_finding", "track_origins") if k in overrides}
    base = config or Config()
    if overrides:
        base = base.override(**overrides)
    return Session(base, **options)
