"""Project plumbing shared by the services: registries, guards and error policy."""
from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import contextmanager
from typing import Awaitable, Callable, Dict, Generic, Iterator, Optional, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self) -> None:
        self._items: Dict[str, T] = {}
        self._guard = threading.RLock()

    def put(self, key: str, item: T) -> None:
        with self._guard:
            self._items[key] = item

    def get(self, key: str) -> Optional[T]:
        with self._guard:
            return self._items.get(key)

    @contextmanager
    def editing(self) -> Iterator[Dict[str, T]]:
        with self._guard:
            yield self._items


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, (ConnectionError, TimeoutError)) or not isinstance(exc, Exception)


def is_network_error(exc: BaseException) -> bool:
    return isinstance(exc, (ConnectionError, TimeoutError, OSError))


Handler = Callable[[dict], Awaitable[None]]


class Bus:
    def __init__(self) -> None:
        self.handlers: Dict[str, Handler] = {}
        self.loop: Optional[asyncio.AbstractEventLoop] = None

    def on(self, topic: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self.handlers[topic] = fn
            return fn
        return register

    def emit_threadsafe(self, topic: str, event: dict) -> None:
        assert self.loop is not None
        asyncio.run_coroutine_threadsafe(self.handlers[topic](event), self.loop)
