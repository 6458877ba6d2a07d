"""A Session owns the runtime for a while, and turns what it saw into Findings under the configuration."""
from __future__ import annotations

import gc
from typing import Any, Callable, List, Optional

from asynccheck.config import Config
from asynccheck.findings import Finding, Report
from asynccheck.runtime import Runtime


class Session:
    """Watches the program while installed. ``findings`` is everything so far, one entry per site with a count;
    ``drain()`` returns what happened since the previous drain (one entry per occurrence), which is how a test
    runner attributes findings to the test that caused them."""

    def __init__(self, config: Optional[Config] = None, *, raise_on_finding: bool = False,
                 track_origins: bool = False):
        self.config = config or Config()
        runtime_codes = {code for code in self.config.enabled}
        self.runtime = Runtime(
            frozenset(runtime_codes), stall_ms=self.config.stall_ms, queue_threshold=self.config.queue_threshold,
            include_site_packages=self.config.include_site_packages, raise_on_finding=raise_on_finding,
            track_origins=track_origins,
        )
        self._events: List[Finding] = []
        self.runtime.recorder.listeners.append(self._events.append)
        self.listeners: List[Callable[[Finding], None]] = self.runtime.recorder.listeners

    def start(self) -> "Session":
        self.runtime.install()
        return self

    def stop(self) -> None:
        """Collect what only shows at the end (coroutines freed in reference cycles), then uninstall."""
        if not self.runtime.installed:
            return
        self.collect()
        self.runtime.uninstall()

    def collect(self) -> None:
        """Run the garbage collector so never-awaited coroutines and dropped tasks in cycles are reported."""
        coroutines = self.runtime.coroutines
        coroutines.collecting = True
        try:
            gc.collect()
        finally:
            coroutines.collecting = False
        self.runtime.hooks.check_queues()

    @property
    def findings(self) -> List[Finding]:
        return self.runtime.recorder.findings

    def drain(self) -> List[Finding]:
        events, self._events[:] = list(self._events), []
        return events

    def report(self) -> Report:
        return Report(list(self.findings)).sorted()

    def __enter__(self) -> "Session":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def watch(config: Optional[Config] = None, **overrides: Any) -> Session:
    """``with asynccheck.watch() as session: ...`` then ``session.findings``.

    ``overrides`` are Config fields (``stall_ms=50``, ``select=["ACK1"]``) or the Session options
    ``raise_on_finding`` and ``track_origins``.
    """
    options = {k: overrides.pop(k) for k in ("raise_on_finding", "track_origins") if k in overrides}
    base = config or Config()
    if overrides:
        base = base.override(**overrides)
    return Session(base, **options)
