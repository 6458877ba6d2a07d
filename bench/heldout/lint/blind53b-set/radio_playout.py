"""A radio station's playout engine: cart decks, a jingle library and the studio's shared state."""
from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing.synchronize
import threading
from dataclasses import dataclass, field
from typing import Optional, TypeAlias, cast

log = logging.getLogger("playout")

DeckGuard: TypeAlias = threading.Lock
AsyncGuard: TypeAlias = asyncio.Lock

_DECK_LOCKS: dict[str, threading.Lock] = {}
_ASYNC_DECK_LOCKS: dict[str, asyncio.Lock] = {}


def deck_lock(deck: str) -> threading.Lock:  # expect: clean
    return _DECK_LOCKS.setdefault(deck, threading.Lock())


def async_deck_lock(deck: str) -> asyncio.Lock:  # expect: clean
    return _ASYNC_DECK_LOCKS.setdefault(deck, asyncio.Lock())


async def cue(deck: str, cart: str, player) -> None:  # expect: lock-across-await
    with deck_lock(deck):
        await player.load(deck, cart)
        log.info("cued %s on %s", cart, deck)


async def cue_async(deck: str, cart: str, player) -> None:  # expect: clean  # near: lock-across-await
    async with async_deck_lock(deck):
        await player.load(deck, cart)
        log.info("cued %s on %s", cart, deck)


async def fade(guard: DeckGuard, mixer, seconds: float) -> None:  # expect: lock-across-await
    with guard:
        for step in range(10):
            mixer.set_level(1 - step / 10)
            await asyncio.sleep(seconds / 10)


async def fade_async(guard: AsyncGuard, mixer, seconds: float) -> None:  # expect: clean  # near: lock-across-await
    async with guard:
        for step in range(10):
            mixer.set_level(1 - step / 10)
            await asyncio.sleep(seconds / 10)


@dataclass
class JingleLibrary:  # expect: lock-across-await
    store: object
    cache: dict[str, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def jingle(self, name: str) -> bytes:
        with self.lock:
            if name not in self.cache:
                self.cache[name] = await self.store.fetch(name)
            return self.cache[name]


@dataclass
class AsyncJingleLibrary:  # expect: clean  # near: lock-across-await
    store: object
    cache: dict[str, bytes] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def jingle(self, name: str) -> bytes:
        async with self.lock:
            if name not in self.cache:
                self.cache[name] = await self.store.fetch(name)
            return self.cache[name]


class Studio:  # expect: lock-across-await
    """State shared with the hardware panel's thread."""

    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.on_air: Optional[str] = None
        self._guards: dict[str, threading.RLock] = {"air": threading.RLock()}

    @property
    def air_lock(self) -> threading.RLock:
        return self._guards["air"]

    async def go_live(self, show: str) -> None:
        with self.air_lock:
            self.on_air = show
            await self.encoder.announce(show)


class SnapshotStudio:  # expect: clean  # near: lock-across-await
    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.on_air: Optional[str] = None
        self._guards: dict[str, threading.RLock] = {"air": threading.RLock()}

    @property
    def air_lock(self) -> threading.RLock:
        return self._guards["air"]

    async def go_live(self, show: str) -> None:
        with self.air_lock:
            self.on_air = show
        await self.encoder.announce(show)


class Carts:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db

    @functools.cached_property
    def mutex(self) -> threading.Lock:
        return threading.Lock()

    async def rotate(self, slot: str) -> None:
        self.mutex.acquire()
        try:
            nxt = await self.db.next_cart(slot)
            await self.db.mark_played(nxt)
        finally:
            self.mutex.release()


class AsyncCarts:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db

    @functools.cached_property
    def mutex(self) -> asyncio.Lock:
        return asyncio.Lock()

    async def rotate(self, slot: str) -> None:
        await self.mutex.acquire()
        try:
            nxt = await self.db.next_cart(slot)
            await self.db.mark_played(nxt)
        finally:
            self.mutex.release()


class Streams:  # expect: lock-across-await
    def __init__(self) -> None:
        self.locks: dict[str, threading.Lock] = {}
        self.listeners: dict[str, int] = {}

    async def join(self, mount: str, handshake) -> int:
        lock = self.locks.setdefault(mount, threading.Lock())
        with lock:
            await handshake()
            self.listeners[mount] = self.listeners.get(mount, 0) + 1
            return self.listeners[mount]


class AsyncStreams:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.locks: dict[str, asyncio.Lock] = {}
        self.listeners: dict[str, int] = {}

    async def join(self, mount: str, handshake) -> int:
        lock = self.locks.setdefault(mount, asyncio.Lock())
        async with lock:
            await handshake()
            self.listeners[mount] = self.listeners.get(mount, 0) + 1
            return self.listeners[mount]


async def log_play(lock: Optional[threading.Lock], logger_sink, track: str) -> None:  # expect: lock-across-await
    if lock is None:
        await logger_sink.write(track)
        return
    with lock:
        await logger_sink.write(track)


async def meter_update(shared: multiprocessing.synchronize.Lock, meters, value: float) -> None:  # expect: lock-across-await
    with shared:
        meters.value = value
        await asyncio.sleep(0)


async def meter_update_offloaded(shared: multiprocessing.synchronize.Lock, meters, value: float) -> None:  # expect: clean  # near: lock-across-await
    def write() -> None:
        with shared:
            meters.value = value

    await asyncio.to_thread(write)


async def swap_playlist(registry: dict, new: list[str], notify) -> None:  # expect: lock-across-await
    guard = cast(threading.Lock, registry["playlist_lock"])
    with guard:
        registry["playlist"] = new
        await notify(len(new))


class Sequencer:  # expect: lock-across-await
    slots: threading.BoundedSemaphore

    @classmethod
    def with_slots(cls, n: int) -> "Sequencer":
        seq = cls()
        seq.slots = threading.BoundedSemaphore(n)
        return seq

    async def play(self, clip) -> None:
        with self.slots:
            await clip.play()


class AsyncSequencer:  # expect: clean  # near: lock-across-await
    slots: asyncio.BoundedSemaphore

    @classmethod
    def with_slots(cls, n: int) -> "AsyncSequencer":
        seq = cls()
        seq.slots = asyncio.BoundedSemaphore(n)
        return seq

    async def play(self, clip) -> None:
        async with self.slots:
            await clip.play()
