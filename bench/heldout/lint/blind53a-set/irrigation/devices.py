"""Valves, pumps and sensors of the irrigation controller, built on the shared base."""
from __future__ import annotations

import asyncio
import logging

from .base import AsyncBusDevice, BusDevice, ReadingSink, channel, resilient, resilient_errors

log = logging.getLogger("irrigation.devices")


class Valve(BusDevice):  # expect: lock-across-await
    async def open_for(self, seconds: float, journal) -> None:
        with self.bus_lock:
            self.registers[1] = 1
            await journal.record(self.address, "open")
            await asyncio.sleep(seconds)
            self.registers[1] = 0


class AsyncValve(AsyncBusDevice):  # expect: clean  # near: lock-across-await
    async def open_for(self, seconds: float, journal) -> None:
        async with self.bus_lock:
            self.registers[1] = 1
            await journal.record(self.address, "open")
            await asyncio.sleep(seconds)
            self.registers[1] = 0


class Pump(BusDevice):  # expect: lock-across-await
    async def prime(self, scada) -> None:
        with self.exclusive() as regs:
            regs[7] = 1
            await scada.wait_pressure(self.address, bar=2.0)


class PumpSnapshot(BusDevice):  # expect: clean  # near: lock-across-await
    async def prime(self, scada) -> None:
        with self.exclusive() as regs:
            regs[7] = 1
            before = dict(regs)
        await scada.report(self.address, before)


@resilient
async def flush_line(valve: Valve, seconds: float) -> None:  # expect: clean, ?cancellation-swallowed
    await valve.open_for(seconds, journal=None)


class Scheduler:  # expect: clean, ?cancellation-swallowed
    def __init__(self, valves: list[Valve]) -> None:
        self.valves = valves

    @resilient
    async def _water(self, valve: Valve) -> None:
        await valve.open_for(600, journal=None)

    async def run_zone(self) -> None:
        for valve in self.valves:
            await self._water(valve)
        log.info("zone done")


class SchedulerErrors:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, valves: list[Valve]) -> None:
        self.valves = valves

    @resilient_errors
    async def _water(self, valve: Valve) -> None:
        await valve.open_for(600, journal=None)

    async def run_zone(self) -> None:
        for valve in self.valves:
            await self._water(valve)
        log.info("zone done")


class MoistureMonitor:  # expect: thread-unsafe-capture
    def __init__(self, sink: ReadingSink) -> None:
        self.readings: asyncio.Queue[dict] = channel()
        sink.subscribe(self.readings.put_nowait)

    async def watch(self, act) -> None:
        while True:
            await act(await self.readings.get())


class MoistureMonitorSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sink: ReadingSink) -> None:
        self.readings: asyncio.Queue[dict] = channel()
        loop = asyncio.get_running_loop()
        sink.subscribe(lambda r: loop.call_soon_threadsafe(self.readings.put_nowait, r))

    async def watch(self, act) -> None:
        while True:
            await act(await self.readings.get())


class FrostAlarm:  # expect: thread-unsafe-capture
    def __init__(self, sink: ReadingSink) -> None:
        self.frost = asyncio.Event()
        sink.subscribe(self._check)

    def _check(self, reading: dict) -> None:
        if reading.get("temp", 10) < 0:
            self.frost.set()

    async def wait_frost(self) -> None:
        await self.frost.wait()


class RainGauge:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.tips: asyncio.Queue[float] = channel(0)

    async def on_tip(self, mm: float) -> None:
        await self.tips.put(mm)


class RainGaugeDefault:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.tips: asyncio.Queue[float] = channel()

    async def on_tip(self, mm: float) -> None:
        await self.tips.put(mm)
