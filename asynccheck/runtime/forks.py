"""What a fork sees of the checker. The watchdog is a thread of the checker's own, and from Python 3.12 os.fork()
warns when the process has more than one thread ("This process (pid=...) is multi-threaded, use of fork() may
lead to deadlocks in the child"): a program with one thread of its own got that warning only because it was
checked (an error under `-W error`, a line in pytest's summary). It is left out when every thread beyond the
program's one is the checker's; a program with threads of its own is warned as under python."""
from __future__ import annotations

import re
import sys
import warnings
from typing import Any, Callable, Optional

from asynccheck.unpatched import read_bytes

_FORK_WARNING = re.compile(r"This process \(pid=\d+\) is multi-threaded, use of \w+\(\) may lead to deadlocks")
WARNS = sys.version_info >= (3, 12)


def _threads() -> int:
    """The process's threads as the kernel counts them (as CPython does for the warning), or 0 unknown."""
    try:
        stat = read_bytes("/proc/self/stat")
        return int(stat[stat.rindex(b")") + 2:].split()[17])  # field 20, counted after the command's name
    except (OSError, ValueError, IndexError):
        return 0


class _ForkWarningOfOurs:
    """The message pattern of a warnings filter (the filter calls its ``match``): the fork warning, when the
    threads beyond the program's one are the checker's."""

    pattern = _FORK_WARNING.pattern  # (code reading warnings.filters expects a compiled pattern here)

    def __init__(self, ours: Callable[[], int]):
        self.ours = ours

    def __repr__(self) -> str:
        return "asynccheck's fork warning, for a program with one thread of its own"

    def match(self, text: str) -> Optional[bool]:
        if not _FORK_WARNING.match(text):
            return None
        threads = _threads()
        return True if 0 < threads - self.ours() <= 1 else None


class QuietForks:
    """Keeps the filter first among the warnings filters at each fork (the program's own filters, and pytest's
    per-test ones, go in front of earlier entries), from install to uninstall."""

    def __init__(self, ours: Callable[[], int]):
        self.entry = ("ignore", _ForkWarningOfOurs(ours), DeprecationWarning, None, 0)
        self.installed = False

    def install(self) -> None:
        self.installed = WARNS

    def before_fork(self) -> None:
        if not self.installed:
            return
        filters: Any = warnings.filters
        if filters and filters[0] is self.entry:
            return
        self._remove(filters)
        filters.insert(0, self.entry)
        _mutated()

    def uninstall(self) -> None:
        if self.installed:
            self.installed = False
            self._remove(warnings.filters)
            _mutated()

    def _remove(self, filters: Any) -> None:
        while self.entry in filters:
            filters.remove(self.entry)


def _mutated() -> None:
    changed = getattr(warnings, "_filters_mutated", None) or getattr(warnings, "_filters_mutated_lock_held", None)
    if changed is not None:
        changed()
