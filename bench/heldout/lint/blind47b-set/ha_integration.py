"""A Home-Assistant-style integration: a serial Zigbee stick, MQTT lamps, zeroconf discovery and thermostats."""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import threading
from datetime import timedelta

import paho.mqtt.client as mqtt
import requests
import serial
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.event import async_track_time_interval
from zeroconf import ServiceBrowser, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncZeroconf

_LOGGER = logging.getLogger(__name__)

SCAN_INTERVAL = timedelta(seconds=30)


class ZigbeeStick:  # expect: thread-unsafe-capture
    """Frames come in on a reader thread; the loop decodes them."""

    def __init__(self, hass: HomeAssistant, port: str) -> None:
        self.hass = hass
        self._serial = serial.Serial(port, 115200, timeout=1)
        self._frames: list[bytes] = []

    def _reader(self) -> None:
        while self._serial.is_open:
            frame = self._serial.read_until(b"\x7e")
            if frame:
                self.hass.loop.call_soon(self._handle_frame, frame)

    @callback
    def _handle_frame(self, frame: bytes) -> None:
        self._frames.append(frame)

    def start(self) -> None:
        threading.Thread(target=self._reader, name="zigbee-reader", daemon=True).start()


class ZigbeeStickSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, hass: HomeAssistant, port: str) -> None:
        self.hass = hass
        self._serial = serial.Serial(port, 115200, timeout=1)
        self._frames: list[bytes] = []

    def _reader(self) -> None:
        while self._serial.is_open:
            frame = self._serial.read_until(b"\x7e")
            if frame:
                self.hass.loop.call_soon_threadsafe(self._handle_frame, frame)

    @callback
    def _handle_frame(self, frame: bytes) -> None:
        self._frames.append(frame)

    def start(self) -> None:
        threading.Thread(target=self._reader, name="zigbee-reader", daemon=True).start()


class MqttLamp:  # expect: thread-unsafe-capture
    def __init__(self, host: str, topic: str) -> None:
        self.topic = topic
        self.states: asyncio.Queue[bytes] = asyncio.Queue(maxsize=16)
        self._client = mqtt.Client()
        self._client.on_message = self._on_message
        self._client.connect(host)

    def _on_message(self, client, userdata, msg) -> None:
        if msg.topic == self.topic:
            self.states.put_nowait(msg.payload)

    async def run(self) -> None:
        self._client.subscribe(self.topic)
        self._client.loop_start()
        try:
            while True:
                _LOGGER.debug("lamp state %s", await self.states.get())
        finally:
            self._client.loop_stop()


class MqttLampSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, host: str, topic: str) -> None:
        self.topic = topic
        self.states: asyncio.Queue[bytes] = asyncio.Queue(maxsize=16)
        self._client = mqtt.Client()
        self._client.connect(host)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()

        def on_message(client, userdata, msg) -> None:
            if msg.topic == self.topic:
                loop.call_soon_threadsafe(self._offer, msg.payload)

        self._client.on_message = on_message
        self._client.subscribe(self.topic)
        self._client.loop_start()
        try:
            while True:
                _LOGGER.debug("lamp state %s", await self.states.get())
        finally:
            self._client.loop_stop()

    def _offer(self, payload: bytes) -> None:
        if self.states.full():
            self.states.get_nowait()
        self.states.put_nowait(payload)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:  # expect: dangling-task, blocking-call
    stick = ZigbeeStickSafe(hass, entry.data["port"])
    await hass.async_add_executor_job(stick.start)
    hass.loop.create_task(MqttLampSafe(entry.data["broker"], entry.data["topic"]).run())
    return True


async def async_setup_entry_tracked(hass: HomeAssistant, entry: ConfigEntry) -> bool:  # expect: blocking-call  # near: dangling-task
    stick = ZigbeeStickSafe(hass, entry.data["port"])
    await hass.async_add_executor_job(stick.start)
    entry.async_create_background_task(hass, MqttLampSafe(entry.data["broker"], entry.data["topic"]).run(), "lamp")
    hass.async_create_task(hass.config_entries.async_forward_entry_setups(entry, ["light", "climate"]))
    return True


class Thermostat:  # expect: unawaited-coroutine
    def __init__(self, device) -> None:
        self._device = device
        self._target: float | None = None

    async def async_refresh(self) -> None:
        self._target = await self._device.read_target()

    async def async_set_temperature(self, **kwargs) -> None:
        await self._device.write_target(kwargs["temperature"])
        self.async_refresh()


class ThermostatEntity:  # expect: clean  # near: unawaited-coroutine
    """async_write_ha_state is Home Assistant's synchronous @callback, despite its prefix."""

    def __init__(self, device) -> None:
        self._device = device
        self._target: float | None = None

    async def async_set_temperature(self, **kwargs) -> None:
        await self._device.write_target(kwargs["temperature"])
        self._target = kwargs["temperature"]
        self.async_write_ha_state()


class PollingSensor:  # expect: blocking-call
    def __init__(self, url: str) -> None:
        self._url = url
        self._state = None

    async def async_update(self) -> None:
        self._state = requests.get(self._url, timeout=5).json()["value"]


class PollingSensorSync:  # expect: clean  # near: blocking-call
    """Home Assistant runs a sync update() in its executor."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._state = None

    def update(self) -> None:
        self._state = requests.get(self._url, timeout=5).json()["value"]


class StateChangeRecorder:  # expect: unbounded-queue
    def __init__(self, hass: HomeAssistant, db) -> None:
        self.hass = hass
        self.db = db
        self._events: asyncio.Queue = asyncio.Queue()

    @callback
    def _on_state_changed(self, event) -> None:
        self._events.put_nowait(event)

    async def async_start(self) -> None:
        self._unsub = self.hass.bus.async_listen("state_changed", self._on_state_changed)
        while True:
            event = await self._events.get()
            await self.db.insert(event.data["entity_id"], event.data["new_state"])


class StateChangeRecorderRing:  # expect: clean  # near: unbounded-queue
    def __init__(self, hass: HomeAssistant, db) -> None:
        self.hass = hass
        self.db = db
        self._events: collections.deque = collections.deque(maxlen=500)
        self._wakeup = asyncio.Event()

    @callback
    def _on_state_changed(self, event) -> None:
        self._events.append(event)
        self._wakeup.set()

    async def async_start(self) -> None:
        self._unsub = self.hass.bus.async_listen("state_changed", self._on_state_changed)
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._events:
                event = self._events.popleft()
                await self.db.insert(event.data["entity_id"], event.data["new_state"])


class DevicePoller:  # expect: cancellation-swallowed
    def __init__(self, api, interval: float) -> None:
        self._api = api
        self._interval = interval
        self.data: dict = {}

    async def poll_forever(self) -> None:
        while True:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                self.data = await asyncio.wait_for(self._api.fetch(), 10)
            await asyncio.sleep(self._interval)


class DevicePollerTimeouts:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, api, interval: float) -> None:
        self._api = api
        self._interval = interval
        self.data: dict = {}

    async def poll_forever(self) -> None:
        while True:
            with contextlib.suppress(asyncio.TimeoutError):
                self.data = await asyncio.wait_for(self._api.fetch(), 10)
            await asyncio.sleep(self._interval)


class HueDiscovery:  # expect: thread-unsafe-capture
    """python-zeroconf calls a sync ServiceBrowser's listener from its own thread."""

    def __init__(self, found: asyncio.Queue) -> None:
        self.found = found
        self._zc = Zeroconf()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.found.put_nowait(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        pass

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        pass

    def start(self) -> ServiceBrowser:
        return ServiceBrowser(self._zc, "_hue._tcp.local.", self)


class HueDiscoveryAsync:  # expect: clean  # near: thread-unsafe-capture
    """AsyncServiceBrowser calls its handlers on the event loop."""

    def __init__(self, found: asyncio.Queue) -> None:
        self.found = found
        self._aiozc = AsyncZeroconf()

    def _on_change(self, zeroconf, service_type: str, name: str, state_change) -> None:
        self.found.put_nowait(name)

    async def start(self) -> AsyncServiceBrowser:
        return AsyncServiceBrowser(self._aiozc.zeroconf, ["_hue._tcp.local."], handlers=[self._on_change])


class TimedRefresher:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, hass: HomeAssistant, thermostat: Thermostat) -> None:
        self.hass = hass
        self.thermostat = thermostat

    async def _tick(self, now) -> None:
        await self.thermostat.async_refresh()

    def start(self) -> None:
        self._unsub = async_track_time_interval(self.hass, self._tick, SCAN_INTERVAL)
