"""A ferry operator's booking service: seat holds, payment hooks and passenger notices, mostly async."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Coroutine, Protocol, Self, TypeAlias, cast

import httpx
import redis.asyncio as aioredis

log = logging.getLogger("ferry")

Hook: TypeAlias = Callable[[dict], Awaitable[None]]
Handler: TypeAlias = Callable[[str], Coroutine[Any, Any, None]]


class SeatStore(Protocol):  # expect: clean
    def hold(self, sailing: str, seat: str) -> Awaitable[bool]: ...

    def label(self, sailing: str) -> str: ...


async def hold_seat(store: SeatStore, sailing: str, seat: str) -> None:  # expect: unawaited-coroutine
    log.info("holding %s on %s", seat, store.label(sailing))
    store.hold(sailing, seat)


async def hold_seat_ok(store: SeatStore, sailing: str, seat: str) -> bool:  # expect: clean  # near: unawaited-coroutine
    log.info("holding %s on %s", seat, store.label(sailing))
    return await store.hold(sailing, seat)


class PaymentGateway:  # expect: unawaited-coroutine
    def __init__(self, on_paid: Hook) -> None:
        self.on_paid = on_paid
        self.http = httpx.AsyncClient(base_url="https://pay.example.invalid")

    async def capture(self, booking: dict) -> None:
        resp = await self.http.post("/capture", json=booking)
        resp.raise_for_status()
        self.on_paid(booking)


class PaymentGatewayOk(PaymentGateway):  # expect: clean  # near: unawaited-coroutine
    async def capture(self, booking: dict) -> None:
        resp = await self.http.post("/capture", json=booking)
        resp.raise_for_status()
        await self.on_paid(booking)


class CommandBus:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.handlers: dict[str, list[Handler]] = {}

    def on(self, name: str, handler: Handler) -> None:
        self.handlers.setdefault(name, []).append(handler)

    async def emit(self, name: str, arg: str) -> None:
        for handler in self.handlers.get(name, []):
            handler(arg)


class GatheringCommandBus(CommandBus):  # expect: clean  # near: unawaited-coroutine
    async def emit(self, name: str, arg: str) -> None:
        await asyncio.gather(*(h(arg) for h in self.handlers.get(name, [])))


class Passenger:  # expect: clean
    def __init__(self, pid: str, email: str) -> None:
        self.pid = pid
        self.email = email

    @classmethod
    def from_row(cls, row: dict) -> Self:
        return cls(row["id"], row["email"])

    async def send_notice(self, text: str) -> None:
        await asyncio.sleep(0)
        log.info("notice to %s: %s", self.email, text)

    def display(self) -> str:
        return f"{self.pid} <{self.email}>"


async def delay_notice(rows: list[dict], minutes: int) -> None:  # expect: unawaited-coroutine
    for row in rows:
        Passenger.from_row(row).send_notice(f"sailing delayed by {minutes} min")


async def list_passengers(rows: list[dict]) -> list[str]:  # expect: clean  # near: unawaited-coroutine
    return [Passenger.from_row(row).display() for row in rows]


async def route_webhook(registry: dict[str, object], kind: str, payload: dict) -> None:  # expect: unawaited-coroutine
    hook = cast(Hook, registry[kind])
    hook(payload)
    log.info("routed %s", kind)


async def route_webhook_ok(registry: dict[str, object], kind: str, payload: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    hook = cast(Hook, registry[kind])
    await hook(payload)


@dataclass
class Manifest:  # expect: unawaited-coroutine
    sailing: str
    passengers: list[Passenger] = field(default_factory=list)

    async def announce(self, text: str) -> None:
        for p in self.passengers:
            p.send_notice(text)


@dataclass
class PrintedManifest:  # expect: clean  # near: unawaited-coroutine
    sailing: str
    passengers: list[Passenger] = field(default_factory=list)

    async def lines(self) -> list[str]:
        await asyncio.sleep(0)
        return [p.display() for p in self.passengers]


class HoldCache:  # expect: unawaited-coroutine
    def __init__(self, url: str) -> None:
        self._url = url
        self._redis: aioredis.Redis | None = None

    @property
    def redis(self) -> aioredis.Redis:
        if self._redis is None:
            self._redis = aioredis.from_url(self._url)
        return self._redis

    async def release(self, sailing: str, seat: str) -> None:
        self.redis.delete(f"hold:{sailing}:{seat}")
        log.info("released %s/%s", sailing, seat)


class HoldCacheOk(HoldCache):  # expect: clean  # near: unawaited-coroutine
    async def release(self, sailing: str, seat: str) -> None:
        await self.redis.delete(f"hold:{sailing}:{seat}")
        log.info("released %s/%s", sailing, seat)


async def close_clients(clients: list[httpx.AsyncClient]) -> None:  # expect: unawaited-coroutine
    for c in clients:
        c.aclose()


async def close_clients_ok(clients: list[httpx.AsyncClient]) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(c.aclose() for c in clients))


async def quay_announce(host: str, text: str) -> None:  # expect: unawaited-coroutine
    _, writer = await asyncio.open_connection(host, 7000)
    writer.write(text.encode())
    writer.drain()
    writer.close()
    await writer.wait_closed()


async def quay_announce_ok(host: str, text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    _, writer = await asyncio.open_connection(host, 7000)
    writer.write(text.encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


class Checkin:  # expect: unawaited-coroutine
    def __init__(self, http: httpx.AsyncClient | None = None) -> None:
        self.http = http

    async def board(self, booking_id: str) -> None:
        if self.http is not None:
            self.http.post(f"/bookings/{booking_id}/board")
        await asyncio.sleep(0)


class CheckinOk(Checkin):  # expect: clean  # near: unawaited-coroutine
    async def board(self, booking_id: str) -> None:
        if self.http is not None:
            request = self.http.build_request("POST", f"/bookings/{booking_id}/board")
            await self.http.send(request)
