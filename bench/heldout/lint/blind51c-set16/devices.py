"""A greenhouse controller on a Raspberry Pi: sensors, camera, relays and a Bluetooth scale."""
from __future__ import annotations

import asyncio
from typing import Any

import bluetooth
import cv2
import RPi.GPIO as GPIO
import smbus2
import usb.core
from gpiozero import Button, MotionSensor
from picamera2 import Picamera2
from pymodbus.client import AsyncModbusTcpClient, ModbusTcpClient
from pyModbusTCP.client import ModbusClient

DOOR_PIN = 17


async def wait_for_door() -> None:  # expect: blocking-call
    GPIO.setmode(GPIO.BCM)
    GPIO.setup(DOOR_PIN, GPIO.IN)
    GPIO.wait_for_edge(DOOR_PIN, GPIO.RISING)


async def door_open() -> bool:  # expect: clean  # near: blocking-call
    return GPIO.input(DOOR_PIN) == GPIO.HIGH


async def wait_for_button(button: Button) -> None:  # expect: blocking-call
    button.wait_for_press()


async def wait_for_motion(sensor: MotionSensor, timeout: float) -> bool:  # expect: blocking-call
    return sensor.wait_for_motion(timeout=timeout)


async def motion_now(sensor: MotionSensor) -> bool:  # expect: clean  # near: blocking-call
    return sensor.motion_detected


async def snapshot(camera: Picamera2, path: str) -> None:  # expect: blocking-call
    camera.capture_file(path)


async def grab_frame(cap: cv2.VideoCapture) -> Any:  # expect: blocking-call
    ok, frame = cap.read()
    return frame if ok else None


async def find_scale() -> list[tuple[str, str]]:  # expect: blocking-call
    return bluetooth.discover_devices(duration=8, lookup_names=True)


async def soil_moisture(bus: smbus2.SMBus, address: int = 0x36) -> int:  # expect: ?blocking-call
    return bus.read_word_data(address, 0x0F)


async def find_dongle() -> Any:  # expect: ?blocking-call
    return usb.core.find(idVendor=0x1A86, idProduct=0x7523)


async def pump_state(client: ModbusTcpClient) -> bool:  # expect: blocking-call
    result = client.read_coils(0, count=1, slave=1)
    return bool(result.bits[0])


async def pump_state_async(client: AsyncModbusTcpClient) -> bool:  # expect: clean  # near: blocking-call
    result = await client.read_coils(0, count=1, slave=1)
    return bool(result.bits[0])


async def fan_speed(client: ModbusClient) -> int:  # expect: blocking-call
    regs = client.read_holding_registers(10, 1)
    return regs[0] if regs else 0


async def fan_speed_offloaded(client: ModbusClient) -> int:  # expect: clean  # near: blocking-call
    regs = await asyncio.to_thread(client.read_holding_registers, 10, 1)
    return regs[0] if regs else 0
