"""Greenhouse controller: vents and pumps over Modbus, sensors over MQTT and Bluetooth, one asyncio service."""
from .links import bench_plc, mqtt_bus, plc_for_zone, soil_probe_socket

__all__ = ["bench_plc", "mqtt_bus", "plc_for_zone", "soil_probe_socket"]
