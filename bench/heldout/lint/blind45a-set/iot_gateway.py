"""Greenhouse controller: serial sensors, I2C probes, GPIO relays and a BLE scanner behind an asyncio MQTT bridge."""
from __future__ import annotations

import asyncio
import subprocess
import time
from dataclasses import dataclass

import RPi.GPIO as GPIO
import serial
import serial_asyncio
import smbus2
import usb.core
from smbus2 import SMBus

PUMP_PIN = 17
FLOAT_PIN = 27
SHT31 = 0x44


async def read_soil(port: str = "/dev/ttyUSB0") -> float:  # expect: blocking-call
    with serial.Serial(port, 9600, timeout=2) as ser:
        ser.write(b"M\n")
        line = ser.readline()
    return float(line.decode().strip())


async def read_soil_async(port: str = "/dev/ttyUSB0") -> float:  # expect: clean  # near: blocking-call
    reader, writer = await serial_asyncio.open_serial_connection(url=port, baudrate=9600)
    writer.write(b"M\n")
    line = await reader.readline()
    writer.close()
    return float(line.decode().strip())


class SoilProbe:  # expect: blocking-call
    def __init__(self, port: str):
        self.ser = serial.Serial(port, 9600, timeout=2)

    async def sample(self) -> float:
        self.ser.write(b"M\n")
        return float(self.ser.readline().decode().strip())


async def read_temperature(bus_no: int = 1) -> float:  # expect: blocking-call
    with SMBus(bus_no) as bus:
        bus.write_i2c_block_data(SHT31, 0x2C, [0x06])
        time.sleep(0.05)
        data = bus.read_i2c_block_data(SHT31, 0x00, 6)
    return -45 + 175 * ((data[0] << 8) | data[1]) / 65535


def _read_temperature_sync(bus_no: int = 1) -> float:  # expect: clean  # near: blocking-call
    bus = smbus2.SMBus(bus_no)
    try:
        bus.write_i2c_block_data(SHT31, 0x2C, [0x06])
        time.sleep(0.05)
        data = bus.read_i2c_block_data(SHT31, 0x00, 6)
    finally:
        bus.close()
    return -45 + 175 * ((data[0] << 8) | data[1]) / 65535


async def read_temperature_offloaded() -> float:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_read_temperature_sync)


async def fill_tank(timeout_ms: int = 30_000) -> bool:  # expect: blocking-call
    GPIO.output(PUMP_PIN, GPIO.HIGH)
    try:
        hit = GPIO.wait_for_edge(FLOAT_PIN, GPIO.RISING, timeout=timeout_ms)
    finally:
        GPIO.output(PUMP_PIN, GPIO.LOW)
    return hit is not None


async def pulse_pump(seconds: float) -> None:  # expect: clean  # near: blocking-call
    GPIO.output(PUMP_PIN, GPIO.HIGH)
    await asyncio.sleep(seconds)
    GPIO.output(PUMP_PIN, GPIO.LOW)


async def scan_ble(seconds: int = 5) -> list[str]:  # expect: blocking-call
    out = subprocess.run(
        ["timeout", str(seconds), "bluetoothctl", "scan", "on"], capture_output=True, text=True
    ).stdout
    return [ln.split()[2] for ln in out.splitlines() if "Device" in ln]


async def scan_ble_async(seconds: int = 5) -> list[str]:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec(
        "timeout", str(seconds), "bluetoothctl", "scan", "on", stdout=subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return [ln.split()[2] for ln in out.decode().splitlines() if "Device" in ln]


async def firmware_version(vendor: int, product: int) -> str:  # expect: blocking-call
    dev = usb.core.find(idVendor=vendor, idProduct=product)
    if dev is None:
        raise LookupError("controller not plugged in")
    data = dev.ctrl_transfer(0xC0, 0x01, 0, 0, 16)
    return bytes(data).decode(errors="replace")


@dataclass
class Relay:  # expect: clean  # near: blocking-call
    pin: int
    settle: float = 0.02

    def switch(self, on: bool) -> None:
        GPIO.output(self.pin, GPIO.HIGH if on else GPIO.LOW)
        time.sleep(self.settle)  # relay contacts bounce; only called from the sync setup script


class RelayBank:  # expect: blocking-call
    def __init__(self, relays: list[Relay]):
        self.relays = relays

    async def all_off(self) -> None:
        for r in self.relays:
            r.switch(False)
        await asyncio.sleep(0)


async def wait_for_serial_port(path: str, attempts: int = 20) -> serial.Serial:  # expect: ?blocking-call
    for _ in range(attempts):
        try:
            return serial.Serial(path, 115200, timeout=1)
        except serial.SerialException:
            await asyncio.sleep(0.5)
    raise TimeoutError(path)
