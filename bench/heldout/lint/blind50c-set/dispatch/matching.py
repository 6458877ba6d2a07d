"""Matching riders to drivers: the offer loop, the driver pool and the dispatch queue."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, Optional

from .geo import Point, eta_minutes

log = logging.getLogger(__name__)


@dataclass
class Driver:
    id: str
    pos: Point
    busy: bool = False


@dataclass
class RideRequest:
    id: str
    pickup: Point


class DriverPool:  # expect: clean
    """Positions arrive from the telemetry thread; the matcher reads them on the loop."""

    def __init__(self) -> None:
        self._drivers: Dict[str, Driver] = {}
        self.guard = threading.Lock()

    def update(self, driver_id: str, pos: Point) -> None:
        with self.guard:
            self._drivers.setdefault(driver_id, Driver(driver_id, pos)).pos = pos

    def nearest_free(self, at: Point) -> Optional[Driver]:
        with self.guard:
            free = [d for d in self._drivers.values() if not d.busy]
        return min(free, key=lambda d: eta_minutes(d.pos, at), default=None)


async def offer_and_wait(pool: DriverPool, req: RideRequest, offers) -> Optional[str]:  # expect: lock-across-await
    with pool.guard:
        candidates = [d for d in pool._drivers.values() if not d.busy]
        for d in sorted(candidates, key=lambda d: eta_minutes(d.pos, req.pickup)):
            if await offers.ask(d.id, req.id, timeout=8):
                d.busy = True
                return d.id
    return None


async def offer_snapshot(pool: DriverPool, req: RideRequest, offers) -> Optional[str]:  # expect: clean  # near: lock-across-await
    with pool.guard:
        candidates = sorted((d for d in pool._drivers.values() if not d.busy),
                            key=lambda d: eta_minutes(d.pos, req.pickup))
    for d in candidates:
        if await offers.ask(d.id, req.id, timeout=8):
            with pool.guard:
                d.busy = True
            return d.id
    return None


class ZoneLocks:  # expect: clean
    def __init__(self) -> None:
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    def for_zone(self, zone: str) -> threading.Lock:
        return self._locks[zone]


class SurgeUpdater:  # expect: lock-across-await
    def __init__(self, locks: ZoneLocks, board) -> None:
        self.locks = locks
        self.board = board

    async def bump(self, zone: str, factor: float) -> None:
        with self.locks.for_zone(zone):
            current = await self.board.get(zone)
            await self.board.set(zone, current * factor)


class SurgeUpdaterAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, board) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.board = board

    async def bump(self, zone: str, factor: float) -> None:
        async with self._locks[zone]:
            current = await self.board.get(zone)
            await self.board.set(zone, current * factor)


class Dispatcher:  # expect: unbounded-queue, dangling-task, unbounded-spawn
    def __init__(self, pool: DriverPool, offers) -> None:
        self.pool = pool
        self.offers = offers
        self.requests: asyncio.Queue[RideRequest] = asyncio.Queue()

    async def submit(self, req: RideRequest) -> None:
        await self.requests.put(req)

    async def run(self) -> None:
        while True:
            req = await self.requests.get()
            asyncio.create_task(self._match(req))

    async def _match(self, req: RideRequest) -> None:
        driver_id = await offer_snapshot(self.pool, req, self.offers)
        log.info("ride %s -> %s", req.id, driver_id)


@dataclass
class BoundedDispatcher:  # expect: unbounded-spawn  # near: unbounded-queue, dangling-task
    pool: DriverPool
    offers: object
    requests: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=500))
    _inflight: set = field(default_factory=set)

    async def run(self) -> None:
        while True:
            req = await self.requests.get()
            task = asyncio.create_task(offer_snapshot(self.pool, req, self.offers))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)


async def match_batch(dispatcher: Dispatcher, reqs: list[RideRequest]) -> None:  # expect: dangling-task, ?unbounded-spawn
    [asyncio.ensure_future(dispatcher._match(r)) for r in reqs]
    await asyncio.sleep(0)


async def match_batch_gathered(dispatcher: Dispatcher, reqs: list[RideRequest]) -> None:  # expect: clean, ?unbounded-spawn  # near: dangling-task
    tasks = [asyncio.ensure_future(dispatcher._match(r)) for r in reqs]
    await asyncio.gather(*tasks)


async def offer_loop(dispatcher: Dispatcher) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await dispatcher.run()
        except BaseException:
            log.exception("offer loop crashed, restarting")
            await asyncio.sleep(1 + random.random())


async def offer_loop_restarts(dispatcher: Dispatcher) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await dispatcher.run()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("offer loop crashed, restarting")
            await asyncio.sleep(1 + random.random())


async def expire_offer(offers, offer_id: str, after: float) -> None:  # expect: cancellation-swallowed
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.sleep(after)
        await offers.expire(offer_id)
    log.debug("offer %s settled", offer_id)


async def expire_offer_quietly(offers, offer_id: str, after: float) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await asyncio.sleep(after)
        await offers.expire(offer_id)
    except asyncio.CancelledError:
        log.debug("offer %s taken before expiry", offer_id)
        raise
