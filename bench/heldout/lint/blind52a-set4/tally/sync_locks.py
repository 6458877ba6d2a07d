"""Locks the sync importers and the async API share."""
from __future__ import annotations

import threading

_LOCKS: dict[str, threading.Lock] = {}


def region_lock(region: str) -> threading.Lock:  # expect: clean
    return _LOCKS.setdefault(region, threading.Lock())


def make_lock():  # expect: clean
    return threading.Lock()
