"""Process-wide guards: model warm-up runs in a thread at start-up and in handlers afterwards."""
from __future__ import annotations

import contextlib
import threading
from typing import Iterator

_WARMUP = threading.Lock()
_GUARDS: dict[str, threading.RLock] = {}


def warmup_lock() -> threading.Lock:  # expect: clean
    return _WARMUP


def registry_guard(name: str) -> threading.RLock:  # expect: clean
    return _GUARDS.setdefault(name, threading.RLock())


@contextlib.contextmanager
def exclusive_model(name: str) -> Iterator[None]:  # expect: clean
    guard = registry_guard(name)
    with guard:
        yield
