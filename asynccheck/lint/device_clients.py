"""What the linter knows about the clients of IoT and device gateways: bleak (Bluetooth LE), aiomqtt (and
asyncio-mqtt, the name it had before 1.0) and pymodbus.

bleak's and aiomqtt's round trips are coroutine functions: a `client.start_notify(...)` or a `publish(...)`
without `await` never runs (ACK301). pymodbus has a sync client per transport, each request of which waits for
the device's answer (ACK105 in a coroutine), and an async twin per transport whose requests make coroutines.
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

BLEAK_CLIENT = "bleak.BleakClient"
BLEAK_SCANNER = "bleak.BleakScanner"
AIOMQTT_CLIENT = "aiomqtt.Client"
ASYNCIO_MQTT_CLIENT = "asyncio_mqtt.Client"
_TRANSPORTS = ("Serial", "Tcp", "Udp", "Tls")
MODBUS_CLIENTS = tuple(f"pymodbus.client.Modbus{t}Client" for t in _TRANSPORTS)
MODBUS_ASYNC_CLIENTS = tuple(f"pymodbus.client.AsyncModbus{t}Client" for t in _TRANSPORTS)

CANONICAL: Dict[str, str] = {
    "bleak.client.BleakClient": BLEAK_CLIENT,
    "bleak.scanner.BleakScanner": BLEAK_SCANNER,
    "aiomqtt.client.Client": AIOMQTT_CLIENT,
    "asyncio_mqtt.client.Client": ASYNCIO_MQTT_CLIENT,
    # 3.x's modules per transport, and 2.x's `pymodbus.client.sync` (its async clients had other names then)
    **{f"pymodbus.client.{t.lower()}.Modbus{t}Client": f"pymodbus.client.Modbus{t}Client" for t in _TRANSPORTS},
    **{f"pymodbus.client.{t.lower()}.AsyncModbus{t}Client": f"pymodbus.client.AsyncModbus{t}Client"
       for t in _TRANSPORTS},
    **{f"pymodbus.client.sync.Modbus{t}Client": f"pymodbus.client.Modbus{t}Client" for t in _TRANSPORTS},
}
RETURNS: Dict[str, str] = {name: name for name in (
    BLEAK_CLIENT, BLEAK_SCANNER, AIOMQTT_CLIENT, ASYNCIO_MQTT_CLIENT, *MODBUS_CLIENTS, *MODBUS_ASYNC_CLIENTS)}

# A Modbus request: one frame out, then a wait for the device's answer (or the timeout, retried `retries` times).
# `close()` and the attributes that describe the connection wait for nothing.
_MODBUS_REQUESTS = (
    "connect execute read_coils read_discrete_inputs read_holding_registers read_input_registers write_coil "
    "write_coils write_register write_registers readwrite_registers mask_write_register read_device_information "
    "report_slave_id report_device_id read_exception_status read_fifo_queue read_file_record write_file_record "
    "diag_read_diagnostic_register diag_read_bus_message_count diag_restart_communication"
)
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    (MODBUS_CLIENTS, "ACK105", _MODBUS_REQUESTS),
)

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{kind}.{m}" for kinds, methods in (
        # the scanner's `advertisement_data()` is an async generator, its detection callbacks plain: left out
        ((BLEAK_CLIENT,), "connect disconnect pair unpair start_notify stop_notify read_gatt_char write_gatt_char "
                          "read_gatt_descriptor write_gatt_descriptor get_services"),
        ((BLEAK_SCANNER,), "start stop discover find_device_by_address find_device_by_name find_device_by_filter "
                           "get_connected_devices get_discovered_devices"),
        ((AIOMQTT_CLIENT,), "publish subscribe unsubscribe"),
        ((ASYNCIO_MQTT_CLIENT,), "publish subscribe unsubscribe connect disconnect"),
        (MODBUS_ASYNC_CLIENTS, _MODBUS_REQUESTS),
    ) for kind in kinds for m in methods.split()
)
