"""Control loops of the greenhouse."""
from __future__ import annotations

import asyncio
import json
import logging

import aiomqtt
import bluetooth
import paho.mqtt.client as mqtt
from bleak import BleakClient, BleakScanner
from pymodbus.client import AsyncModbusTcpClient

from . import bench_plc, mqtt_bus, plc_for_zone, soil_probe_socket

log = logging.getLogger("greenhouse")

VENT_REGISTER = 40
PUMP_COIL = 3
HUMIDITY_UUID = "00002a6f-0000-1000-8000-00805f9b34fb"


async def vent_position(zone: str) -> int:  # expect: blocking-call
    rr = plc_for_zone(zone).read_holding_registers(VENT_REGISTER, count=1, slave=1)
    return rr.registers[0]


async def vent_position_async(zone: str) -> int:  # expect: clean  # near: blocking-call
    client = bench_plc(zone)
    await client.connect()
    try:
        rr = await client.read_holding_registers(VENT_REGISTER, count=1, slave=1)
        return rr.registers[0]
    finally:
        client.close()


async def open_vent(client: AsyncModbusTcpClient, percent: int) -> None:  # expect: unawaited-coroutine
    client.write_register(VENT_REGISTER, percent, slave=1)
    log.info("vent set to %d%%", percent)


async def pump_on(zone: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(lambda: plc_for_zone(zone).write_coil(PUMP_COIL, True, slave=1))


class ZoneController:  # expect: blocking-call
    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.plc = plc_for_zone(zone)

    async def irrigate(self, seconds: float) -> None:
        self.plc.write_coil(PUMP_COIL, True, slave=1)
        await asyncio.sleep(seconds)
        self.plc.write_coil(PUMP_COIL, False, slave=1)


class AsyncZoneController:  # expect: clean  # near: blocking-call
    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.plc = bench_plc(zone)

    async def irrigate(self, seconds: float) -> None:
        await self.plc.write_coil(PUMP_COIL, True, slave=1)
        await asyncio.sleep(seconds)
        await self.plc.write_coil(PUMP_COIL, False, slave=1)


class SensorBus:  # expect: unawaited-coroutine
    """paho's network thread delivers the readings."""

    def __init__(self, store) -> None:
        self.store = store
        self.client = mqtt_bus("greenhouse-ctl")
        self.client.on_message = self.on_message

    async def on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        await self.store.save(msg.topic, json.loads(msg.payload))

    def start(self, host: str) -> None:
        self.client.connect(host)
        self.client.subscribe("greenhouse/+/sensors")
        self.client.loop_start()


class BridgedSensorBus:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, readings: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.readings = readings
        self.loop = loop
        self.client = mqtt_bus("greenhouse-ctl")
        self.client.on_message = self.on_message

    def on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        self.loop.call_soon_threadsafe(self.readings.put_nowait, (msg.topic, json.loads(msg.payload)))

    def start(self, host: str) -> None:
        self.client.connect(host)
        self.client.subscribe("greenhouse/+/sensors")
        self.client.loop_start()


async def connect_sensor_bus(bus: BridgedSensorBus, host: str) -> None:  # expect: blocking-call
    bus.start(host)


async def connect_sensor_bus_offloaded(bus: BridgedSensorBus, host: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(bus.start, host)


async def announce_mode(client: mqtt.Client, mode: str) -> None:  # expect: clean  # near: blocking-call, unawaited-coroutine
    client.publish("greenhouse/mode", mode, qos=1, retain=True)


async def announce_mode_confirmed(client: mqtt.Client, mode: str) -> None:  # expect: blocking-call
    info = client.publish("greenhouse/mode", mode, qos=1, retain=True)
    info.wait_for_publish(timeout=5)


async def follow_alarms(host: str, on_alarm) -> None:  # expect: clean  # near: unawaited-coroutine
    async with aiomqtt.Client(host) as client:
        await client.subscribe("greenhouse/+/alarm")
        async for message in client.messages:
            await on_alarm(message.topic.value, message.payload)


async def follow_alarms_forgetful(host: str, on_alarm) -> None:  # expect: unawaited-coroutine
    async with aiomqtt.Client(host) as client:
        client.subscribe("greenhouse/+/alarm")
        async for message in client.messages:
            await on_alarm(message.topic.value, message.payload)


async def find_humidity_tags() -> list[str]:  # expect: clean  # near: unawaited-coroutine
    devices = await BleakScanner.discover(timeout=5.0)
    return [d.address for d in devices if (d.name or "").startswith("HT-")]


async def find_humidity_tags_forgetful() -> list[str]:  # expect: unawaited-coroutine
    devices = BleakScanner.discover(timeout=5.0)
    log.debug("scan started")
    return []


async def watch_humidity(address: str, store) -> None:  # expect: clean  # near: unawaited-coroutine
    async def on_reading(sender, data: bytearray) -> None:
        await store.save(address, int.from_bytes(data[:2], "little") / 100)

    async with BleakClient(address) as client:
        await client.start_notify(HUMIDITY_UUID, on_reading)
        await asyncio.sleep(3600)
        await client.stop_notify(HUMIDITY_UUID)


async def read_soil(address: str) -> float:  # expect: blocking-call
    sock = soil_probe_socket(address)
    try:
        sock.send(b"READ\n")
        return float(sock.recv(64).decode().strip())
    finally:
        sock.close()


async def scan_classic_probes() -> list[str]:  # expect: blocking-call
    return [addr for addr, name in bluetooth.discover_devices(duration=8, lookup_names=True) if name.startswith("SOIL")]


async def scan_classic_probes_offloaded() -> list[str]:  # expect: clean  # near: blocking-call
    found = await asyncio.to_thread(bluetooth.discover_devices, duration=8, lookup_names=True)
    return [addr for addr, name in found if name.startswith("SOIL")]


class Climate:  # expect: dangling-task, ?unbounded-spawn
    """Starts one regulation loop per zone."""

    def __init__(self, zones: list[str]) -> None:
        self.zones = zones

    async def regulate(self, zone: str) -> None:
        controller = AsyncZoneController(zone)
        while True:
            await controller.irrigate(30)
            await asyncio.sleep(600)

    async def start(self) -> None:
        for zone in self.zones:
            loop = asyncio.get_running_loop()
            loop.create_task(self.regulate(zone))
        log.info("regulating %s", self.zones)


class TrackedClimate:  # expect: clean, ?unbounded-spawn  # near: dangling-task
    def __init__(self, zones: list[str]) -> None:
        self.zones = zones
        self.loops: list[asyncio.Task] = []

    async def regulate(self, zone: str) -> None:
        controller = AsyncZoneController(zone)
        while True:
            await controller.irrigate(30)
            await asyncio.sleep(600)

    async def start(self) -> None:
        self.loops = [asyncio.create_task(self.regulate(z)) for z in self.zones]

    async def stop(self) -> None:
        for t in self.loops:
            t.cancel()
        await asyncio.gather(*self.loops, return_exceptions=True)
