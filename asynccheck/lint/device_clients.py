"""What the linter knows about the clients of devices, instruments and gateways: bleak (Bluetooth LE), aiomqtt
(and asyncio-mqtt, the name it had before 1.0), pymodbus and minimalmodbus, python-can, PyUSB, gpiozero and
RPi.GPIO, PyVISA (lab instruments), python-escpos (receipt printers) and ZeroMQ's sync sockets (between the
processes of acquisition and gateway code), asyncua (OPC UA), smbus2 (I2C), pypylon (Basler cameras), Picamera2
(the Raspberry Pi's camera), PyBluez (classic Bluetooth, its discovery and sockets), pycups (the CUPS
scheduler's connections) and NI-DAQmx (data acquisition).

bleak's and aiomqtt's round trips are coroutine functions: a `client.start_notify(...)` or a `publish(...)`
without `await` never runs (ACK301). pymodbus has a sync client per transport, each request of which waits for
the device's answer (ACK105 in a coroutine), and an async twin per transport whose requests make coroutines.
An instrument's reads and queries wait for it to answer, a printer's commands for the device to take them, and a
sync ZeroMQ socket's receives for a message (unless asked not to wait). asyncua's client and its nodes talk to the
server in coroutine functions (but for the few listed, which build objects); an I2C transfer of smbus2's holds the
caller until the device has answered on the bus, clock stretching and all. A camera's frame retrieval and a DAQ
task's reads wait for the device; the callbacks a DAQ task registers run on the driver's thread (THREAD_ENTRY).
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
VISA_MANAGER = "pyvisa.ResourceManager"
VISA_RESOURCE = "pyvisa.resources.MessageBasedResource"
ESCPOS_PRINTERS = tuple(f"escpos.printer.{kind}" for kind in ("Usb", "Serial", "Network", "File", "CupsPrinter",
                                                                "LP", "Win32Raw"))
ZMQ_CONTEXT = "zmq.Context"
ZMQ_SOCKET = "zmq.Socket"
ZMQ_POLLER = "zmq.Poller"

CANONICAL.update({
    "pyvisa.highlevel.ResourceManager": VISA_MANAGER,
    **{f"pyvisa.resources.{kind}": VISA_RESOURCE for kind in (
        "Resource", "resource.Resource", "messagebased.MessageBasedResource", "TCPIPInstrument",
        "TCPIPSocket", "USBInstrument", "USBRaw", "GPIBInstrument", "SerialInstrument")},
    **{f"escpos.printer.{kind.lower()}.{kind}": f"escpos.printer.{kind}" for kind in ("Usb", "Serial", "Network",
                                                                                      "File", "LP", "Win32Raw")},
    "escpos.printer.cups.CupsPrinter": "escpos.printer.CupsPrinter",
    "zmq.sugar.context.Context": ZMQ_CONTEXT,
    "zmq.sugar.socket.Socket": ZMQ_SOCKET,
    "zmq.sugar.poll.Poller": ZMQ_POLLER,
})
RETURNS: Dict[str, str] = {
    **{name: name for name in (BLEAK_CLIENT, BLEAK_SCANNER, AIOMQTT_CLIENT, ASYNCIO_MQTT_CLIENT, *MODBUS_CLIENTS,
                                *MODBUS_ASYNC_CLIENTS, VISA_MANAGER, *ESCPOS_PRINTERS, ZMQ_CONTEXT, ZMQ_POLLER)},
    f"{VISA_MANAGER}.open_resource": VISA_RESOURCE,
    f"{ZMQ_CONTEXT}.instance": ZMQ_CONTEXT,
    # (`zmq.asyncio.Context().socket()` makes a `zmq.asyncio.Socket`, whose I/O returns futures: not listed)
    f"{ZMQ_CONTEXT}.socket": ZMQ_SOCKET,
}

# A Modbus request: one frame out, then a wait for the device's answer (or the timeout, retried `retries` times).
# `close()` and the attributes that describe the connection wait for nothing.
_MODBUS_REQUESTS = (
    "connect execute read_coils read_discrete_inputs read_holding_registers read_input_registers write_coil "
    "write_coils write_register write_registers readwrite_registers mask_write_register read_device_information "
    "report_slave_id report_device_id read_exception_status read_fifo_queue read_file_record write_file_record "
    "diag_read_diagnostic_register diag_read_bus_message_count diag_restart_communication"
)
CAN_BUS = "can.BusABC"
USB_DEVICE = "usb.core.Device"
MINIMALMODBUS = "minimalmodbus.Instrument"
# gpiozero's input devices: `wait_for_*` blocks until the pin changes (or the timeout); the aliases name the
# same two waits per device kind (`Button.wait_for_press` is `wait_for_active`)
GPIOZERO_INPUTS = tuple(f"gpiozero.{kind}" for kind in (
    "InputDevice", "DigitalInputDevice", "SmoothedInputDevice", "Button", "LineSensor", "MotionSensor",
    "LightSensor", "DistanceSensor", "RotaryEncoder"))
_GPIOZERO_WAITS = (
    "wait_for_active wait_for_inactive wait_for_press wait_for_release wait_for_line wait_for_no_line "
    "wait_for_motion wait_for_no_motion wait_for_light wait_for_dark wait_for_in_range wait_for_out_of_range "
    "wait_for_rotate wait_for_rotate_clockwise wait_for_rotate_counter_clockwise"
)
CANONICAL.update({
    # `can.Bus(...)` (`can.interface.Bus`) makes the interface's bus, a BusABC
    "can.Bus": CAN_BUS, "can.interface.Bus": CAN_BUS, "can.bus.BusABC": CAN_BUS,
    **{f"gpiozero.input_devices.{name.rpartition('.')[2]}": name for name in GPIOZERO_INPUTS},
})
RETURNS.update({name: name for name in (CAN_BUS, MINIMALMODBUS, *GPIOZERO_INPUTS)})
RETURNS["usb.core.find"] = USB_DEVICE
BLOCKING_FUNCTIONS: Dict[str, str] = {
    "RPi.GPIO.wait_for_edge": "ACK106",  # until the pin's edge (or the timeout, in ms)
}

# A sync ZeroMQ socket's receives wait for a message (sends are left out: a PUB socket never waits, and which kind
# a socket is seldom shows where it is used)
_ZMQ_RECEIVES = "recv recv_string recv_json recv_pyobj recv_multipart recv_serialized recv_into"
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    (MODBUS_CLIENTS, "ACK105", _MODBUS_REQUESTS),
    # finding and opening instruments scans the buses and opens a session with the device
    ((VISA_MANAGER,), "ACK105", "list_resources list_resources_info open_resource"),
    ((VISA_RESOURCE,), "ACK105", "read write query query_ascii_values query_binary_values read_raw write_raw "
                                 "read_bytes read_ascii_values read_binary_values write_ascii_values "
                                 "write_binary_values read_stb assert_trigger wait_for_srq clear"),
    (ESCPOS_PRINTERS, "ACK105", "text textln block_text image qr barcode cut cashdraw print_and_feed ln hw "
                                "control buzzer"),
    ((ZMQ_SOCKET,), "ACK105", f"{_ZMQ_RECEIVES} poll"),
    ((ZMQ_POLLER,), "ACK105", "poll"),
    # a CAN frame arrives when the bus has one (forever, by default)
    ((CAN_BUS,), "ACK105", "recv"),
    # a USB transfer waits for the device (up to the timeout, 1 s by default)
    ((USB_DEVICE,), "ACK105", "read write ctrl_transfer"),
    # each register access is a Modbus RTU round trip over the serial line
    ((MINIMALMODBUS,), "ACK105", "read_bit write_bit read_bits write_bits read_register write_register read_long "
                                 "write_long read_float write_float read_string write_string read_registers "
                                 "write_registers"),
    (GPIOZERO_INPUTS, "ACK106", _GPIOZERO_WAITS),
)
# `sock.recv(zmq.NOBLOCK)` raises zmq.Again instead of waiting; `poll(0)` only looks
NON_BLOCKING_ARGS: Dict[str, tuple] = {
    **{f"{ZMQ_SOCKET}.{m}": (((0, "flags", "has:NOBLOCK"),), ((0, "flags", "has:DONTWAIT"),))
       for m in _ZMQ_RECEIVES.split()},
    f"{ZMQ_SOCKET}.poll": (((0, "timeout", "zero"),),),
    f"{ZMQ_POLLER}.poll": (((0, "timeout", "zero"),),),
    f"{CAN_BUS}.recv": (((0, "timeout", "zero"),),),
    **{f"{kind}.{m}": (((0, "timeout", "zero"),),) for kind in GPIOZERO_INPUTS for m in _GPIOZERO_WAITS.split()},
}

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

# asyncua (OPC UA): `Client` and `Node` are re-exported at the package's top. `asyncua.sync` wraps both in classes
# of its own (`asyncua.sync.Client`, `SyncNode`) whose methods wait for the server: other names, not listed here.
UA_CLIENT = "asyncua.Client"
UA_NODE = "asyncua.Node"
UA_SUBSCRIPTION = "asyncua.common.subscription.Subscription"
CANONICAL.update({
    "asyncua.client.client.Client": UA_CLIENT, "asyncua.client.Client": UA_CLIENT,
    "asyncua.common.node.Node": UA_NODE, "asyncua.common.Node": UA_NODE,
})
RETURNS.update({
    UA_CLIENT: UA_CLIENT,
    # building a node object for an id asks the server nothing
    **{f"{UA_CLIENT}.{m}": UA_NODE for m in ("get_node", "get_root_node", "get_objects_node", "get_server_node")},
    f"{UA_NODE}.new_node": UA_NODE,
})
# `client.nodes.objects`: the well-known nodes, made once with the client
UA_SHORTCUTS = "asyncua.common.shortcuts.Shortcuts"
PROPERTIES: Dict[str, str] = {
    f"{UA_CLIENT}.nodes": UA_SHORTCUTS,
    **{f"{UA_SHORTCUTS}.{name}": UA_NODE for name in (
        "root objects server types base_object_type base_data_type base_event_type base_variable_type folder_type "
        "enum_data_type option_set_type base_structure_type base_union_type types data_types event_types "
        "reference_types variable_types object_types namespace_array namespaces opc_binary server_state "
        "service_level").split()},
}
ASYNC_RETURNS: Dict[str, str] = {
    f"{UA_CLIENT}.create_subscription": UA_SUBSCRIPTION,
    f"{UA_NODE}.get_child": UA_NODE,
    f"{UA_NODE}.get_parent": UA_NODE,
}
# Every public method of a node is a round trip to the server (a coroutine function) but for these
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {UA_NODE: frozenset({"new_node"})}
COROUTINE_FUNCTIONS = COROUTINE_FUNCTIONS | frozenset(
    f"{kind}.{m}" for kind, methods in (
        (UA_CLIENT, "connect disconnect connect_sessionless disconnect_sessionless connect_socket send_hello "
                    "open_secure_channel close_secure_channel create_session activate_session close_session "
                    "get_endpoints find_servers find_servers_on_network register_server unregister_server "
                    "connect_and_get_server_endpoints connect_and_find_servers connect_and_find_servers_on_network "
                    "set_security set_security_string load_client_certificate load_private_key "
                    "create_subscription delete_subscriptions get_namespace_array get_namespace_index delete_nodes "
                    "import_xml export_xml register_namespace load_type_definitions load_data_type_definitions "
                    "load_enums register_nodes unregister_nodes read_attributes read_values write_values "
                    "browse_nodes translate_browsepaths check_connection"),
        (UA_SUBSCRIPTION, "subscribe_data_change subscribe_events subscribe_alarms_and_conditions "
                          "create_monitored_items unsubscribe modify_monitored_item deadband_monitor "
                          "set_monitoring_mode set_publishing_mode delete"),
    ) for m in methods.split()
)

# smbus2 (and python-smbus, whose `SMBus` it copies): each call is an I2C (SMBus) transaction, a syscall that
# returns when the transfer on the bus is over
SMBUS_TYPES = ("smbus2.SMBus", "smbus.SMBus")
CANONICAL["smbus2.smbus2.SMBus"] = "smbus2.SMBus"
RETURNS.update({name: name for name in SMBUS_TYPES})
BLOCKING_METHODS = BLOCKING_METHODS + (
    (SMBUS_TYPES, "ACK105", "read_byte write_byte read_byte_data write_byte_data read_word_data write_word_data "
                            "read_block_data write_block_data read_i2c_block_data write_i2c_block_data "
                            "process_call block_process_call write_quick i2c_rdwr"),
)

# pypylon (Basler cameras): `RetrieveResult(timeout_ms)` waits for the camera's next frame (up to its timeout),
# `GrabOne` starts a grab and waits for one frame, `WaitForFrameTriggerReady` for the sensor
PYLON_CAMERAS = ("pypylon.pylon.InstantCamera", "pypylon.pylon.InstantCameraArray")
RETURNS.update({name: name for name in PYLON_CAMERAS})
# NI-DAQmx: a task's reads wait for the samples asked for (up to the timeout, 10 s by default), its writes and
# `wait_until_done` for the device; the callbacks a task registers are called on the driver's own thread
NIDAQ_TASK = "nidaqmx.Task"
CANONICAL["nidaqmx.task.Task"] = NIDAQ_TASK
CANONICAL["nidaqmx.task._task.Task"] = NIDAQ_TASK
RETURNS[NIDAQ_TASK] = NIDAQ_TASK
BLOCKING_METHODS = BLOCKING_METHODS + (
    (PYLON_CAMERAS, "ACK105", "RetrieveResult GrabOne WaitForFrameTriggerReady"),
    ((NIDAQ_TASK,), "ACK105", "read write wait_until_done"),
)
# Picamera2: a capture waits for the camera's next frame (and the `*_file` ones encode and write it); starting the
# camera or switching its mode waits for the pipeline. PyBluez: an inquiry scans for about `duration` x 1.28 s,
# and a name lookup or a service search pages the device.
PICAMERA2 = "picamera2.Picamera2"
CANONICAL["picamera2.picamera2.Picamera2"] = PICAMERA2
RETURNS[PICAMERA2] = PICAMERA2
BLOCKING_METHODS = BLOCKING_METHODS + (
    ((PICAMERA2,), "ACK103", "capture_file capture_files start_and_capture_file start_and_capture_files "
                             "switch_mode_and_capture_file start_and_record_video"),
    ((PICAMERA2,), "ACK106", "capture_array capture_arrays capture_image capture_buffer capture_buffers "
                             "capture_metadata capture_request switch_mode_and_capture_array "
                             "switch_mode_and_capture_image wait"),
)
BLOCKING_FUNCTIONS.update({f"bluetooth.{f}": "ACK105" for f in ("discover_devices", "lookup_name", "find_service")})
# a PyBluez socket (RFCOMM, L2CAP) is a blocking socket unless switched: connecting pages the device, receiving
# waits for its data
BLUETOOTH_SOCKET = "bluetooth.BluetoothSocket"
CANONICAL.update({f"bluetooth.{module}.BluetoothSocket": BLUETOOTH_SOCKET for module in ("bluez", "msbt", "macos")})
RETURNS[BLUETOOTH_SOCKET] = BLUETOOTH_SOCKET
# pycups: a connection talks IPP to the CUPS scheduler, and every call (printing a file, listing printers or jobs)
# waits for its answer; making one connects to it
CUPS_CONNECTION = "cups.Connection"
RETURNS[CUPS_CONNECTION] = CUPS_CONNECTION
BLOCKING_FUNCTIONS[CUPS_CONNECTION] = "ACK105"
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {CUPS_CONNECTION: ("ACK105", frozenset())}
BLOCKING_METHODS = BLOCKING_METHODS + (
    ((BLUETOOTH_SOCKET,), "ACK105", "connect accept recv recvfrom send sendall sendto"),
)
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    f"{NIDAQ_TASK}.register_every_n_samples_acquired_into_buffer_event": (1, "callback_method"),
    f"{NIDAQ_TASK}.register_every_n_samples_transferred_from_buffer_event": (1, "callback_method"),
    f"{NIDAQ_TASK}.register_done_event": (0, "callback_method"),
    f"{NIDAQ_TASK}.register_signal_event": (1, "callback_method"),
}
THREAD_ENTRY_WHERE: Dict[str, str] = {name: "the NI-DAQmx driver's thread (a callback a task registers)"
                                      for name in THREAD_ENTRY}
