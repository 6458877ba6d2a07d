"""Device drivers of the agent: pollers on threads, commands from the API's coroutines."""
from __future__ import annotations

import asyncio
import threading

from fleet.base import GuardedDevice, deliver, deliver_threadsafe, fail_fast, log_and_continue, make_events


class Thermostat(GuardedDevice):  # expect: lock-across-await
    def __init__(self, address: str, api) -> None:
        super().__init__(address)
        self.api = api

    async def push_setpoint(self, value: float) -> None:
        with self._guard:
            self.state["setpoint"] = value
            await self.api.put(f"/devices/{self.address}/setpoint", json={"value": value})


class ThermostatSnapshot(GuardedDevice):  # expect: clean  # near: lock-across-await
    def __init__(self, address: str, api) -> None:
        super().__init__(address)
        self.api = api

    async def push_setpoint(self, value: float) -> None:
        with self._guard:
            self.state["setpoint"] = value
            body = dict(self.state)
        await self.api.put(f"/devices/{self.address}/setpoint", json=body)


class Meter(GuardedDevice):  # expect: lock-across-await
    def __init__(self, address: str, api) -> None:
        super().__init__(address)
        self.api = api

    async def report(self) -> None:
        with self.guarded() as state:
            await self.api.post("/readings", json=state)


class MeterCopy(GuardedDevice):  # expect: clean  # near: lock-across-await
    def __init__(self, address: str, api) -> None:
        super().__init__(address)
        self.api = api

    async def report(self) -> None:
        with self.guarded() as state:
            body = dict(state)
        await self.api.post("/readings", json=body)


class DoorPoller:  # expect: thread-unsafe-capture
    def __init__(self, door, events: asyncio.Queue) -> None:
        self.door = door
        self.events = events
        threading.Thread(target=self._poll, daemon=True).start()

    def _poll(self) -> None:
        while True:
            deliver(self.events, self.door.wait_for_change())


class DoorPollerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, door, events: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.door = door
        self.events = events
        self.loop = loop
        threading.Thread(target=self._poll, daemon=True).start()

    def _poll(self) -> None:
        while True:
            deliver_threadsafe(self.loop, self.events, self.door.wait_for_change())


async def forward_readings(meter: Meter, api) -> None:  # expect: clean  # near: thread-unsafe-capture
    events = make_events(128)
    deliver(events, {"meter": meter.address})
    await api.post("/events", json=await events.get())


async def sync_loop(devices: list[GuardedDevice], api) -> None:  # expect: cancellation-swallowed
    while True:
        for dev in devices:
            try:
                await api.post(f"/devices/{dev.address}/state", json=dev.state)
            except BaseException as exc:
                log_and_continue(exc, f"sync of {dev.address}")
        await asyncio.sleep(15)


async def sync_loop_strict(devices: list[GuardedDevice], api) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        for dev in devices:
            try:
                await api.post(f"/devices/{dev.address}/state", json=dev.state)
            except BaseException as exc:
                fail_fast(exc, f"sync of {dev.address}")
        await asyncio.sleep(15)


class EventPump:  # expect: unbounded-queue
    def __init__(self, bus) -> None:
        self.bus = bus
        self.events = make_events()

    async def run(self) -> None:
        async for event in self.bus.subscribe("fleet.*"):
            await self.events.put(event)


class EventPumpBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, bus) -> None:
        self.bus = bus
        self.events = make_events(1024)

    async def run(self) -> None:
        async for event in self.bus.subscribe("fleet.*"):
            await self.events.put(event)
