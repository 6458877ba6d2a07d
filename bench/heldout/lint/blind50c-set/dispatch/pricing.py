"""Fares: distance, surge and the promotions service."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Awaitable, Callable, Optional

import httpx

from . import geo
from .geo import Point, road_distance_km, wait_for_router

log = logging.getLogger(__name__)
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fare")


@dataclass
class Quote:
    pickup: Point
    dropoff: Point
    km: float = 0.0
    surge: float = 1.0
    promo: Optional[str] = None

    def total(self) -> Decimal:
        return (Decimal("2.50") + Decimal(str(self.km)) * Decimal("1.10")) * Decimal(str(self.surge))


async def quote_by_road(pickup: Point, dropoff: Point) -> Quote:  # expect: blocking-call
    km = road_distance_km(pickup, dropoff)
    return Quote(pickup, dropoff, km=km)


async def quote_by_road_offloaded(pickup: Point, dropoff: Point) -> Quote:  # expect: clean  # near: blocking-call
    km = await asyncio.to_thread(geo.road_distance_km, pickup, dropoff)
    return Quote(pickup, dropoff, km=km)


async def quote_crow_flies(pickup: Point, dropoff: Point) -> Quote:  # expect: clean
    return Quote(pickup, dropoff, km=geo.haversine_km(pickup, dropoff) * 1.3)


async def warm_up() -> None:  # expect: blocking-call
    log.info("waiting for the router")
    wait_for_router(deadline=10)


async def quote_in_pool(pickup: Point, dropoff: Point) -> Quote:  # expect: blocking-call
    future = _pool.submit(road_distance_km, pickup, dropoff)
    return Quote(pickup, dropoff, km=future.result(timeout=3))


async def quote_in_pool_awaited(pickup: Point, dropoff: Point) -> Quote:  # expect: clean  # near: blocking-call
    future = _pool.submit(road_distance_km, pickup, dropoff)
    km = await asyncio.wrap_future(future)
    return Quote(pickup, dropoff, km=km)


@dataclass
class PromoClient:  # expect: blocking-call
    base_url: str
    secret: bytes
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=3))

    def _sign(self, body: bytes) -> str:
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    async def discount(self, code: str) -> Decimal:
        body = code.encode()
        resp = self.http.post(f"{self.base_url}/redeem", content=body, headers={"X-Sig": self._sign(body)})
        return Decimal(resp.json()["discount"])


@dataclass
class AsyncPromoClient:  # expect: clean  # near: blocking-call
    base_url: str
    secret: bytes
    http: httpx.AsyncClient = field(default_factory=lambda: httpx.AsyncClient(timeout=3))

    def _sign(self, body: bytes) -> str:
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    async def discount(self, code: str) -> Decimal:
        body = code.encode()
        resp = await self.http.post(f"{self.base_url}/redeem", content=body, headers={"X-Sig": self._sign(body)})
        return Decimal(resp.json()["discount"])


SurgeSource = Callable[[str], Awaitable[float]]


class SurgeBoard:  # expect: unawaited-coroutine
    def __init__(self, source: SurgeSource):
        self.source = source
        self.latest: dict[str, float] = {}

    async def refresh(self, zones: list[str]) -> None:
        for zone in zones:
            self.source(zone)
        log.debug("surge refreshed for %d zones", len(zones))


class SurgeBoardAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, source: SurgeSource):
        self.source = source
        self.latest: dict[str, float] = {}

    async def refresh(self, zones: list[str]) -> None:
        values = await asyncio.gather(*(self.source(z) for z in zones))
        self.latest.update(zip(zones, values))


async def apply_promo(quote: Quote, client: AsyncPromoClient) -> Decimal:  # expect: unawaited-coroutine
    total = quote.total()
    if quote.promo:
        off = client.discount(quote.promo)
        log.info("promo %s applied", quote.promo)
        return total - Decimal("1.00") if off else total
    return total
