"""Pools, sessions and context managers the controller's handlers share."""
from __future__ import annotations

import contextlib
import sqlite3
from typing import AsyncIterator, Generic, Iterator, NewType, TypeVar

import httpx
import requests

T = TypeVar("T")
BridgeSession = NewType("BridgeSession", requests.Session)


class Pool(Generic[T]):  # expect: clean
    """A free list of ready clients of one kind."""

    def __init__(self, items: list[T]) -> None:
        self._free = list(items)

    def take(self) -> T:
        return self._free.pop()

    def give(self, item: T) -> None:
        self._free.append(item)


@contextlib.contextmanager
def firing_db(path: str = "/var/lib/kiln/firings.db") -> Iterator[sqlite3.Connection]:  # expect: clean
    conn = sqlite3.connect(path)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


@contextlib.asynccontextmanager
async def kiln_http(base_url: str) -> AsyncIterator[httpx.AsyncClient]:  # expect: clean
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
        yield client


def open_bridge(token: str) -> BridgeSession:  # expect: clean
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    return BridgeSession(session)


def pooled(n: int) -> Pool[httpx.Client]:  # expect: clean
    return Pool([httpx.Client(base_url="http://kiln.local", timeout=5) for _ in range(n)])
