"""Generic containers of the project, used from other modules."""
from __future__ import annotations

from typing import Callable, Generic, Optional, TypeVar

T = TypeVar("T")
K = TypeVar("K")


class Pool(Generic[T]):
    def __init__(self, first: Optional[T] = None) -> None:
        self._items: list[T] = [first] if first is not None else []

    def take(self) -> T:
        return self._items.pop()

    def give(self, item: T) -> None:
        self._items.append(item)


class Box(Generic[T]):
    def __init__(self, factory: Optional[Callable[[], T]] = None) -> None:
        self.item: Optional[T] = factory() if factory else None

    def get(self) -> T:
        assert self.item is not None
        return self.item


class Holder(Generic[T]):
    def held(self) -> T:
        raise NotImplementedError


class Keyed(Holder[T], Generic[K, T]):
    pass


class Registry(Generic[T]):
    def __init__(self) -> None:
        self.by_name: dict[str, T] = {}

    def lookup(self, name: str) -> T:
        return self.by_name[name]
