"""Alerting: rules reloaded by a watcher thread, notifications to the on-call channel, the poll loop."""
from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections import defaultdict
from typing import Awaitable, Callable, Optional

from .devices import AsyncPlcOk

log = logging.getLogger("plantops.alerts")
Notify = Callable[[str], Awaitable[None]]


class AlertHub:  # expect: lock-across-await
    """Alert rules, reloaded by the config watcher thread."""

    def __init__(self, notify: Notify) -> None:
        self._rules_changed = threading.Condition()
        self.rules: dict[str, float] = {}
        self.notify = notify

    def reload(self, rules: dict[str, float]) -> None:
        with self._rules_changed:
            self.rules = dict(rules)
            self._rules_changed.notify_all()

    async def evaluate(self, tag: str, value: float) -> None:
        with self._rules_changed:
            limit = self.rules.get(tag)
            if limit is not None and value > limit:
                await self.notify(f"{tag} at {value} > {limit}")


class AlertHubOk:  # expect: clean  # near: lock-across-await
    def __init__(self, notify: Notify) -> None:
        self._rules_changed = threading.Condition()
        self.rules: dict[str, float] = {}
        self.notify = notify

    async def evaluate(self, tag: str, value: float) -> None:
        with self._rules_changed:
            limit = self.rules.get(tag)
        if limit is not None and value > limit:
            await self.notify(f"{tag} at {value} > {limit}")


class Debouncer:  # expect: lock-across-await
    """One alert per tag at a time; the web thread also checks whether a tag is mid-alert."""

    def __init__(self, notify: Notify) -> None:
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self.notify = notify

    async def fire(self, tag: str, text: str) -> None:
        with self._locks[tag]:
            await self.notify(text)
            await asyncio.sleep(30)


class Pager:  # expect: unawaited-coroutine
    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    async def page(self, text: str) -> None:
        log.warning("paging: %s", text)
        self.notify(text)


class PagerLog:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, notify: Callable[[str], None]) -> None:
        self.notify = notify

    async def page(self, text: str) -> None:
        log.warning("paging: %s", text)
        self.notify(text)


class ControlApi:  # expect: unawaited-coroutine
    def __init__(self, plc: AsyncPlcOk) -> None:
        self.plc = plc
        self.actions = {"trip": functools.partial(self.plc.trip), "close": self.plc.close}

    async def run(self, action: str) -> str:
        handler = self.actions[action]
        handler()
        return "ok"


def never_fail(fn: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:  # expect: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs) -> None:
        try:
            await fn(*args, **kwargs)
        except BaseException:
            log.exception("%s failed", fn.__name__)

    return wrapper


def logged(fn: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:  # expect: clean  # near: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs) -> None:
        try:
            await fn(*args, **kwargs)
        except Exception:
            log.exception("%s failed", fn.__name__)

    return wrapper


class Poller:  # expect: cancellation-swallowed
    def __init__(self, read: Callable[[], Awaitable[float]], hub: AlertHubOk) -> None:
        self.read = read
        self.hub = hub
        self._stopping = False

    async def run(self, tag: str) -> None:
        while True:
            try:
                value = await self.read()
                await self.hub.evaluate(tag, value)
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                if self._stopping:
                    break
                log.warning("poll of %s interrupted, going on", tag)


class Session:  # expect: cancellation-swallowed
    """The on-call chat session, entered around each notification burst."""

    def __init__(self) -> None:
        self.open = False

    async def __aenter__(self) -> "Session":
        self.open = True
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        self.open = False
        await asyncio.sleep(0)
        return True


class SessionOk:  # expect: clean  # near: cancellation-swallowed
    def __init__(self) -> None:
        self.open = False

    async def __aenter__(self) -> "SessionOk":
        self.open = True
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        self.open = False
        await asyncio.sleep(0)
        return exc_type is not None and issubclass(exc_type, ConnectionResetError)


async def last_value(read: Callable[[], Awaitable[float]]) -> Optional[float]:  # expect: cancellation-swallowed
    value: Optional[float] = None
    try:
        value = await read()
    finally:
        return value


async def last_value_ok(read: Callable[[], Awaitable[float]]) -> Optional[float]:  # expect: clean  # near: cancellation-swallowed
    value: Optional[float] = None
    try:
        value = await read()
    finally:
        log.debug("last value %s", value)
    return value
