"""Vote counters: the API's coroutines and the SMS importer threads both add to them."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

from tally.sync_locks import make_lock, region_lock

log = logging.getLogger("tally")
RETRYABLE = (ConnectionError, asyncio.CancelledError)


async def publish_region(region: str, totals: dict, board) -> None:  # expect: lock-across-await
    with region_lock(region):
        await board.show(region, totals[region])


async def publish_region_copy(region: str, totals: dict, board) -> None:  # expect: clean  # near: lock-across-await
    with region_lock(region):
        snapshot = totals[region]
    await board.show(region, snapshot)


class Tally:  # expect: lock-across-await
    _lock: threading.Lock

    def __init__(self, store) -> None:
        self.store = store
        self._lock = make_lock()
        self.votes: dict[str, int] = {}

    async def checkpoint(self) -> None:
        with self._lock:
            await self.store.save(dict(self.votes))


class MaybeThreadedTally:  # expect: lock-across-await
    def __init__(self, store, threaded: bool) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._threaded = threaded
        self.votes: dict[str, int] = {}

    async def checkpoint(self) -> None:
        with self._lock if self._threaded else contextlib.nullcontext():
            await self.store.save(dict(self.votes))


class MixedLocks:  # expect: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._alock = asyncio.Lock()
        self._tlock = threading.Lock()

    async def checkpoint(self, votes: dict) -> None:
        async with self._alock:
            with self._tlock:
                await self.store.save(votes)


class SpawnUnderLock:  # expect: clean  # near: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._tlock = threading.Lock()
        self.pending: set[asyncio.Task] = set()

    async def checkpoint(self, votes: dict) -> None:
        with self._tlock:
            task = asyncio.ensure_future(self.store.save(dict(votes)))
            self.pending.add(task)
        await task
        self.pending.discard(task)


class Poller:  # expect: cancellation-swallowed
    def __init__(self, gateway) -> None:
        self.gateway = gateway
        self.last_error: BaseException | None = None

    async def run(self) -> None:
        while True:
            try:
                await self.gateway.fetch_votes()
            except BaseException as exc:
                self.last_error = exc
            await asyncio.sleep(2)


class PollerErrors:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, gateway) -> None:
        self.gateway = gateway
        self.last_error: Exception | None = None

    async def run(self) -> None:
        while True:
            try:
                await self.gateway.fetch_votes()
            except Exception as exc:
                self.last_error = exc
            await asyncio.sleep(2)


async def keep_counting(count_once) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await asyncio.shield(count_once())
        except asyncio.CancelledError:
            continue
        await asyncio.sleep(1)


async def send_result(gateway, result: dict) -> None:  # expect: cancellation-swallowed
    for attempt in range(3):
        try:
            await gateway.send(result)
            return
        except (KeyError, *RETRYABLE):
            await asyncio.sleep(attempt)


async def send_result_once(gateway, result: dict) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.timeout(5):
            await gateway.send(result)
    except TimeoutError:
        log.warning("result not sent in time")
