"""Generic helpers of a small service library."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Optional, TypeVar

C = TypeVar("C")


class Lease(Generic[C]):
    def __init__(self, conn: C) -> None:
        self._conn = conn

    @property
    def conn(self) -> C:
        return self._conn

    async def acquire(self) -> C:
        return self._conn


@dataclass
class Slot(Generic[C]):
    name: str
    client: C


class Pipeline[S]:
    def __init__(self, stage: S) -> None:
        self.stage = stage

    def head(self) -> S:
        return self.stage


class Cache(Generic[C]):
    def __init__(self) -> None:
        self.entries: dict[str, C] = {}

    def pick(self) -> Optional[C]:
        return next(iter(self.entries.values()), None)
