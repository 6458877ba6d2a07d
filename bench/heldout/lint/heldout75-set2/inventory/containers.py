"""Typed holders shared by the handlers."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Generic, Optional, TypeVar

import pymongo
import redis

C = TypeVar("C")
K = TypeVar("K")


class Pooled(Generic[C]):  # expect: clean
    def __init__(self, make) -> None:
        self._make = make
        self._idle: list[C] = []
        self.guard = threading.Lock()

    def acquire(self) -> C:
        return self._idle.pop() if self._idle else self._make()

    def release(self, conn: C) -> None:
        self._idle.append(conn)


class Registry(Generic[K, C]):  # expect: clean
    def __init__(self) -> None:
        self.items: dict[K, C] = {}

    def lookup(self, key: K) -> Optional[C]:
        return self.items.get(key)


@dataclass
class Ref(Generic[C]):  # expect: clean
    target: C


def make_mongo() -> pymongo.MongoClient:  # expect: clean
    return pymongo.MongoClient("mongodb://db")


def make_cache() -> redis.Redis:  # expect: clean
    return redis.Redis()
