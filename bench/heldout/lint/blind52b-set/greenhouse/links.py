"""How the controller reaches its devices."""
from __future__ import annotations

import bluetooth
import paho.mqtt.client as mqtt
from pymodbus.client import AsyncModbusTcpClient, ModbusTcpClient

ZONES = {"north": "10.0.4.11", "south": "10.0.4.12"}


def plc_for_zone(zone: str) -> ModbusTcpClient:  # expect: clean
    client = ModbusTcpClient(ZONES[zone], port=502, timeout=3)
    client.connect()
    return client


def bench_plc(zone: str) -> AsyncModbusTcpClient:  # expect: clean
    return AsyncModbusTcpClient(ZONES[zone], port=502, timeout=3)


def mqtt_bus(client_id: str) -> mqtt.Client:  # expect: clean
    return mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id)


def soil_probe_socket(address: str) -> bluetooth.BluetoothSocket:  # expect: clean
    sock = bluetooth.BluetoothSocket(bluetooth.RFCOMM)
    sock.connect((address, 1))
    return sock
