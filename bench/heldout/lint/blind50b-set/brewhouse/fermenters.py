"""Fermenters and keg scales on MQTT (paho-mqtt): their telemetry in, set-points out."""
from __future__ import annotations

import asyncio
import logging

import paho.mqtt.client as mqtt

from .state import AlarmBus, Reading, TempBoard

log = logging.getLogger("brewhouse.fermenters")


class FermenterLink:  # expect: thread-unsafe-capture
    """Telemetry of the fermenters; paho's network thread runs the callbacks once `start()` calls loop_start()."""

    def __init__(self, host: str, board: TempBoard) -> None:
        self.host = host
        self.board = board
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="brewhouse")
        self.connected = asyncio.Event()

    def start(self) -> None:
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.connect_async(self.host)
        self.client.loop_start()

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        client.subscribe("fermenters/+/temp")
        self.connected.set()

    def _on_message(self, client, userdata, msg) -> None:
        vessel = msg.topic.split("/")[1]
        self.board.record(Reading(vessel, float(msg.payload)))


class FermenterLinkHandover:  # expect: clean  # near: thread-unsafe-capture
    """The cellar's second broker: the same callbacks, each handing its work to the loop."""

    def __init__(self, host: str, board: TempBoard, loop: asyncio.AbstractEventLoop) -> None:
        self.host = host
        self.board = board
        self.loop = loop
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="brewhouse-cellar")
        self.connected = asyncio.Event()

    def start(self) -> None:
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.connect_async(self.host)
        self.client.loop_start()

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        client.subscribe("cellar/+/temp")
        self.loop.call_soon_threadsafe(self.connected.set)

    def _on_message(self, client, userdata, msg) -> None:
        reading = Reading(msg.topic.split("/")[1], float(msg.payload))
        self.loop.call_soon_threadsafe(self.board.record, reading)


class FermenterLinkOnLoop:  # expect: clean  # near: thread-unsafe-capture
    """paho driven by the loop's own reader and writer callbacks, as in paho's asyncio example: no network thread,
    so its callbacks run on the loop's thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop, board: TempBoard) -> None:
        self.loop = loop
        self.board = board
        self.misc: asyncio.Task | None = None
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="brewhouse-lab")
        self.client.on_socket_open = self._on_socket_open
        self.client.on_socket_close = self._on_socket_close
        self.client.on_socket_register_write = self._on_register_write
        self.client.on_socket_unregister_write = self._on_unregister_write
        self.client.on_message = self._on_message

    def _on_socket_open(self, client, userdata, sock) -> None:
        self.loop.add_reader(sock, client.loop_read)
        self.misc = self.loop.create_task(self._misc_loop())

    def _on_socket_close(self, client, userdata, sock) -> None:
        self.loop.remove_reader(sock)
        if self.misc is not None:
            self.misc.cancel()

    def _on_register_write(self, client, userdata, sock) -> None:
        self.loop.add_writer(sock, client.loop_write)

    def _on_unregister_write(self, client, userdata, sock) -> None:
        self.loop.remove_writer(sock)

    def _on_message(self, client, userdata, msg) -> None:
        self.board.record(Reading(msg.topic.split("/")[1], float(msg.payload)))

    async def _misc_loop(self) -> None:
        while self.client.loop_misc() == mqtt.MQTT_ERR_SUCCESS:
            await asyncio.sleep(1)


class KegMonitor:  # expect: thread-unsafe-capture
    """Keg scales; `run()` gives paho's blocking loop to a worker thread."""

    def __init__(self, host: str, low_kg: float = 2.0) -> None:
        self.host = host
        self.low_kg = low_kg
        self.low = asyncio.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="kegs")
        self.client.on_message = self.on_weight

    def on_weight(self, client, userdata, msg) -> None:
        if float(msg.payload) < self.low_kg:
            self.low.set()

    async def run(self) -> None:
        await asyncio.to_thread(self.client.connect, self.host)
        self.client.subscribe("kegs/+/kg")
        await asyncio.to_thread(self.client.loop_forever)


def on_setpoint_ack(client, userdata, msg) -> None:  # expect: ?thread-unsafe-capture
    """Registered for fermenters/+/ack by app.py; a set-point write waits for the controller's acknowledgement."""
    acks: dict[str, asyncio.Future] = userdata["acks"]
    fut = acks.pop(msg.topic.split("/")[1], None)
    if fut is not None and not fut.done():
        fut.set_result(msg.payload.decode())


def on_setpoint_ack_threadsafe(client, userdata, msg) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop: asyncio.AbstractEventLoop = userdata["loop"]
    acks: dict[str, asyncio.Future] = userdata["acks"]
    fut = acks.pop(msg.topic.split("/")[1], None)
    if fut is not None:
        loop.call_soon_threadsafe(resolve_ack, fut, msg.payload.decode())


def resolve_ack(fut: asyncio.Future, value: str) -> None:  # expect: clean
    if not fut.done():
        fut.set_result(value)


def on_disconnect_alarm(alarms: AlarmBus):  # expect: ?thread-unsafe-capture
    """The broker's on_disconnect, bound to the alarm bus (app.py installs it)."""

    def on_disconnect(client, userdata, flags, reason_code, properties) -> None:
        if reason_code != 0:
            alarms.raise_alarm(f"fermenter broker lost: {reason_code}")

    return on_disconnect


def on_log_line(client, userdata, level, buf) -> None:  # expect: clean
    if level <= mqtt.MQTT_LOG_WARNING:
        log.warning("paho: %s", buf)


async def publish_setpoint(client: mqtt.Client, acks: dict[str, asyncio.Future], vessel: str,  # expect: clean
                           celsius: float) -> str:
    fut = asyncio.get_running_loop().create_future()
    acks[vessel] = fut
    client.publish(f"fermenters/{vessel}/setpoint", f"{celsius:.1f}", qos=1)
    return await asyncio.wait_for(fut, timeout=10)
