"""A building-telemetry gateway: paho-mqtt devices on one side, an aiomqtt broker link and a local store on the other."""
from __future__ import annotations

import asyncio
import json
import logging
import threading
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Optional

import aiomqtt
import paho.mqtt.client as mqtt
from paho.mqtt.client import MQTTMessageInfo

log = logging.getLogger("gateway")

TELEMETRY = "site/+/telemetry"


class TelemetryStore:  # expect: clean
    """The async side's sink; `flush` and `record` are coroutines, `pending` is not."""

    def __init__(self) -> None:
        self._rows: list[dict] = []

    async def record(self, device: str, reading: dict) -> None:
        self._rows.append({"device": device, **reading})
        await asyncio.sleep(0)

    async def flush(self) -> int:
        n, self._rows = len(self._rows), []
        return n

    def pending(self) -> int:
        return len(self._rows)


@dataclass
class Uplink:  # expect: clean
    """The broker link, made in `main()` and handed to the bridges."""

    client: aiomqtt.Client
    store: TelemetryStore
    prefix: str = "gw"


async def forward_reading(link: Uplink, device: str, reading: dict) -> None:  # expect: unawaited-coroutine
    await link.store.record(device, reading)
    link.client.publish(f"{link.prefix}/{device}", payload=json.dumps(reading), qos=1)


async def forward_reading_ok(link: Uplink, device: str, reading: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    await link.store.record(device, reading)
    await link.client.publish(f"{link.prefix}/{device}", payload=json.dumps(reading), qos=1)


async def report_backlog(link: Uplink) -> None:  # expect: clean  # near: unawaited-coroutine
    if link.store.pending() > 1000:
        log.warning("backlog of %d readings", link.store.pending())
        await link.store.flush()


async def listen(link: Uplink, on_reading: Callable[[str, dict], None]) -> None:  # expect: unawaited-coroutine
    link.client.subscribe(TELEMETRY)
    async for message in link.client.messages:
        device = str(message.topic).split("/")[1]
        on_reading(device, json.loads(message.payload))


async def listen_forever(host: str, store: TelemetryStore) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            async with aiomqtt.Client(host) as client:
                await client.subscribe(TELEMETRY)
                async for message in client.messages:
                    await store.record(str(message.topic), json.loads(message.payload))
        except (aiomqtt.MqttError, asyncio.CancelledError) as exc:
            log.warning("broker link lost (%r), reconnecting", exc)
            await asyncio.sleep(5)


async def listen_forever_ok(host: str, store: TelemetryStore) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            async with aiomqtt.Client(host) as client:
                await client.subscribe(TELEMETRY)
                async for message in client.messages:
                    await store.record(str(message.topic), json.loads(message.payload))
        except aiomqtt.MqttError as exc:
            log.warning("broker link lost (%r), reconnecting", exc)
            await asyncio.sleep(5)


class FieldBus:  # expect: blocking-call
    """The paho side: a client per site controller, connected on demand."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.client: Optional[mqtt.Client] = None

    def _make(self) -> mqtt.Client:
        client = mqtt.Client(client_id="gateway")
        client.username_pw_set("gw", "secret")
        return client

    async def command(self, device: str, cmd: dict) -> None:
        if self.client is None:
            self.client = self._make()
            self.client.connect(self.host, 1883, keepalive=30)
            self.client.loop_start()
        self.client.publish(f"ctl/{device}", json.dumps(cmd), qos=1)


class FieldBusOk:  # expect: clean  # near: blocking-call
    def __init__(self, host: str) -> None:
        self.host = host
        self.client = mqtt.Client(client_id="gateway")

    async def start(self) -> None:
        await asyncio.to_thread(self.client.connect, self.host, 1883, 30)
        self.client.loop_start()

    async def command(self, device: str, cmd: dict) -> None:
        self.client.publish(f"ctl/{device}", json.dumps(cmd), qos=0)


def publish_confirmed(client: mqtt.Client, topic: str, body: bytes) -> MQTTMessageInfo:  # expect: clean
    info = client.publish(topic, body, qos=2)
    info.wait_for_publish(timeout=10)
    return info


async def push_firmware(client: mqtt.Client, device: str, image: bytes) -> None:  # expect: blocking-call
    info = client.publish(f"fw/{device}", image, qos=2)
    info.wait_for_publish(timeout=60)
    log.info("firmware for %s delivered (mid %s)", device, info.mid)


async def push_firmware_ok(client: mqtt.Client, device: str, image: bytes) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(publish_confirmed, client, f"fw/{device}", image)


class DeviceBridge:  # expect: thread-unsafe-capture
    """paho calls on_message on its own network thread."""

    def __init__(self, client: mqtt.Client) -> None:
        self.inbox: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue(maxsize=500)
        self.client = client
        self.client.on_message = self._on_message

    def _on_message(self, client, userdata, msg) -> None:
        self.inbox.put_nowait((msg.topic, msg.payload))

    async def pump(self, store: TelemetryStore) -> None:
        while True:
            topic, payload = await self.inbox.get()
            await store.record(topic, json.loads(payload))


class DeviceBridgeOk:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, client: mqtt.Client, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.inbox: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue(maxsize=500)
        client.on_message = self._on_message

    def _on_message(self, client, userdata, msg) -> None:
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, (msg.topic, msg.payload))


class LastSeen:  # expect: lock-across-await
    """Written by paho's thread, read by the async heartbeat."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    seen: ClassVar[dict[str, float]] = {}

    @classmethod
    def touch(cls, device: str, at: float) -> None:
        with cls._lock:
            cls.seen[device] = at

    @classmethod
    async def heartbeat(cls, link: Uplink) -> None:
        with cls._lock:
            for device, at in cls.seen.items():
                await link.client.publish(f"hb/{device}", payload=str(at))


class LastSeenOk:  # expect: clean  # near: lock-across-await
    _lock: ClassVar[threading.Lock] = threading.Lock()
    seen: ClassVar[dict[str, float]] = {}

    @classmethod
    async def heartbeat(cls, link: Uplink) -> None:
        with cls._lock:
            snapshot = dict(cls.seen)
        for device, at in snapshot.items():
            await link.client.publish(f"hb/{device}", payload=str(at))


@dataclass
class Shadow:  # expect: clean
    """A device shadow the paho thread updates; the lock is the dataclass's own."""

    state: dict = field(default_factory=dict)
    guard: threading.RLock = field(default_factory=threading.RLock)


async def reconcile(shadow: Shadow, link: Uplink, device: str) -> None:  # expect: lock-across-await
    shadow.guard.acquire()
    try:
        desired = dict(shadow.state)
        await link.client.publish(f"shadow/{device}/desired", payload=json.dumps(desired))
    finally:
        shadow.guard.release()


async def reconcile_ok(shadow: Shadow, link: Uplink, device: str) -> None:  # expect: clean  # near: lock-across-await
    shadow.guard.acquire()
    try:
        desired = dict(shadow.state)
    finally:
        shadow.guard.release()
    await link.client.publish(f"shadow/{device}/desired", payload=json.dumps(desired))


class AlarmRelay:  # expect: unawaited-coroutine
    def __init__(self, link: Uplink) -> None:
        self.link = link
        self.tripped: set[str] = set()

    async def _raise(self, device: str, level: str) -> None:
        await self.link.client.publish(f"alarm/{device}", payload=level, qos=2, retain=True)

    async def on_reading(self, device: str, reading: dict) -> None:
        if reading.get("smoke", 0) > 0.3 and device not in self.tripped:
            self.tripped.add(device)
            self._raise(device, "fire")


class AlarmRelayOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, link: Uplink) -> None:
        self.link = link
        self.tripped: set[str] = set()

    def _raise(self, device: str, level: str) -> None:
        self.tripped.add(device)
        log.error("alarm %s on %s", level, device)

    async def on_reading(self, device: str, reading: dict) -> None:
        if reading.get("smoke", 0) > 0.3 and device not in self.tripped:
            self._raise(device, "fire")
            await self.link.client.publish(f"alarm/{device}", payload="fire", qos=2)


async def drain_on_shutdown(store: TelemetryStore, stop: asyncio.Event) -> None:  # expect: cancellation-swallowed
    try:
        await stop.wait()
    finally:
        n = await store.flush()
        log.info("flushed %d readings", n)
        return
