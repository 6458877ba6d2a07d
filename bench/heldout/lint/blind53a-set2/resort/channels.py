"""Channels between the pass scanners, the ticket office and the rental shop."""
from __future__ import annotations

import asyncio

from . import settings
from .settings import RENTAL_BACKLOG, TICKET_BACKLOG


class ScanChannel:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.scans: asyncio.Queue[str] = asyncio.Queue(settings.SCAN_BACKLOG)

    async def on_scan(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            await self.scans.put(line.decode())


class TicketChannel:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.tickets: asyncio.Queue[str] = asyncio.Queue(TICKET_BACKLOG)

    async def on_sale(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            await self.tickets.put(line.decode())


class RentalChannel:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.rentals: asyncio.Queue[str] = asyncio.Queue(maxsize=RENTAL_BACKLOG)

    async def on_rental(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            await self.rentals.put(line.decode())


class Broadcast:  # expect: unbounded-queue
    queue_class = asyncio.Queue

    def __init__(self) -> None:
        self.listeners: list[asyncio.Queue] = []

    def subscribe(self) -> asyncio.Queue:
        q = self.queue_class()
        self.listeners.append(q)
        return q

    async def publish(self, event: str) -> None:
        for q in self.listeners:
            await q.put(event)


class BroadcastSized:  # expect: clean  # near: unbounded-queue
    queue_class = asyncio.Queue

    def __init__(self, depth: int = 32) -> None:
        self.depth = depth
        self.listeners: list[asyncio.Queue] = []

    def subscribe(self) -> asyncio.Queue:
        q = self.queue_class(maxsize=self.depth)
        self.listeners.append(q)
        return q

    async def publish(self, event: str) -> None:
        for q in self.listeners:
            await q.put(event)


class GateFanIn:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.gates: dict[str, object] = {}
        self.events: asyncio.Queue[str] = asyncio.Queue(len(self.gates))

    def add_gate(self, name: str, gate) -> None:
        self.gates[name] = gate

    async def on_event(self, event: str) -> None:
        await self.events.put(event)


class GateFanInSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, gates: dict[str, object]) -> None:
        self.gates = dict(gates)
        self.events: asyncio.Queue[str] = asyncio.Queue(10 * max(1, len(self.gates)))

    async def on_event(self, event: str) -> None:
        await self.events.put(event)


class Kiosk:  # expect: unbounded-queue
    def __init__(self, unbounded: bool = True) -> None:
        self.orders: asyncio.Queue[dict] = asyncio.Queue(0 if unbounded else 100)

    async def order(self, reader: asyncio.StreamReader) -> None:
        while raw := await reader.readline():
            await self.orders.put({"raw": raw})


class KioskBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, unbounded: bool = False) -> None:
        self.orders: asyncio.Queue[dict] = asyncio.Queue(0 if unbounded else 100)

    async def order(self, reader: asyncio.StreamReader) -> None:
        while raw := await reader.readline():
            await self.orders.put({"raw": raw})


async def rent_all(stream, rent) -> None:  # expect: unbounded-spawn, dangling-task
    async for request in stream:
        asyncio.ensure_future(asyncio.to_thread(rent, request))


async def rent_all_awaited(stream, rent) -> None:  # expect: clean  # near: unbounded-spawn
    async for request in stream:
        await asyncio.to_thread(rent, request)
