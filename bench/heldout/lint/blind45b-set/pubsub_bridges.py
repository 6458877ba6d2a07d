"""Bridges from broker client threads (MQTT, Kafka, Redis, RabbitMQ) into an asyncio service."""
from __future__ import annotations

import asyncio
import json
import logging

import paho.mqtt.client as mqtt
import pika
import redis
from confluent_kafka import Consumer

log = logging.getLogger("bridge")


class MqttBridge:  # expect: thread-unsafe-capture
    def __init__(self, host: str):
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        self.client = mqtt.Client()
        self.client.on_message = self._on_message
        self.client.connect(host)

    def _on_message(self, client, userdata, msg) -> None:
        self.inbox.put_nowait(msg.payload)

    async def start(self) -> None:
        self.client.subscribe("sensors/#")
        self.client.loop_start()


class SafeMqttBridge:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, host: str):
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        self.client = mqtt.Client()
        self.client.on_message = self._on_message
        self.client.connect(host)
        self._loop: asyncio.AbstractEventLoop | None = None

    def _on_message(self, client, userdata, msg) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self.inbox.put_nowait, msg.payload)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.client.subscribe("sensors/#")
        self.client.loop_start()


class MqttConnectedFlag:  # expect: thread-unsafe-capture
    def __init__(self, host: str):
        self.connected = asyncio.Event()
        self.client = mqtt.Client()
        self.client.on_connect = lambda client, userdata, flags, rc: self.connected.set()
        self.host = host

    async def connect(self) -> None:
        self.client.connect_async(self.host)
        self.client.loop_start()
        await self.connected.wait()


class KafkaPoller:  # expect: thread-unsafe-capture
    def __init__(self, conf: dict, topic: str):
        self.consumer = Consumer(conf)
        self.consumer.subscribe([topic])
        self.records: asyncio.Queue[dict] = asyncio.Queue(maxsize=500)
        self.stopped = False

    def _poll_forever(self) -> None:
        while not self.stopped:
            msg = self.consumer.poll(1.0)
            if msg is None or msg.error():
                continue
            self.records.put_nowait(json.loads(msg.value()))

    async def run(self) -> None:
        await asyncio.to_thread(self._poll_forever)


class KafkaPollerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, conf: dict, topic: str):
        self.consumer = Consumer(conf)
        self.consumer.subscribe([topic])
        self.records: asyncio.Queue[dict] = asyncio.Queue(maxsize=500)
        self.stopped = False

    def _poll_forever(self, loop: asyncio.AbstractEventLoop) -> None:
        while not self.stopped:
            msg = self.consumer.poll(1.0)
            if msg is None or msg.error():
                continue
            fut = asyncio.run_coroutine_threadsafe(self.records.put(json.loads(msg.value())), loop)
            fut.result()

    async def run(self) -> None:
        await asyncio.to_thread(self._poll_forever, asyncio.get_running_loop())


class KafkaBatchPoller:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, conf: dict, topic: str):
        self.consumer = Consumer(conf)
        self.consumer.subscribe([topic])

    def _poll_batch(self) -> list[dict]:
        msgs = self.consumer.consume(num_messages=100, timeout=1.0)
        return [json.loads(m.value()) for m in msgs if not m.error()]

    async def next_batch(self) -> list[dict]:
        return await asyncio.to_thread(self._poll_batch)


def subscribe_invalidations(r: redis.Redis, cache_events: asyncio.Queue) -> object:  # expect: thread-unsafe-capture
    def on_invalidate(message) -> None:
        cache_events.put_nowait(message["data"])

    pubsub = r.pubsub()
    pubsub.subscribe(**{"cache:invalidate": on_invalidate})
    return pubsub.run_in_thread(sleep_time=0.05, daemon=True)


def subscribe_invalidations_safe(r: redis.Redis, cache_events: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> object:  # expect: clean  # near: thread-unsafe-capture
    def on_invalidate(message) -> None:
        loop.call_soon_threadsafe(cache_events.put_nowait, message["data"])

    pubsub = r.pubsub()
    pubsub.subscribe(**{"cache:invalidate": on_invalidate})
    return pubsub.run_in_thread(sleep_time=0.05, daemon=True)


class RabbitConsumer:  # expect: thread-unsafe-capture, blocking-call, ?dangling-task
    def __init__(self, url: str):
        self.conn = pika.BlockingConnection(pika.URLParameters(url))
        self.channel = self.conn.channel()
        self.jobs: asyncio.Queue[bytes] = asyncio.Queue(maxsize=100)

    def _on_job(self, ch, method, properties, body) -> None:
        self.jobs.put_nowait(body)
        ch.basic_ack(delivery_tag=method.delivery_tag)

    async def start(self) -> None:
        self.channel.basic_consume(queue="jobs", on_message_callback=self._on_job)
        loop = asyncio.get_running_loop()
        loop.run_in_executor(None, self.channel.start_consuming)


class RedisStreamBridge:  # expect: unbounded-queue
    def __init__(self, client, stream: str):
        self.client = client
        self.stream = stream
        self.pending: asyncio.Queue[dict] = asyncio.Queue()

    async def pump(self) -> None:
        last = "$"
        while True:
            entries = await self.client.xread({self.stream: last}, block=5000)
            for _stream, items in entries:
                for entry_id, fields in items:
                    last = entry_id
                    await self.pending.put(fields)


class KafkaToWebsocket:  # expect: clean, ?unbounded-queue  # near: unbounded-queue
    def __init__(self, consumer, max_buffer: int = 0):
        self.consumer = consumer
        self.buffer: asyncio.Queue[bytes] = asyncio.Queue(maxsize=max_buffer)

    async def pump(self) -> None:
        async for msg in self.consumer:
            await self.buffer.put(msg.value)

    async def drain_to(self, ws) -> None:
        while True:
            await ws.send_bytes(await self.buffer.get())


class AioKafkaToWebsocket:  # expect: clean  # near: unbounded-queue
    def __init__(self, consumer, settings):
        self.consumer = consumer
        self.buffer: asyncio.Queue[bytes] = asyncio.Queue(maxsize=settings.ws_buffer_size)

    async def pump(self) -> None:
        async for msg in self.consumer:
            await self.buffer.put(msg.value)
