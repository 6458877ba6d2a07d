"""Shared state of the stream workers: committed offsets, also read by the metrics thread."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

Offsets = dict[tuple[str, int], int]


class OffsetBook:  # expect: clean
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.offsets: Offsets = {}

    @property
    def lock(self) -> threading.Lock:
        return self._lock

    @contextmanager
    def editing(self) -> Iterator[Offsets]:
        with self._lock:
            yield self.offsets

    def snapshot(self) -> Offsets:
        with self._lock:
            return dict(self.offsets)


BOOK = OffsetBook()
