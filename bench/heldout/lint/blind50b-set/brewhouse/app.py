"""Wires the brewhouse together: the MQTT client with the callbacks of fermenters.py, the serial readers, the loop."""
from __future__ import annotations

import asyncio
import logging

import paho.mqtt.client as mqtt
import serial
import serial.threaded

from .fermenters import on_disconnect_alarm, on_log_line, on_setpoint_ack, on_setpoint_ack_threadsafe
from .serial_probes import ChillerLink, PumpStatus, ValveConsole, open_probe_port
from .state import AlarmBus, TempBoard

log = logging.getLogger("brewhouse")


def build_mqtt(host: str, acks: dict[str, asyncio.Future], alarms: AlarmBus) -> mqtt.Client:  # expect: thread-unsafe-capture
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, userdata={"acks": acks})
    client.message_callback_add("fermenters/+/ack", on_setpoint_ack)
    client.on_disconnect = on_disconnect_alarm(alarms)
    client.on_log = on_log_line
    client.connect_async(host)
    client.loop_start()
    return client


def build_cellar_mqtt(host: str, acks: dict[str, asyncio.Future], loop: asyncio.AbstractEventLoop) -> mqtt.Client:  # expect: clean
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, userdata={"acks": acks, "loop": loop})
    client.message_callback_add("cellar/+/ack", on_setpoint_ack_threadsafe)
    client.connect_async(host)
    client.loop_start()
    return client


def watch_mash_tun(client: mqtt.Client, tun_full: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    client.message_callback_add("mash/level", lambda c, userdata, msg: tun_full.set()
                                if float(msg.payload) > 0.95 else None)


def start_pump_reader(url: str, alarms: AlarmBus) -> serial.threaded.ReaderThread:  # expect: clean
    reader = serial.threaded.ReaderThread(serial.Serial(url, 115200), lambda: PumpStatus(alarms))
    reader.start()
    return reader


def start_chiller(url: str, board: TempBoard, loop: asyncio.AbstractEventLoop) -> serial.threaded.ReaderThread:  # expect: clean
    reader = serial.threaded.ReaderThread(serial.Serial(url, 9600), lambda: ChillerLink(loop, board))
    reader.start()
    return reader


async def wait_for_valve(url: str, valve: str) -> None:  # expect: clean
    waiters = {valve: asyncio.Event()}
    reader = serial.threaded.ReaderThread(serial.Serial(url, 9600), lambda: ValveConsole(waiters))
    reader.start()
    try:
        await waiters[valve].wait()
    finally:
        await asyncio.to_thread(reader.close)


async def main(settings) -> None:  # expect: clean
    loop = asyncio.get_running_loop()
    board = TempBoard()
    alarms = AlarmBus()
    acks: dict[str, asyncio.Future] = {}
    tun_full = asyncio.Event()
    client = build_mqtt(settings.mqtt_host, acks, alarms)
    cellar = build_cellar_mqtt(settings.cellar_host, {}, loop)
    watch_mash_tun(client, tun_full)
    readers = [open_probe_port(url, board) for url in settings.probe_ports]
    readers.append(start_pump_reader(settings.pump_port, alarms))
    readers.append(start_chiller(settings.chiller_port, board, loop))
    try:
        while True:
            log.error("ALARM %s", await alarms.next())
    finally:
        await asyncio.to_thread(client.loop_stop)
        await asyncio.to_thread(cellar.loop_stop)
        for reader in readers:
            await asyncio.to_thread(reader.close)
