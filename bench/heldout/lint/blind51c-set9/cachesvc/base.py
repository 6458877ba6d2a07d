"""Shared base classes."""
from __future__ import annotations

import threading
from collections import defaultdict


class Guarded:  # expect: clean
    """Mixin giving a class a re-entrant thread lock and per-key locks."""

    def __init__(self) -> None:
        self._mutex = threading.RLock()
        self._key_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    def key_lock(self, key: str) -> threading.Lock:
        with self._mutex:
            return self._key_locks[key]
