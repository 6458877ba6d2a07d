"""The telematics bridge: a vendor's blocking client on a thread, events into the loop."""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Optional

from .plumbing import Bus, Registry, is_network_error, is_transient

log = logging.getLogger(__name__)


class Position:  # expect: clean
    def __init__(self, lat: float, lon: float) -> None:
        self.lat, self.lon = lat, lon


class PositionBoard:  # expect: lock-across-await
    """Latest position per vehicle, written by the bridge thread, published by the loop."""

    def __init__(self, registry: Registry[Position], sink) -> None:
        self.registry = registry
        self.sink = sink

    async def publish_all(self) -> None:
        with self.registry.editing() as items:
            for vid, pos in items.items():
                await self.sink.send(vid, pos.lat, pos.lon)


class SnapshotPositionBoard:  # expect: clean  # near: lock-across-await
    def __init__(self, registry: Registry[Position], sink) -> None:
        self.registry = registry
        self.sink = sink

    async def publish_all(self) -> None:
        with self.registry.editing() as items:
            snapshot = dict(items)
        for vid, pos in snapshot.items():
            await self.sink.send(vid, pos.lat, pos.lon)


class Bridge:  # expect: thread-unsafe-capture
    """Runs the vendor client's blocking `stream()` on a thread of its own."""

    def __init__(self, client, registry: Registry[Position], alerts: "asyncio.Queue[str]") -> None:
        self.client = client
        self.registry = registry
        self.alerts = alerts
        self._thread: Optional[threading.Thread] = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._pump, name="telematics", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        for event in self.client.stream():
            self.registry.put(event["vehicle"], Position(event["lat"], event["lon"]))
            if event.get("alarm"):
                self._raise_alarm(event["vehicle"])

    def _raise_alarm(self, vehicle: str) -> None:
        self.alerts.put_nowait(vehicle)


class SafeBridge:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, client, registry: Registry[Position], bus: Bus) -> None:
        self.client = client
        self.registry = registry
        self.bus = bus

    def start(self) -> None:
        threading.Thread(target=self._pump, name="telematics", daemon=True).start()

    def _pump(self) -> None:
        for event in self.client.stream():
            self.registry.put(event["vehicle"], Position(event["lat"], event["lon"]))
            if event.get("alarm"):
                self.bus.emit_threadsafe("alarm", event)


async def reconnect_forever(client) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await client.connect()
            await client.wait_closed()
        except BaseException as exc:
            if not is_transient(exc):
                raise
            log.warning("telematics link dropped: %r", exc)
        await asyncio.sleep(5)


async def reconnect_on_network_errors(client) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await client.connect()
            await client.wait_closed()
        except BaseException as exc:
            if is_network_error(exc):
                log.warning("telematics link dropped: %r", exc)
            else:
                log.error("unexpected: %r", exc)
        await asyncio.sleep(5)


async def reconnect_reraising(client) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await client.connect()
            await client.wait_closed()
        except BaseException as exc:
            if not is_network_error(exc):
                raise
            log.warning("telematics link dropped: %r", exc)
        await asyncio.sleep(5)
